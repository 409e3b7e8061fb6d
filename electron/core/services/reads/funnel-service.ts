/**
 * The funnel slide's figures (METRICS: lifecycle funnel, deal pipeline), computed from the database on
 * every call; the repository does the counting, this module puts the rows together.
 */
import { LIFECYCLE_STAGES, type FunnelPipelineRow, type FunnelResult, type MoneyAmount } from '@shared/domain';
import type Database from 'better-sqlite3';
import type { CoreContext } from '../../context';
import {
  countCohorts,
  countLeadsEnteredBetween,
  countLeadsInStageNow,
  countLostOpportunitiesBetween,
  countOpenOpportunities,
  getFunnelLatestChange,
  listLifecycleStages,
  listOpenPipelineStages,
  medianMsInStage,
  sumOpenDealsByStage,
  type OpenDealTotal,
} from '../../db/repositories/funnel-repository';
import { getSlaTermsAt } from '../../db/repositories/sla-repository';
import { momentOf, type AsOf } from '../support/as-of';
import { comparableStretch, periodContaining } from '@shared/calendar';
import { describeFreshness } from '../support/freshness';
import { getDisplaySettings } from '../support/settings-service';

/** The conversion cohort window when none is asked for (METRICS: "the last 90 days"). */
export const DEFAULT_FUNNEL_WINDOW_DAYS = 90;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Options of {@link getFunnel}. */
export interface FunnelOptions extends AsOf {
  /** length of the conversion and time-in-stage window, in days of 24 hours ending now; default 90 */
  windowDays?: number;
  /**
   * whether to work out the median time in stage (default true); a window that does not end now reads it
   * from the rows rather than the kept aggregates (a few hundred ms at a million leads), so a caller that
   * does not show it (the weekly report) leaves it out and gets null
   */
  medians?: boolean;
}

/**
 * The lifecycle funnel and the open pipeline, as METRICS defines them: per lifecycle stage the leads in
 * it now (the opportunity stage: open opportunities only; the customer stage: the new customers of the
 * period), those that entered it in the current period (kind from settings, in the room's zone) and in the
 * previous period up to the same elapsed share of working days (like for like), for the opportunity stage
 * the lost opportunities of both stretches, the cohort conversion and the median time in the stage over the window
 * [now − windowDays, now]; per open pipeline stage the open deals' count and amounts, the room's currency
 * first and every other currency separately; and the SLA's follow-up hours under the terms valid now (null
 * without terms) and whether they are business hours, which the slide draws at the MQL stage. With
 * `at` and `periodKind` (the weekly report) "now" is that moment and the period of that kind; the
 * in-stage snapshot is always the data as it stands.
 */
export function getFunnel(ctx: CoreContext, options: FunnelOptions = {}): FunnelResult {
  const { db } = ctx;
  const windowDays = options.windowDays ?? DEFAULT_FUNNEL_WINDOW_DAYS;
  if (!Number.isFinite(windowDays) || windowDays <= 0) {
    throw new RangeError(`windowDays must be a positive number, got ${windowDays}`);
  }
  const settings = getDisplaySettings(ctx);
  const now = momentOf(ctx, options);
  const period = periodContaining(now, options.periodKind ?? settings.periodKind, settings.timezone);
  const stretch = comparableStretch(period, now, settings.timezone);
  const before = stretch.period;
  const window = { days: windowDays, from: now - windowDays * DAY_MS, to: now };

  // One read transaction, so that every figure on the slide comes from the same snapshot.
  return db
    .transaction((): FunnelResult => {
      const inStage = countLeadsInStageNow(db);
      const slaTerms = getSlaTermsAt(db, now);
      const entered = countLeadsEnteredBetween(db, period.start, period.end);
      const enteredBefore = countLeadsEnteredBetween(db, stretch.start, stretch.end);
      const openOpportunities = countOpenOpportunities(db);
      const cohorts = countCohorts(db, window.from, window.to);
      const definitions = new Map(listLifecycleStages(db).map((definition) => [definition.key, definition]));
      const lifecycle = LIFECYCLE_STAGES.map((stage, index) => {
        const definition = definitions.get(stage);
        const isLast = index === LIFECYCLE_STAGES.length - 1;
        const cohort = cohorts[stage];
        const medianMs = options.medians === false ? null : medianMsInStage(db, stage, window.from, window.to);
        return {
          stage,
          label: definition?.label ?? stage,
          ownerTeam: definition?.ownerTeam ?? (index < 2 ? 'marketing' : 'sales'),
          inStage:
            stage === 'opportunity' ? openOpportunities : stage === 'customer' ? entered.customer : inStage[stage],
          measure: stage === 'customer' ? ('new_in_period' as const) : ('now' as const),
          enteredInPeriod: entered[stage],
          enteredPreviousPeriod: enteredBefore[stage],
          lostInPeriod: stage === 'opportunity' ? countLostOpportunitiesBetween(db, period.start, period.end) : null,
          lostPreviousPeriod:
            stage === 'opportunity' ? countLostOpportunitiesBetween(db, stretch.start, stretch.end) : null,
          conversionToNext: isLast || cohort.cohortSize === 0 ? null : cohort.converted / cohort.cohortSize,
          cohortSize: cohort.cohortSize,
          medianHoursInStage: medianMs === null ? null : medianMs / HOUR_MS,
        };
      });
      return {
        period,
        previousPeriod: before,
        comparison: { start: stretch.start, end: stretch.end },
        slaFollowUpHours: slaTerms?.followUpHours ?? null,
        slaBusinessHoursOnly: slaTerms?.businessHoursOnly ?? false,
        window,
        currency: settings.currency,
        lifecycle,
        pipeline: buildPipeline(db, settings.currency),
        freshness: describeFreshness(db, now, getFunnelLatestChange(db)),
      };
    })
    .deferred();
}

/**
 * Open stages in pipeline order with their totals. An archived stage is shown only while open deals still
 * sit in it, so that no open deal drops off the wall.
 */
function buildPipeline(db: Database.Database, roomCurrency: string): FunnelPipelineRow[] {
  const totalsByStage = new Map<string, OpenDealTotal[]>();
  for (const total of sumOpenDealsByStage(db)) {
    const list = totalsByStage.get(total.stageId) ?? [];
    list.push(total);
    totalsByStage.set(total.stageId, list);
  }
  return listOpenPipelineStages(db)
    .filter((stage) => !stage.archived || totalsByStage.has(stage.id))
    .map((stage) => {
      const totals = totalsByStage.get(stage.id) ?? [];
      return {
        stageId: stage.id,
        name: stage.name,
        position: stage.position,
        openCount: totals.reduce((sum, total) => sum + total.count, 0),
        amounts: orderAmounts(totals, roomCurrency),
      };
    });
}

/**
 * The room's currency first (0 when no open deal is in it, so the slide always has its main figure), then
 * every other currency that has open deals, alphabetically. Amounts are never added across currencies.
 */
function orderAmounts(totals: OpenDealTotal[], roomCurrency: string): MoneyAmount[] {
  const room = totals.find((total) => total.currency === roomCurrency);
  const others = totals
    .filter((total) => total.currency !== roomCurrency)
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
  return [
    { currency: roomCurrency, amountMinor: room?.amountMinor ?? 0 },
    ...others.map((total) => ({
      currency: total.currency,
      amountMinor: total.amountMinor,
    })),
  ];
}
