/**
 * Dates and times in the room's locale, clock and zone: "14:05" or "2:05 pm", "Fri 20 Nov" or "Fr., 20.
 * Nov.". Moments (epoch ms) are shown in the room's zone; calendar dates ('YYYY-MM-DD') are shown as they
 * are, read at midnight UTC so no zone can move them to the day before.
 */
import { dateAsUtc, daysBetween, localDate } from '../calendar/days';
import { formatDuration } from './durations';
import { dateFormat } from './intl';
import type { RoomFormat } from './room';

/** Options for a calendar date: formatted in UTC, where the date's midnight lives. */
function onCalendar(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormatOptions {
  return { ...options, timeZone: 'UTC' };
}

/** The time of day: "14:05" on a 24-hour clock, "2:05 pm" on a 12-hour one. */
export function formatClock(at: number, room: RoomFormat): string {
  return dateFormat(room, { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** A wall-clock time 'HH:MM' (a setting, not a moment) on the room's clock: "07:00" or "7:00 am". */
export function formatTimeOfDay(time: string, room: RoomFormat): string {
  const at = Date.UTC(2000, 0, 1, Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  return dateFormat(room, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(at);
}

/** The time of day with seconds, for logs the admin reads: "14:05:30". */
export function formatClockWithSeconds(at: number, room: RoomFormat): string {
  return dateFormat(room, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(at);
}

/** A calendar date in few characters: "Fri 20 Nov" (en-GB), "Fri, Nov 20" (en-US). */
export function formatDay(date: string, room: RoomFormat): string {
  return dateFormat(room, onCalendar({ weekday: 'short', day: 'numeric', month: 'short' })).format(dateAsUtc(date));
}

/** A calendar date without its weekday: "20 Nov" (en-GB), "Nov 20" (en-US). */
export function formatShortDate(date: string, room: RoomFormat): string {
  return dateFormat(room, onCalendar({ day: 'numeric', month: 'short' })).format(dateAsUtc(date));
}

/** A calendar date in full: "Tue 24 Nov 2026" (en-GB), "Tue, Nov 24, 2026" (en-US). */
export function formatDate(date: string, room: RoomFormat): string {
  return dateFormat(room, onCalendar({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })).format(
    dateAsUtc(date),
  );
}

/** A moment's date in the room's zone: "20 Nov" (en-GB), "Nov 20" (en-US). */
export function formatMomentDay(at: number, room: RoomFormat): string {
  return dateFormat(room, { day: 'numeric', month: 'short' }).format(at);
}

/** A moment's date with its year in the room's zone: "20 Nov 2026" (en-GB), "Nov 20, 2026" (en-US). */
export function formatMomentDate(at: number, room: RoomFormat): string {
  return dateFormat(room, { day: 'numeric', month: 'short', year: 'numeric' }).format(at);
}

/** A moment's weekday in the room's zone: "Fri" or, `long`, "Friday". */
export function formatWeekday(at: number, room: RoomFormat, width: 'short' | 'long' = 'short'): string {
  return dateFormat(room, { weekday: width }).format(at);
}

/** Today's date as a heading: "Friday 20 November" (en-GB), "Friday, November 20" (en-US). */
export function formatLongDay(at: number, room: RoomFormat): string {
  return dateFormat(room, { weekday: 'long', day: 'numeric', month: 'long' }).format(at);
}

/** A moment in the room's zone, date and time: "24 Nov 2026, 10:30" (en-GB), "Nov 24, 2026, 10:30 AM" (en-US). */
export function formatInstant(at: number, room: RoomFormat): string {
  return dateFormat(room, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/** A moment with its weekday, as the report and the backups list write it: "Mon 30 Nov 2026, 08:00". */
export function formatDateTime(at: number, room: RoomFormat): string {
  return dateFormat(room, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

/**
 * The days from `start` to `end` (inclusive moments) in the room's zone, sharing what they share:
 * "23 – 29 Nov 2026", "30 Nov – 6 Dec 2026", "28 Dec 2026 – 3 Jan 2027" (en-GB). ICU versions differ in
 * the thin spaces around the dash; they are made plain, so the mail (Node) and the page (Chromium) agree.
 */
export function formatDayRange(start: number, end: number, room: RoomFormat): string {
  return dateFormat(room, { day: 'numeric', month: 'short', year: 'numeric' })
    .formatRange(start, end)
    .replace(/\u2009/g, ' ');
}

/**
 * When something starts, from `now`: "in 25 min" today, "tomorrow 09:30", the weekday ("Monday 09:30")
 * within a week, else the date ("24 Nov 09:30").
 */
export function formatStart(at: number, now: number, room: RoomFormat): string {
  const days = daysBetween(localDate(now, room.timeZone), localDate(at, room.timeZone));
  if (days <= 0) return `in ${formatDuration(at - now, 'up')}`;
  const clock = formatClock(at, room);
  if (days === 1) return `tomorrow ${clock}`;
  const day = days < 7 ? formatWeekday(at, room, 'long') : formatMomentDay(at, room);
  return `${day} ${clock}`;
}

/** A due date against today: "today", "tomorrow", "yesterday", else the day ("Fri 20 Nov"). */
export function formatDue(dueOn: string, today: string, room: RoomFormat): string {
  const days = daysBetween(today, dueOn);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return formatDay(dueOn, room);
}
