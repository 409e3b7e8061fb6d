/**
 * What the weekly report reads beyond the slides' own figures: the deals won in a week with everyone who
 * earned them. Both read the `deals_won_closed` index (migration 0005) alone for the week's range, so a
 * week at a million deals never touches the thousands of rows behind it; only the largest few are read.
 */
import type Database from 'better-sqlite3';
import type { Team } from '@shared/domain';
import { prepared } from './statements';

/** A won deal with the names of its closing rep, campaign and sourcing marketer. */
export interface WonDealRow {
  id: string;
  title: string;
  amountMinor: number;
  currency: string;
  closedAt: number;
  repName: string | null;
  campaignName: string | null;
  marketerName: string | null;
  sourceTeam: Team | null;
}

/** Count and amount of won deals per currency. */
export interface WonTotalRow {
  currency: string;
  count: number;
  amountMinor: number;
}

/** Deals (not deleted) won with `closed_at` in [from, to), per currency, by currency code. */
export function sumWonDealsBetween(db: Database.Database, from: number, to: number): WonTotalRow[] {
  return prepared(
    db,
    `SELECT currency, count(*) AS count, sum(amount_minor) AS amountMinor
       FROM deals INDEXED BY deals_won_closed
       WHERE closed_at >= ? AND closed_at < ? AND status = 'won' AND deleted_at IS NULL
       GROUP BY currency ORDER BY currency`,
  ).all(from, to) as WonTotalRow[];
}

/**
 * The largest deals (not deleted) won with `closed_at` in [from, to), at most `limit`, largest amount first
 * (then earliest closed), with the lead's source team; deleted people and campaigns still name their deal.
 */
export function listWonDealsBetween(db: Database.Database, from: number, to: number, limit: number): WonDealRow[] {
  return prepared(
    db,
    `WITH largest AS (
       SELECT id FROM deals INDEXED BY deals_won_closed
        WHERE closed_at >= ? AND closed_at < ? AND status = 'won' AND deleted_at IS NULL
        ORDER BY amount_minor DESC, closed_at, id
        LIMIT ?)
     SELECT d.id, d.title, d.amount_minor AS amountMinor, d.currency, d.closed_at AS closedAt,
            rep.name AS repName, c.name AS campaignName, mk.name AS marketerName,
            COALESCE(l.source_team, c.source_team) AS sourceTeam
       FROM largest JOIN deals d ON d.id = largest.id
       LEFT JOIN people rep ON rep.id = d.closing_rep_id
       LEFT JOIN people mk ON mk.id = d.sourcing_marketer_id
       LEFT JOIN campaigns c ON c.id = d.campaign_id
       LEFT JOIN leads l ON l.id = d.lead_id
       ORDER BY d.amount_minor DESC, d.closed_at, d.id`,
  ).all(from, to, limit) as WonDealRow[];
}
