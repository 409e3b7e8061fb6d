import type Database from 'better-sqlite3';
import type { ActivityEventType } from '@shared/activity-events';
import type { ActivityEvent } from '@shared/domain';
import { prepared } from './statements';

// The event undo records, as the queries below name it.
const UNDONE: ActivityEventType = 'change.undone';

/** An event to append: everything but the local sequence number, which the database assigns. */
export type NewActivityEvent = Omit<ActivityEvent, 'seq'>;

interface ActivityRow {
  seq: number;
  id: string;
  at: number;
  machine_id: string;
  type: string;
  entity: string;
  entity_id: string;
  actor_id: string | null;
  payload: string;
}

function toEvent(row: ActivityRow): ActivityEvent {
  return {
    seq: row.seq,
    id: row.id,
    at: row.at,
    machineId: row.machine_id,
    type: row.type,
    entity: row.entity,
    entityId: row.entity_id,
    actorId: row.actor_id,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

const COLUMNS = 'seq, id, at, machine_id, type, entity, entity_id, actor_id, payload';

/**
 * An event as displays may see it: without the raw database rows that undo keeps in `payload.changes`
 * (they hold columns no wall shows, such as e-mail addresses). Only undo reads the full payload.
 */
export function toPublicEvent(event: ActivityEvent): ActivityEvent {
  const { payload } = event;
  if (!('changes' in payload) && !('undonePayload' in payload)) return event;
  const shown = withoutChanges(payload);
  const undone = shown.undonePayload;
  if (undone !== null && typeof undone === 'object')
    shown.undonePayload = withoutChanges(undone as Record<string, unknown>);
  return { ...event, payload: shown };
}

function withoutChanges(payload: Record<string, unknown>): Record<string, unknown> {
  const copy = { ...payload };
  delete copy.changes;
  return copy;
}

function toPublic(row: ActivityRow): ActivityEvent {
  return toPublicEvent(toEvent(row));
}

const INSERT_EVENT = `INSERT INTO activity_events (id, at, machine_id, type, entity, entity_id, actor_id, payload)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

/** An event's values in the order of {@link INSERT_EVENT}'s columns. */
function eventParams(event: NewActivityEvent) {
  return [
    event.id,
    event.at,
    event.machineId,
    event.type,
    event.entity,
    event.entityId,
    event.actorId,
    JSON.stringify(event.payload),
  ] as const;
}

/** Appends one event to the append-only log and returns it with its sequence number. */
export function appendActivityEvent(db: Database.Database, event: NewActivityEvent): ActivityEvent {
  const result = prepared(db, INSERT_EVENT).run(...eventParams(event));
  return { seq: Number(result.lastInsertRowid), ...event };
}

/**
 * Appends many events in the order given, reusing one prepared statement and returning nothing per row:
 * for imports and generated history, where millions of events go in. Runs in the caller's transaction (one
 * transaction per row would be a thousand times slower); returns how many were written.
 */
export function appendActivityEvents(db: Database.Database, events: Iterable<NewActivityEvent>): number {
  const insert = prepared(db, INSERT_EVENT);
  let written = 0;
  for (const event of events) {
    insert.run(...eventParams(event));
    written += 1;
  }
  return written;
}

/**
 * The newest events first (by sequence), optionally only those before `beforeSeq` (for paging back), as
 * displays may see them (see {@link toPublicEvent}).
 */
export function listActivityEvents(
  db: Database.Database,
  options: { limit: number; beforeSeq?: number },
): ActivityEvent[] {
  const rows = (
    options.beforeSeq === undefined
      ? prepared(db, `SELECT ${COLUMNS} FROM activity_events ORDER BY seq DESC LIMIT ?`).all(options.limit)
      : prepared(db, `SELECT ${COLUMNS} FROM activity_events WHERE seq < ? ORDER BY seq DESC LIMIT ?`).all(
          options.beforeSeq,
          options.limit,
        )
  ) as ActivityRow[];
  return rows.map(toPublic);
}

/** Every event about one entity, oldest first (history, undo). */
export function listActivityEventsForEntity(db: Database.Database, entity: string, entityId: string): ActivityEvent[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM activity_events WHERE entity = ? AND entity_id = ? ORDER BY seq`,
  ).all(entity, entityId) as ActivityRow[];
  return rows.map(toEvent);
}

/** Time of the newest event, or null when the log is empty (the activity slide's data age). */
export function getLatestActivityAt(db: Database.Database): number | null {
  return (prepared(db, `SELECT max(at) AS at FROM activity_events`).get() as { at: number | null }).at;
}

/** How many events the log holds. */
export function countActivityEvents(db: Database.Database): number {
  return (prepared(db, `SELECT count(*) AS n FROM activity_events`).get() as { n: number }).n;
}

/**
 * Events of the given types that happened in [from, to), newest first (by time, then sequence), at most
 * `limit` of them.
 */
