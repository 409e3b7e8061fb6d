/**
 * ISO weeks in the room's zone, named `2026-W48`: the weekly report's unit. Weeks start on Monday at
 * 00:00 local time, so a week across a DST change is 167 or 169 hours long.
 */
import { TZDate } from '@date-fns/tz';
import { addWeeks, getISOWeek, getISOWeekYear, startOfISOWeek } from 'date-fns';
import { ApiError } from '@shared/api-error';
import type { Period } from '@shared/domain';
import { REPORT_WEEK_PATTERN } from '@shared/report';
import { periodContaining, previousPeriod } from '@shared/calendar';

/** The id (`2026-W48`) of the ISO week that starts at `weekStart`. */
function idOf(weekStart: number, timezone: string): string {
  const local = new TZDate(weekStart, timezone);
  return `${getISOWeekYear(local)}-W${String(getISOWeek(local)).padStart(2, '0')}`;
}

/** The ISO week holding `at`, in `timezone`. */
export function weekContaining(at: number, timezone: string): { id: string; period: Period } {
  const period = periodContaining(at, 'week', timezone);
  return { id: idOf(period.start, timezone), period };
}

/** The week before `period`. */
export function weekBefore(period: Period, timezone: string): { id: string; period: Period } {
  const before = previousPeriod(period, timezone);
  return { id: idOf(before.start, timezone), period: before };
}

/** The last week that has ended at `now`: the one a Monday-morning report is about. */
export function lastCompleteWeek(now: number, timezone: string): { id: string; period: Period } {
  return weekBefore(periodContaining(now, 'week', timezone), timezone);
}

/**
 * The week a `2026-W48` id names, in `timezone`.
 *
 * @throws ApiError `invalid_input` (field `week`) for a malformed id or a week the year does not have.
 */
export function parseWeekId(id: string, timezone: string): { id: string; period: Period } {
  const match = REPORT_WEEK_PATTERN.exec(id);
  const number = match ? Number(match[2]) : 0;
  if (!match || number < 1 || number > 53) {
    throw new ApiError('invalid_input', `week must look like 2026-W48, got "${id}"`, 'week');
  }
  // 4 January is always in ISO week 1 of its year; noon keeps a DST change at midnight out of the way.
  const firstWeek = startOfISOWeek(new TZDate(Number(match[1]), 0, 4, 12, 0, 0, timezone));
  const week = weekContaining(addWeeks(firstWeek, number - 1).getTime(), timezone);
  if (week.id !== id) throw new ApiError('invalid_input', `${match[1]} has no week ${number}`, 'week');
  return week;
}

/** The file name of a week's PDF, which sorts by week: `alignboard-report-2026-W48.pdf`. */
export function reportFileName(weekId: string, extension = 'pdf'): string {
  return `alignboard-report-${weekId}.${extension}`;
}
