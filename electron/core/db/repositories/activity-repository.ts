import type Database from 'better-sqlite3';
import type { ActivityEvent } from '@shared/domain';
import { prepared } from './statements';

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

/** Appends one event to the append-only log and returns it with its sequence number. */
export function appendActivityEvent(db: Database.Database, event: NewActivityEvent): ActivityEvent {
  const result = prepared(
    db,
    `INSERT INTO activity_events (id, at, machine_id, type, entity, entity_id, actor_id, payload)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    event.id,
    event.at,
    event.machineId,
    event.type,
    event.entity,
    event.entityId,
    event.actorId,
    JSON.stringify(event.payload),
  );
  return { seq: Number(result.lastInsertRowid), ...event };
}

/** The newest events first (by sequence), optionally only those before `beforeSeq` (for paging back). */
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
  return rows.map(toEvent);
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
