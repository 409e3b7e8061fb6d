/**
 * Business hours for the SLA's business-hours mode (METRICS: SLA — the two-way agreement): time counts
 * while the room's clock shows Monday to Friday within the working day (the display settings'
 * `night.workday` window), in the room's time zone. Holidays: none.
 *
 * What counts is what the room's clock shows, instant by instant: an hour skipped by a DST change is not
 * counted, and an hour repeated by one is counted each time it passes within the window (real time does
 * pass). A window whose end is earlier than its start wraps past midnight (22:00–06:00): that shift belongs
 * to the day it starts on, so Friday 22:00 to Saturday 06:00 counts and Sunday 22:00 to Monday 06:00 does not.
 *
 * Pure functions: the caller passes the instants, the window and the IANA zone, so tests pin all of them.
 */
import { tzOffset } from '@date-fns/tz';
import type { TimeWindow } from '@shared/domain';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** A search that finds no business time within this span has a window that never opens: a bug, not a wait. */
const SEARCH_LIMIT_MS = 400 * WEEK_MS;

/** A working-day window as minutes since local midnight; `end < start` wraps past midnight. */
interface ParsedWindow {
  start: number;
  end: number;
}

function minutesOf(time: string, which: string): number {
  const match = TIME_PATTERN.exec(time);
  if (!match) throw new RangeError(`the working day's ${which} is not a time like 07:00: ${time}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

function parseWindow(window: TimeWindow): ParsedWindow {
  const start = minutesOf(window.start, 'start');
  const end = minutesOf(window.end, 'end');
  // An empty window would make every due time infinitely far: refuse it rather than loop.
  if (start === end) throw new RangeError(`the working day is empty: it starts and ends at ${window.start}`);
  return { start, end };
}

/**
 * Whether `window` can serve as the business-hours working day: both ends are times like 07:00 and it is
 * not empty (start ≠ end). A window with end before start wraps past midnight and is accepted.
 */
export function isUsableWorkday(window: TimeWindow): boolean {
  try {
    parseWindow(window);
    return true;
  } catch {
    return false;
  }
}

/**
 * The length of one working day's window in hours of the room's clock: 12 for 07:00–19:00, 8 for 22:00–06:00.
 * Throws a RangeError for a window that {@link isUsableWorkday} refuses.
 */
export function workdayHours(window: TimeWindow): number {
  const { start, end } = parseWindow(window);
  return ((((end - start) % 1440) + 1440) % 1440) / 60;
}

/** The room's clock at one instant: the offset in force (ms) and the local wall-clock time (ms since 1970, local). */
function offsetAt(at: number, timezone: string): number {
  return tzOffset(timezone, new Date(at)) * MINUTE_MS;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a local day number (days since 1970-01-01, a Thursday). */
function isoWeekday(dayNumber: number): number {
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

const isWorkingDay = (dayNumber: number) => isoWeekday(dayNumber) <= 5;

/** Whether a local wall-clock time (ms since 1970 on the room's clock) lies within business hours. */
function inBusinessWall(wall: number, window: ParsedWindow): boolean {
  const day = Math.floor(wall / DAY_MS);
  const minute = (wall - day * DAY_MS) / MINUTE_MS;
  if (window.start < window.end) return isWorkingDay(day) && minute >= window.start && minute < window.end;
  return (isWorkingDay(day) && minute >= window.start) || (isWorkingDay(day - 1) && minute < window.end);
}

/**
 * A walk along real time that knows, at each instant, whether it is business time and when that may next
 * change. Changes happen only where the local clock reaches the window's start, its end or midnight, or
 * where the zone's offset changes (DST); between those the local clock runs with real time.
 */
class BusinessWalk {
  private readonly window: ParsedWindow;

  constructor(
    window: TimeWindow,
    private readonly timezone: string,
    probe: number,
  ) {
    this.window = parseWindow(window);
    if (Number.isNaN(offsetAt(probe, timezone))) throw new RangeError(`not a known time zone: ${timezone}`);
  }

  isBusiness(at: number): boolean {
    return inBusinessWall(at + offsetAt(at, this.timezone), this.window);
  }

  /** The first instant after `at` at which being business time may change. */
  nextChange(at: number): number {
    const offset = offsetAt(at, this.timezone);
    const wall = at + offset;
    const minuteOfDay = (wall - Math.floor(wall / DAY_MS) * DAY_MS) / MINUTE_MS;
    let step = 1440 - minuteOfDay;
    for (const edge of [this.window.start, this.window.end]) {
      if (edge > minuteOfDay) step = Math.min(step, edge - minuteOfDay);
    }
    const candidate = at + step * MINUTE_MS;
    if (offsetAt(candidate, this.timezone) === offset) return candidate;
    // The offset changes before the clock reaches the next edge: stop exactly at the change.
    let before = at;
    let after = candidate;
    while (after - before > 1) {
      const middle = before + Math.floor((after - before) / 2);
      if (offsetAt(middle, this.timezone) === offset) before = middle;
      else after = middle;
    }
    return after;
  }

  /** The next stretch of business time [start, end) that ends after `at`, starting no earlier than `at`. */
  nextInterval(at: number): [number, number] {
    let start = at;
    while (!this.isBusiness(start)) {
      start = this.nextChange(start);
      if (start - at > SEARCH_LIMIT_MS) throw new RangeError('the working day never opens');
    }
    let end = this.nextChange(start);
    while (this.isBusiness(end)) end = this.nextChange(end);
    return [start, end];
  }
}

function checkHours(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number ≥ 0: ${hours}`);
  return Math.round(hours * HOUR_MS);
}

