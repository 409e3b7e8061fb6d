/**
 * Read-only queries behind the SLA scoreboard (METRICS: SLA — the two-way agreement). Delivered MQLs and
 * met/late counts come from the figure aggregates (migration 0002) and, for the minutes at a range's edges,
 * the `leads_mql_at` index, which carries the follow-up and disqualification times; the waiting and breached
 * counts and lists read only the MQLs without a follow-up (`leads_unfollowed_mql`), which are few.
 *
 * A lead's first follow-up is the earlier of `first_follow_up_at` and `disqualified_at` (METRICS:
 * disqualifying an MQL counts as a follow-up at the time it was disqualified). Due = `mql_at` + the
 * follow-up allowance in milliseconds (wall-clock), so every range on the due time is a range on `mql_at`.
 * In business-hours mode the due time is worked out in code (services/support/business-hours.ts) from the rows
 * that {@link listMqlFollowUps} and {@link listUnfollowedMqlsBetween} read by a range on `mql_at`.
 */
import type Database from 'better-sqlite3';
import { countLeadEntries } from './figure-aggregates-repository';
import { latestOf, prepared } from './statements';
import { sliceTimeRange } from './time-slices';

/** The first follow-up of a lead: the earlier of the two times, whichever exist (SQLite's MIN(a, NULL) is NULL). */
const FOLLOW_UP = `COALESCE(MIN(first_follow_up_at, disqualified_at), first_follow_up_at, disqualified_at)`;
/** No follow-up at all, written on the two indexed columns so that the index alone answers it. */
const NO_FOLLOW_UP = 'l.first_follow_up_at IS NULL AND l.disqualified_at IS NULL';

/** MQLs delivered (METRICS: leads with `mql_at` in [from, to), deleted ones left out). */
export function countMqlsBetween(db: Database.Database, from: number, to: number): number {
  return countLeadEntries(db, from, to).mql.entered;
}

/** Sales' follow-up outcomes over a set of MQLs (METRICS: met, late, breached, waiting). */
export interface FollowUpCounts {
  met: number;
  late: number;
  breached: number;
  waiting: number;
}

/**
 * Follow-up outcomes of the MQLs (not deleted) whose due time falls in [dueFrom, dueTo), at `now`: met =
 * first follow-up at or before due; late = after due; breached = none yet and now ≥ due; waiting = none yet
 * and now < due. Met and late come from the counts the write triggers keep per follow-up allowance of the
 * SLA terms (agg_sla_follow_ups) plus the edges from `leads_mql_at`; breached and waiting from the few MQLs
 * without a follow-up (`leads_unfollowed_mql`). An allowance no terms row has is counted from the leads.
 */
export function countFollowUpOutcomes(
  db: Database.Database,
  query: { dueFrom: number; dueTo: number; followUpMs: number; now: number },
): FollowUpCounts {
  const { dueFrom, dueTo, followUpMs, now } = query;
  const mqlFrom = dueFrom - followUpMs;
  const mqlTo = dueTo - followUpMs;
  // Named: the planner would otherwise take the covering `leads_mql_at` and read every MQL of the period.
  const open = prepared(
    db,
    `SELECT COALESCE(SUM(mql_at + @followUpMs <= @now), 0) AS breached,
            COALESCE(SUM(mql_at + @followUpMs > @now), 0) AS waiting
       FROM leads INDEXED BY leads_unfollowed_mql
      WHERE deleted_at IS NULL AND mql_at IS NOT NULL AND first_follow_up_at IS NULL AND disqualified_at IS NULL
        AND mql_at >= @mqlFrom AND mql_at < @mqlTo`,
  ).get({ now, followUpMs, mqlFrom, mqlTo }) as { breached: number; waiting: number };
  const kept = prepared(
    db,
    `SELECT EXISTS (SELECT 1 FROM sla_terms WHERE CAST(round(follow_up_hours * 3600000) AS INTEGER) = ?) AS kept`,
  ).get(followUpMs) as { kept: number };
  const followed =
    kept.kept === 1 ? sumFollowedUp(db, followUpMs, mqlFrom, mqlTo) : scanFollowedUp(db, followUpMs, mqlFrom, mqlTo);
  return { ...followed, ...open };
}

