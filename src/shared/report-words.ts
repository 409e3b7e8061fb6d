/**
 * The weekly report's words, shared by the report page and the mail, so that both say a figure the same
 * way: pace ("behind by 3"), shares ("67 %"), the week's dates and the change against the week before.
 */
import { formatAmount } from './describe-activity';
import type { Period } from './domain';
import type { PaceFigure } from './figures';
import type { ReportChange, WeeklyReport } from './report';

/** "on track", "behind by 3" or "no target set" (METRICS: pace). */
export function paceWords(figure: PaceFigure): string {
  if (figure.status === 'no_target') return 'no target set';
  if (figure.status === 'on_track') return 'on track';
  return `behind by ${figure.behindBy}`;
}

/** A share 0…1 as "67 %", or "—" when there is none. */
export function percentWords(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)} %`;
}

/** The week's dates in the room's zone: "23–29 Nov 2026" (or across months "30 Nov – 6 Dec 2026"). */
export function weekDatesWords(period: Period, timezone: string): string {
  const day = (at: number, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: timezone, ...options }).format(at);
  const first = period.start;
  const last = period.end - 1;
  const sameMonth = day(first, { month: 'short', year: 'numeric' }) === day(last, { month: 'short', year: 'numeric' });
  if (sameMonth)
    return `${day(first, { day: 'numeric' })}–${day(last, { day: 'numeric', month: 'short', year: 'numeric' })}`;
  const sameYear = day(first, { year: 'numeric' }) === day(last, { year: 'numeric' });
  return `${day(first, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' })} – ${day(last, { day: 'numeric', month: 'short', year: 'numeric' })}`;
}

/** A date and time in the room's zone: "Mon 30 Nov 2026, 08:00". */
export function dateTimeWords(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** The report's title: "Weekly report, Week 48, 2026 (23–29 Nov 2026)". */
export function reportTitle(report: Pick<WeeklyReport, 'week' | 'timezone'>): string {
  const dates = weekDatesWords(report.week.period, report.timezone);
  return `Weekly report, ${report.week.period.label} (${dates})${report.week.complete ? '' : ', so far'}`;
}

/** One value of a change row in its unit. */
export function changeValueWords(change: ReportChange, value: number | null, currency: string): string {
  if (value === null) return '—';
  if (change.unit === 'percent') return percentWords(value);
  if (change.unit === 'money') return formatAmount(value, currency);
  return String(value);
}

/** The difference in words: "+3", "−2", "+12 points", "no change", or "—" when either side is missing. */
export function changeDeltaWords(change: ReportChange, currency: string): string {
  if (change.current === null || change.previous === null) return '—';
  const delta = change.current - change.previous;
  if (change.unit === 'percent') {
    const points = Math.round(delta * 100);
    return points === 0 ? 'no change' : `${points > 0 ? '+' : '−'}${Math.abs(points)} points`;
  }
  if (delta === 0) return 'no change';
  const size = change.unit === 'money' ? formatAmount(Math.abs(delta), currency) : String(Math.abs(delta));
  return `${delta > 0 ? '+' : '−'}${size}`;
}

/** Whether a change is good news (true), bad news (false) or neither (null). */
export function changeIsGood(change: ReportChange): boolean | null {
  if (change.current === null || change.previous === null || change.current === change.previous) return null;
  return change.current > change.previous === change.higherIsBetter;
}
