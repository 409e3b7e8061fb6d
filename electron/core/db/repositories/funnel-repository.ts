/**
 * Read-only queries behind the funnel slide (METRICS: lifecycle funnel, deal pipeline). The counts, sums
 * and medians are read from the figure aggregates the write triggers keep (migrations 0002 and 0008), so a
 * refresh reads a few hundred small rows however many leads there are; only the minutes at the edges of a
 * time range are counted from the leads themselves. Column names in the SQL come from constant maps, never input.
 */
import type Database from 'better-sqlite3';
import { LIFECYCLE_STAGES, type LifecycleStage, type Team } from '@shared/domain';
import { countLeadEntries, medianExitMs } from './figure-aggregates-repository';
import { latestOf, prepared } from './statements';
import { rawEnd, sliceTimeRange } from './time-slices';

/** A lifecycle stage as configured in the database. */
export interface LifecycleStageDefinition {
  key: LifecycleStage;
  position: number;
  label: string;
  ownerTeam: Team;
}

/** The lifecycle stages with their labels and owning teams, in position order. */
export function listLifecycleStages(db: Database.Database): LifecycleStageDefinition[] {
  return prepared(
    db,
    'SELECT key, position, label, owner_team AS ownerTeam FROM lifecycle_stages ORDER BY position',
  ).all() as LifecycleStageDefinition[];
}

/** Zero for every lifecycle stage; the start of each per-stage count. */
function zeroPerStage(): Record<LifecycleStage, number> {
  return { lead: 0, mql: 0, sql: 0, opportunity: 0, customer: 0 };
}

/**
 * Leads in each stage now (METRICS: in stage now): the latest reached stage, which `leads.stage` holds,
 * not disqualified and not deleted. One row per stage from agg_lead_stages.
 */
export function countLeadsInStageNow(db: Database.Database): Record<LifecycleStage, number> {
  const rows = prepared(db, `SELECT stage, n FROM agg_lead_stages WHERE stage <> 'disqualified'`).all() as {
    stage: LifecycleStage;
    n: number;
  }[];
  const counts = zeroPerStage();
  for (const row of rows) counts[row.stage] = row.n;
  return counts;
}

/**
 * Leads whose entry time of each stage falls in [start, end) (METRICS: entered in period). Disqualified
 * leads count: they did enter the stage.
 */
export function countLeadsEnteredBetween(
  db: Database.Database,
  start: number,
  end: number,
): Record<LifecycleStage, number> {
  const entries = countLeadEntries(db, start, end);
  const counts = zeroPerStage();
  for (const stage of LIFECYCLE_STAGES) counts[stage] = entries[stage].entered;
  return counts;
}

/** A stage's conversion cohort: how many entered it in the window and how many of those went further. */
export interface CohortCounts {
  cohortSize: number;
  converted: number;
}

/**
 * The conversion cohorts of every stage (METRICS: stage-to-stage conversion): leads (not deleted,
 * disqualified ones included) that entered the stage within [from, to], and how many of them have reached
 * any later stage. For the last stage `converted` is 0: there is nowhere further to go.
 */
export function countCohorts(db: Database.Database, from: number, to: number): Record<LifecycleStage, CohortCounts> {
  const entries = countLeadEntries(db, from, to, true);
  const cohorts = {} as Record<LifecycleStage, CohortCounts>;
  for (const stage of LIFECYCLE_STAGES) {
    cohorts[stage] = { cohortSize: entries[stage].entered, converted: entries[stage].converted };
  }
  return cohorts;
}

/** The conversion cohort of one stage; see {@link countCohorts}, which reads all stages at the same cost. */
export function countCohort(db: Database.Database, stage: LifecycleStage, from: number, to: number): CohortCounts {
  return countCohorts(db, from, to)[stage];
}