export function listActivityEventsOfTypesBetween(
  db: Database.Database,
  options: { types: readonly ActivityEventType[]; from: number; to: number; limit: number },
): ActivityEvent[] {
  if (options.types.length === 0) return [];
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM activity_events
       WHERE at >= ? AND at < ? AND type IN (SELECT value FROM json_each(?))
       ORDER BY at DESC, seq DESC LIMIT ?`,
  ).all(options.from, options.to, JSON.stringify(options.types), options.limit) as ActivityRow[];
  return rows.map(toPublic);
}

/** One event by its id, or undefined. */
export function getActivityEvent(db: Database.Database, id: string): ActivityEvent | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM activity_events WHERE id = ?`).get(id) as ActivityRow | undefined;
  return row === undefined ? undefined : toEvent(row);
}

/**
 * The newest events first whose payload carries a non-empty `changes` array (the undo convention in
 * activity-recorder.ts), at most `limit` of them.
 */
export function listEventsWithChanges(db: Database.Database, options: { limit: number }): ActivityEvent[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM activity_events
      WHERE json_type(payload, '$.changes') = 'array' AND json_array_length(payload, '$.changes') > 0
      ORDER BY seq DESC LIMIT ?`,
  ).all(options.limit) as ActivityRow[];
  return rows.map(toEvent);
}

/**
 * Which of `events` a 'change.undone' event names as its `undoneEventId`. An undo event is filed under the
 * entity of the event it undid, so each look-up stays on the (entity, entity_id) index.
 */
export function listUndoneEventIds(
  db: Database.Database,
  events: readonly Pick<ActivityEvent, 'id' | 'entity' | 'entityId'>[],
): Set<string> {
  if (events.length === 0) return new Set();
  const rows = prepared(
    db,
    `SELECT DISTINCT json_extract(e.payload, '$.undoneEventId') AS id
       FROM json_each(?) AS j
       JOIN activity_events e
         ON e.entity = json_extract(j.value, '$.entity') AND e.entity_id = json_extract(j.value, '$.entityId')
      WHERE e.type = '${UNDONE}' AND json_extract(e.payload, '$.undoneEventId') = json_extract(j.value, '$.id')`,
  ).all(JSON.stringify(events.map(({ id, entity, entityId }) => ({ id, entity, entityId })))) as { id: string }[];
  return new Set(rows.map((row) => row.id));
}

/**
 * Empties the activity log, which is otherwise append-only (a trigger refuses deletes): only for removing
 * generated demo data, whose log tells a story that never happened. The trigger is dropped and recreated
 * from its stored definition inside the caller's transaction, so a failure leaves the guard in place.
 * Returns how many events were removed.
 */
export function clearDemoActivityLog(db: Database.Database): number {
  if (!db.inTransaction) throw new Error('clearDemoActivityLog must run inside a transaction');
  const guard = prepared(
    db,
    `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'activity_events_no_delete'`,
  ).get() as { sql: string } | undefined;
  if (guard) db.exec('DROP TRIGGER activity_events_no_delete');
  const removed = db.prepare('DELETE FROM activity_events').run().changes;
  if (guard) db.exec(guard.sql);
  return removed;
}

// An event counts as undone while a 'change.undone' names it and that undo has not itself been undone (a
// redo). Undo events share the undone event's entity, so the look-up goes through the entity index.
const UNDONE_BY = (alias: string, id: string, entity: string, entityId: string) => `EXISTS (
  SELECT 1 FROM activity_events ${alias}
   WHERE ${alias}.entity = ${entity} AND ${alias}.entity_id = ${entityId} AND ${alias}.type = '${UNDONE}'
     AND json_extract(${alias}.payload, '$.undoneEventId') = ${id}
     AND NOT EXISTS (SELECT 1 FROM activity_events r
                      WHERE r.entity = ${alias}.entity AND r.entity_id = ${alias}.entity_id
                        AND r.type = '${UNDONE}' AND json_extract(r.payload, '$.undoneEventId') = ${alias}.id))`;

const FEED_SQL = `SELECT ${COLUMNS} FROM activity_events e
  WHERE e.type IN (SELECT value FROM json_each(?)) AND e.seq < ?
    AND NOT ${UNDONE_BY('u', 'e.id', 'e.entity', 'e.entity_id')}
    AND NOT (json_type(e.payload, '$.partOf') = 'object' AND ${UNDONE_BY(
      'p',
      "json_extract(e.payload, '$.partOf.eventId')",
      "json_extract(e.payload, '$.partOf.entity')",
      "json_extract(e.payload, '$.partOf.entityId')",
    )})
  ORDER BY e.seq DESC LIMIT ?`;

/**
 * The newest events of the given types first (by local sequence), at most `limit`, older than `beforeSeq`
 * when given, leaving out every event that was undone (and the companions of its command, which name it in
 * `payload.partOf`).
 */
export function listFeedEvents(
  db: Database.Database,
  options: { types: readonly ActivityEventType[]; limit: number; beforeSeq?: number },
): ActivityEvent[] {
  const rows = prepared(db, FEED_SQL).all(
    JSON.stringify(options.types),
    options.beforeSeq ?? Number.MAX_SAFE_INTEGER,
    options.limit,
  ) as ActivityRow[];
  return rows.map(toPublic);
}