/** Met and late over MQLs with `mql_at` in [mqlFrom, mqlTo), from agg_sla_follow_ups and the edges. */
function sumFollowedUp(
  db: Database.Database,
  followUpMs: number,
  mqlFrom: number,
  mqlTo: number,
): { met: number; late: number } {
  const counts = { met: 0, late: 0 };
  const { buckets, raw } = sliceTimeRange(mqlFrom, mqlTo);
  for (const slice of buckets) {
    const row = prepared(
      db,
      `SELECT COALESCE(SUM(met), 0) AS met, COALESCE(SUM(late), 0) AS late FROM agg_sla_follow_ups
        WHERE follow_up_ms = @followUpMs AND grain = @grain AND bucket >= @from AND bucket < @to`,
    ).get({ followUpMs, ...slice }) as { met: number; late: number };
    counts.met += row.met;
    counts.late += row.late;
  }
  for (const slice of raw) {
    const row = scanFollowedUp(db, followUpMs, slice.from, slice.to);
    counts.met += row.met;
    counts.late += row.late;
  }
  return counts;
}

/** Met and late over MQLs with `mql_at` in [mqlFrom, mqlTo), counted from the leads (`leads_mql_at`). */
function scanFollowedUp(
  db: Database.Database,
  followUpMs: number,
  mqlFrom: number,
  mqlTo: number,
): { met: number; late: number } {
  return prepared(
    db,
    `SELECT COALESCE(SUM(follow_up IS NOT NULL AND follow_up <= due), 0) AS met,
            COALESCE(SUM(follow_up IS NOT NULL AND follow_up > due), 0) AS late
       FROM (SELECT mql_at + @followUpMs AS due, ${FOLLOW_UP} AS follow_up FROM leads
               WHERE deleted_at IS NULL AND mql_at >= @mqlFrom AND mql_at < @mqlTo)`,
  ).get({ followUpMs, mqlFrom, mqlTo }) as { met: number; late: number };
}

/** An MQL without a follow-up, with its owner, as the waiting and breach lists show it. */
export interface UnfollowedMql {
  leadId: string;
  leadName: string;
  company: string | null;
  ownerId: string | null;
  ownerName: string | null;
  mqlAt: number;
  dueAt: number;
}

const UNFOLLOWED_COLUMNS = `l.id AS leadId, l.name AS leadName, l.company, l.owner_id AS ownerId, p.name AS ownerName,
       l.mql_at AS mqlAt, l.mql_at + @followUpMs AS dueAt`;

/**
 * MQLs (not deleted) with no follow-up yet that are not yet due (now < due), soonest due first, at most
 * `limit`. The owner's name is given even if the person was since removed: they owned the lead.
 */
export function listWaitingMqls(
  db: Database.Database,
  query: { followUpMs: number; now: number; limit: number },
): UnfollowedMql[] {
  return prepared(
    db,
    `SELECT ${UNFOLLOWED_COLUMNS}
       FROM leads l LEFT JOIN people p ON p.id = l.owner_id
       WHERE l.deleted_at IS NULL AND l.mql_at > @mqlAfter AND ${NO_FOLLOW_UP}
       ORDER BY l.mql_at, l.id
       LIMIT @limit`,
  ).all({
    followUpMs: query.followUpMs,
    mqlAfter: query.now - query.followUpMs,
    limit: query.limit,
  }) as UnfollowedMql[];
}

/**
 * Breached MQLs (not deleted, no follow-up, now ≥ due) whose due time is at or after `dueFrom`, longest
 * overdue first, at most `limit`.
 */
