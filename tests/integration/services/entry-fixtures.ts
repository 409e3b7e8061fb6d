/**
 * A small room for the entry command tests: a temp database with a pinned clock (Monday 2026-03-16,
 * 10:00 in Berlin), two reps, a marketer, a campaign and a lead, plus helpers that read raw rows the way
 * the undo convention records them — written here with plain SQL, independent of rows-repository.ts.
 */
import { expect } from 'vitest';
import type Database from 'better-sqlite3';
import { ApiError } from '@shared/contract';
import type { ActivityEvent } from '@shared/domain';
import type { CoreContext } from '../../../electron/core/context';
import { rebuildFigureAggregates } from '../../../electron/core/db/repositories/figure-aggregates-repository';
import { insertCampaign } from '../../../electron/core/db/repositories/campaigns-repository';
import { insertLead } from '../../../electron/core/db/repositories/leads-repository';
import { insertPerson } from '../../../electron/core/db/repositories/people-repository';
import { setSetting } from '../../../electron/core/db/repositories/settings-repository';
import { tempContext, type TempDatabase } from '../db/temp-database';

/** Monday 2026-03-16, 10:00 in Berlin (09:00 UTC). */
export const T0 = Date.UTC(2026, 2, 16, 9, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface EntryRoom {
  ctx: CoreContext;
  clock: ReturnType<typeof tempContext>['clock'];
  temp: TempDatabase;
  rep: string;
  otherRep: string;
  marketer: string;
  campaign: string;
  /** a lead that arrived three days ago and is in stage 'lead' */
  lead: string;
}

/** Builds the room; the fixtures are inserted straight through repositories, so they record no events. */
export function entryRoom(): EntryRoom {
  const { ctx, clock, temp } = tempContext(T0);
  const { db } = ctx;
  setSetting(db, 'room.timezone', 'Europe/Berlin', T0);
  const rep = insertPerson(db, { name: 'Ana Lima', team: 'sales' }, T0).id;
  const otherRep = insertPerson(db, { name: 'Jonas Weber', team: 'sales' }, T0).id;
  const marketer = insertPerson(db, { name: 'Tom Berg', team: 'marketing' }, T0).id;
  const campaign = insertCampaign(
    db,
    { name: 'Webinar Q1', channel: 'webinar', sourceTeam: 'marketing', ownerId: marketer },
    T0,
  ).id;
  const lead = insertLead(
    db,
    {
      name: 'Eva Keller',
      company: 'Kestrel Logistics GmbH',
      stage: 'lead',
      sourceTeam: 'marketing',
      campaignId: campaign,
      marketerId: marketer,
      ownerId: rep,
      leadAt: T0 - 3 * DAY,
    },
    T0 - 3 * DAY,
  ).id;
  return { ctx, clock, temp, rep, otherRep, marketer, campaign, lead };
}

/** The raw row as `SELECT *` returns it, or null. */
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

/**
 * Every row of every table (the activity log and the figure aggregates included), to show that something
 * wrote nothing. Left out: agg_anchors, the time anchor every command moves along with the clock
 * (figure-maintenance.ts), which is bookkeeping rather than data.
 */
export function everything(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare(
      `SELECT name FROM sqlite_master
        WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'agg_anchors' ORDER BY name`,
    )
    .all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY 1`).all()]));
}

/** Row counts per table. */
export function rowCounts(db: Database.Database): Record<string, number> {
  return Object.fromEntries(Object.entries(everything(db)).map(([table, rows]) => [table, rows.length]));
}

/** Events in the log, oldest first, with parsed payloads. */
export function allEvents(db: Database.Database): ActivityEvent[] {
  const rows = db.prepare(`SELECT * FROM activity_events ORDER BY seq`).all() as {
    seq: number;
    id: string;
    at: number;
    machine_id: string;
    type: string;
    entity: string;
    entity_id: string;
    actor_id: string | null;
    payload: string;
  }[];
  return rows.map((row) => ({
    seq: row.seq,
    id: row.id,
    at: row.at,
    machineId: row.machine_id,
    type: row.type,
    entity: row.entity,
    entityId: row.entity_id,
    actorId: row.actor_id,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }));
}

/**
 * Runs `command` and returns its result with the one event it recorded (failing the test if it recorded
 * none or several).
 */
export function oneEvent<T>(db: Database.Database, command: () => T): { result: T; event: ActivityEvent } {
  const before = allEvents(db).length;
  const result = command();
  const added = allEvents(db).slice(before);
  expect(added.map((event) => event.type)).toHaveLength(1);
  return { result, event: added[0]! };
}

/** The `changes` of an event. */
export function changesOf(event: ActivityEvent): {
  table: string;
  id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}[] {
  return event.payload.changes as never;
}

/** Asserts that `run` throws an ApiError with this code and field. */
export function expectApiError(run: () => unknown, code: string, field?: string): ApiError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ApiError);
  const error = caught as ApiError;
  expect({ code: error.code, field: error.field }).toEqual({ code, field });
  expect(error.message.length).toBeGreaterThan(10);
  return error;
}

/** The figure aggregates' count columns: rows where all are 0 are left out of a comparison. */
const AGGREGATES: Record<string, string[]> = {
  agg_lead_stages: ['n'],
  agg_lead_entries: ['entered', 'converted', 'marketing'],
  agg_lead_exits: [],
  agg_lead_exit_buckets: ['total', 'before_anchor'],
  agg_sla_follow_ups: ['met', 'late'],
  agg_reviews: ['reviews', 'rating_sum'],
  agg_reviewed_leads: [],
  agg_open_deals: ['n', 'amount_minor'],
  agg_close_reasons: ['n'],
  agg_opportunity_leads: [],
  agg_open_opportunities: ['n'],
  agg_lost_opportunities: ['n'],
};

function aggregates(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(AGGREGATES).map(([table, counts]) => {
      const nonZero = counts.length === 0 ? '' : ` WHERE ${counts.map((c) => `${c} <> 0`).join(' OR ')}`;
      return [table, db.prepare(`SELECT * FROM ${table}${nonZero}`).all()];
    }),
  );
}

/**
 * The figure aggregates as the triggers kept them, and as a full recount from the source rows gives them
 * (the recount is rolled back): equal when every write, undo's included, kept the figures right.
 */
export function keptAndRecountedAggregates(db: Database.Database): { kept: unknown; recounted: unknown } {
  const kept = aggregates(db);
  db.exec('SAVEPOINT recount');
  try {
    rebuildFigureAggregates(db);
    return { kept, recounted: aggregates(db) };
  } finally {
    db.exec('ROLLBACK TO recount');
    db.exec('RELEASE recount');
  }
}
