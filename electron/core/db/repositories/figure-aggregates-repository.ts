/**
 * The figure aggregates of migration 0002: tables the triggers keep up to date with every write, so that a
 * display refresh reads small rows instead of counting leads. This module holds what the triggers cannot do
 * themselves: rebuild everything from the source rows (after a bulk load that ran without the triggers) and
 * move the time anchor of the exit histogram along with the clock.
 */
import type Database from 'better-sqlite3';
import { LIFECYCLE_STAGES, type LifecycleStage, type Team } from '@shared/domain';
import { prepared } from './statements';
import { rawEnd, sliceTimeRange } from './time-slices';

/** The tables whose triggers maintain the aggregates; bulk loads drop and recreate these triggers. */
const SOURCE_TABLES = [
  'leads',
  'deals',
  'lead_reviews',
  'sla_terms',
  'agg_lead_exits',
  'agg_opportunity_leads',
] as const;

/** Every aggregate table, emptied before a rebuild (agg_anchors is state, not a count, and stays). */
const AGGREGATE_TABLES = [
  'agg_lead_stages',
  'agg_lead_entries',
  'agg_lead_exits',
  'agg_lead_exit_buckets',
  'agg_sla_follow_ups',
  'agg_reviews',
  'agg_reviewed_leads',
  'agg_open_deals',
  'agg_close_reasons',
  'agg_opportunity_leads',
  'agg_open_opportunities',
  'agg_lost_opportunities',
] as const;

/**
 * The counts from the source rows; the same statements as the ends of migrations 0002 and 0008, which a
 * test keeps in step with what the triggers maintain. The opportunity counts are written last, from the
 * per-lead rows, so they are right whether or not the triggers were in place during the rebuild.
 */
