/**
 * Calendar periods as the admin forms need them: the first days of the current and the next weeks,
 * months or quarters in the room's zone, with the labels the wall uses ("December 2026", "Week 49, 2026",
 * "Q4 2026"). Dates are 'YYYY-MM-DD'; the arithmetic runs on midnight UTC so no DST change can shift a day.
 */
import type { PeriodKind } from '@shared/domain';
import { localDateKey } from './time-words';

const DAY_MS = 86_400_000;

/** One period a target can be set for. */
export interface PeriodSlot {
  kind: PeriodKind;
  /** first day of the period, 'YYYY-MM-DD' in the room's zone (what kpi_targets stores) */
  start: string;
  /** e.g. "December 2026", "Week 49, 2026", "Q4 2026" */
  label: string;
}

function parts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

function toKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function utc(date: string): number {
  const { year, month, day } = parts(date);
  return Date.UTC(year, month - 1, day);
}

/** ISO weekday of a date, 1 = Monday … 7 = Sunday. */
function isoWeekday(date: string): number {
  const weekday = new Date(utc(date)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** ISO week number and week-numbering year: the week's Thursday decides the year. */
function isoWeek(monday: string): { week: number; year: number } {
  const thursday = utc(monday) + 3 * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const firstThursday = Date.UTC(year, 0, 4) - (isoWeekday(toKey(Date.UTC(year, 0, 4))) - 4) * DAY_MS;
  return { week: Math.round((thursday - firstThursday) / (7 * DAY_MS)) + 1, year };
}

/** The first day of the period of `kind` that contains `date`. */
export function periodStartOf(date: string, kind: PeriodKind): string {
  const { year, month } = parts(date);
  switch (kind) {
    case 'week':
      return toKey(utc(date) - (isoWeekday(date) - 1) * DAY_MS);
    case 'month':
      return toKey(Date.UTC(year, month - 1, 1));
    case 'quarter':
      return toKey(Date.UTC(year, Math.floor((month - 1) / 3) * 3, 1));
  }
}

/** The first day of the period `count` periods after the one starting on `start` (negative: before). */
export function shiftPeriodStart(start: string, kind: PeriodKind, count: number): string {
  const { year, month } = parts(start);
  switch (kind) {
    case 'week':
      return toKey(utc(start) + count * 7 * DAY_MS);
    case 'month':
      return toKey(Date.UTC(year, month - 1 + count, 1));
    case 'quarter':
      return toKey(Date.UTC(year, month - 1 + 3 * count, 1));
  }
}

/** The label the wall shows for the period starting on `start`. */
export function periodLabel(start: string, kind: PeriodKind): string {
  const { year, month } = parts(start);
  switch (kind) {
    case 'week': {
      const { week, year: weekYear } = isoWeek(start);
      return `Week ${week}, ${weekYear}`;
    }
    case 'month':
      return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(utc(start));
    case 'quarter':
      return `Q${Math.floor((month - 1) / 3) + 1} ${year}`;
  }
}

/**
 * The period that contains `now` in `timeZone` and the `count - 1` after it: the periods whose targets a
 * person plans ahead.
 */
export function upcomingPeriods(now: number, kind: PeriodKind, timeZone: string, count: number): PeriodSlot[] {
  const first = periodStartOf(localDateKey(now, timeZone), kind);
  return Array.from({ length: count }, (_, i) => {
    const start = shiftPeriodStart(first, kind, i);
    return { kind, start, label: periodLabel(start, kind) };
  });
}

/**
 * The calendar date of `now` in the zone, 'YYYY-MM-DD' (the room's "today"); an unknown or missing zone
 * falls back to the machine's.
 */
export function localDate(now: number, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  try {
    return new Intl.DateTimeFormat('en-CA', { ...options, timeZone }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA', options).format(now);
  }
}
