import fs from 'node:fs';
import Database from 'better-sqlite3';
import { runMigrations } from './migrate';
import { applyConnectionPragmas } from './pragmas';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** skip migrations (used by tests that build a file at an older version) */
  migrate?: boolean;
}

/** Why the database file could not be trusted at start (`quick_check`'s first findings, or SQLite's error). */
export interface DatabaseDamage {
  reason: string;
}

/** What {@link openLiveDatabase} opened: a writable, migrated connection, or a read-only one over a damaged file. */
export interface OpenedDatabase {
  db: Database.Database;
  /** null when the file passed `quick_check`; otherwise the connection is read-only */
  corrupt: DatabaseDamage | null;
}

/**
 * Opens the one writer connection to the Alignboard database file and brings its schema up to date, with
 * the connection settings of pragmas.ts (WAL, synchronous=FULL, foreign keys, busy timeout).
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const db = new Database(file);
  try {
    applyConnectionPragmas(db);
    if (options.migrate !== false) runMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens the live database at start: an existing file is first checked with `PRAGMA quick_check` on a
 * read-only connection (which writes nothing, not even a checkpoint). A file that passes is opened as
 * {@link openDatabase} does; a damaged one is opened READ-ONLY — no migrations, no demo data, no writes —
 * so that the wall can still show what is readable and the admin can restore a backup, while the damaged
 * bytes stay exactly as they were for whoever wants to rescue them.
 */
export function openLiveDatabase(file: string): OpenedDatabase {
  if (file === ':memory:' || !fs.existsSync(file)) return { db: openDatabase(file), corrupt: null };
  const problem = quickCheck(file);
  if (problem === null) return { db: openDatabase(file), corrupt: null };
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // A second lock on the door: even a statement that slipped past the dispatcher cannot write.
    db.pragma('query_only = ON');
  } catch {
    // A file too damaged for even these still gets its read-only connection; every read will fail clearly.
  }
  return { db, corrupt: { reason: problem } };
}

/**
 * SQLite's `quick_check` of a file, on a read-only connection of its own. Returns null when the file is
 * fine, or what is wrong (the first three findings). Errors that mean "damaged" (SQLITE_CORRUPT,
 * SQLITE_NOTADB) count as findings; any other error (no permission, locked) is thrown, since it says
 * nothing about the data.
 */
export function quickCheck(file: string): string | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
    return problems.length === 0 ? null : problems.slice(0, 3).join('; ');
  } catch (error) {
    if (isDamageError(error)) return (error as Error).message;
    throw error;
  } finally {
    db?.close();
  }
}

/** Whether an error is SQLite saying that the file is damaged or is not a database at all. */
export function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB'));
}
