/**
 * Calendar arithmetic in the room's time zone (METRICS: Time). Pure functions: the caller passes the
 * time and the IANA zone, so tests pin both. Calendar dates are 'YYYY-MM-DD' strings in the room's zone.
 */
import { TZDate } from '@date-fns/tz';
import {
  addMonths,
  addQuarters,
  addWeeks,
  format,
  getISOWeek,
  getISOWeekYear,
  getQuarter,
  startOfMonth,
  startOfQuarter,
  startOfWeek,
} from 'date-fns';
import type { Period, PeriodKind } from '@shared/domain';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The period of the given kind that contains `at`, in `timezone`. Weeks start on Monday; `end` is the
 * start of the next period (exclusive), so a week across a DST change is 167 or 169 hours long.
 */
export function periodContaining(at: number, kind: PeriodKind, timezone: string): Period {
  const local = new TZDate(at, timezone);
  switch (kind) {
    case 'week': {
      const start = startOfWeek(local, { weekStartsOn: 1 });
      // ISO week numbering (weeks start Monday, week 1 holds the first Thursday): "Week 1, 2027" may
      // begin on 28 December 2026, and the label must say 2027.
      return {
        kind,
        start: start.getTime(),
        end: addWeeks(start, 1).getTime(),
        label: `Week ${getISOWeek(start)}, ${getISOWeekYear(start)}`,
      };
    }
    case 'month': {
      const start = startOfMonth(local);
      return {
        kind,
        start: start.getTime(),
        end: addMonths(start, 1).getTime(),
        label: format(start, 'MMMM yyyy'),
      };
    }
    case 'quarter': {
      const start = startOfQuarter(local);
      return {
        kind,
        start: start.getTime(),
        end: addQuarters(start, 1).getTime(),
        label: `Q${getQuarter(start)} ${format(start, 'yyyy')}`,
      };
    }
  }
}

/** The period of the same kind just before `period` (METRICS: "previous period"). */
export function previousPeriod(period: Period, timezone: string): Period {
  return periodContaining(period.start - 1, period.kind, timezone);
}

/** The calendar date ('YYYY-MM-DD') of `at` in `timezone`. */
export function localDate(at: number, timezone: string): string {
  return format(new TZDate(at, timezone), 'yyyy-MM-dd');
}

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' date. Pure calendar arithmetic in UTC, where every day has
 * 24 hours, so no DST change can shift a count.
 */
function dayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(ms)) throw new RangeError(`not a valid date: ${date}`);
  return Math.round(ms / DAY_MS);
}

/** Monday–Friday days among the first `days` days from day number `from` (1970-01-01 was a Thursday). */
function workingDaysFrom(from: number, days: number): number {
  const fullWeeks = Math.floor(days / 7);
  let count = fullWeeks * 5;
  // ISO weekday of day number n: 1970-01-01 (n = 0) was a Thursday, weekday 4.
  for (let n = from + fullWeeks * 7; n < from + days; n += 1) {
    const weekday = ((((n + 3) % 7) + 7) % 7) + 1;
    if (weekday <= 5) count += 1;
  }
  return count;
}

/**
 * Working days (Monday to Friday; no holidays unless configured) from `fromDate` to `toDate`, both
 * included. 0 when `toDate` is before `fromDate`.
 */
export function workingDaysBetween(fromDate: string, toDate: string): number {
  const from = dayNumber(fromDate);
  const to = dayNumber(toDate);
  return to < from ? 0 : workingDaysFrom(from, to - from + 1);
}

/**
 * Share of the period's working days that have elapsed at `now` (METRICS: elapsed share, for pace):
 * working days from the period's first day up to and including today ÷ working days in the period.
 * Today counts as elapsed from the start of its (working) day, so on the last working day the share is
 * already 1. 0 before the period starts, 1 at or after its end.
 */
export function elapsedWorkingShare(period: Period, now: number, timezone: string): number {
  if (now >= period.end) return 1;
  if (now < period.start) return 0;
  const first = localDate(period.start, timezone);
  const last = localDate(period.end - 1, timezone);
  const total = workingDaysBetween(first, last);
  // Every week, month and quarter has working days; the guard only keeps a division by zero out.
  if (total === 0) return 0;
  return workingDaysBetween(first, localDate(now, timezone)) / total;
}

/**
 * Working days left until `endsOnDate` (METRICS: sprint days left): from `todayDate` to the end date, both
 * included, so today counts if it is a working day. 0 once the end date has passed.
 */
export function workingDaysLeft(todayDate: string, endsOnDate: string): number {
  return workingDaysBetween(todayDate, endsOnDate);
}

/** Every calendar date from `fromDate` to `toDate`, both included ('YYYY-MM-DD'); empty when reversed. */
export function datesBetween(fromDate: string, toDate: string): string[] {
  const dates: string[] = [];
  for (let day = dayNumber(fromDate), last = dayNumber(toDate); day <= last; day += 1) {
    dates.push(new Date(day * DAY_MS).toISOString().slice(0, 10));
  }
  return dates;
}
