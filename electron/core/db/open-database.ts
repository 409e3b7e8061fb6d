import Database from 'better-sqlite3';
import { runMigrations } from './migrate';

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** skip migrations (used by tests that build a file at an older version) */
  migrate?: boolean;
}

/**
 * Opens the one writer connection to the Alignboard database file and brings its schema up to date.
 * WAL lets displays read while a write goes on; synchronous=FULL because an acknowledged write on a
 * kiosk that loses power must still be there; the busy timeout rides out a backup or a second process.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (options.migrate !== false) runMigrations(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