/**
 * Median time in `stage`, in milliseconds (METRICS: median time in stage): over leads (not deleted) that
 * left the stage forward within [from, to], i.e. whose next reached stage was entered in the window, the
 * median of (entry of the next reached stage − entry of `stage`). The mean of the two middle values for an
 * even count; null when no lead left the stage in the window (always for the last stage). Callers should
 * run it inside a read transaction: it reads the exit histogram, then the middle values.
 */
export function medianMsInStage(db: Database.Database, stage: LifecycleStage, from: number, to: number): number | null {
  return stage === 'customer' ? null : medianExitMs(db, stage, from, to);
}

/** An open pipeline stage as configured. */
export interface OpenPipelineStage {
  id: string;
  name: string;
  position: number;
  archived: boolean;
}

/** The pipeline's open stages (not the won and lost end stages), in position order, archived ones flagged. */
export function listOpenPipelineStages(db: Database.Database): OpenPipelineStage[] {
  const rows = prepared(
    db,
    `SELECT id, name, position, archived_at IS NOT NULL AS archived FROM pipeline_stages
       WHERE kind = 'open' ORDER BY position, id`,
  ).all() as { id: string; name: string; position: number; archived: number }[];
  return rows.map((row) => ({ ...row, archived: row.archived === 1 }));
}

/** Open deals of one stage in one currency. */
export interface OpenDealTotal {
  stageId: string;
  currency: string;
  count: number;
  amountMinor: number;
}

/**
 * Open deals (status open, not deleted) per pipeline stage and currency: count and sum of amounts.
 * Currencies stay apart (METRICS: never silently added). One row per stage and currency from agg_open_deals.
 */
export function sumOpenDealsByStage(db: Database.Database): OpenDealTotal[] {
  return prepared(
    db,
    `SELECT stage_id AS stageId, currency, n AS count, amount_minor AS amountMinor FROM agg_open_deals
      WHERE n > 0 ORDER BY stage_id, currency`,
  ).all() as OpenDealTotal[];
}

/**
 * The latest change to any row the funnel reads (METRICS: data age): the newest `updated_at` of leads and
 * deals, deleted rows included because a delete is a change too, and the newest SLA terms (their follow-up
 * hours are drawn on the funnel). Two index look-ups and a handful of terms rows; null when all are empty.
 */
export function getFunnelLatestChange(db: Database.Database): number | null {
  return latestOf(db, [
    'SELECT MAX(updated_at) FROM leads',
    'SELECT MAX(updated_at) FROM deals',
    'SELECT MAX(created_at) FROM sla_terms',
  ]);
}

/**
 * Open opportunities (METRICS): leads (not deleted) in the opportunity stage with at least one open deal
 * (not deleted). One counter row, kept by the triggers of migration 0008.
 */
export function countOpenOpportunities(db: Database.Database): number {
  const row = prepared(db, 'SELECT n FROM agg_open_opportunities WHERE id = 1').get() as { n: number } | undefined;
  return row?.n ?? 0;
}

/**
 * Lost opportunities (METRICS) whose last loss falls in [start, end): leads (not deleted) in the opportunity
 * stage whose deals (not deleted; at least one) are all lost, counted in the period of the latest close.
 * Whole days and hours from agg_lost_opportunities, the edges from the lost-at index of the per-lead rows
 * (migration 0008).
 */
export function countLostOpportunitiesBetween(db: Database.Database, start: number, end: number): number {
  const { buckets, raw } = sliceTimeRange(start, end);
  let count = 0;
  for (const slice of buckets) {
    count += (
      prepared(
        db,
        `SELECT COALESCE(SUM(n), 0) AS n FROM agg_lost_opportunities
          WHERE grain = @grain AND bucket >= @from AND bucket < @to`,
      ).get(slice) as { n: number }
    ).n;
  }
  for (const slice of raw) {
    count += (
      prepared(
        db,
        `SELECT count(*) AS n FROM agg_opportunity_leads WHERE lost_at >= @from AND lost_at ${rawEnd(slice)} @to`,
      ).get({ from: slice.from, to: slice.to }) as { n: number }
    ).n;
  }
  return count;
}
