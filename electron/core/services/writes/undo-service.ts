/**
 * History and undo, built on the activity log: every write command's event carries the raw rows it
 * changed (`payload.changes`, the undo convention in activity-recorder.ts), so any of them can be put back.
 *
 * - An event is UNDOABLE when it has changes, has not been undone yet, and every row it changed is still
 *   exactly its `after` (a later change to the same row makes undoing it unsafe: it would throw that later
 *   change away), and writing the `before` rows back keeps every foreign key intact (an inserted row that
 *   other rows now refer to cannot be removed; a row cannot come back pointing at a row that is gone).
 * - UNDO writes each change's `before` back in reverse order, in one transaction: `before` null (an insert)
 *   deletes the row, `after` null (a hard delete) inserts it again, otherwise the row is updated to
 *   `before` — exactly, `updated_at` included. Soft deletes are undone like any update. Then every lead the
 *   rows touch follows its won deals again (customer-state.ts), so undoing the win that made a customer
 *   keeps it a customer when another won deal holds it, at that deal's close time. The triggers that
 *   keep the figure aggregates follow these writes like any other. Undo then records a 'change.undone' event
 *   naming `undoneEventId`, with the reverse changes of its own: undoing THAT redoes the change. An event is
 *   "undone" once a 'change.undone' event names it, and is never offered again.
 * - Only tables and columns of the whitelist in rows-repository.ts are ever written; a payload naming
 *   anything else makes the event not undoable rather than reaching SQL.
 */
import type Database from 'better-sqlite3';
import { isEventOf, type ActivityEventType } from '@shared/activity-events';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import { describeActivity } from '@shared/describe-activity';
import type { ActivityEvent } from '@shared/domain';
import type { HistoryEntry } from '@shared/records';
import type { CoreContext } from '../../context';
import { getActivityEvent, listEventsWithChanges, listUndoneEventIds } from '../../db/repositories/activity-repository';
import {
  deleteRow,
  insertRow,
  foreignKeyTargets,
  isUndoableTable,
  referencesTo,
  rowOf,
  sameRow,
  unknownColumns,
  updateRow,
  type DbRow,
  type UndoableTable,
} from '../../db/repositories/rows-repository';
import { runCommand, type RecordActivity, type RowChange } from '../support/activity-recorder';
import { followWonDeals } from '../support/customer-state';
import { getDisplaySettings } from '../support/settings-service';

/** The event type undo records. */
export const UNDONE_EVENT_TYPE = 'change.undone' satisfies ActivityEventType;
/** How many changes back `undo` without an id looks for the newest undoable one. */
const NEWEST_UNDOABLE_SEARCH = 200;

/** A change whose table is on the whitelist. */
interface CheckedChange extends RowChange {
  table: UndoableTable;
}

/**
 * The newest changes first (events that carry `changes`), at most `limit`, each with the words of the
 * activity feed and whether it can be undone now.
 */
export function listHistory(ctx: CoreContext, input: MethodParsedInput<'history.recent'>): HistoryEntry[] {
  const events = listEventsWithChanges(ctx.db, { limit: input.limit });
  const undone = listUndoneEventIds(ctx.db, events);
  const currency = getDisplaySettings(ctx).currency;
  return events.map((event) => toEntry(event, currency, blocker(ctx.db, event, undone) === null));
}

/**
 * Undoes one change: the event `eventId`, or without it the newest undoable change that is not itself an
 * undo (so repeated calls walk back through the history; undoing an undo — a redo — takes its id). Errors: `not_found` on
 * 'eventId' when there is no such event; `conflict` "This change cannot be undone any more: <why>" when it
 * is not undoable (see the module comment), or "There is nothing to undo." Returns the undone change's
 * history entry (now not undoable). Event: 'change.undone'.
 */
export function undo(ctx: CoreContext, input: MethodParsedInput<'history.undo'>): HistoryEntry {
  try {
    return runCommand(ctx, (record) => undoIn(ctx, input, record));
  } catch (error) {
    // Foreign keys are checked at the commit (see below); the checks before make a failure there unlikely,
    // and if one happens anyway, everything was rolled back and the caller hears why in plain words.
    if (isConstraintError(error)) {
      throw new ApiError(
        'conflict',
        'This change cannot be undone any more: it no longer fits with the records around it.',
      );
    }
    throw error;
  }
}

