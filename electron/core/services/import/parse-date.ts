/**
 * Reads dates into epoch ms in the room's zone: ISO dates with or without an offset, slash dates in the
 * file's order, dotted dates (always day first); a two-digit year is refused.
 */
import { TZDate } from '@date-fns/tz';
import type { DateOrder } from '@shared/import-types';

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

const YMD_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** 25/03/2026 or 03-25-2026, with an optional time (12-hour with AM/PM allowed). */
export const SLASH_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;

const DOT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const SHORT_YEAR = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:\D.*)?$/;

/**
 * A date (with or without a time) as epoch ms, or the words that say why not. Times without an offset are
 * in the room's zone; a date alone is the start of that day there.
 */
export function parseDate(value: string, order: DateOrder | null, timezone: string): number | string {
  let y: number, m: number, d: number, h: number, mi: number, s: number;
  let ms = 0;
  let offsetMinutes: number | null = null;
  let match: RegExpExecArray | null;
  if ((match = ISO_DATE.exec(value))) {
    [y, m, d, h, mi, s] = sixNumbers(match);
    ms = match[7] === undefined ? 0 : Math.floor(Number(`0.${match[7]}`) * 1000);
    if (match[8] !== undefined) offsetMinutes = parseOffset(match[8]);
  } else if ((match = YMD_SLASH.exec(value))) {
    [y, m, d, h, mi, s] = sixNumbers(match);
  } else if ((match = DOT_DATE.exec(value))) {
    [d, m, y, h, mi, s] = sixNumbers(match);
  } else if ((match = SLASH_DATE.exec(value))) {
    let a: number, b: number;
    [a, b, y, h, mi, s] = sixNumbers(match);
    // The file-wide order; a date whose two numbers are equal reads the same either way.
    const effective = order ?? (a > 12 ? 'DMY' : b > 12 ? 'MDY' : a === b ? 'DMY' : null);
    if (effective === null) return 'could be read day first or month first; choose the date order in the mapping.';
    [d, m] = effective === 'DMY' ? [a, b] : [b, a];
    const meridiem = match[7]?.toLowerCase();
    if (meridiem !== undefined) {
      if (h < 1 || h > 12) return 'is not a time of day (an AM/PM hour runs from 1 to 12).';
      h = (h % 12) + (meridiem === 'pm' ? 12 : 0);
    }
  } else if (SHORT_YEAR.test(value)) {
    return 'has a two-digit year; write the year with four digits (e.g. 2026).';
  } else {
    return 'is not a date (expected e.g. 2026-04-03, 03.04.2026 or 04/03/2026).';
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return 'is not a date in the calendar.';
  if (h > 23 || mi > 59 || s > 59) return 'is not a time of day.';
  if (offsetMinutes !== null) return Date.UTC(y, m - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
  return localTime(y, m, d, h, timezone) + mi * 60_000 + s * 1000 + ms;
}

/** The first six groups of a match as numbers; a group that took no part (no time given) is 0. */
function sixNumbers(match: RegExpExecArray): [number, number, number, number, number, number] {
  const group = (index: number) => Number(match[index] ?? 0);
  return [group(1), group(2), group(3), group(4), group(5), group(6)];
}

function parseOffset(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// The zone's offset is looked up once per local hour: a file of 100,000 rows has a few thousand distinct hours.
const hourCache = new Map<string, Map<number, number>>();

/** Epoch ms of the local hour y-m-d h:00 in `timezone`. */
function localTime(y: number, m: number, d: number, h: number, timezone: string): number {
  let cache = hourCache.get(timezone);
  if (cache === undefined) {
    cache = new Map();
    hourCache.set(timezone, cache);
  }
  const key = ((y * 100 + m) * 100 + d) * 100 + h;
  let at = cache.get(key);
  if (at === undefined) {
    at = new TZDate(y, m - 1, d, h, 0, 0, 0, timezone).getTime();
    if (cache.size > 200_000) cache.clear();
    cache.set(key, at);
  }
  return at;
}
