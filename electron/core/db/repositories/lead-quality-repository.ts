/**
 * Aggregates behind the lead-quality slide (METRICS: lead quality): review ratings per source campaign and
 * the reason codes of closed deals over a time window, read from the figure aggregates the write triggers
 * keep (migration 0002).
 */
import type Database from 'better-sqlite3';
import type { Team } from '@shared/domain';
import { latestOf, prepared } from './statements';
import { rawEnd, sliceTimeRange } from './time-slices';

/** Reviews of one source: a campaign, or the leads of one team that came without a campaign. */
export interface ReviewAggregate {
  /** null for the "no campaign" group of `sourceTeam` */
  campaignId: string | null;
  /** null for the "no campaign" group */
  campaignName: string | null;
  /** the campaign's source team, or for the "no campaign" group the leads' own */
  sourceTeam: Team;
  reviews: number;
  averageRating: number;
}

/**
 * Number of reviews and mean rating per source over reviews made within [from, to] (not deleted, of leads
 * not deleted), grouped by the reviewed lead's campaign; leads without a campaign are grouped per their
 * own source team. Sources without a review in the window are left out. Ordered by campaign id (the
 * "no campaign" groups first), then team. The counts come from agg_reviews (migration 0002), the minutes at
 * the window's edges from the reviews themselves.
 */
export function aggregateReviewsBySource(db: Database.Database, from: number, to: number): ReviewAggregate[] {
  const groups = new Map<string, { campaignKey: string; teamKey: string; reviews: number; ratingSum: number }>();
  const add = (rows: { campaignKey: string; teamKey: string; reviews: number; ratingSum: number }[]) => {
    for (const row of rows) {
      const key = `${row.campaignKey}\u0000${row.teamKey}`;
      const group = groups.get(key) ?? { campaignKey: row.campaignKey, teamKey: row.teamKey, reviews: 0, ratingSum: 0 };
      group.reviews += row.reviews;
      group.ratingSum += row.ratingSum;
      groups.set(key, group);
    }
  };
  const { buckets, raw } = sliceTimeRange(from, to, true);
  for (const slice of buckets) {
    add(
      prepared(
        db,
        `SELECT campaign_key AS campaignKey, team_key AS teamKey, SUM(reviews) AS reviews, SUM(rating_sum) AS ratingSum
           FROM agg_reviews WHERE grain = @grain AND bucket >= @from AND bucket < @to
          GROUP BY campaign_key, team_key`,
      ).all(slice) as { campaignKey: string; teamKey: string; reviews: number; ratingSum: number }[],
    );
  }
  for (const slice of raw) {
    add(
      prepared(
        db,
        `SELECT COALESCE(l.campaign_id, '') AS campaignKey,
                CASE WHEN l.campaign_id IS NULL THEN l.source_team ELSE '' END AS teamKey,
                COUNT(*) AS reviews, SUM(r.rating) AS ratingSum
           FROM lead_reviews r JOIN leads l ON l.id = r.lead_id
          WHERE r.deleted_at IS NULL AND l.deleted_at IS NULL
            AND r.reviewed_at >= @from AND r.reviewed_at ${rawEnd(slice)} @to
          GROUP BY 1, 2`,
      ).all({ from: slice.from, to: slice.to }) as {
        campaignKey: string;
        teamKey: string;
        reviews: number;
        ratingSum: number;
      }[],
    );
  }
  const campaigns = new Map(
    (
      prepared(db, 'SELECT id, name, source_team AS sourceTeam FROM campaigns').all() as {
        id: string;
        name: string;
        sourceTeam: Team;
      }[]
    ).map((campaign) => [campaign.id, campaign]),
  );
  return [...groups.values()]
    .filter((group) => group.reviews > 0)
    .sort((a, b) => byteOrder(a.campaignKey, b.campaignKey) || byteOrder(a.teamKey, b.teamKey))
    .map((group) => {
      const campaign = group.campaignKey === '' ? undefined : campaigns.get(group.campaignKey);
      return {
        campaignId: group.campaignKey === '' ? null : group.campaignKey,
        campaignName: campaign?.name ?? null,
        sourceTeam: group.campaignKey === '' ? (group.teamKey as Team) : campaign!.sourceTeam,
        reviews: group.reviews,
        averageRating: group.ratingSum / group.reviews,
      };
    });
}

/** SQLite's BINARY order (by UTF-8 bytes), which JS's `<` on UTF-16 strings does not always match. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** How many closed deals gave one reason. */
export interface ReasonTally {
  code: string;
  /** the reason's label, or its code when the code has no row (an import's unknown code) */
  label: string;
  count: number;
}

/**
 * The `limit` most frequent close reasons of deals (not deleted) with `status` closed within [from, to],
 * most frequent first, ties by label. Deals closed without a reason are not counted. The counts come from
 * agg_close_reasons (migration 0002), the minutes at the window's edges from `deals_closed_at`.
 */
export function topCloseReasons(
  db: Database.Database,
  status: 'won' | 'lost',
  from: number,
  to: number,
  limit: number,
): ReasonTally[] {
  const counts = new Map<string, number>();
  const add = (rows: { code: string; n: number }[]) => {
    for (const row of rows) counts.set(row.code, (counts.get(row.code) ?? 0) + row.n);
  };
  const { buckets, raw } = sliceTimeRange(from, to, true);
  for (const slice of buckets) {
    add(
      prepared(
        db,
        `SELECT close_reason AS code, SUM(n) AS n FROM agg_close_reasons
          WHERE status = @status AND grain = @grain AND bucket >= @from AND bucket < @to GROUP BY close_reason`,
      ).all({ status, ...slice }) as { code: string; n: number }[],
    );
  }
  for (const slice of raw) {
    add(
      prepared(
        db,
        `SELECT close_reason AS code, COUNT(*) AS n FROM deals
          WHERE deleted_at IS NULL AND closed_at IS NOT NULL AND status = @status AND close_reason IS NOT NULL
            AND closed_at >= @from AND closed_at ${rawEnd(slice)} @to
          GROUP BY close_reason`,
      ).all({ status, from: slice.from, to: slice.to }) as { code: string; n: number }[],
    );
  }
  const labels = new Map(
    (prepared(db, 'SELECT code, label FROM reason_codes').all() as { code: string; label: string }[]).map((row) => [
      row.code,
      row.label,
    ]),
  );
  return [...counts]
    .filter(([, count]) => count > 0)
    .map(([code, count]) => ({ code, label: labels.get(code) ?? code, count }))
    .sort((a, b) => b.count - a.count || byteOrder(a.label, b.label) || byteOrder(a.code, b.code))
    .slice(0, limit);
}

/**
 * The latest change to anything the lead-quality slide reads (METRICS: data age): reviews (a review's time,
 * or its deletion), the reviewed leads and campaigns, and closed deals. Null when there is nothing.
 */
export function getLeadQualityLatestChange(db: Database.Database): number | null {
  // Each term is one index look-up: the newest review and the newest review deletion; the newest change
  // to a lead that has a review (agg_reviewed_leads, kept by the write triggers); campaigns (a handful of
  // rows); and the newest change of a closed deal.
  return latestOf(db, [
    'SELECT MAX(reviewed_at) FROM lead_reviews',
    'SELECT MAX(deleted_at) FROM lead_reviews WHERE deleted_at IS NOT NULL',
    'SELECT MAX(updated_at) FROM agg_reviewed_leads',
    'SELECT MAX(updated_at) FROM campaigns',
    'SELECT MAX(updated_at) FROM deals WHERE closed_at IS NOT NULL',
  ]);
}
