/**
 * The formatting functions bound to one room, so a view writes `words.clock(at)` or `words.count(n)` and
 * cannot forget the locale, the clock or the zone.
 */
import type { MoneyAmount } from '../domain';
import * as dates from './dates';
import * as numbers from './numbers';
import type { RoomFormat } from './room';

/** The room's words for numbers, money, dates and times. */
export interface RoomWords {
  room: RoomFormat;
  count(value: number): string;
  decimal(value: number, digits?: number, minDigits?: number): string;
  percent(ratio: number): string;
  money(amount: MoneyAmount, options?: { exact?: boolean }): string;
  minorAmount(amountMinor: number, currency: string): string;
  clock(at: number): string;
  clockWithSeconds(at: number): string;
  day(date: string): string;
  shortDate(date: string): string;
  date(date: string): string;
  momentDay(at: number): string;
  momentDate(at: number): string;
  weekday(at: number, width?: 'short' | 'long'): string;
  longDay(at: number): string;
  instant(at: number): string;
  dateTime(at: number): string;
  start(at: number, now: number): string;
  due(dueOn: string, today: string): string;
}

/** The words of `room`. */
export function roomWords(room: RoomFormat): RoomWords {
  const { locale } = room;
  return {
    room,
    count: (value) => numbers.formatCount(value, locale),
    decimal: (value, digits, minDigits) => numbers.formatDecimal(value, locale, digits, minDigits),
    percent: (ratio) => numbers.formatPercent(ratio, locale),
    money: (amount, options = {}) => numbers.formatMoney(amount, { ...options, locale }),
    minorAmount: (amountMinor, currency) => numbers.formatMinorAmount(amountMinor, currency, locale),
    clock: (at) => dates.formatClock(at, room),
    clockWithSeconds: (at) => dates.formatClockWithSeconds(at, room),
    day: (date) => dates.formatDay(date, room),
    shortDate: (date) => dates.formatShortDate(date, room),
    date: (date) => dates.formatDate(date, room),
    momentDay: (at) => dates.formatMomentDay(at, room),
    momentDate: (at) => dates.formatMomentDate(at, room),
    weekday: (at, width) => dates.formatWeekday(at, room, width),
    longDay: (at) => dates.formatLongDay(at, room),
    instant: (at) => dates.formatInstant(at, room),
    dateTime: (at) => dates.formatDateTime(at, room),
    start: (at, now) => dates.formatStart(at, now, room),
    due: (dueOn, today) => dates.formatDue(dueOn, today, room),
  };
}