const REBUILD_SQL = `
  INSERT INTO agg_lead_stages (stage, n)
    SELECT stage, COUNT(*) FROM leads WHERE deleted_at IS NULL GROUP BY stage;
  INSERT INTO agg_lead_entries (grain, bucket, stage, entered, converted, marketing)
    SELECT g.grain, CAST(e.at / g.grain AS INTEGER), e.stage, COUNT(*), SUM(e.converted), SUM(e.marketing)
      FROM (SELECT 'lead' AS stage, lead_at AS at,
                   (mql_at IS NOT NULL OR sql_at IS NOT NULL OR opportunity_at IS NOT NULL OR customer_at IS NOT NULL) AS converted,
                   source_team = 'marketing' AS marketing FROM leads WHERE deleted_at IS NULL
            UNION ALL SELECT 'mql', mql_at, (sql_at IS NOT NULL OR opportunity_at IS NOT NULL OR customer_at IS NOT NULL),
                   source_team = 'marketing' FROM leads WHERE deleted_at IS NULL AND mql_at IS NOT NULL
            UNION ALL SELECT 'sql', sql_at, (opportunity_at IS NOT NULL OR customer_at IS NOT NULL),
                   source_team = 'marketing' FROM leads WHERE deleted_at IS NULL AND sql_at IS NOT NULL
            UNION ALL SELECT 'opportunity', opportunity_at, customer_at IS NOT NULL,
                   source_team = 'marketing' FROM leads WHERE deleted_at IS NULL AND opportunity_at IS NOT NULL
            UNION ALL SELECT 'customer', customer_at, 0,
                   source_team = 'marketing' FROM leads WHERE deleted_at IS NULL AND customer_at IS NOT NULL) AS e,
           (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
     GROUP BY 1, 2, 3;
  INSERT INTO agg_lead_exits (stage, bucket, duration_ms, lead_id, exit_at)
    SELECT x.stage, CASE WHEN x.exit_at - x.entered_at < 1 THEN 0
                         ELSE CAST(log2(x.exit_at - x.entered_at) * 256 AS INTEGER) + 1 END,
           x.exit_at - x.entered_at, x.lead_id, x.exit_at
      FROM (SELECT 'lead' AS stage, id AS lead_id, lead_at AS entered_at,
                   COALESCE(mql_at, sql_at, opportunity_at, customer_at) AS exit_at FROM leads WHERE deleted_at IS NULL
            UNION ALL SELECT 'mql', id, mql_at, COALESCE(sql_at, opportunity_at, customer_at) FROM leads WHERE deleted_at IS NULL
            UNION ALL SELECT 'sql', id, sql_at, COALESCE(opportunity_at, customer_at) FROM leads WHERE deleted_at IS NULL
            UNION ALL SELECT 'opportunity', id, opportunity_at, customer_at FROM leads WHERE deleted_at IS NULL) AS x
     WHERE x.entered_at IS NOT NULL AND x.exit_at IS NOT NULL;
  DELETE FROM agg_lead_exit_buckets;
  INSERT INTO agg_lead_exit_buckets (stage, level, bucket, total, before_anchor)
    SELECT stage, 1, bucket, COUNT(*), SUM(exit_at < (SELECT at FROM agg_anchors WHERE name = 'lead_exits'))
      FROM agg_lead_exits GROUP BY stage, bucket;
  INSERT INTO agg_lead_exit_buckets (stage, level, bucket, total, before_anchor)
    SELECT stage, 0, bucket / 256, SUM(total), SUM(before_anchor)
      FROM agg_lead_exit_buckets WHERE level = 1 GROUP BY stage, bucket / 256;
  INSERT INTO agg_sla_follow_ups (follow_up_ms, grain, bucket, met, late)
    SELECT t.ms, g.grain, CAST(l.mql_at / g.grain AS INTEGER),
           SUM(COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) <= l.mql_at + t.ms), SUM(COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) > l.mql_at + t.ms)
      FROM leads l, (SELECT DISTINCT CAST(round(follow_up_hours * 3600000) AS INTEGER) AS ms FROM sla_terms) AS t, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
     WHERE l.deleted_at IS NULL AND l.mql_at IS NOT NULL AND COALESCE(MIN(l.first_follow_up_at, l.disqualified_at), l.first_follow_up_at, l.disqualified_at) IS NOT NULL
     GROUP BY 1, 2, 3;
  INSERT INTO agg_reviews (grain, bucket, campaign_key, team_key, reviews, rating_sum)
    SELECT g.grain, CAST(r.reviewed_at / g.grain AS INTEGER), COALESCE(l.campaign_id, ''),
           CASE WHEN l.campaign_id IS NULL THEN l.source_team ELSE '' END, COUNT(*), SUM(r.rating)
      FROM lead_reviews r JOIN leads l ON l.id = r.lead_id, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
     WHERE r.deleted_at IS NULL AND l.deleted_at IS NULL
     GROUP BY 1, 2, 3, 4;
  INSERT INTO agg_reviewed_leads (updated_at, lead_id)
    SELECT l.updated_at, l.id FROM leads l WHERE EXISTS (SELECT 1 FROM lead_reviews r WHERE r.lead_id = l.id);
  INSERT INTO agg_open_deals (stage_id, currency, n, amount_minor)
    SELECT stage_id, currency, COUNT(*), SUM(amount_minor) FROM deals
     WHERE status = 'open' AND deleted_at IS NULL GROUP BY stage_id, currency;
  INSERT INTO agg_close_reasons (status, grain, bucket, close_reason, n)
    SELECT d.status, g.grain, CAST(d.closed_at / g.grain AS INTEGER), d.close_reason, COUNT(*)
      FROM deals d, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
     WHERE d.status IN ('won', 'lost') AND d.close_reason IS NOT NULL AND d.closed_at IS NOT NULL
       AND d.deleted_at IS NULL
     GROUP BY 1, 2, 3, 4;
  INSERT INTO agg_opportunity_leads SELECT * FROM agg_opportunity_lead_counts;
  DELETE FROM agg_open_opportunities;
  DELETE FROM agg_lost_opportunities;
  INSERT INTO agg_open_opportunities (id, n) SELECT 1, COUNT(*) FROM agg_opportunity_leads WHERE has_open = 1;
  INSERT INTO agg_lost_opportunities (grain, bucket, n)
    SELECT g.grain, CAST(o.lost_at / g.grain AS INTEGER), COUNT(*)
      FROM agg_opportunity_leads o, (SELECT 3600000 AS grain UNION ALL SELECT 86400000) AS g
     WHERE o.lost_at IS NOT NULL
     GROUP BY 1, 2;
`;

/** The anchor of the lead-exit histogram (see migration 0002). */
export const LEAD_EXIT_ANCHOR = 'lead_exits';

