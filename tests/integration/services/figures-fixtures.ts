/**
 * Test helpers for the read-side figures: a real database file in a temp dir, a context with a pinned
 * clock and zone, and plain INSERTs (on purpose not the app's repositories, so that the figures are
 * checked against data written independently of the code under test).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { PeriodKind } from '@shared/domain';
import type { CoreContext } from '../../../electron/core/context';
import { openDatabase } from '../../../electron/core/db/open-database';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { contextOver } from '../db/temp-database';

export interface TempDatabase {
  db: Database.Database;
  file: string;
  close(): void;
}

/** A migrated database file in a fresh temp dir; `close` removes both. */
export function openTempDatabase(): TempDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-figures-'));
  const file = path.join(dir, 'alignboard.sqlite');
  const db = openDatabase(file);
  return {
    db,
    file,
    close() {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RoomSettings {
  timezone?: string;
  currency?: string;
  periodKind?: PeriodKind;
  demo?: boolean;
}

/** Writes room settings with plain INSERTs, under the keys the settings service reads. */
export function setRoom(db: Database.Database, room: RoomSettings): void {
  const put = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  if (room.timezone !== undefined) put.run('room.timezone', JSON.stringify(room.timezone));
  if (room.currency !== undefined) put.run('room.currency', JSON.stringify(room.currency));
  if (room.periodKind !== undefined) put.run('room.periodKind', JSON.stringify(room.periodKind));
  if (room.demo !== undefined) put.run('data.demo', JSON.stringify(room.demo));
}

/** A context whose clock stands at `now`. */
export function contextAt(temp: TempDatabase, now: number): CoreContext & { clock: ReturnType<typeof fixedClock> } {
  const clock = fixedClock(now);
  return Object.assign(contextOver(temp, clock), { clock });
}

let counter = 0;
/** A unique, readable id for test rows. */
export function testId(prefix: string): string {
  counter += 1;
  return `${prefix}-${String(counter).padStart(6, '0')}`;
}

export interface PersonRow {
  id?: string;
  name: string;
  team: 'sales' | 'marketing';
  updatedAt?: number;
  deletedAt?: number | null;
}

export function insertPerson(db: Database.Database, person: PersonRow): string {
  const id = person.id ?? testId('person');
  db.prepare(`INSERT INTO people (id, name, team, created_at, updated_at, deleted_at) VALUES (?, ?, ?, 0, ?, ?)`).run(
    id,
    person.name,
    person.team,
    person.updatedAt ?? 0,
    person.deletedAt ?? null,
  );
  return id;
}

export interface LeadRow {
  id?: string;
  leadAt: number;
  mqlAt?: number | null;
  sqlAt?: number | null;
  opportunityAt?: number | null;
  customerAt?: number | null;
  disqualifiedAt?: number | null;
  updatedAt?: number;
  deletedAt?: number | null;
}

/**
 * Inserts a lead; its `stage` column is derived the way the write side keeps it: 'disqualified' when
 * disqualified, else the furthest stage with an entry time.
 */
export function insertLead(db: Database.Database, lead: LeadRow): string {
  const id = lead.id ?? testId('lead');
  const stage =
    lead.disqualifiedAt != null
      ? 'disqualified'
      : lead.customerAt != null
        ? 'customer'
        : lead.opportunityAt != null
          ? 'opportunity'
          : lead.sqlAt != null
            ? 'sql'
            : lead.mqlAt != null
              ? 'mql'
              : 'lead';
  db.prepare(
    `INSERT INTO leads (id, name, stage, source_team, lead_at, mql_at, sql_at, opportunity_at, customer_at,
                        disqualified_at, created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, 'marketing', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    `Lead ${id}`,
    stage,
    lead.leadAt,
    lead.mqlAt ?? null,
    lead.sqlAt ?? null,
    lead.opportunityAt ?? null,
    lead.customerAt ?? null,
    lead.disqualifiedAt ?? null,
    lead.leadAt,
    lead.updatedAt ?? lead.leadAt,
    lead.deletedAt ?? null,
  );
  return id;
}

export interface DealRow {
  id?: string;
  stageId: string;
  amountMinor: number;
  currency: string;
  status?: 'open' | 'won' | 'lost';
  updatedAt?: number;
  deletedAt?: number | null;
  leadId?: string | null;
  /** close time of a won or lost deal (default 1) */
  closedAt?: number;
}

export function insertDeal(db: Database.Database, deal: DealRow): string {
  const id = deal.id ?? testId('deal');
  const status = deal.status ?? 'open';
  db.prepare(
    `INSERT INTO deals (id, title, amount_minor, currency, stage_id, status, created_at, stage_entered_at,
                        closed_at, updated_at, deleted_at, lead_id)
     VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?)`,
  ).run(
    id,
    `Deal ${id}`,
    deal.amountMinor,
    deal.currency,
    deal.stageId,
    status,
    status === 'open' ? null : (deal.closedAt ?? 1),
    deal.updatedAt ?? 0,
    deal.deletedAt ?? null,
    deal.leadId ?? null,
  );
  return id;
}

/** A small deterministic pseudo-random generator (LCG), so that randomized data sets are repeatable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}
