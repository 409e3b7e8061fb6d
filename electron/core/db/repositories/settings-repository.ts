import type Database from 'better-sqlite3';
import { journalRow } from './change-journal';

/** Reads one setting's JSON value, or undefined when it was never set. */
export function getSetting<T>(db: Database.Database, key: string): T | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row === undefined ? undefined : (JSON.parse(row.value) as T);
}

/** When one setting was last written (epoch ms), or undefined when it was never set. */
export function getSettingUpdatedAt(db: Database.Database, key: string): number | undefined {
  const row = db.prepare('SELECT updated_at FROM settings WHERE key = ?').get(key) as
    { updated_at: number } | undefined;
  return row?.updated_at;
}

/** Writes one setting as JSON (insert or replace). */
export function setSetting(db: Database.Database, key: string, value: unknown, at: number): void {
  journalRow(db, 'settings', key);
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), at);
}

/** Removes one setting, so that its default applies again. */
export function deleteSetting(db: Database.Database, key: string): void {
  journalRow(db, 'settings', key);
  db.prepare('DELETE FROM settings WHERE key = ?').run(key);
}
