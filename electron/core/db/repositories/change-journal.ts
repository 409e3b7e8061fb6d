/**
 * The change journal undo needs, kept by the repositories' write helpers themselves: a helper that writes a
 * row of an undoable table calls {@link journalRow} before it writes, and the row's state before the write is
 * noted in the journal of the command running on that connection. The recorder (activity-recorder.ts) opens
 * the journal for the outermost command and hands the noted rows, with their state after, to the next event
 * the command records, so a command cannot forget to make its writes undoable.
 *
 * Outside a command nothing is noted (a write helper costs one map look-up more). Writes that are not undone
 * row by row (generated demo data, a held stand-up) run inside {@link withoutJournal}; whole commands that are
 * not undoable (a CRM sync, an import over the undoable limit) run with `runCommand`'s `undoable: false`. The
 * helpers that only such writers use do not journal: the sync's own ones (crm-repository.ts) and the
 * whole-table ones of a restore or the demo's removal (import-repository.ts), which are also the only writers
 * of the seeded `lifecycle_stages` and `reason_codes`.
 */
import type Database from 'better-sqlite3';
import { rowOf, sameRow, type DbRow, type UndoableTable } from './rows-repository';

/**
 * One row a command changed, as raw database rows: `SELECT *` rows, snake_case, before and after; `before`
 * null for an insert, `after` null for a hard delete (deletes of entities are soft, so `after` then has
 * `deleted_at` set).
 */
export interface RowChange {
  table: string;
  /** the row's primary key; '<a>|<b>' for a composite key, the key for `settings` */
  id: string;
  /** the row before the command; null when the command inserted it */
  before: DbRow | null;
  /** the row after the command; null when the command deleted it for good */
  after: DbRow | null;
}

/** A row noted before its first write, with its state then. */
export interface TrackedRow {
  table: UndoableTable;
  id: string;
  before: DbRow | null;
}

interface Journal {
  rows: TrackedRow[];
  /** how many {@link withoutJournal} calls are running */
  paused: number;
}

const journals = new WeakMap<Database.Database, Journal>();

/**
 * Opens the journal of a command on `db`, or joins the one already open (a command called from inside
 * another). Returns whether this call opened it, and so must close it.
 */
export function openJournal(db: Database.Database): boolean {
  if (journals.has(db)) return false;
  journals.set(db, { rows: [], paused: 0 });
  return true;
}

/** Closes the journal of `db`; what it still holds is dropped. */
export function closeJournal(db: Database.Database): void {
  journals.delete(db);
}

/**
 * Notes a row of `table` (its id as rows-repository.ts spells it) before a write helper writes it: its state
 * now, or its absence. A row already noted keeps its first state. Does nothing outside a command.
 */
export function journalRow(db: Database.Database, table: UndoableTable, id: string): void {
  const journal = journals.get(db);
  if (journal === undefined || journal.paused > 0) return;
  if (journal.rows.some((row) => row.table === table && row.id === id)) return;
  journal.rows.push({ table, id, before: rowOf(db, table, id) });
}

/** Runs `work` without noting its writes: for writes that are not undone row by row. */
export function withoutJournal<T>(db: Database.Database, work: () => T): T {
  const journal = journals.get(db);
  if (journal === undefined) return work();
  journal.paused += 1;
  try {
    return work();
  } finally {
    journal.paused -= 1;
  }
}

/**
 * The noted rows with their state now, in the order first written; rows that ended as they were drop out.
 * Without `take`, the journal keeps them (to ask whether a command changed anything at all).
 */
export function journalledChanges(db: Database.Database, options: { take?: boolean } = {}): RowChange[] {
  const journal = journals.get(db);
  if (journal === undefined) return [];
  const changes = changesOf(db, journal.rows);
  if (options.take === true) journal.rows = [];
  return changes;
}

/** Tracked rows as changes: their state now beside their state before; unchanged rows drop out. */
function changesOf(db: Database.Database, rows: readonly TrackedRow[]): RowChange[] {
  return rows
    .map(({ table, id, before }) => ({ table, id, before, after: rowOf(db, table, id) }))
    .filter((change) => !(sameRow(change.after, change.before) && sameRow(change.before, change.after)));
}
