/**
 * Weeks, months and quarters in the room's time zone (METRICS: Time), for the core's figures and the
 * admin's target forms alike. Pure functions: the caller passes the time and the IANA zone, so tests pin
 * both. Calendar dates are 'YYYY-MM-DD' strings in the room's zone.
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
import type { Period, PeriodKind } from '../domain';
import { dateAsUtc, localDate, workingDaysBetween } from './days';

/** How each kind of period starts, how long it runs and what the wall calls it. */
interface PeriodRule {
  /** the start of the period that holds `local` */
  start(local: TZDate): TZDate;
  /** the start of the period after the one starting at `start` */
  next(start: TZDate): TZDate;
  label(start: TZDate): string;
}

const PERIOD_RULES: Readonly<Record<PeriodKind, PeriodRule>> = {
  week: {
    start: (local) => startOfWeek(local, { weekStartsOn: 1 }),
    next: (start) => addWeeks(start, 1),
    // ISO week numbering (weeks start Monday, week 1 holds the first Thursday): "Week 1, 2027" may
    // begin on 28 December 2026, and the label must say 2027.
    label: (start) => `Week ${getISOWeek(start)}, ${getISOWeekYear(start)}`,
  },
  month: {
    start: (local) => startOfMonth(local),
    next: (start) => addMonths(start, 1),
    label: (start) => format(start, 'MMMM yyyy'),
  },
  quarter: {
    start: (local) => startOfQuarter(local),
    next: (start) => addQuarters(start, 1),
    label: (start) => `Q${getQuarter(start)} ${format(start, 'yyyy')}`,
  },
};

/**
 * The period of the given kind that contains `at`, in `timezone`. Weeks start on Monday; `end` is the
 * start of the next period (exclusive), so a week across a DST change is 167 or 169 hours long.
 */
export function periodContaining(at: number, kind: PeriodKind, timezone: string): Period {
  const rule = PERIOD_RULES[kind];
  const start = rule.start(new TZDate(at, timezone));
  return { kind, start: start.getTime(), end: rule.next(start).getTime(), label: rule.label(start) };
}

/** The period of the same kind just before `period` (METRICS: "previous period"). */
export function previousPeriod(period: Period, timezone: string): Period {
  return periodContaining(period.start - 1, period.kind, timezone);
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

/** One period a target can be set for. */
export interface PeriodSlot {
  kind: PeriodKind;
  /** first day of the period, 'YYYY-MM-DD' in the room's zone (what kpi_targets stores) */
  start: string;
  /** e.g. "December 2026", "Week 49, 2026", "Q4 2026" */
  label: string;
}

/** The period of `kind` that contains the date, read on its own calendar (UTC, so no zone shifts it). */
function periodOfDate(date: string, kind: PeriodKind): Period {
  return periodContaining(dateAsUtc(date), kind, 'UTC');
}

/** The first day of the period of `kind` that contains `date`. */
export function periodStartOf(date: string, kind: PeriodKind): string {
  return localDate(periodOfDate(date, kind).start, 'UTC');
}

/** The first day of the period `count` periods after the one starting on `start` (negative: before). */
export function shiftPeriodStart(start: string, kind: PeriodKind, count: number): string {
  const at = new TZDate(dateAsUtc(start), 'UTC');
  const shifted =
    kind === 'week' ? addWeeks(at, count) : kind === 'month' ? addMonths(at, count) : addQuarters(at, count);
  return localDate(shifted.getTime(), 'UTC');
}

/** The label the wall shows for the period starting on `start`: "Week 49, 2026", "December 2026", "Q4 2026". */
export function periodLabel(start: string, kind: PeriodKind): string {
  return periodOfDate(start, kind).label;
}

/**
 * The period that contains `now` in `timezone` and the `count - 1` after it: the periods whose targets a
 * person plans ahead.
 */
export function upcomingPeriods(now: number, kind: PeriodKind, timezone: string, count: number): PeriodSlot[] {
  const first = periodStartOf(localDate(now, timezone), kind);
  return Array.from({ length: count }, (_, i) => {
    const start = shiftPeriodStart(first, kind, i);
    return { kind, start, label: periodLabel(start, kind) };
  });
}