/** The work of {@link undo}, inside its command's transaction. */
function undoIn(ctx: CoreContext, input: MethodParsedInput<'history.undo'>, record: RecordActivity): HistoryEntry {
  const { db } = ctx;
  let event: ActivityEvent;
  if (input.eventId !== undefined) {
    const found = getActivityEvent(db, input.eventId);
    if (found === undefined) {
      throw new ApiError('not_found', `There is no change with the id "${input.eventId}".`, 'eventId');
    }
    event = found;
  } else {
    const candidates = listEventsWithChanges(db, { limit: NEWEST_UNDOABLE_SEARCH });
    const undone = listUndoneEventIds(db, candidates);
    // Undo events are skipped here, so that undoing again and again walks back through the history
    // instead of redoing what was just undone; a redo names the undo event's id.
    const newest = candidates.find(
      (candidate) => !isEventOf(candidate, UNDONE_EVENT_TYPE) && blocker(db, candidate, undone) === null,
    );
    if (newest === undefined) throw new ApiError('conflict', 'There is nothing to undo.');
    event = newest;
  }
  const why = blocker(db, event, listUndoneEventIds(db, [event]));
  if (why !== null) {
    const field = input.eventId === undefined ? undefined : 'eventId';
    throw new ApiError('conflict', `This change cannot be undone any more: ${why}.`, field);
  }

  const changes = checkedChanges(event)!;
  // Customer state follows the deals: a lead whose won deal this undo takes back (or brings back) is put in
  // line afterwards, including a lead that only another row of this event pointed at.
  const leadIds = affectedLeadIds(changes);
  const outside = leadIds.filter((id) => !changes.some((change) => change.table === 'leads' && change.id === id));
  const outsideBefore = new Map(outside.map((id) => [id, rowOf(db, 'leads', id)]));
  // The rows go back in reverse order, and foreign keys are checked once all are back (at the commit;
  // SQLite resets this at the end of the transaction), so the order in which a command tracked its rows
  // cannot make a valid undo fail halfway.
  db.pragma('defer_foreign_keys = ON');
  for (const change of [...changes].reverse()) restore(db, change);
  // The transitions this writes are journalled (change-journal.ts): `record` adds them after `reverse`.
  followWonDeals(db, leadIds, ctx.clock.now());
  const reverse: RowChange[] = [...changes].reverse().map((change) => ({
    table: change.table,
    id: change.id,
    before: change.after,
    after: rowOf(db, change.table, change.id),
  }));
  for (const [id, before] of outsideBefore) {
    const after = rowOf(db, 'leads', id);
    if (!sameRow(after, before)) reverse.push({ table: 'leads', id, before, after });
  }
  // The undo event words itself from the undone event's snapshot (describe-activity.ts), not its rows.
  const snapshot: Record<string, unknown> = { ...event.payload };
  delete snapshot.changes;
  record({
    type: UNDONE_EVENT_TYPE,
    entity: event.entity,
    entityId: event.entityId,
    payload: { undoneEventId: event.id, undoneType: event.type, undonePayload: snapshot },
    changes: reverse,
  });
  return toEntry(event, getDisplaySettings(ctx).currency, false);
}

/** The leads whose customer state an undo of `changes` may move: those changed, and those of changed deals. */
function affectedLeadIds(changes: readonly CheckedChange[]): string[] {
  const ids = new Set<string>();
  for (const change of changes) {
    if (change.table === 'leads') ids.add(change.id);
    if (change.table !== 'deals') continue;
    for (const row of [change.before, change.after]) {
      if (typeof row?.lead_id === 'string') ids.add(row.lead_id);
    }
  }
  return [...ids];
}

function isConstraintError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('SQLITE_CONSTRAINT');
}

/**
 * Writes one change's `before` back. The checks before it rule out what the schema would refuse; a
 * constraint that fails anyway (say a UNIQUE key taken since) is reported as a conflict, and the whole
 * undo rolls back with it.
 */
function restore(db: Database.Database, change: CheckedChange): void {
  try {
    if (change.before === null) deleteRow(db, change.table, change.id);
    else if (change.after === null) insertRow(db, change.table, change.before);
    else updateRow(db, change.table, change.id, change.before);
  } catch (error) {
    if (isConstraintError(error)) {
      throw new ApiError(
        'conflict',
        `This change cannot be undone any more: ${describeRow(change.table)} no longer fits with the records around it (${error.message}).`,
      );
    }
    throw error;
  }
}

/** The event's changes if every one names a whitelisted table and columns, else null. */
function checkedChanges(event: ActivityEvent): CheckedChange[] | null {
  const raw = event.payload.changes;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const changes: CheckedChange[] = [];
  for (const item of raw as unknown[]) {
    if (item === null || typeof item !== 'object') return null;
    const { table, id, before, after } = item as Record<string, unknown>;
    if (typeof table !== 'string' || typeof id !== 'string') return null;
    if (!isRow(before) || !isRow(after) || (before === null && after === null)) return null;
    changes.push({ table: table as UndoableTable, id, before, after });
  }
  return changes;
}

function isRow(value: unknown): value is DbRow | null {
  return value === null || (typeof value === 'object' && !Array.isArray(value));
}

