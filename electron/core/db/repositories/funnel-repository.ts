/**
 * Read-only aggregate queries behind the funnel slide (METRICS: lifecycle funnel, deal pipeline). Every
 * count and sum is done by SQLite; only one small row per stage or per stage and currency reaches JS.
 * Column names in the SQL come from the constant map below, never from input.
 */
import type Database from 'better-sqlite3';
import { LIFECYCLE_STAGES, type LifecycleStage, type Team } from '@shared/domain';
import { prepared } from './statements';

/** The leads column that holds the first entry time of each lifecycle stage. */
const ENTRY_COLUMN: Record<LifecycleStage, string> = {
  lead: 'lead_at',
  mql: 'mql_at',
  sql: 'sql_at',
  opportunity: 'opportunity_at',
  customer: 'customer_at',
};

/** The entry columns of the stages after `stage`, in funnel order. */
function laterColumns(stage: LifecycleStage): string[] {
  return LIFECYCLE_STAGES.slice(LIFECYCLE_STAGES.indexOf(stage) + 1).map((later) => ENTRY_COLUMN[later]);
}

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
 * not disqualified and not deleted. Served from the partial index `leads_stage`.
 */
export function countLeadsInStageNow(db: Database.Database): Record<LifecycleStage, number> {
  const rows = prepared(
    db,
    `SELECT stage, COUNT(*) AS n FROM leads
       WHERE deleted_at IS NULL AND stage <> 'disqualified'
       GROUP BY stage`,
  ).all() as { stage: LifecycleStage; n: number }[];
  const counts = zeroPerStage();
  for (const row of rows) counts[row.stage] = row.n;
  return counts;
}

/**
 * Leads whose entry time of each stage falls in [start, end) (METRICS: entered in period). Disqualified
 * leads count: they did enter the stage. One indexed range count per stage column.
 */
export function countLeadsEnteredBetween(
  db: Database.Database,
  start: number,
  end: number,
): Record<LifecycleStage, number> {
  const columns = LIFECYCLE_STAGES.map(
    (stage) =>
      `(SELECT COUNT(*) FROM leads WHERE deleted_at IS NULL AND ${ENTRY_COLUMN[stage]} >= @start AND ${ENTRY_COLUMN[stage]} < @end) AS ${stage}`,
  );
  const row = prepared(db, `SELECT ${columns.join(', ')}`).get({
    start,
    end,
  }) as Record<LifecycleStage, number>;
  const counts = zeroPerStage();
  for (const stage of LIFECYCLE_STAGES) counts[stage] = row[stage];
  return counts;
}

/** A stage's conversion cohort: how many entered it in the window and how many of those went further. */
export interface CohortCounts {
  cohortSize: number;
  converted: number;
}

/**
 * The conversion cohort of `stage` (METRICS: stage-to-stage conversion): leads (not deleted, disqualified
 * ones included) that entered `stage` within [from, to], and how many of them have reached any later stage.
 * For the last stage `converted` is 0: there is nowhere further to go.
 */
export function countCohort(db: Database.Database, stage: LifecycleStage, from: number, to: number): CohortCounts {
  const column = ENTRY_COLUMN[stage];
  const later = laterColumns(stage);
  const reachedLater = later.length === 0 ? '0' : later.map((c) => `${c} IS NOT NULL`).join(' OR ');
  const row = prepared(
    db,
    `SELECT COUNT(*) AS cohortSize, COALESCE(SUM(CASE WHEN ${reachedLater} THEN 1 ELSE 0 END), 0) AS converted
       FROM leads
       WHERE deleted_at IS NULL AND ${column} >= @from AND ${column} <= @to`,
  ).get({ from, to }) as CohortCounts;
  return row;
}

/**
 * Median time in `stage`, in milliseconds (METRICS: median time in stage): over leads (not deleted) that
 * left the stage forward within [from, to], i.e. whose next reached stage was entered in the window, the
 * median of (entry of the next reached stage − entry of `stage`). The mean of the two middle values for an
 * even count; null when no lead left the stage in the window. Callers should run it inside a read
 * transaction: it counts, then reads the middle, in two statements.
 *
 * "Next reached stage entered in the window" is one branch per possible next stage (the skipped ones null,
 * that one in range); the branches cannot overlap, so UNION ALL adds them up. Each branch is a range scan
 * of that stage column's covering index. The unary `+` keeps the planner off the "IS NULL" terms, which
 * match most leads.
 */
export function medianMsInStage(db: Database.Database, stage: LifecycleStage, from: number, to: number): number | null {
  const column = ENTRY_COLUMN[stage];
  const later = laterColumns(stage);
  if (later.length === 0) return null;
  const branches = later.map((next, index) => {
    const skipped = later.slice(0, index).map((earlier) => `AND +${earlier} IS NULL`);
    return `SELECT ${next} - ${column} AS ms FROM leads
            WHERE deleted_at IS NULL AND ${next} >= @from AND ${next} <= @to ${skipped.join(' ')}`;
  });
  const durations = `WITH durations AS (${branches.join(' UNION ALL ')})`;
  // Count first, then let SQLite sort only as far as the middle (ORDER BY with LIMIT keeps a bounded
  // sorter): about a quarter faster than numbering every row with a window function.
  // "ms IS NOT NULL" drops leads that skipped this stage: they never were in it.
  const { n } = prepared(db, `${durations} SELECT COUNT(*) AS n FROM durations WHERE ms IS NOT NULL`).get({
    from,
    to,
  }) as { n: number };
  if (n === 0) return null;
  const middle = prepared(
    db,
    `${durations} SELECT ms FROM durations WHERE ms IS NOT NULL ORDER BY ms LIMIT @take OFFSET @skip`,
  ).all({ from, to, take: n % 2 === 1 ? 1 : 2, skip: Math.floor((n - 1) / 2) }) as { ms: number }[];
  return middle.reduce((sum, row) => sum + row.ms, 0) / middle.length;
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
 * Currencies stay apart (METRICS: never silently added). Served from the covering index `deals_open_stage`.
 */
export function sumOpenDealsByStage(db: Database.Database): OpenDealTotal[] {
  return prepared(
    db,
    `SELECT stage_id AS stageId, currency, COUNT(*) AS count, SUM(amount_minor) AS amountMinor
       FROM deals
       WHERE status = 'open' AND deleted_at IS NULL
       GROUP BY stage_id, currency`,
  ).all() as OpenDealTotal[];
}

/**
 * The latest change to any row the funnel reads (METRICS: data age): the newest `updated_at` of leads and
 * deals, deleted rows included because a delete is a change too. Two index look-ups; null when both
 * tables are empty.
 */
export function getFunnelLatestChange(db: Database.Database): number | null {
  const row = prepared(
    db,
    `SELECT MAX(
         COALESCE((SELECT MAX(updated_at) FROM leads), -1),
         COALESCE((SELECT MAX(updated_at) FROM deals), -1)
       ) AS latest`,
  ).get() as { latest: number };
  return row.latest < 0 ? null : row.latest;
}