/**
 * Duration buckets per histogram row of level 0 (an octave: the buckets are 1/256 of a doubling). Bound
 * parameters arrive as floating point, hence the CASTs wherever a bucket is divided by it.
 */
const OCTAVE = 256;

/**
 * Recomputes every aggregate from the source rows, with the exit anchor at `anchorAt` (default: where it
 * is). Must run inside a transaction, so that no reader sees the tables half filled.
 */
export function rebuildFigureAggregates(db: Database.Database, options: { anchorAt?: number } = {}): void {
  if (!db.inTransaction) throw new Error('rebuildFigureAggregates must run inside a transaction');
  for (const table of AGGREGATE_TABLES) db.exec(`DELETE FROM ${table}`);
  if (options.anchorAt !== undefined) setAnchor(db, LEAD_EXIT_ANCHOR, options.anchorAt);
  db.exec(REBUILD_SQL);
}

/**
 * Runs `load` with the aggregate triggers dropped, then rebuilds the aggregates once and recreates the
 * triggers from their stored definitions: a million generated leads would otherwise pay a dozen aggregate
 * updates each. Must run inside a transaction, so that a failure restores the triggers with everything else.
 */
export function withFigureAggregatesDeferred<T>(
  db: Database.Database,
  load: () => T,
  options: { anchorAt?: number } = {},
): T {
  if (!db.inTransaction) throw new Error('withFigureAggregatesDeferred must run inside a transaction');
  const placeholders = SOURCE_TABLES.map(() => '?').join(', ');
  const triggers = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema
        WHERE type = 'trigger' AND name LIKE 'agg\\_%' ESCAPE '\\' AND tbl_name IN (${placeholders})`,
    )
    .all(...SOURCE_TABLES) as { name: string; sql: string }[];
  // Trigger names come from the schema itself, never from input; quoted all the same.
  for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name.replaceAll('"', '""')}"`);
  const result = load();
  rebuildFigureAggregates(db, options);
  for (const trigger of triggers) db.exec(trigger.sql);
  // The SLA change journal's triggers were among those dropped: whatever the load changed is unknown to it.
  prepared(db, 'INSERT INTO sla_lead_changes (lead_rowid) VALUES (NULL)').run();
  return result;
}

/** Where an anchor stands (0 when it was never set). */
export function getAnchor(db: Database.Database, name: string): number {
  const row = prepared(db, 'SELECT at FROM agg_anchors WHERE name = ?').get(name) as { at: number } | undefined;
  return row?.at ?? 0;
}

function setAnchor(db: Database.Database, name: string, at: number): void {
  prepared(
    db,
    'INSERT INTO agg_anchors (name, at) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET at = excluded.at',
  ).run(name, at);
}

/**
 * Moves the lead-exit anchor to `at`, moving the exits in between into or out of the histogram's
 * `before_anchor` counts (both levels); the figures read the same before and after. Cost: the exits in
 * between, so it pays to move the anchor often and by little. Run it in the writer's transaction.
 */
export function moveLeadExitAnchor(db: Database.Database, at: number): void {
  const from = getAnchor(db, LEAD_EXIT_ANCHOR);
  if (at === from) return;
  const [low, high, sign] = at > from ? [from, at, 1] : [at, from, -1];
  for (const level of [0, 1]) {
    prepared(
      db,
      `UPDATE agg_lead_exit_buckets SET before_anchor = before_anchor + @sign * moved.n
         FROM (SELECT stage, CAST(bucket / @divisor AS INTEGER) AS bucket, COUNT(*) AS n FROM agg_lead_exits
                WHERE stage IN ('lead', 'mql', 'sql', 'opportunity') AND exit_at >= @low AND exit_at < @high
                GROUP BY 1, 2) AS moved
        WHERE agg_lead_exit_buckets.stage = moved.stage AND agg_lead_exit_buckets.level = @level
          AND agg_lead_exit_buckets.bucket = moved.bucket`,
    ).run({ sign, low, high, level, divisor: level === 0 ? OCTAVE : 1 });
  }
  setAnchor(db, LEAD_EXIT_ANCHOR, at);
}

/** Leads that entered one stage in a range, and how many of them have reached any later stage since. */
export interface StageEntryCounts {
  entered: number;
  converted: number;
}

