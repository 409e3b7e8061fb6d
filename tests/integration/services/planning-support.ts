/**
 * Test helpers for the planning commands: a real temp database behind the real dispatcher, with
 * plain-SQL readers (on purpose not the app's repositories) for the rows and activity events they write.
 */
import type Database from 'better-sqlite3';
import { expect } from 'vitest';
import type { ApiErrorBody, MethodInput, MethodName, MethodResult } from '@shared/contract';
import type { CoreContext } from '../../../electron/core/context';
import { createDispatcher, type Dispatch } from '../../../electron/core/api/dispatch';
import { tempContext, type TempDatabase } from '../db/temp-database';

/** An activity event as stored, its payload parsed. */
export interface StoredEvent {
  seq: number;
  type: string;
  entity: string;
  entityId: string;
  payload: Record<string, unknown> & { changes?: unknown };
}

/** Every table the planning commands write. */
export const PLANNING_TABLES = [
  'sprints',
  'sprint_goals',
  'sprint_goal_owners',
  'sprint_goal_progress',
  'retrospectives',
  'action_items',
  'sla_terms',
  'kpi_targets',
  'meetings',
  'glossary_terms',
  'settings',
  'activity_events',
] as const;

export interface PlanningHarness {
  ctx: CoreContext;
  clock: ReturnType<typeof tempContext>['clock'];
  temp: TempDatabase;
  dispatch: Dispatch;
  /** calls a method through the dispatcher and returns its result, failing the test on an error */
  ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  /** calls a method through the dispatcher that must fail, and returns the error */
  refused(method: string, input: unknown): Promise<ApiErrorBody>;
  /** the activity events stored after `afterSeq` */
  events(afterSeq?: number): StoredEvent[];
  /** the last stored sequence number (0 for none) */
  lastSeq(): number;
}

/** A migrated temp database in the room zone Europe/Berlin, a pinned clock, and the real dispatcher. */
export function planningHarness(now: number): PlanningHarness {
  const { ctx, clock, temp } = tempContext(now);
  temp.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('room.timezone', '"Europe/Berlin"', 0)`).run();
  const dispatch = createDispatcher(ctx, { name: 'Alignboard', version: 'test', bootId: 'boot' });
  return {
    ctx,
    clock,
    temp,
    dispatch,
    async ok(method, input) {
      const outcome = await dispatch(method, input, { role: 'admin' });
      if (!outcome.ok) throw new Error(`${method} failed: ${JSON.stringify(outcome.error)}`);
      return outcome.result as MethodResult<typeof method>;
    },
    async refused(method, input) {
      const outcome = await dispatch(method, input, { role: 'admin' });
      expect(outcome.ok, `${method} should have been refused`).toBe(false);
      return (outcome as { ok: false; error: ApiErrorBody }).error;
    },
    events(afterSeq = 0) {
      return readEvents(temp.db, afterSeq);
    },
    lastSeq() {
      return (temp.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM activity_events').get() as { seq: number }).seq;
    },
  };
}

function readEvents(db: Database.Database, afterSeq: number): StoredEvent[] {
  const rows = db
    .prepare('SELECT seq, type, entity, entity_id AS entityId, payload FROM activity_events WHERE seq > ? ORDER BY seq')
    .all(afterSeq) as (Omit<StoredEvent, 'payload'> & { payload: string })[];
  return rows.map((row) => ({ ...row, payload: JSON.parse(row.payload) as StoredEvent['payload'] }));
}

/** One raw row by a WHERE clause on plain columns, as `SELECT *` returns it, or null. */
export function rawRow(
  db: Database.Database,
  table: string,
  where: Record<string, unknown>,
): Record<string, unknown> | null {
  const keys = Object.keys(where);
  const row = db
    .prepare(`SELECT * FROM ${table} WHERE ${keys.map((key) => `${key} = ?`).join(' AND ')}`)
    .get(...keys.map((key) => where[key])) as Record<string, unknown> | undefined;
  return row ?? null;
}

/** Every row of every planning table (and the log): equal before and after means nothing was written. */
export function dumpPlanningTables(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    PLANNING_TABLES.map((table) => [table, db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all()]),
  );
}

/** The single event recorded after `afterSeq`; fails unless there is exactly one. */
export function onlyEvent(harness: PlanningHarness, afterSeq: number): StoredEvent {
  const events = harness.events(afterSeq);
  expect(events.map((event) => event.type)).toHaveLength(1);
  return events[0]!;
}
