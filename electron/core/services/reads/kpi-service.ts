/**
 * The shared KPI slide's figures (METRICS: shared KPI — new paying customers): the current period's count
 * against its target with pace, the marketing/sales split, and the trend over the last periods.
 */
import type { Period } from '@shared/domain';
import type { KpiResult } from '@shared/figures';
import type { CoreContext } from '../../context';
import {
  countNewCustomersByPeriod,
  getEarliestLeadActivity,
  getKpiDefinition,
  getKpiLatestChange,
  listKpiTargetsBetween,
} from '../../db/repositories/kpi-figures-repository';
import { NEW_PAYING_CUSTOMERS_KPI } from '../../db/repositories/kpi-repository';
import { momentOf, type AsOf } from '../support/as-of';
import { describeFreshness } from '../support/freshness';
import { paceFigure } from '../support/pace';
import { elapsedWorkingShare, localDate, periodContaining, previousPeriod } from '@shared/calendar';
import { getDisplaySettings } from '../support/settings-service';

/** How many periods the trend shows at most, the current one included. */
export const KPI_TREND_PERIODS = 6;

/** What the slide calls the KPI should its row ever be missing from the database. */
const FALLBACK_KPI = {
  id: NEW_PAYING_CUSTOMERS_KPI,
  name: 'New paying customers',
  description: 'Leads whose first deal was won in the period.',
  unit: 'customers',
};

/**
 * The shared KPI now (METRICS: shared KPI): new paying customers = leads (not deleted) whose `customer_at`
 * falls in the current period (kind from settings, in the room's zone); the target people entered for that
 * period (kpi_targets by period kind and first day 'YYYY-MM-DD' in the room's zone), pace = target ×
 * elapsed working share, on track / behind by ⌈pace − actual⌉ / no target; the count split by the lead's
 * source team (the two sum to the total); and the trend of the last {@link KPI_TREND_PERIODS} periods,
 * oldest first, ending with the current one, each with its count and target. The trend starts no earlier
 * than the period that holds the first lead (its `lead_at`, or an earlier `customer_at`; deleted leads left
 * out): the months before the team entered any data are not "zero customers", so they are not shown. With
 * no leads at all, or all of them in the current period, the trend is the current period alone.
 * `asOf` computes the same figures for another moment and period kind (the weekly report); targets are
 * then those entered for that kind.
 */
export function getKpi(ctx: CoreContext, asOf: AsOf = {}): KpiResult {
  const { db } = ctx;
  const settings = getDisplaySettings(ctx);
  const timezone = settings.timezone;
  const now = momentOf(ctx, asOf);
  const periodKind = asOf.periodKind ?? settings.periodKind;
  const period = periodContaining(now, periodKind, timezone);

  // One read transaction, so that the count, the split and the trend come from the same snapshot.
  return db
    .transaction((): KpiResult => {
      const earliest = getEarliestLeadActivity(db);
      const periods: Period[] = [period];
      while (periods.length < KPI_TREND_PERIODS && earliest !== null && earliest < periods[0]!.start) {
        periods.unshift(previousPeriod(periods[0]!, timezone));
      }
      const boundaries = [...periods.map((p) => p.start), period.end];
      const startDates = periods.map((p) => localDate(p.start, timezone));
      const counts = countNewCustomersByPeriod(db, boundaries);
      const targets = listKpiTargetsBetween(
        db,
        NEW_PAYING_CUSTOMERS_KPI,
        periodKind,
        startDates[0]!,
        startDates.at(-1)!,
      );
      const trend = periods.map((p, i) => ({
        period: p,
        actual: counts[i]!.marketing + counts[i]!.sales,
        target: targets.get(startDates[i]!) ?? null,
      }));
      const current = trend.at(-1)!;
      const split = counts.at(-1)!;
      return {
        kpi: getKpiDefinition(db, NEW_PAYING_CUSTOMERS_KPI) ?? FALLBACK_KPI,
        period,
        figure: paceFigure(current.actual, current.target, elapsedWorkingShare(period, now, timezone)),
        split: { marketing: split.marketing, sales: split.sales },
        trend,
        freshness: describeFreshness(db, now, getKpiLatestChange(db)),
      };
    })
    .deferred();
}
