/**
 * Calendar days (METRICS: Time): 'YYYY-MM-DD' dates in the room's time zone, the distance between them,
 * weekdays and working days. Date arithmetic runs on midnight UTC, where every day has 24 hours, so no DST
 * change can shift a count; only {@link localDate}, {@link localDayOf} and {@link localDayStart} meet a
 * zone, and they take it as an argument so tests pin it.
 */
import { TZDate } from '@date-fns/tz';
import { addDays as addLocalDays, startOfDay } from 'date-fns';

const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether the text is a 'YYYY-MM-DD' date that exists in the calendar (no 30 February). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * Days since 1970-01-01 of a 'YYYY-MM-DD' date. Throws a RangeError for text that is not such a date, so a
 * bad date never turns into a silent NaN count.
 */
export function dayNumber(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Math.round(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS);
}

/** The 'YYYY-MM-DD' date of a day number (days since 1970-01-01). */
export function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A 'YYYY-MM-DD' date as the epoch ms of its midnight UTC: the date as an instant for zone-free formatting. */
export function dateAsUtc(date: string): number {
  return dayNumber(date) * DAY_MS;
}

/** Whole days from one date to another: 1 from today to tomorrow, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** The date `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumber(date) + days);
}

/** Every date from `fromDate` to `toDate`, both included; empty when reversed. */
export function datesBetween(fromDate: string, toDate: string): string[] {
  const dates: string[] = [];
  for (let day = dayNumber(fromDate), last = dayNumber(toDate); day <= last; day += 1) {
    dates.push(dateOfDayNumber(day));
  }
  return dates;
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01, day 0, was a Thursday). */
function weekdayOfDayNumber(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(date: string): number {
  return weekdayOfDayNumber(dayNumber(date));
}

/** Whether a date is a working day: Monday to Friday (METRICS: no holidays unless configured). */
export function isWorkingDate(date: string): boolean {
  return isoWeekdayOf(date) <= 5;
}

/**
 * Working days (Monday to Friday; no holidays unless configured) from `fromDate` to `toDate`, both
 * included. 0 when `toDate` is before `fromDate`.
 */
export function workingDaysBetween(fromDate: string, toDate: string): number {
  const from = dayNumber(fromDate);
  const days = dayNumber(toDate) - from + 1;
  if (days <= 0) return 0;
  const fullWeeks = Math.floor(days / 7);
  let count = fullWeeks * 5;
  for (let day = from + fullWeeks * 7; day < from + days; day += 1) {
    if (weekdayOfDayNumber(day) <= 5) count += 1;
  }
  return count;
}

/**
 * Working days left until `endsOnDate` (METRICS: sprint days left): from `todayDate` to the end date, both
 * included, so today counts if it is a working day. 0 once the end date has passed.
 */
export function workingDaysLeft(todayDate: string, endsOnDate: string): number {
  return workingDaysBetween(todayDate, endsOnDate);
}

/**
 * The date of `at` in `timezone`: the room's "today". An unknown or missing zone falls back to the
 * machine's, so a mistyped setting shows yesterday's date at worst rather than nothing.
 */
export function localDate(at: number, timezone?: string): string {
  return dateKeyFormat(timezone).format(at);
}

// Building a date formatter costs far more than using one, and figures ask for dates in loops: one per zone.
const dateKeyFormats = new Map<string, Intl.DateTimeFormat>();

function dateKeyFormat(timezone: string | undefined): Intl.DateTimeFormat {
  const key = timezone ?? '';
  let format = dateKeyFormats.get(key);
  if (format === undefined) {
    const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
    // en-CA writes dates as YYYY-MM-DD in every runtime.
    try {
      format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: timezone });
    } catch {
      format = new Intl.DateTimeFormat('en-CA', options);
    }
    // The machine's zone is read afresh each time: a process may change TZ.
    if (timezone !== undefined) dateKeyFormats.set(key, format);
  }
  return format;
}

/**
 * The local day that contains `at` in `timezone`: its date and its bounds as epoch ms, `end` exclusive
 * (the next local midnight, so a DST day lasts 23 or 25 hours).
 */
export function localDayOf(at: number, timezone: string): { date: string; start: number; end: number } {
  const start = startOfDay(new TZDate(at, timezone));
  return { date: localDate(at, timezone), start: start.getTime(), end: addLocalDays(start, 1).getTime() };
}

/**
 * The local midnight starting `date` shifted by `days` whole calendar days, in `timezone`: e.g. the local
 * midnight a week before today, 7 × 24 h ± 1 h across a DST change.
 */
export function localDayStart(date: string, timezone: string, days = 0): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return addLocalDays(new TZDate(year, month - 1, day, 0, 0, timezone), days).getTime();
}

/** `date` at the local time of day that `at` has, in `timezone` (the same moment of another day). */
export function atTimeOfDay(date: string, at: number, timezone: string): number {
  const local = new TZDate(at, timezone);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(
    year,
    month - 1,
    day,
    local.getHours(),
    local.getMinutes(),
    local.getSeconds(),
    local.getMilliseconds(),
    timezone,
  ).getTime();
}
