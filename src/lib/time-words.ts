/**
 * Times of day and calendar days as the wall says them: "in 1 h 05 min", "tomorrow 09:30", "due Fri 20 Nov".
 * Calendar days are 'YYYY-MM-DD' in the room's time zone (the machine's when the zone is unknown).
 */
import { formatClock } from './format';
import { formatDuration } from './wording';

const DAY_MS = 86_400_000;

/** The calendar day of an instant in a zone, 'YYYY-MM-DD'. */
export function localDateKey(at: number, timeZone?: string): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
  try {
    // en-CA writes dates as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat('en-CA', options).format(at);
  }
}

/** A calendar day read as midnight UTC, so that date arithmetic never meets a DST change. */
function dateKeyToUtc(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dateKeyToUtc(to) - dateKeyToUtc(from)) / DAY_MS);
}

/** A calendar day in few characters: "Fri 20 Nov" (in the browser's language). */
export function formatDay(date: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    dateKeyToUtc(date),
  );
}

/**
 * When something starts, from `now`: "in 25 min" today, "tomorrow 09:30", then the weekday ("Monday 09:30")
 * within a week, else the date.
 */
export function formatStart(at: number, now: number, timeZone?: string, locale?: string): string {
  const days = daysBetween(localDateKey(now, timeZone), localDateKey(at, timeZone));
  if (days <= 0) return `in ${formatDuration(at - now, 'up')}`;
  const clock = formatClock(at, timeZone, locale);
  if (days === 1) return `tomorrow ${clock}`;
  const options: Intl.DateTimeFormatOptions = days < 7 ? { weekday: 'long' } : { day: 'numeric', month: 'short' };
  let day: string;
  try {
    day = new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(at);
  } catch {
    day = new Intl.DateTimeFormat(locale, options).format(at);
  }
  return `${day} ${clock}`;
}

/** A due date against today: "today", "tomorrow", "yesterday", else the day ("Fri 20 Nov"). */
export function formatDue(dueOn: string, today: string, locale?: string): string {
  const days = daysBetween(today, dueOn);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return formatDay(dueOn, locale);
}
