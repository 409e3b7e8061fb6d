/**
 * Read-only queries behind the shared KPI slide (METRICS: shared KPI — new paying customers). The counts
 * come from the figure aggregates (migration 0002) and, for the minutes at a period's edges, from the
 * `leads_customer_at` index, which carries `source_team`: neither the figure, its split nor the trend reads
 * a table row.
 */
import type Database from 'better-sqlite3';
import type { PeriodKind } from '@shared/domain';
import { countCustomersBySource } from './figure-aggregates-repository';
import { latestOf, prepared } from './statements';

/** A KPI as defined in the `kpis` table. */
export interface KpiDefinition {
  id: string;
  name: string;
  description: string;
  unit: string;
}

/** The KPI with this id, or undefined. */
export function getKpiDefinition(db: Database.Database, kpiId: string): KpiDefinition | undefined {
  return prepared(db, 'SELECT id, name, description, unit FROM kpis WHERE id = ?').get(kpiId) as
    KpiDefinition | undefined;
}

/** New paying customers of one period, by the lead's source team. */
export interface NewCustomersBySource {
  marketing: number;
  sales: number;
}

/**
 * New paying customers (METRICS: leads whose `customer_at` falls in the period, deleted leads left out) in
 * each of the consecutive periods bounded by `boundaries`: period i is [boundaries[i], boundaries[i + 1]),
 * so n + 1 ascending boundaries give n counts, split by source team. Each period is read from the daily and
 * hourly customer counts the write triggers keep (agg_lead_entries), its edges from the index.
 */
export function countNewCustomersByPeriod(db: Database.Database, boundaries: number[]): NewCustomersBySource[] {
  for (let i = 1; i < boundaries.length; i += 1) {
    if (!(boundaries[i]! > boundaries[i - 1]!)) throw new RangeError('period boundaries must be strictly ascending');
  }
  return boundaries.slice(1).map((end, i) => countCustomersBySource(db, boundaries[i]!, end));
}

/**
 * When the data begins, as far as the KPI is concerned: the earliest `lead_at` of a lead not deleted, or an
 * earlier `customer_at` should imported data hold one (a customer must never fall before the trend's first
 * period). Two look-ups of the first entry of the partial `leads_lead_at` and `leads_customer_at` indexes.
 * Null when there are no leads.
 */
export function getEarliestLeadActivity(db: Database.Database): number | null {
  const row = prepared(
    db,
    `SELECT MIN(at) AS earliest FROM (
       SELECT MIN(lead_at) AS at FROM leads WHERE deleted_at IS NULL
       UNION ALL
       SELECT MIN(customer_at) FROM leads WHERE deleted_at IS NULL AND customer_at IS NOT NULL)`,
  ).get() as { earliest: number | null };
  return row.earliest;
}

/**
 * Targets of a KPI for one period kind whose period starts ('YYYY-MM-DD') lie in [fromStart, toStart], as
 * a map from period start to target. One range read of the unique (kpi_id, period_kind, period_start) index.
 */
export function listKpiTargetsBetween(
  db: Database.Database,
  kpiId: string,
  periodKind: PeriodKind,
  fromStart: string,
  toStart: string,
): Map<string, number> {
  const rows = prepared(
    db,
    `SELECT period_start AS periodStart, target FROM kpi_targets
       WHERE kpi_id = ? AND period_kind = ? AND period_start >= ? AND period_start <= ?`,
  ).all(kpiId, periodKind, fromStart, toStart) as { periodStart: string; target: number }[];
  return new Map(rows.map((row) => [row.periodStart, row.target]));
}

/**
 * The latest change to anything the KPI is counted from (METRICS: data age): the newest `updated_at` of
 * leads (any lead, deleted ones included: each one is a reason the count is what it is) and of the KPI
 * targets. Index look-up on leads; kpi_targets is a handful of rows. Null when both are empty.
 */
export function getKpiLatestChange(db: Database.Database): number | null {
  return latestOf(db, ['SELECT MAX(updated_at) FROM leads', 'SELECT MAX(updated_at) FROM kpi_targets']);
}
