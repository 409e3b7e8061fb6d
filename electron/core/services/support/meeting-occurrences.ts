/**
 * Recurring meetings turned into dated occurrences in the room's time zone. A meeting recurs weekly on a
 * list of ISO weekdays at a local wall-clock time, so its occurrences are found date by date in that zone
 * (with @date-fns/tz) rather than by adding 24-hour steps: the stand-up stays at 09:30 local across a DST
 * change. Pure functions: the caller passes the meetings, the time range and the zone, so tests pin all three.
 */
import { TZDate } from '@date-fns/tz';
import type { MeetingOccurrence } from '@shared/figures';
import type { Meeting } from '../../db/repositories/meetings-repository';
import { datesBetween, isoWeekdayOf, localDate } from '@shared/calendar';

const MINUTE_MS = 60_000;
const TIME_PATTERN = /^(\d{2}):(\d{2})$/;

/** The meeting fields an expansion reads. */
export type RecurringMeeting = Pick<
  Meeting,
  'id' | 'kind' | 'title' | 'weekdays' | 'startTime' | 'durationMin' | 'slideIds'
>;

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
