/**
 * The SLA scoreboard's figures (METRICS: SLA — the two-way agreement): marketing's MQLs against its
 * commitment with pace, sales' follow-up compliance, the MQLs waiting for a follow-up and the breaches.
 */
import type { SlaResult, SlaTermsView } from '@shared/figures';
import type { CoreContext } from '../context';
import {
  countFollowUpOutcomes,
  countMqlsBetween,
  getSlaLatestChange,
  listBreachedMqls,
  listWaitingMqls,
} from '../db/repositories/sla-figures-repository';
import { getSlaTermsAt } from '../db/repositories/sla-repository';
import { describeFreshness } from './freshness';
import { paceFigure } from './pace';
import { elapsedWorkingShare, periodContaining } from './periods';
import { getDisplaySettings } from './settings-service';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** At most this many leads in the waiting list and in the breach list: what a wall can show. */
export const SLA_LIST_LIMIT = 20;
/** Breaches whose due time is before the period are still listed when due within this many days. */
export const SLA_BREACH_LOOKBACK_DAYS = 30;

/**
 * The SLA now, under the terms valid now (the newest with valid_from ≤ now). The period is the SLA's own
 * kind (terms.periodKind) in the room's zone.
 *
 * - Marketing: delivered = leads (not deleted) with `mql_at` in the period, against `mqlsPerPeriod`, with
 *   pace as for the KPI.
 * - Sales: due = `mql_at` + H hours, wall-clock. The first follow-up is the earlier of `first_follow_up_at`
 *   and `disqualified_at` (disqualifying counts as a follow-up). Met (at or before due), late (after),
 *   breached (none and now ≥ due) and waiting (none and now < due) are counted over the MQLs whose due time
 *   falls in the period; compliance = met ÷ (met + late + breached), null when that is 0.
 * - `waiting`: every MQL not yet followed up and not yet due, soonest due first; `breaches`: not followed
 *   up and overdue, due in the period or within the last {@link SLA_BREACH_LOOKBACK_DAYS} days, longest
 *   overdue first; each list at most {@link SLA_LIST_LIMIT}, with the owner's name.
 *
 * Without terms the result has `terms: null`, the room's period and zero figures: no SLA is not an error.
 * Business-hours mode (`businessHoursOnly`) is reported in `terms` but the due time is still wall-clock.
 */
export function getSla(ctx: CoreContext): SlaResult {
  const { db, clock } = ctx;
  const settings = getDisplaySettings(ctx);
  const timezone = settings.timezone;
  const now = clock.now();

  return db
    .transaction((): SlaResult => {
      const freshness = describeFreshness(db, now, getSlaLatestChange(db));
      const stored = getSlaTermsAt(db, now);
      if (stored === undefined) {
        const period = periodContaining(now, settings.periodKind, timezone);
        return {
          terms: null,
          period,
          marketing: paceFigure(0, null, elapsedWorkingShare(period, now, timezone)),
          sales: { met: 0, late: 0, breached: 0, waiting: 0, compliance: null },
          waiting: [],
          breaches: [],
          freshness,
        };
      }
      const terms: SlaTermsView = {
        mqlsPerPeriod: stored.mqlsPerPeriod,
        periodKind: stored.periodKind,
        followUpHours: stored.followUpHours,
        businessHoursOnly: stored.businessHoursOnly,
      };
      const period = periodContaining(now, terms.periodKind, timezone);
      const followUpMs = Math.round(terms.followUpHours * HOUR_MS);

      const delivered = countMqlsBetween(db, period.start, period.end);
      const outcomes = countFollowUpOutcomes(db, { dueFrom: period.start, dueTo: period.end, followUpMs, now });
      const judged = outcomes.met + outcomes.late + outcomes.breached;
      return {
        terms,
        period,
        marketing: paceFigure(delivered, terms.mqlsPerPeriod, elapsedWorkingShare(period, now, timezone)),
        sales: { ...outcomes, compliance: judged === 0 ? null : outcomes.met / judged },
        waiting: listWaitingMqls(db, { followUpMs, now, limit: SLA_LIST_LIMIT }),
        breaches: listBreachedMqls(db, {
          followUpMs,
          now,
          dueFrom: Math.min(period.start, now - SLA_BREACH_LOOKBACK_DAYS * DAY_MS),
          limit: SLA_LIST_LIMIT,
        }),
        freshness,
      };
    })
    .deferred();
}