/**
 * For each instant of `starts`, the instant when `hours` business hours have passed since it (the SLA's
 * follow-up due time in business-hours mode): time outside business hours does not count, so an MQL at
 * 18:30 on a Friday with 2 hours and a 07:00–19:00 window is due on Monday at 08:30. The due time is the
 * earliest such instant, so 2 hours from 17:00 is 19:00 the same day, not the next morning; 0 hours is the
 * start itself. The result is in the order of `starts`.
 *
 * One walk serves all starts (business stretches are found once and shared), so the cost is about the
 * number of working days the starts and dues span, not the number of starts times that.
 *
 * @throws RangeError for negative or non-finite hours, an empty or malformed window, or an unknown zone.
 */
export function addBusinessHoursToEach(
  starts: readonly number[],
  hours: number,
  window: TimeWindow,
  timezone: string,
): number[] {
  const allowance = checkHours(hours);
  if (starts.length === 0) return [];
  for (const start of starts) if (!Number.isFinite(start)) throw new RangeError(`not an instant: ${start}`);
  const order = starts.map((_, index) => index).sort((a, b) => starts[a]! - starts[b]!);
  const walk = new BusinessWalk(window, timezone, starts[order[0]!]!);
  const dues = new Array<number>(starts.length);

  // Business stretches in time order, with the business time before each: `before[i]` = sum of earlier lengths.
  const intervals: [number, number][] = [];
  const before: number[] = [];
  const extend = (): void => {
    const last = intervals[intervals.length - 1];
    const from = last ? last[1] : starts[order[0]!]!;
    const next = walk.nextInterval(from);
    before.push(last ? before[before.length - 1]! + (last[1] - last[0]) : 0);
    intervals.push(next);
  };
  const intervalAt = (index: number): [number, number] => {
    while (intervals.length <= index) extend();
    return intervals[index]!;
  };

  let current = 0; // the first stretch that ends after the start in hand
  let due = 0; // the stretch in which the due time in hand falls; never before `current`
  for (const index of order) {
    const start = starts[index]!;
    if (allowance === 0) {
      dues[index] = start;
      continue;
    }
    while (intervalAt(current)[1] <= start) current += 1;
    const [from] = intervalAt(current);
    const target = before[current]! + Math.max(0, start - from) + allowance;
    due = Math.max(due, current);
    for (;;) {
      // intervalAt first: it generates the stretch and its `before` entry.
      const [dueFrom, dueTo] = intervalAt(due);
      if (before[due]! + (dueTo - dueFrom) >= target) break;
      due += 1;
    }
    dues[index] = intervalAt(due)[0] + (target - before[due]!);
  }
  return dues;
}

/**
 * The instant when `hours` business hours have passed since `start` in `timezone`, counting only Monday to
 * Friday within `window` on the room's clock (see {@link addBusinessHoursToEach} for the rules).
 *
 * @throws RangeError for negative or non-finite hours, an empty or malformed window, or an unknown zone.
 */
export function addBusinessHours(start: number, hours: number, window: TimeWindow, timezone: string): number {
  return addBusinessHoursToEach([start], hours, window, timezone)[0]!;
}

/** Business time (ms) within [from, to). */
export function businessMsBetween(from: number, to: number, window: TimeWindow, timezone: string): number {
  if (!(to > from)) return 0;
  const walk = new BusinessWalk(window, timezone, from);
  let total = 0;
  let at = from;
  while (at < to) {
    const [start, end] = walk.nextInterval(at);
    if (start >= to) break;
    total += Math.min(end, to) - start;
    at = end;
  }
  return total;
}

/**
 * An instant such that everything starting before it is due (with `hours` business hours) strictly before
 * `end`: a safe lower bound on the start times to read when looking for due times at or after `end`. It
 * starts from a calendar span worked out from the window's length (whole weeks of five working days, plus one
 * for the part-week at either side) and widens it until the business time between the bound and `end`
 * exceeds `hours`, which DST changes and short windows can make necessary.
 *
 * @throws RangeError for negative or non-finite hours, an empty or malformed window, or an unknown zone.
 */
export function earliestStartDueFrom(end: number, hours: number, window: TimeWindow, timezone: string): number {
  const allowance = checkHours(hours);
  const weekly = 5 * workdayHours(window) * HOUR_MS;
  let span = (Math.ceil(allowance / weekly) + 1) * WEEK_MS;
  while (businessMsBetween(end - span, end, window, timezone) <= allowance) span *= 2;
  return end - span;
}
