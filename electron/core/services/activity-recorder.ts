/**
 * The one way the app writes: a command's work runs in one transaction together with the activity events
 * it records, and the events reach the displays only once that transaction has committed. A display can
 * therefore never show a change that was rolled back, and the log can never miss a change that was kept.
 */
import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { ActivityEvent } from '@shared/domain';
import type { CoreContext } from '../context';
import { appendActivityEvent } from '../db/repositories/activity-repository';

/** What a command says happened; the recorder adds id, time, machine and sequence number. */
export interface NewActivity {
  /** past tense, `entity.verb`, e.g. 'deal.won' */
  type: string;
  /** e.g. 'deal', 'lead' */
  entity: string;
  entityId: string;
  /** the person who did it, when known */
  actorId?: string | null;
  /** a snapshot of what the wall needs to render the event without joins */
  payload?: Record<string, unknown>;
}

/** Records one event in the running command's transaction and returns it as stored. */
export type RecordActivity = (event: NewActivity) => ActivityEvent;

// Events of the outermost command running on each connection: a command called from inside another joins
// the outer one, whose commit alone decides whether the events are delivered.
const pending = new WeakMap<Database.Database, ActivityEvent[]>();

/**
 * Runs `work` inside one database transaction, giving it `record` to append activity events; commits,
 * then emits every recorded event on `ctx.bus` as 'activity.recorded', in order. If `work` throws, the
 * transaction rolls back, nothing is emitted and the error propagates. `work` must be synchronous
 * (better-sqlite3 transactions cannot span an await).
 */
export function runCommand<T>(ctx: CoreContext, work: (record: RecordActivity) => T): T {
  const { db } = ctx;
  const outer = pending.get(db);
  const recorded = outer ?? [];
  const mark = recorded.length;
  const record: RecordActivity = (event) => {
    const stored = appendActivityEvent(db, {
      id: uuidv7(),
      at: ctx.clock.now(),
      machineId: ctx.machineId,
      type: event.type,
      entity: event.entity,
      entityId: event.entityId,
      actorId: event.actorId ?? null,
      payload: event.payload ?? {},
    });
    recorded.push(stored);
    return stored;
  };
  const transaction = db.transaction(() => {
    const result = work(record);
    if (result instanceof Promise) {
      // Throwing here rolls the transaction back instead of committing half a command at the first await.
      throw new TypeError('runCommand work must be synchronous');
    }
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
  let result: T;
  try {
    result = transaction();
  } finally {
    pending.delete(db);
  }
  for (const event of recorded) ctx.bus.emit('activity.recorded', event);
  return result;
}
