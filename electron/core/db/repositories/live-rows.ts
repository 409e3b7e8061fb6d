/**
 * What every entity's repository does with its live rows (rows not soft-deleted): add one, read one or all,
 * change some columns of one, or mark one deleted. Every write notes the row in the command's change
 * journal first, so that it can be undone, and stamps `updated_at`. Table and column names come from the
 * repositories' own code, never from input, so the SQL built here carries no user text.
 */
import type Database from 'better-sqlite3';
import { journalRow } from './change-journal';
import type { UndoableTable } from './rows-repository';
import { prepared } from './statements';

/** The undoable tables whose rows have an `id`, `updated_at` and `deleted_at` (soft deletes). */
export type LiveTable = Extract<
  UndoableTable,
  | 'people'
  | 'campaigns'
  | 'leads'
  | 'deals'
  | 'sprints'
  | 'sprint_goals'
  | 'retrospectives'
  | 'action_items'
  | 'meetings'
>;

/** A value a column takes as it is. */
export type ColumnValue = string | number | null;

/** Column name → value, written in the order given. */
export type Columns = Readonly<Record<string, ColumnValue>>;

/** Adds the row `id` to `table` with `columns`, created and updated at `at`. */
export function insertLiveRow(db: Database.Database, table: LiveTable, id: string, columns: Columns, at: number) {
  journalRow(db, table, id);
  const names = ['id', ...Object.keys(columns), 'created_at', 'updated_at'];
  prepared(db, `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    id,
    ...Object.values(columns),
    at,
    at,
  );
}

/** Every live row of `table` as `columns` (a SELECT list, as for {@link getLiveRow}) reads it, in `orderBy`. */
export function listLiveRows<T>(db: Database.Database, table: LiveTable, columns: string, orderBy: string): T[] {
  return prepared(db, `SELECT ${columns} FROM ${table} WHERE deleted_at IS NULL ORDER BY ${orderBy}`).all() as T[];
}

/**
 * The live row `id` of `table` as `columns` (a SELECT list; aliases name the result's keys) reads it, or
 * undefined when there is none.
 */
export function getLiveRow<T>(db: Database.Database, table: LiveTable, columns: string, id: string): T | undefined {
  return prepared(db, `SELECT ${columns} FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) as T | undefined;
}

/**
 * Sets `columns` on the live row `id` of `table` and stamps `updated_at` with `at`; returns whether a live
 * row matched.
 */
export function updateLiveRow(db: Database.Database, table: LiveTable, id: string, columns: Columns, at: number) {
  journalRow(db, table, id);
  const sets = [...Object.keys(columns).map((column) => `${column} = ?`), 'updated_at = ?'].join(', ');
  return (
    prepared(db, `UPDATE ${table} SET ${sets} WHERE id = ? AND deleted_at IS NULL`).run(
      ...Object.values(columns),
      at,
      id,
    ).changes > 0
  );
}

/**
 * Marks the live row `id` of `table` deleted at `at` (soft: the row stays, so that undo can bring it back);
 * returns whether a live row matched.
 */
export function softDeleteLiveRow(db: Database.Database, table: LiveTable, id: string, at: number): boolean {
  return updateLiveRow(db, table, id, { deleted_at: at }, at);
}