/** The leads-table column of each lifecycle stage's entry time, and the later stages' columns. */
const STAGE_COLUMNS: Record<LifecycleStage, { column: string; later: string[] }> = {
  lead: { column: 'lead_at', later: ['mql_at', 'sql_at', 'opportunity_at', 'customer_at'] },
  mql: { column: 'mql_at', later: ['sql_at', 'opportunity_at', 'customer_at'] },
  sql: { column: 'sql_at', later: ['opportunity_at', 'customer_at'] },
  opportunity: { column: 'opportunity_at', later: ['customer_at'] },
  customer: { column: 'customer_at', later: [] },
};

/** One statement counting every stage's entries in a raw slice, each from its own covering index. */
function rawEntriesSql(end: '<' | '<='): string {
  return LIFECYCLE_STAGES.map((stage) => {
    const { column, later } = STAGE_COLUMNS[stage];
    const converted = later.length === 0 ? '0' : later.map((c) => `${c} IS NOT NULL`).join(' OR ');
    return `SELECT '${stage}' AS stage, COUNT(*) AS entered, COALESCE(SUM(${converted}), 0) AS converted FROM leads
             WHERE deleted_at IS NULL AND ${column} >= @from AND ${column} ${end} @to`;
  }).join(' UNION ALL ');
}

/**
 * Per lifecycle stage, the leads (not deleted) whose entry time of that stage falls in [start, end) — or
 * [start, end] with `endInclusive` — and how many of them have reached any later stage (none can for the
 * customer stage). Whole days and hours come from agg_lead_entries, the edges from the stage indexes.
 */
export function countLeadEntries(
  db: Database.Database,
  start: number,
  end: number,
  endInclusive = false,
): Record<LifecycleStage, StageEntryCounts> {
  const counts = Object.fromEntries(LIFECYCLE_STAGES.map((stage) => [stage, { entered: 0, converted: 0 }])) as Record<
    LifecycleStage,
    StageEntryCounts
  >;
  const { buckets, raw } = sliceTimeRange(start, end, endInclusive);
  for (const slice of buckets) {
    const rows = prepared(
      db,
      `SELECT stage, SUM(entered) AS entered, SUM(converted) AS converted FROM agg_lead_entries
        WHERE grain = @grain AND bucket >= @from AND bucket < @to GROUP BY stage`,
    ).all(slice) as { stage: LifecycleStage; entered: number; converted: number }[];
    for (const row of rows) {
      counts[row.stage].entered += row.entered;
      counts[row.stage].converted += row.converted;
    }
  }
  for (const slice of raw) {
    const rows = prepared(db, rawEntriesSql(rawEnd(slice))).all({ from: slice.from, to: slice.to }) as {
      stage: LifecycleStage;
      entered: number;
      converted: number;
    }[];
    for (const row of rows) {
      counts[row.stage].entered += row.entered;
      counts[row.stage].converted += row.converted;
    }
  }
  return counts;
}

/** New paying customers in one range, by the lead's source team. */
export interface CustomersBySource {
  marketing: number;
  sales: number;
}

/**
 * Leads (not deleted) whose `customer_at` falls in [start, end), by source team: whole days and hours from
 * agg_lead_entries, the edges from the `leads_customer_at` index, which carries `source_team`.
 */
export function countCustomersBySource(db: Database.Database, start: number, end: number): CustomersBySource {
  const counts: CustomersBySource = { marketing: 0, sales: 0 };
  const { buckets, raw } = sliceTimeRange(start, end);
  for (const slice of buckets) {
    const row = prepared(
      db,
      `SELECT COALESCE(SUM(entered), 0) AS entered, COALESCE(SUM(marketing), 0) AS marketing FROM agg_lead_entries
        WHERE grain = @grain AND bucket >= @from AND bucket < @to AND stage = 'customer'`,
    ).get(slice) as { entered: number; marketing: number };
    counts.marketing += row.marketing;
    counts.sales += row.entered - row.marketing;
  }
  for (const slice of raw) {
    const rows = prepared(
      db,
      `SELECT source_team AS team, COUNT(*) AS n FROM leads
        WHERE deleted_at IS NULL AND customer_at >= @from AND customer_at ${rawEnd(slice)} @to GROUP BY source_team`,
    ).all({ from: slice.from, to: slice.to }) as { team: Team; n: number }[];
    for (const row of rows) counts[row.team] += row.n;
  }
  return counts;
}

