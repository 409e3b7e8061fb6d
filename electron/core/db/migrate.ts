import type Database from 'better-sqlite3';
import { migrations as shippedMigrations, type Migration } from './migrations';

/** What a migration run did. */
export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

/**
 * Brings the schema up to the newest migration. Each migration runs in its own transaction together with
 * the `user_version` bump, so a migration that throws leaves both the schema and the version as they were.
 * Refuses a file written by a newer Alignboard rather than guessing at a schema it does not know.
 */
export function runMigrations(db: Database.Database, migrations: Migration[] = shippedMigrations): MigrationReport {
  checkSequence(migrations);
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) {
    throw new Error(
      `the database is at schema version ${from}, newer than this Alignboard knows (${latest}); update the app`,
    );
  }
  const applied: string[] = [];
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    const apply = db.transaction(() => {
      db.exec(migration.sql);
      // PRAGMA takes no bound parameters; the version is an integer we parsed ourselves.
      db.pragma(`user_version = ${Math.trunc(migration.version)}`);
    });
    try {
      apply();
    } catch (error) {
      throw new Error(`migration ${migration.version}_${migration.name} failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    applied.push(`${String(migration.version).padStart(4, '0')}_${migration.name}`);
  }
  return { from, to: Math.max(from, latest), applied };
}

/** Versions must be 1, 2, 3 … with no gap, or a file could be skipped without anyone noticing. */
function checkSequence(migrations: Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`migrations must be numbered 1, 2, 3 …; found ${migration.version} at position ${index + 1}`);
    }
  });
}