/**
 * Why the event cannot be undone now, in plain words, or null when it can. `undone` holds the ids of
 * events already undone (among those asked about).
 */
function blocker(db: Database.Database, event: ActivityEvent, undone: ReadonlySet<string>): string | null {
  if (undone.has(event.id)) return 'it was undone already';
  const changes = checkedChanges(event);
  if (changes === null) return 'it did not record what it changed';
  for (const change of changes) {
    if (!isUndoableTable(db, change.table)) return `it changed "${change.table}", which undo does not know`;
    for (const row of [change.before, change.after]) {
      const unknown = row === null ? [] : unknownColumns(db, change.table, row);
      if (unknown.length > 0) return `the database no longer has the column "${unknown[0]}" of ${change.table}`;
    }
  }
  for (const change of changes) {
    if (!sameRow(rowOf(db, change.table, change.id), change.after)) {
      return `${describeRow(change.table)} has been changed again since`;
    }
  }
  // Foreign keys must hold once every row is back: an inserted row this undo removes may only be referred
  // to by rows it rewrites too (their restored values are checked below), and a restored row may only point
  // at rows that exist afterwards.
  const rewritten = changes.map(({ table, id }) => ({ table, id }));
  const removed = new Set(changes.filter((change) => change.before === null).map(rowKey));
  const reinserted = new Set(changes.filter((change) => change.after === null).map(rowKey));
  for (const change of changes) {
    if (change.before === null) {
      const references = referencesTo(db, change.table, change.after!, rewritten);
      if (references.length > 0) {
        const what = references.map((reference) => counted(reference.count, reference.table)).join(' and ');
        return `${describeRow(change.table)} is referred to by ${what} now`;
      }
      continue;
    }
    for (const target of foreignKeyTargets(db, change.table, change.before)) {
      const key = rowKey({ table: target.parentTable, id: target.parentId });
      const exists = (target.exists && !removed.has(key)) || reinserted.has(key);
      if (!exists)
        return `${describeRow(change.table)} would point at ${describeTable(target.parentTable, 1)} that no longer exists`;
    }
  }
  return null;
}

function rowKey(row: { table: string; id: string }): string {
  return `${row.table}\u0000${row.id}`;
}

/** The history entry of an event, worded as the activity feed words it. */
function toEntry(event: ActivityEvent, currency: string, undoable: boolean): HistoryEntry {
  return {
    eventId: event.id,
    seq: event.seq,
    at: event.at,
    type: event.type,
    entity: event.entity,
    entityId: event.entityId,
    summary: describeActivity(event, currency).headline,
    undoable,
  };
}

/** Plain words for a table's rows. */
const TABLE_WORDS: Record<string, [one: string, many: string]> = {
  people: ['person', 'people'],
  campaigns: ['campaign', 'campaigns'],
  leads: ['lead', 'leads'],
  lead_transitions: ['lead stage change', 'lead stage changes'],
  deals: ['deal', 'deals'],
  lead_reviews: ['lead review', 'lead reviews'],
  lead_review_reasons: ['review reason', 'review reasons'],
  sprints: ['sprint', 'sprints'],
  sprint_goals: ['sprint goal', 'sprint goals'],
  sprint_goal_owners: ['goal owner', 'goal owners'],
  sprint_goal_progress: ['goal progress entry', 'goal progress entries'],
  retrospectives: ['retrospective', 'retrospectives'],
  action_items: ['action item', 'action items'],
  glossary_terms: ['glossary definition', 'glossary definitions'],
  meetings: ['meeting', 'meetings'],
  meeting_runs: ['held meeting', 'held meetings'],
  sla_terms: ['SLA terms entry', 'SLA terms entries'],
  kpis: ['KPI', 'KPIs'],
  kpi_targets: ['KPI target', 'KPI targets'],
  settings: ['setting', 'settings'],
  activity_events: ['activity entry', 'activity entries'],
  pipeline_stages: ['pipeline stage', 'pipeline stages'],
  reason_codes: ['reason code', 'reason codes'],
  lifecycle_stages: ['lifecycle stage', 'lifecycle stages'],
};

function wordsFor(table: string): [one: string, many: string] {
  return TABLE_WORDS[table] ?? [table.replaceAll('_', ' '), table.replaceAll('_', ' ')];
}

/** "a lead", "an action item", "deals" */
function describeTable(table: string, count = 2): string {
  const [one, many] = wordsFor(table);
  if (count !== 1) return many;
  return /^[aeiou]/i.test(one) ? `an ${one}` : `a ${one}`;
}

/** "1 deal", "3 deals" */
function counted(count: number, table: string): string {
  const [one, many] = wordsFor(table);
  return `${count} ${count === 1 ? one : many}`;
}

/** "the lead" */
function describeRow(table: string): string {
  return `the ${wordsFor(table)[0]}`;
}