/** The stages whose exits agg_lead_exits records (the customer stage has no next stage). */
export type ExitStage = Exclude<LifecycleStage, 'customer'>;

/**
 * The median of (entry of the next reached stage − entry of `stage`) over leads (not deleted) whose next
 * reached stage was entered within [from, to], in ms; the mean of the two middle values for an even count;
 * null when there is none. Counts per octave, then per bucket of the one octave that holds the middle, come
 * from the histogram (total − before the anchor, corrected by the exits between the anchor and `from` and
 * those after `to`); the middle value itself from a walk through one bucket in duration order. Run it
 * inside a read transaction.
 */
export function medianExitMs(db: Database.Database, stage: ExitStage, from: number, to: number): number | null {
  const anchor = getAnchor(db, LEAD_EXIT_ANCHOR);
  // Exits counted by the histogram but outside [from, to] (sign −1), or inside but not counted (+1).
  const corrections: { low: number; high: number; sign: number }[] = [];
  if (anchor < from) corrections.push({ low: anchor, high: from, sign: -1 });
  else if (from < anchor) corrections.push({ low: from, high: anchor, sign: 1 });
  if (to + 1 < Number.MAX_SAFE_INTEGER) corrections.push({ low: to + 1, high: Number.MAX_SAFE_INTEGER, sign: -1 });

  /** Window counts of level 0 (octaves) or of level 1 within [first, end), in bucket order. */
  const countsOf = (level: 0 | 1, first: number, end: number): [number, number][] => {
    const counts = new Map<number, number>();
    const rows = prepared(
      db,
      `SELECT bucket, total - before_anchor FROM agg_lead_exit_buckets
        WHERE stage = @stage AND level = @level AND bucket >= @first AND bucket < @end`,
    )
      .raw(true)
      .all({ stage, level, first, end }) as [number, number][];
    for (const [bucket, n] of rows) counts.set(bucket, n);
    for (const { low, high, sign } of corrections) {
      const moved = prepared(
        db,
        `SELECT CAST(bucket / @divisor AS INTEGER), COUNT(*) FROM agg_lead_exits
          WHERE stage = @stage AND exit_at >= @low AND exit_at < @high GROUP BY 1`,
      )
        .raw(true)
        .all({ stage, low, high, divisor: level === 0 ? OCTAVE : 1 }) as [number, number][];
      for (const [bucket, n] of moved) {
        if (bucket >= first && bucket < end) counts.set(bucket, (counts.get(bucket) ?? 0) + sign * n);
      }
    }
    return [...counts].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  };
  /** The bucket of `counts` that holds the `rank`-th exit, and the rank within it. */
  const locate = (counts: [number, number][], rank: number): [bucket: number, offset: number] => {
    let before = 0;
    for (const [bucket, n] of counts) {
      if (rank < before + n) return [bucket, rank - before];
      before += n;
    }
    throw new Error('median rank beyond the counted exits');
  };

  const octaves = countsOf(0, 0, Number.MAX_SAFE_INTEGER);
  const total = octaves.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const bucketsOf = new Map<number, [number, number][]>();
  // The unary + keeps the planner on the primary key (one bucket, in duration order) rather than the
  // exit-time index, which would read the whole window.
  const valueAt = (rank: number): number => {
    const [octave, inOctave] = locate(octaves, rank);
    let buckets = bucketsOf.get(octave);
    if (buckets === undefined) {
      buckets = countsOf(1, octave * OCTAVE, (octave + 1) * OCTAVE);
      bucketsOf.set(octave, buckets);
    }
    const [bucket, offset] = locate(buckets, inOctave);
    const row = prepared(
      db,
      `SELECT duration_ms AS ms FROM agg_lead_exits
        WHERE stage = @stage AND bucket = @bucket AND +exit_at >= @from AND +exit_at <= @to
        ORDER BY duration_ms LIMIT 1 OFFSET @offset`,
    ).get({ stage, bucket, from, to, offset }) as { ms: number };
    return row.ms;
  };
  const middle = (total - 1) >> 1;
  return total % 2 === 1 ? valueAt(middle) : (valueAt(middle) + valueAt(middle + 1)) / 2;
}
