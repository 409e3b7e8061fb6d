/**
 * Read-only queries behind the joint credit slide (METRICS: win rate, sourced revenue): deals closed in a
 * time range, read through the index on close times (`deals_closed_at`, partial on closed and not deleted
 * deals, whose condition every query here repeats so that SQLite can use it).
 */
import type Database from 'better-sqlite3';
import type { Team } from '@shared/domain';
import type { WinCredit } from '@shared/figures';
import { prepared } from './statements';

const CLOSED_IN = `d.closed_at IS NOT NULL AND d.deleted_at IS NULL AND d.closed_at >= ? AND d.closed_at < ?`;

/** Deals (not deleted) won and lost with a close time in [start, end). */
export function countClosedDealsBetween(
  db: Database.Database,
  start: number,
  end: number,
): { won: number; lost: number } {
  const row = prepared(
    db,
    `SELECT coalesce(sum(d.status = 'won'), 0) AS won, coalesce(sum(d.status = 'lost'), 0) AS lost
       FROM deals d WHERE ${CLOSED_IN}`,
  ).get(start, end) as { won: number; lost: number };
  return row;
}

/** Won amount in one currency for one source team (null: the deal has no lead, or its lead is deleted). */
export interface WonAmount {
  sourceTeam: Team | null;
  currency: string;
  amountMinor: number;
}

/** Won deals' amounts in [start, end) by the source team of the deal's lead and by currency. */
export function sumWonAmountsBetween(db: Database.Database, start: number, end: number): WonAmount[] {
  return prepared(
    db,
    `SELECT l.source_team AS sourceTeam, d.currency AS currency, sum(d.amount_minor) AS amountMinor
       FROM deals d LEFT JOIN leads l ON l.id = d.lead_id AND l.deleted_at IS NULL
      WHERE d.status = 'won' AND ${CLOSED_IN}
      GROUP BY l.source_team, d.currency ORDER BY d.currency`,
  ).all(start, end) as WonAmount[];
}

/** How the won deals of [start, end) are credited: by a rep, by a campaign or marketer, by both. */
export interface CreditCounts {
  withRep: number;
  reps: number;
  withSource: number;
  campaigns: number;
  marketers: number;
  joint: number;
}

/** Counts of the credit the won deals of [start, end) carry (a person who left since keeps the credit). */
export function countWinCreditsBetween(db: Database.Database, start: number, end: number): CreditCounts {
  return prepared(
    db,
    `SELECT count(rep.id) AS withRep,
            count(DISTINCT rep.id) AS reps,
            coalesce(sum(c.id IS NOT NULL OR m.id IS NOT NULL), 0) AS withSource,
            count(DISTINCT c.id) AS campaigns,
            count(DISTINCT m.id) AS marketers,
            coalesce(sum(rep.id IS NOT NULL AND (c.id IS NOT NULL OR m.id IS NOT NULL)), 0) AS joint
       FROM deals d
       LEFT JOIN people rep ON rep.id = d.closing_rep_id
       LEFT JOIN campaigns c ON c.id = d.campaign_id
       LEFT JOIN people m ON m.id = d.sourcing_marketer_id
      WHERE d.status = 'won' AND ${CLOSED_IN}`,
  ).get(start, end) as CreditCounts;
}

/** The newest won deals of [start, end), at most `limit`, each with the names it credits. */
export function listWinCreditsBetween(db: Database.Database, start: number, end: number, limit: number): WinCredit[] {
  return prepared(
    db,
    `SELECT d.id AS dealId, d.title, d.amount_minor AS amountMinor, d.currency, d.closed_at AS closedAt,
            rep.name AS closingRepName, c.name AS campaignName, m.name AS marketerName, l.source_team AS sourceTeam
       FROM deals d
       LEFT JOIN people rep ON rep.id = d.closing_rep_id
       LEFT JOIN campaigns c ON c.id = d.campaign_id
       LEFT JOIN people m ON m.id = d.sourcing_marketer_id
       LEFT JOIN leads l ON l.id = d.lead_id AND l.deleted_at IS NULL
      WHERE d.status = 'won' AND ${CLOSED_IN}
      ORDER BY d.closed_at DESC, d.id DESC LIMIT ?`,
  ).all(start, end, limit) as WinCredit[];
}

/** The latest change to a deal (deleted ones included), or null: the slide's data age. */
export function getDealsLatestChange(db: Database.Database): number | null {
  return (prepared(db, `SELECT max(updated_at) AS at FROM deals`).get() as { at: number | null }).at;
}
