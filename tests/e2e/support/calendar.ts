/**
 * Calendar arithmetic for the e2e figures, written independently of electron/core/services/periods.ts
 * (which it checks): only Intl and UTC date maths, no date library. A month here is a calendar month of
 * the room's zone; its start is local midnight of the 1st, found from the zone's UTC offset.
 */

/** A calendar date in the room's zone. */
export interface LocalDate {
  year: number;
  /** 1…12 */
  month: number;
  day: number;
}

/** A calendar month as UTC instants: [start, end). */
export interface MonthBounds {
  year: number;
  month: number;
  start: number;
  end: number;
  /** 'YYYY-MM-01', as kpi_targets.period_start stores it */
  firstDay: string;
}

function partsIn(at: number, timeZone: string): LocalDate & { hour: number; minute: number; second: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)!.value);
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** The calendar date of an instant in a zone. */
export function localDateOf(at: number, timeZone: string): LocalDate {
  const { year, month, day } = partsIn(at, timeZone);
  return { year, month, day };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(at: number, timeZone: string): number {
  const p = partsIn(at, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant of local midnight starting a date in a zone (no DST change in Europe happens at midnight). */
export function startOfLocalDay(date: LocalDate, timeZone: string): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day);
  const guess = wall - offsetAt(wall, timeZone);
  // The offset at the guess may differ from the one at `wall` near a DST change; one correction settles it.
  return wall - offsetAt(guess, timeZone);
}

/** The calendar month `monthsBack` before the one holding `at` (0 = that month). */
export function monthOf(at: number, timeZone: string, monthsBack = 0): MonthBounds {
  const today = localDateOf(at, timeZone);
  const index = today.year * 12 + (today.month - 1) - monthsBack;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const next = index + 1;
  return {
    year,
    month,
    start: startOfLocalDay({ year, month, day: 1 }, timeZone),
    end: startOfLocalDay({ year: Math.floor(next / 12), month: (next % 12) + 1, day: 1 }, timeZone),
    firstDay: `${year}-${String(month).padStart(2, '0')}-01`,
  };
}

/** Monday to Friday days from the 1st of a month to `lastDay` of it, both included. */
function weekdaysUpTo(year: number, month: number, lastDay: number): number {
  let count = 0;
  for (let day = 1; day <= lastDay; day++) {
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/**
 * Working days of the month elapsed at `at` (today counted) and working days in the month (METRICS:
 * elapsed share = elapsed ÷ total), as whole numbers so that pace can be compared without rounding.
 */
export function workingDaysOfMonth(at: number, timeZone: string): { elapsed: number; total: number } {
  const today = localDateOf(at, timeZone);
  const daysInMonth = new Date(Date.UTC(today.year, today.month, 0)).getUTCDate();
  return {
    elapsed: weekdaysUpTo(today.year, today.month, today.day),
    total: weekdaysUpTo(today.year, today.month, daysInMonth),
  };
}

/**
 * METRICS pace in exact integer arithmetic: on track when actual ≥ target × elapsed ÷ total, otherwise
 * behind by ⌈target × elapsed ÷ total − actual⌉. Needs a whole-number target.
 */
export function expectedPace(
  actual: number,
  target: number,
  days: { elapsed: number; total: number },
): { status: 'on_track' | 'behind'; behindBy: number } {
  const gapTimesTotal = target * days.elapsed - actual * days.total;
  if (gapTimesTotal <= 0) return { status: 'on_track', behindBy: 0 };
  return { status: 'behind', behindBy: Math.ceil(gapTimesTotal / days.total) };
}

/**
 * The end of the like-for-like stretch of last month (METRICS: against the previous period): with e of t
 * working days of this month elapsed at `at` (today counted), last month's j = round(e / t × its working
 * days) th working day; on a working day at the same wall-clock time, on a weekend where the next working
 * day begins (or the month's end).
 */
export function samePointLastMonth(at: number, timeZone: string): number {
  const now = partsIn(at, timeZone);
  const days = workingDaysOfMonth(at, timeZone);
  const last = monthOf(at, timeZone, 1);
  const daysInLast = new Date(Date.UTC(last.year, last.month, 0)).getUTCDate();
  const working: number[] = [];
  for (let day = 1; day <= daysInLast; day++) {
    const weekday = new Date(Date.UTC(last.year, last.month - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) working.push(day);
  }
  const j = Math.round((days.elapsed / days.total) * working.length);
  const todayWeekday = new Date(Date.UTC(now.year, now.month - 1, now.day)).getUTCDay();
  const todayWorks = todayWeekday !== 0 && todayWeekday !== 6;
  if (todayWorks && j >= 1) {
    const day = working[j - 1]!;
    const wall = Date.UTC(last.year, last.month - 1, day, now.hour, now.minute, now.second);
    return wall - offsetAt(startOfLocalDay({ year: last.year, month: last.month, day }, timeZone), timeZone);
  }
  if (j >= working.length) return last.end;
  return startOfLocalDay({ year: last.year, month: last.month, day: working[j]! }, timeZone);
}
