/**
 * The weekly report's words, shared by the report page and the mail, so that both say a figure the same
 * way: pace ("behind by 3"), shares ("67%"), the week's dates and the change against the week before, in
 * the room's locale and clock.
 */
import type { Period } from './domain';
import type { PaceFigure } from './figures';
import {
  DEFAULT_LOCALE,
  formatDayRange,
  formatMinorAmount,
  formatPercent,
  roomFormat,
  type RoomFormat,
} from './format';
import type { ReportChange, WeeklyReport } from './report';

/** "on track", "behind by 3" or "no target set" (METRICS: pace). */
export function paceWords(figure: PaceFigure): string {
  if (figure.status === 'no_target') return 'no target set';
  if (figure.status === 'on_track') return 'on track';
  return `behind by ${figure.behindBy}`;
}

/** How the report words dates and numbers: the room's locale, clock and zone it was made with. */
export function reportFormat(report: Pick<WeeklyReport, 'locale' | 'clock' | 'timezone'>): RoomFormat {
  return roomFormat(report);
}

/** A share 0…1 as "67%" in the locale, or "—" when there is none. */
export function percentWords(share: number | null, locale: string = DEFAULT_LOCALE): string {
  return share === null ? '—' : formatPercent(share, locale);
}

/** The week's dates in the room's zone: "23 – 29 Nov 2026" (or across months "30 Nov – 6 Dec 2026"). */
export function weekDatesWords(period: Period, room: RoomFormat): string {
  return formatDayRange(period.start, period.end - 1, room);
}

/** The report's title: "Weekly report, Week 48, 2026 (23–29 Nov 2026)". */
export function reportTitle(report: Pick<WeeklyReport, 'week' | 'timezone' | 'locale' | 'clock'>): string {
  const dates = weekDatesWords(report.week.period, reportFormat(report));
  return `Weekly report, ${report.week.period.label} (${dates})${report.week.complete ? '' : ', so far'}`;
}

/** One value of a change row in its unit. */
export function changeValueWords(
  change: ReportChange,
  value: number | null,
  currency: string,
  locale: string = DEFAULT_LOCALE,
): string {
  if (value === null) return '—';
  if (change.unit === 'percent') return percentWords(value, locale);
  if (change.unit === 'money') return formatMinorAmount(value, currency, locale);
  return String(value);
}

/** The difference in words: "+3", "−2", "+12 points", "no change", or "—" when either side is missing. */
export function changeDeltaWords(change: ReportChange, currency: string, locale: string = DEFAULT_LOCALE): string {
  if (change.current === null || change.previous === null) return '—';
  const delta = change.current - change.previous;
  if (change.unit === 'percent') {
    const points = Math.round(delta * 100);
    return points === 0 ? 'no change' : `${points > 0 ? '+' : '−'}${Math.abs(points)} points`;
  }
  if (delta === 0) return 'no change';
  const size = change.unit === 'money' ? formatMinorAmount(Math.abs(delta), currency, locale) : String(Math.abs(delta));
  return `${delta > 0 ? '+' : '−'}${size}`;
}

/** Whether a change is good news (true), bad news (false) or neither (null). */
export function changeIsGood(change: ReportChange): boolean | null {
  if (change.current === null || change.previous === null || change.current === change.previous) return null;
  return change.current > change.previous === change.higherIsBetter;
}
