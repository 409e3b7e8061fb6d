/**
 * The one way the app writes: a command's work runs in one transaction together with the activity events
 * it records, and the events reach the displays only once that transaction has committed. A display can
 * therefore never show a change that was rolled back, and the log can never miss a change that was kept.
 *
 * UNDO CONVENTION. Every write command's event carries, in `payload.changes`, the raw rows it changed
 * ({@link RowChange}: `SELECT *` rows, snake_case, before and after; `before` null for an insert, `after` null
 * for a hard delete; deletes of entities are soft, so `after` then has `deleted_at` set).
 *
 * The write helpers of the repositories keep that journal themselves (change-journal.ts): each notes the rows
 * it is about to write in the journal of the running command, and `record` hands the rows written since the
 * previous event to the event it records. A command only has to write every row before its first event; it
 * does nothing else for undo:
 *
 *     updateLeadLifecycle(db, lead.id, patch, now);   // journals the lead's row as it was
 *     insertLeadTransition(db, { … });                 // journals the transition's absence
 *     record({ type: 'lead.stage_changed', entity: 'lead', entityId: lead.id, payload });
 *
 * Rules: one event per command carries the changes of the whole command (a won deal's event also carries
 * its lead becoming a customer and the lead's transition row), so every row is written before that event;
 * later events of the same command carry only what was written after the previous one. Rows are listed in
 * the order first written (undo restores them in reverse, so a child row inserted after its parent is
 * removed before it). Tables with a composite key are journalled row by row with the id `<a>|<b>` (e.g.
 * `sprint_goal_owners` '<goal_id>|<person_id>'); `settings` rows by their key. Only tables of
 * `UNDOABLE_TABLES` (rows-repository.ts) can be journalled. undo-service.ts restores an event's `before` rows
 * when every row still equals its `after`; it passes the rows it restored as `record({ …, changes })` (it
 * writes them through rows-repository.ts, which does not journal), and the journal's rows are added to them.
 *
 * A command whose writes must not be offered for undo (a CRM sync, a large import, the demo's data) runs with
 * `{ undoable: false }`, or puts those writes in `withoutJournal`.
 */
import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { ActivityEventType, ActivityEvents, RecordedPayloadExtras } from '@shared/activity-events';
import type { ActivityEvent } from '@shared/domain';
import type { CoreContext } from '../../context';
import { appendActivityEvent, toPublicEvent } from '../../db/repositories/activity-repository';
import {
  closeJournal,
  journalledChanges,
  openJournal,
  withoutJournal,
  type RowChange,
} from '../../db/repositories/change-journal';
import { keepFigureAnchorsCurrent } from './figure-maintenance';

/**
 * What a command says happened, an event of {@link ActivityEvents} with its payload; the recorder adds id,
 * time, machine and sequence number.
 */
export interface NewActivity<K extends ActivityEventType = ActivityEventType> {
  /** past tense, `entity.verb`, e.g. 'deal.won' */
  type: K;
  /** e.g. 'deal', 'lead' */
  entity: string;
  entityId: string;
  /** the person who did it, when known */
  actorId?: string | null;
  /**
   * When it happened, if not now: a change discovered by a CRM sync carries the CRM's time of the change.
   */
  at?: number;
  /** a snapshot of what the wall needs to render the event without joins */
  payload: ActivityEvents[K] & Pick<RecordedPayloadExtras, 'partOf'>;
  /**
   * rows the command changed without its write helpers journalling them (undo's own rows); stored, with the
   * journal's, as `payload.changes`
   */
  changes?: RowChange[];
}

export type { RowChange } from '../../db/repositories/change-journal';

/**
 * Records one event in the running command's transaction and returns it as stored. The event's name must
 * be one of {@link ActivityEvents} and its payload that event's.
 */
export type RecordActivity = <K extends ActivityEventType>(event: NewActivity<K>) => ActivityEvent;

// Connections on which the demo is simulating activity: the events recorded meanwhile carry `demo: true`.
const simulating = new WeakSet<Database.Database>();

/**
 * Runs `work` (commands on `db`) as the demo's simulated activity: every event recorded meanwhile has
 * `demo: true` in its payload, so that nobody takes it for a person's action.
 */
export function asDemoActivity<T>(db: Database.Database, work: () => T): T {
  simulating.add(db);
  try {
    return work();
  } finally {
    simulating.delete(db);
  }
}

// Events of the outermost command running on each connection: a command called from inside another joins
// the outer one, whose commit alone decides whether the events are delivered.
const pending = new WeakMap<Database.Database, ActivityEvent[]>();

/**
 * Runs `work` inside one database transaction, giving it `record` to append activity events; commits,
 * then emits every recorded event on `ctx.bus` as 'activity.recorded', in order. If `work` throws, the
 * transaction rolls back, nothing is emitted and the error propagates. `work` must be synchronous
 * (better-sqlite3 transactions cannot span an await). With `undoable: false` nothing `work` writes is
 * journalled, so its events carry no rows and cannot be undone.
 */
export function runCommand<T>(
  ctx: CoreContext,
  work: (record: RecordActivity) => T,
  options: { undoable?: boolean } = {},
): T {
  const { db } = ctx;
  const outer = pending.get(db);
  const recorded = outer ?? [];
  const mark = recorded.length;
  const record: RecordActivity = <K extends ActivityEventType>(event: NewActivity<K>) => {
    const changes = withJournalled(event.changes, journalledChanges(db, { take: true }));
    const stored = appendActivityEvent(db, {
      id: uuidv7(),
      at: event.at ?? ctx.clock.now(),
      machineId: ctx.machineId,
      type: event.type,
      entity: event.entity,
      entityId: event.entityId,
      actorId: event.actorId ?? null,
      payload: {
        ...event.payload,
        ...(changes === undefined ? {} : { changes }),
        ...(simulating.has(db) ? { demo: true } : {}),
      },
    });
    recorded.push(stored);
    return stored;
  };
  const transaction = db.transaction(() => {
    const result = options.undoable === false ? withoutJournal(db, () => work(record)) : work(record);
    if (result instanceof Promise) {
      // Throwing here rolls the transaction back instead of committing half a command at the first await.
      throw new TypeError('runCommand work must be synchronous');
    }
    // Once per outermost command that changed something: the figures' time anchor follows the clock
    // (figure-maintenance.ts); a command that records nothing writes nothing.
    if (outer === undefined && recorded.length > 0) keepFigureAnchorsCurrent(db, ctx.clock.now());
    return result;
  });

  if (outer !== undefined) {
    try {
      // Nested: a savepoint inside the outer transaction; the outer command emits after its commit.
      return transaction();
    } catch (error) {
      recorded.length = mark;
      throw error;
    }
  }

  pending.set(db, recorded);
  const journalOpened = openJournal(db);
  let result: T;
  try {
    result = transaction();
  } finally {
    pending.delete(db);
    if (journalOpened) closeJournal(db);
  }
  // Displays get the event without the raw rows that only undo needs.
  for (const event of recorded) ctx.bus.emit('activity.recorded', toPublicEvent(event));
  return result;
}

/**
 * The changes an event carries: those the command passed itself, then the journal's rows it did not; the
 * journal's alone when it passed none. Undefined when there are none at all.
 */
function withJournalled(tracked: RowChange[] | undefined, journalled: RowChange[]): RowChange[] | undefined {
  if (tracked === undefined) return journalled.length > 0 ? journalled : undefined;
  const known = new Set(tracked.map((change) => `${change.table}\u0000${change.id}`));
  return [...tracked, ...journalled.filter((change) => !known.has(`${change.table}\u0000${change.id}`))];
}