export function listBreachedMqls(
  db: Database.Database,
  query: { followUpMs: number; now: number; dueFrom: number; limit: number },
): UnfollowedMql[] {
  return prepared(
    db,
    `SELECT ${UNFOLLOWED_COLUMNS}
       FROM leads l LEFT JOIN people p ON p.id = l.owner_id
       WHERE l.deleted_at IS NULL AND l.mql_at >= @mqlFrom AND l.mql_at <= @mqlTo
         AND ${NO_FOLLOW_UP}
       ORDER BY l.mql_at, l.id
       LIMIT @limit`,
  ).all({
    followUpMs: query.followUpMs,
    mqlFrom: query.dueFrom - query.followUpMs,
    mqlTo: query.now - query.followUpMs,
    limit: query.limit,
  }) as UnfollowedMql[];
}

/** Every breach of one owner, as {@link countBreachedMqlsByOwner} groups them. */
export interface OwnerBreachCount {
  ownerId: string | null;
  ownerName: string | null;
  count: number;
  oldestDueAt: number;
}

/**
 * The breached MQLs of {@link listBreachedMqls} without its limit, counted per owner (no owner is a group of
 * its own): most breaches first, then the longest overdue.
 */
export function countBreachedMqlsByOwner(
  db: Database.Database,
  query: { followUpMs: number; now: number; dueFrom: number },
): OwnerBreachCount[] {
  // Grouped from `leads_unfollowed_mql` alone (it carries the owner), then one name per owner.
  return prepared(
    db,
    `SELECT g.ownerId, p.name AS ownerName, g.count, g.oldestDueAt
       FROM (SELECT l.owner_id AS ownerId, COUNT(*) AS count, MIN(l.mql_at) + @followUpMs AS oldestDueAt
               FROM leads l
              WHERE l.deleted_at IS NULL AND l.mql_at >= @mqlFrom AND l.mql_at <= @mqlTo AND ${NO_FOLLOW_UP}
              GROUP BY l.owner_id) g
       LEFT JOIN people p ON p.id = g.ownerId
       ORDER BY g.count DESC, g.oldestDueAt, g.ownerId`,
  ).all({
    followUpMs: query.followUpMs,
    mqlFrom: query.dueFrom - query.followUpMs,
    mqlTo: query.now - query.followUpMs,
  }) as OwnerBreachCount[];
}

/** How many MQLs (not deleted) have no follow-up yet and are not yet due (now < due). */
export function countWaitingMqls(db: Database.Database, query: { followUpMs: number; now: number }): number {
  const row = prepared(
    db,
    `SELECT COUNT(*) AS n FROM leads l WHERE l.deleted_at IS NULL AND l.mql_at > @mqlAfter AND ${NO_FOLLOW_UP}`,
  ).get({ mqlAfter: query.now - query.followUpMs }) as { n: number };
  return row.n;
}

/** An MQL's time and its first follow-up (null when none yet), as business-hours mode counts them. */
export interface MqlFollowUp {
  /** the lead's rowid, which the SLA change journal names */
  rowid: number;
  mqlAt: number;
  followUpAt: number | null;
}

/**
 * Every MQL (not deleted) with `mql_at` in [mqlFrom, mqlTo) and its first follow-up, oldest first: what the
 * business-hours mode needs to work out due times in code, since its due time is no fixed offset from
 * `mql_at` that the aggregates could key on. Read from `leads_mql_at` alone, which carries both times.
 */
export function listMqlFollowUps(db: Database.Database, mqlFrom: number, mqlTo: number): MqlFollowUp[] {
  return prepared(
    db,
    `SELECT rowid, mql_at AS mqlAt, ${FOLLOW_UP} AS followUpAt FROM leads INDEXED BY leads_mql_at
      WHERE deleted_at IS NULL AND mql_at IS NOT NULL AND mql_at >= @mqlFrom AND mql_at < @mqlTo
      ORDER BY mql_at`,
  ).all({ mqlFrom, mqlTo }) as MqlFollowUp[];
}

