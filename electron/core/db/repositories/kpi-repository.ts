import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { PeriodKind } from '@shared/domain';
import { journalRow } from './change-journal';
import { prepared } from './statements';

/** The id of the shared KPI seeded by the first migration. */
export const NEW_PAYING_CUSTOMERS_KPI = 'new_paying_customers';

/** A target people entered for one period. */
export interface KpiTarget {
  id: string;
  kpiId: string;
  periodKind: PeriodKind;
  /** first day of the period, 'YYYY-MM-DD' in the room's zone */
  periodStart: string;
  target: number;
  updatedAt: number;
}

const COLUMNS =
  'id, kpi_id AS kpiId, period_kind AS periodKind, period_start AS periodStart, target, updated_at AS updatedAt';

/** Sets the target of one period (replacing an earlier one for the same period) and returns it. */
export function upsertKpiTarget(
  db: Database.Database,
  target: { kpiId: string; periodKind: PeriodKind; periodStart: string; target: number; id?: string },
  at: number,
): KpiTarget {
  const id = target.id ?? uuidv7();
  // The row this writes: the period's target if it has one (the upsert keeps that row's id), else the new one.
  journalRow(db, 'kpi_targets', getKpiTarget(db, target.kpiId, target.periodKind, target.periodStart)?.id ?? id);
  prepared(
    db,
    `INSERT INTO kpi_targets (id, kpi_id, period_kind, period_start, target, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (kpi_id, period_kind, period_start) DO UPDATE SET target = excluded.target, updated_at = excluded.updated_at`,
  ).run(id, target.kpiId, target.periodKind, target.periodStart, target.target, at);
  return getKpiTarget(db, target.kpiId, target.periodKind, target.periodStart)!;
}

/** The target of one period, or undefined. */
export function getKpiTarget(
  db: Database.Database,
  kpiId: string,
  periodKind: PeriodKind,
  periodStart: string,
): KpiTarget | undefined {
  return prepared(
    db,
    `SELECT ${COLUMNS} FROM kpi_targets WHERE kpi_id = ? AND period_kind = ? AND period_start = ?`,
  ).get(kpiId, periodKind, periodStart) as KpiTarget | undefined;
}

/** Every target of a KPI, by period start. */
export function listKpiTargets(db: Database.Database, kpiId: string): KpiTarget[] {
  return prepared(db, `SELECT ${COLUMNS} FROM kpi_targets WHERE kpi_id = ? ORDER BY period_start, period_kind`).all(
    kpiId,
  ) as KpiTarget[];
}
