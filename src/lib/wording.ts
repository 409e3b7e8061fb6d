/**
 * How the wall words its figures: pace in plain words, short period names, who sourced a deal and the
 * change against the previous period. Pure functions, so the wording is tested once and every slide says
 * the same thing the same way; durations, dates and numbers are worded in @shared/format.
 */
import type { Period, PeriodKind } from '@shared/domain';
import type { PaceFigure } from '@shared/figures';

/** "month" for a month, as in "at this point of the month". */
export function periodWord(kind: PeriodKind): string {
  return kind;
}

/**
 * A period's name in a few characters, for trend columns and "vs Oct": "Nov", "W48", "Q4". Reads the
 * label the server builds ("November 2026", "Week 48, 2026", "Q4 2026"); another label is kept whole.
 */
export function shortPeriodLabel(period: Period): string {
  const label = period.label.trim();
  if (period.kind === 'month') return /^\p{L}{3,}/u.test(label) ? label.slice(0, 3) : label;
  if (period.kind === 'week') {
    const week = /^Week (\d+)/.exec(label);
    return week ? `W${week[1]}` : label;
  }
  const quarter = /^(Q[1-4])\b/.exec(label);
  return quarter ? quarter[1]! : label;
}

/**
 * What a like-for-like change compares with (METRICS: against the previous period): "same point in Oct",
 * "same point in W47", "same point in Q3"; "all of Oct" once the comparison covers the whole period.
 */
export function comparisonLabel(funnel: {
  previousPeriod: Period;
  comparison: { start: number; end: number };
}): string {
  const short = shortPeriodLabel(funnel.previousPeriod);
  return funnel.comparison.end >= funnel.previousPeriod.end ? `all of ${short}` : `same point in ${short}`;
}

/**
 * Who sourced a won deal, in the words a celebration and the credit slide use: "Webinar Q4 with Tom
 * Berg", "Webinar Q4" or "Tom Berg"; null when nobody did. The campaign names no person; the marketer's
 * name goes through `name` (privacy mode).
 */
export function sourcingWords(
  campaignName: string | null,
  marketerName: string | null,
  name: (personName: string) => string,
): string | null {
  const marketer = marketerName ? name(marketerName) : null;
  if (campaignName && marketer) return `${campaignName} with ${marketer}`;
  return campaignName ?? marketer;
}

/** The pace of a figure in words (METRICS: pace): "On track", "Behind by 3 at this point of the month". */
export function paceWords(figure: PaceFigure, period: Period): string {
  switch (figure.status) {
    case 'no_target':
      return `No target set for ${period.label}`;
    case 'on_track':
      return 'On track';
    case 'behind':
      return `Behind by ${figure.behindBy ?? 0} at this point of the ${periodWord(period.kind)}`;
  }
}

/**
 * Change against the previous period: "+12 vs Oct", "−3 vs Oct", "±0 vs Oct"; without a label just
 * "+12" (where a legend names the period).
 */
export function formatChange(current: number, previous: number, previousLabel?: string): string {
  const change = current - previous;
  const sign = change > 0 ? '+' : change < 0 ? '\u2212' : '±';
  return previousLabel ? `${sign}${Math.abs(change)} vs ${previousLabel}` : `${sign}${Math.abs(change)}`;
}
