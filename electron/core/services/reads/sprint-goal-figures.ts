/**
 * The values of sprint goals tied to a figure (docs/metrics.md, sprints): each figure counted over the
 * sprint's dates with the very reads the wall's own slides use (SLA, funnel, KPI, lead quality), so a goal
 * and its slide can never disagree on what "an MQL delivered" is.
 */
import type { SprintGoalFigure } from '@shared/domain';
import type { CoreContext } from '../../context';
import { countLeadsEnteredBetween } from '../../db/repositories/funnel-repository';
import { countNewCustomersByPeriod } from '../../db/repositories/kpi-figures-repository';
import { aggregateReviewsBySource } from '../../db/repositories/lead-quality-repository';
import { countMqlsBetween } from '../../db/repositories/sla-figures-repository';
import { localDayStart } from '@shared/calendar';
import { getFollowUpOutcomes } from './sla-service';

/** A tied goal's value; `awaiting` when the figure has nothing to measure yet (value then 0). */
export interface GoalFigureValue {
  value: number;
  awaiting: boolean;
}

/** A sprint's dates as instants in the room's zone: [start, end) from its first day's midnight. */
export interface SprintSpan {
  /** local midnight of the first day */
  start: number;
  /** local midnight after the last day (exclusive) */
  end: number;
}

/** The instants a sprint's inclusive 'YYYY-MM-DD' dates cover in `timezone`. */
export function sprintSpan(sprint: { startsOn: string; endsOn: string }, timezone: string): SprintSpan {
  return { start: localDayStart(sprint.startsOn, timezone), end: localDayStart(sprint.endsOn, timezone, 1) };
}

/**
 * A figure over [from, min(to, now)) at `now` (docs/metrics.md): MQLs delivered = leads with `mql_at` in
 * the range; SQLs = leads with `sql_at` in it; new paying customers = leads with `customer_at` in it;
 * lead reviews done = reviews made in it (not deleted, of leads not deleted). Follow-up compliance =
 * met ÷ (met + late + breached) in percent over the MQLs due in [from, to), judged at `now` exactly as the
 * SLA slide judges its period (an MQL followed up before a due time still ahead counts as met; waiting
 * ones do not count), `awaiting` while none is judged or without SLA terms. A range that has not begun
 * counts nothing.
 */
export function goalFigureValue(
  ctx: CoreContext,
  figure: SprintGoalFigure,
  range: { from: number; to: number },
  now: number,
): GoalFigureValue {
  const from = range.from;
  const to = Math.min(range.to, now);
  if (to <= from) return { value: 0, awaiting: figure === 'follow_up_compliance' };
  const { db } = ctx;
  switch (figure) {
    case 'mqls_delivered':
      return { value: countMqlsBetween(db, from, to), awaiting: false };
    case 'sqls':
      return { value: countLeadsEnteredBetween(db, from, to).sql, awaiting: false };
    case 'new_customers': {
      const [split] = countNewCustomersByPeriod(db, [from, to]);
      return { value: split!.marketing + split!.sales, awaiting: false };
    }
    case 'lead_reviews':
      // The lead-quality read takes its window with both ends in; times are whole ms, so `to - 1` ends it before `to`.
      return {
        value: aggregateReviewsBySource(db, from, to - 1).reduce((sum, source) => sum + source.reviews, 0),
        awaiting: false,
      };
    case 'follow_up_compliance': {
      const compliance = getFollowUpOutcomes(ctx, { start: from, end: range.to }, now)?.compliance ?? null;
      return compliance === null ? { value: 0, awaiting: true } : { value: compliance * 100, awaiting: false };
    }
  }
}

/**
 * A goal's value at `now`: the typed `current`, or for a tied goal its figure from the sprint's first day
 * up to `until` (default the sprint's end), never past `now`.
 */
export function measureGoal(
  ctx: CoreContext,
  goal: { figure: SprintGoalFigure | null; current: number },
  span: SprintSpan,
  now: number,
  until: number = span.end,
): GoalFigureValue {
  if (goal.figure === null) return { value: goal.current, awaiting: false };
  return goalFigureValue(ctx, goal.figure, { from: span.start, to: Math.min(until, span.end) }, now);
}
