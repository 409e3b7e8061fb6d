/**
 * Cached Intl formatters. Building a formatter costs about a hundred times more than using one, and a
 * feed or a list formats dozens of values on every refresh (docs/performance.md), so each distinct
 * locale and option set is built once.
 */
import type { RoomFormat } from './room';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

/**
 * A date formatter for the room: its locale, its hour cycle when the options show hours, its zone unless
 * the options name one. An unknown zone falls back to the machine's rather than failing the page.
 */
export function dateFormat(room: RoomFormat, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const showsHours = options.hour !== undefined || options.timeStyle !== undefined;
  const full: Intl.DateTimeFormatOptions = {
    ...(room.timeZone ? { timeZone: room.timeZone } : {}),
    ...options,
    ...(showsHours ? { hourCycle: room.hourCycle } : {}),
  };
  // "09:30" keeps its zero on a 24-hour clock; a 12-hour clock reads "9:30 am", never "09:30 am".
  if (room.hourCycle === 'h12' && full.hour === '2-digit') full.hour = 'numeric';
  const key = `${room.locale}|${JSON.stringify(full)}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(room.locale, full);
    } catch {
      const { timeZone: _unknown, ...rest } = full;
      format = new Intl.DateTimeFormat(room.locale, rest);
    }
    // The machine's zone is read afresh each time (a process may change TZ); named zones are kept.
    if (full.timeZone !== undefined) dateFormats.set(key, format);
  }
  return format;
}

/** A number formatter for the locale; throws like Intl for an unknown currency code. */
export function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}
