/**
 * The demo's calendar: every date of the generated quarter is counted back from `now` in the room's zone,
 * so the data always ends today, whenever it is generated.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, format, getISODay, startOfDay } from 'date-fns';

/** Durations in milliseconds. */
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/**
 * How far back leads arrive: the quarter plus the month before it, so that the quarter opens with a
 * pipeline already going instead of an empty one that fills up (which would make the first month's
 * customer count look like a collapse).
 */
export const HISTORY_DAYS = 120;

/** One calendar day in the room's zone. */
export interface Day {
  start: number;
  date: string;
  /** ISO weekday, 1 = Monday */
  weekday: number;
}

/** The local days of the generated history, up to the day of `now`. */
export class DemoCalendar {
  /** local days from `count` days ago up to today, oldest first */
  readonly days: Day[];
  readonly today: Day;

  constructor(
    private readonly now: number,
    readonly tz: string,
    count: number,
  ) {
    this.days = this.buildDays(count);
    this.today = this.days[this.days.length - 1]!;
  }

  private buildDays(count: number): Day[] {
    const todayStart = startOfDay(new TZDate(this.now, this.tz));
    const days: Day[] = [];
    for (let i = count; i >= 0; i--) {
      const day = addDays(todayStart, -i);
      days.push({ start: day.getTime(), date: format(day, 'yyyy-MM-dd'), weekday: getISODay(day) });
    }
    return days;
  }

  /** index of the local day that contains `at` */
  dayIndex(at: number): number {
    let lo = 0;
    let hi = this.days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.days[mid]!.start <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  dayAt(index: number): Day {
    return this.days[Math.max(0, Math.min(this.days.length - 1, index))]!;
  }

  /** 'YYYY-MM-DD' `offset` days from today */
  dateFromToday(offset: number): string {
    return format(addDays(new TZDate(this.today.start, this.tz), offset), 'yyyy-MM-dd');
  }

  /** epoch ms of `hour`:00 on a local date 'YYYY-MM-DD' */
  localTime(date: string, hour: number): number {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, hour, 0, this.tz).getTime();
  }
}

/** The later of two dates 'YYYY-MM-DD'. */
export function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
