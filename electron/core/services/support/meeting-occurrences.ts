/**
 * Recurring meetings turned into dated occurrences in the room's time zone. A meeting recurs weekly on a
 * list of ISO weekdays at a local wall-clock time, so its occurrences are found date by date in that zone
 * (with @date-fns/tz) rather than by adding 24-hour steps: the stand-up stays at 09:30 local across a DST
 * change. Pure functions: the caller passes the meetings, the time range and the zone, so tests pin all three.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, startOfDay } from 'date-fns';
import type { MeetingOccurrence } from '@shared/figures';
import type { Meeting } from '../../db/repositories/meetings-repository';
import { datesBetween, localDate } from '../periods';

const MINUTE_MS = 60_000;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** The meeting fields an expansion reads. */
export type RecurringMeeting = Pick<
  Meeting,
  'id' | 'kind' | 'title' | 'weekdays' | 'startTime' | 'durationMin' | 'slideIds'
>;

/** ISO weekday (1 = Monday … 7 = Sunday) of a 'YYYY-MM-DD' date; pure calendar arithmetic in UTC. */
export function isoWeekdayOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const sundayZero = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return sundayZero === 0 ? 7 : sundayZero;
}

/** Whether a 'YYYY-MM-DD' date is a working day (Monday to Friday; no holidays unless configured). */
export function isWorkingDate(date: string): boolean {
  return isoWeekdayOf(date) <= 5;
}

/**
 * The local day that contains `at` in `timezone`: its date and its bounds as epoch ms, `end` exclusive
 * (the next local midnight, so a DST day lasts 23 or 25 hours).
 */
export function localDayOf(at: number, timezone: string): { date: string; start: number; end: number } {
  const start = startOfDay(new TZDate(at, timezone));
  return { date: localDate(at, timezone), start: start.getTime(), end: addDays(start, 1).getTime() };
}

/**
 * The start of local `date` shifted by `days` whole calendar days, in `timezone`: e.g. the local midnight
 * a week before today, 7 × 24 h ± 1 h across a DST change.
 */
export function localDayStart(date: string, timezone: string, days = 0): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return addDays(new TZDate(year, month - 1, day, 0, 0, timezone), days).getTime();
}

/**
 * Epoch ms of `startTime` ('HH:MM') on local `date` in `timezone`, or null for a time that is not a valid
 * time of day. A time inside the spring-forward gap (02:30 on the day clocks jump from 02:00 to 03:00)
 * moves forward by the gap, to 03:30; an ambiguous time on the fall-back day is taken once, at its later
 * (standard time) instant, so a meeting never happens twice in one night.
 */
function startOn(date: string, startTime: string, timezone: string): number | null {
  const match = TIME_PATTERN.exec(startTime);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day, hours, minutes, timezone).getTime();
}

/** In time order; simultaneous ones shorter first, then by title and id, so the order is stable. */
function compareOccurrences(a: MeetingOccurrence, b: MeetingOccurrence): number {
  return (
    a.startsAt - b.startsAt ||
    a.endsAt - b.endsAt ||
    (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) ||
    (a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0)
  );
}

/**
 * Every occurrence of `meetings` that starts in [from, to), in time order. An occurrence lasts
 * `durationMin` real minutes from its start (a meeting that crosses a DST change is not stretched), and
 * may run past local midnight into the next day. Weekdays outside 1–7 and start times that are not a
 * time of day are ignored rather than failing the whole wall.
 */
export function expandOccurrences(
  meetings: readonly RecurringMeeting[],
  from: number,
  to: number,
  timezone: string,
): MeetingOccurrence[] {
  if (!(to > from) || meetings.length === 0) return [];
  const occurrences: MeetingOccurrence[] = [];
  // Every local date the range touches; a start time on each is then checked against the exact range.
  for (const date of datesBetween(localDate(from, timezone), localDate(to, timezone))) {
    const weekday = isoWeekdayOf(date);
    for (const meeting of meetings) {
      if (!meeting.weekdays.includes(weekday)) continue;
      const startsAt = startOn(date, meeting.startTime, timezone);
      if (startsAt === null || startsAt < from || startsAt >= to) continue;
      occurrences.push({
        meetingId: meeting.id,
        kind: meeting.kind,
        title: meeting.title,
        startsAt,
        endsAt: startsAt + Math.max(0, meeting.durationMin) * MINUTE_MS,
        slideIds: [...meeting.slideIds],
      });
    }
  }
  return occurrences.sort(compareOccurrences);
}

/**
 * Every occurrence running at some moment of [from, to): those that start in the range and those that
 * started before `from` and are still running then (e.g. yesterday's 23:30 meeting at 00:10 today), in
 * time order.
 */
export function occurrencesOverlapping(
  meetings: readonly RecurringMeeting[],
  from: number,
  to: number,
  timezone: string,
): MeetingOccurrence[] {
  const longest = meetings.reduce((max, meeting) => Math.max(max, meeting.durationMin), 0) * MINUTE_MS;
  return expandOccurrences(meetings, from - longest, to, timezone).filter((occurrence) => occurrence.endsAt > from);
}
