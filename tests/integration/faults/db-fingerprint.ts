import crypto from 'node:crypto';
import type Database from 'better-sqlite3';

/** SQLite's count of rows changed on this connection since it opened (grows with every completed write). */
export function totalChanges(db: Database.Database): number {
  return db.prepare('SELECT total_changes()').pluck().get() as number;
}

/** A hash of every row of every table, in rowid order: equal fingerprints mean equal data. */
export function fingerprint(db: Database.Database): string {
  const hash = crypto.createHash('sha256');
  const tables = db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  for (const table of tables) {
    hash.update(`\u0000${table}\u0000`);
    for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY 1`).iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}
