/**
 * When the wall sleeps, drifts and announces meetings, as pure functions of the time: the kiosk calls
 * them on its minute tick, so none of them needs a timer of its own.
 */
import type { DisplaySettings, TimeWindow, WeeklyMorning } from '@shared/domain';
import type { MeetingOccurrence } from '@shared/figures';
import { inTimeWindow } from '@shared/calendar';
import { DEFAULT_ROOM_FORMAT, formatDuration, formatTimeOfDay, type RoomFormat } from '@shared/format';

const MINUTE = 60_000;

/** Whether `now` falls in a daily window of the zone; an unknown zone falls back to the machine's. */
export function inWindow(window: TimeWindow, now: number, timeZone: string): boolean {
  try {
    return inTimeWindow(window, now, timeZone);
  } catch {
    return inTimeWindow(window, now, Intl.DateTimeFormat().resolvedOptions().timeZone);
  }
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** The weekday (0 = Sunday) and the minutes since midnight of `now` in the zone. */
function localDayAndMinutes(now: number, timeZone: string): { weekday: number; minutes: number } {
  const options: Intl.DateTimeFormatOptions = { weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { ...options, timeZone }).formatToParts(now);
  } catch {
    parts = new Intl.DateTimeFormat('en-US', options).formatToParts(now);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    weekday: Math.max(0, WEEKDAYS.indexOf(part('weekday') as (typeof WEEKDAYS)[number])),
    minutes: Number(part('hour')) * 60 + Number(part('minute')),
  };
}

const isWeekendDay = (weekday: number) => weekday === 0 || weekday === 6;

/**
 * Whether `now` falls on the morning's weekday, from its midnight until (not including) its time, in the
 * zone's own clock: "Monday until 12:00" holds at Monday 11:59 whatever the UTC offset that day.
 */
export function inWeeklyMorning(morning: WeeklyMorning, now: number, timeZone: string): boolean {
  const { weekday, minutes } = localDayAndMinutes(now, timeZone);
  const isoWeekday = weekday === 0 ? 7 : weekday;
  const until = Number(morning.until.slice(0, 2)) * 60 + Number(morning.until.slice(3, 5));
  return isoWeekday === morning.weekday && minutes < until;
}

/** Whether `now` is a Saturday or Sunday in the zone. */
export function isWeekend(now: number, timeZone: string): boolean {
  return isWeekendDay(localDayAndMinutes(now, timeZone).weekday);
}

/**
 * What the night screen says about the morning: "Back at 07:00" when the wall wakes today or tomorrow,
 * "Back Monday 07:00" across a weekend it sleeps through; the time on the room's clock ("7:00 am").
 */
export function wakeUpText(
  night: DisplaySettings['night'],
  now: number,
  timeZone: string,
  room: RoomFormat = DEFAULT_ROOM_FORMAT,
): string {
  const start = night.workday.start;
  const { weekday, minutes } = localDayAndMinutes(now, timeZone);
  const startMinutes = Number(start.slice(0, 2)) * 60 + Number(start.slice(3, 5));
  let days = minutes < startMinutes ? 0 : 1;
  while (night.weekends && isWeekendDay((weekday + days) % 7) && days < 7) days += 1;
  const at = formatTimeOfDay(start, room);
  return days <= 1 ? `Back at ${at}` : `Back ${WEEKDAYS[(weekday + days) % 7]} ${at}`;
}

/** Off hours: outside the working day, or on a weekend when the setting says so (and night is enabled). */
export function isNightTime(night: DisplaySettings['night'], now: number, timeZone: string): boolean {
  if (!night.enabled) return false;
  if (night.weekends && isWeekend(now, timeZone)) return true;
  return !inWindow(night.workday, now, timeZone);
}

/** A few positions around the centre the layout moves through, one step per period (all within ±1). */
const ORBIT: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
  [-1, 1],
  [-1, 0],
  [-1, -1],
  [0, -1],
  [1, -1],
];

/**
 * Burn-in protection: the layout's offset in px at `now`. It moves one step of a fixed orbit every
 * `everyMinutes` (whole minutes of the epoch, so every screen moves at the same time and a reload keeps
 * the position); each coordinate stays within ±`maxShiftPx`.
 */
export function burnInShift(burnIn: DisplaySettings['burnIn'], now: number): { x: number; y: number } {
  const max = Math.max(0, Math.floor(burnIn.maxShiftPx));
  if (!burnIn.enabled || max === 0) return { x: 0, y: 0 };
  const period = Math.max(1, burnIn.everyMinutes) * MINUTE;
  const step = Math.floor(now / period);
  const [dx, dy] = ORBIT[step % ORBIT.length]!;
  // Every other round of the orbit uses half the distance, so the edges are not always the same pixels.
  const reach = Math.floor(step / ORBIT.length) % 2 === 0 ? max : Math.max(1, Math.round(max / 2));
  return { x: dx * reach, y: dy * reach };
}

/** The meeting to announce: the soonest one starting within `minutesBefore`, or null. */
export function meetingToAnnounce(
  upcoming: readonly MeetingOccurrence[],
  now: number,
  minutesBefore: number,
): MeetingOccurrence | null {
  if (!(minutesBefore > 0)) return null;
  let soonest: MeetingOccurrence | null = null;
  for (const meeting of upcoming) {
    const lead = meeting.startsAt - now;
    if (lead > 0 && lead <= minutesBefore * MINUTE && (!soonest || meeting.startsAt < soonest.startsAt)) {
      soonest = meeting;
    }
  }
  return soonest;
}

/** "Daily stand-up in 5 min" (whole minutes rounded up, "1 h 05 min" past the hour), "starting now" at 0. */
export function meetingBannerText(meeting: Pick<MeetingOccurrence, 'title' | 'startsAt'>, now: number): string {
  const lead = meeting.startsAt - now;
  return lead <= 0 ? `${meeting.title} starting now` : `${meeting.title} in ${formatDuration(lead, 'up')}`;
}

/** The meeting running now whose slide set replaces the playlist: the latest started with slides, or null. */
export function meetingWithSlides(upcoming: readonly MeetingOccurrence[], now: number): MeetingOccurrence | null {
  let running: MeetingOccurrence | null = null;
  for (const meeting of upcoming) {
    if (meeting.slideIds.length === 0 || now < meeting.startsAt || now >= meeting.endsAt) continue;
    if (!running || meeting.startsAt > running.startsAt) running = meeting;
  }
  return running;
}

/**
 * The stand-up meeting a run belongs to: of the stand-up occurrences known, the one whose time is
 * nearest to `now`; null when there is none (the run is recorded without a meeting).
 */
export function standupMeetingId(occurrences: readonly MeetingOccurrence[], now: number): string | null {
  let best: MeetingOccurrence | null = null;
  let bestDistance = Infinity;
  for (const meeting of occurrences) {
    if (meeting.kind !== 'standup') continue;
    const distance = now < meeting.startsAt ? meeting.startsAt - now : Math.max(0, now - meeting.endsAt);
    if (distance < bestDistance) {
      best = meeting;
      bestDistance = distance;
    }
  }
  return best?.meetingId ?? null;
}