/**
 * MQLs (not deleted) with no follow-up yet and `mql_at` in [mqlFrom, mqlTo], oldest first, with their owner,
 * for the business-hours mode's waiting and breach lists; `dueAt` is left for the caller to work out.
 */
export function listUnfollowedMqlsBetween(
  db: Database.Database,
  query: { mqlFrom: number; mqlTo: number },
): (Omit<UnfollowedMql, 'dueAt'> & { rowid: number })[] {
  return prepared(
    db,
    `SELECT l.rowid AS rowid, l.id AS leadId, l.name AS leadName, l.company, l.owner_id AS ownerId, p.name AS ownerName, l.mql_at AS mqlAt
       FROM leads l INDEXED BY leads_unfollowed_mql LEFT JOIN people p ON p.id = l.owner_id
       WHERE l.deleted_at IS NULL AND l.mql_at IS NOT NULL AND ${NO_FOLLOW_UP}
         AND l.mql_at >= @mqlFrom AND l.mql_at <= @mqlTo
       ORDER BY l.mql_at, l.id`,
  ).all(query) as (Omit<UnfollowedMql, 'dueAt'> & { rowid: number })[];
}

/** One lead as the SLA's business-hours work sees it, read again after the change journal named it. */
export interface SlaLeadRow extends MqlFollowUp {
  leadId: string;
  leadName: string;
  company: string | null;
  ownerId: string | null;
  ownerName: string | null;
}

/** The lead with this rowid if it exists, is not deleted and is an MQL; undefined otherwise. */
export function readSlaLead(db: Database.Database, rowid: number): SlaLeadRow | undefined {
  return prepared(
    db,
    `SELECT l.rowid AS rowid, l.id AS leadId, l.name AS leadName, l.company, l.owner_id AS ownerId,
            p.name AS ownerName, l.mql_at AS mqlAt, ${FOLLOW_UP} AS followUpAt
       FROM leads l LEFT JOIN people p ON p.id = l.owner_id
      WHERE l.rowid = ? AND l.deleted_at IS NULL AND l.mql_at IS NOT NULL`,
  ).get(rowid) as SlaLeadRow | undefined;
}

/** The newest entry of the SLA change journal (migration 0004), 0 when it is empty. */
export function latestSlaChange(db: Database.Database): number {
  return prepared(db, 'SELECT COALESCE(MAX(seq), 0) FROM sla_lead_changes').pluck().get() as number;
}

/**
 * The leads (rowids) the SLA change journal names after entry `seq`, up to `limit` of them, and the newest
 * entry read. Null when they cannot all be named: entries were pruned since, there are more than `limit`,
 * or one says that anything may have changed (a bulk load, an owner renamed).
 */
export function slaChangesSince(
  db: Database.Database,
  seq: number,
  limit: number,
): { rowids: Set<number>; latest: number } | null {
  const oldest = prepared(db, 'SELECT MIN(seq) FROM sla_lead_changes').pluck().get() as number | null;
  if (oldest !== null && oldest > seq + 1) return null;
  const rows = prepared(
    db,
    'SELECT seq, lead_rowid AS rowid FROM sla_lead_changes WHERE seq > ? ORDER BY seq LIMIT ?',
  ).all(seq, limit + 1) as { seq: number; rowid: number | null }[];
  if (rows.length > limit || rows.some((row) => row.rowid === null)) return null;
  return { rowids: new Set(rows.map((row) => row.rowid!)), latest: rows.at(-1)?.seq ?? seq };
}

/**
 * The latest change to anything the SLA slide reads (METRICS: data age): leads (deleted ones included),
 * the SLA terms and the people named as owners. Null when all are empty.
 */
export function getSlaLatestChange(db: Database.Database): number | null {
  return latestOf(db, [
    'SELECT MAX(updated_at) FROM leads',
    'SELECT MAX(created_at) FROM sla_terms',
    'SELECT MAX(updated_at) FROM people',
  ]);
}
