import { TZDate } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { TimeWindow } from '@shared/domain';
import {
  addBusinessHours,
  addBusinessHoursToEach,
  businessMsBetween,
  earliestStartDueFrom,
  isUsableWorkday,
  workdayHours,
} from '../../../electron/core/services/support/business-hours';
import { businessMinuteRef, addBusinessHoursRef } from '../../fixtures/business-hours-reference';

const BERLIN = 'Europe/Berlin';
const CAIRO = 'Africa/Cairo';
const DAY: TimeWindow = { start: '07:00', end: '19:00' };
const NIGHT_SHIFT: TimeWindow = { start: '22:00', end: '06:00' };
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** An instant given as the room's clock shows it (month 1-based). */
function local(zone: string, year: number, month: number, day: number, hour: number, minute = 0): number {
  return new TZDate(year, month - 1, day, hour, minute, zone).getTime();
}

describe('addBusinessHours with 07:00–19:00 in Berlin', () => {
  test('an MQL at 18:30 on a Friday with 2 hours is due on Monday at 08:30', () => {
    // 2026-11-27 is a Friday.
    expect(addBusinessHours(local(BERLIN, 2026, 11, 27, 18, 30), 2, DAY, BERLIN)).toBe(
      local(BERLIN, 2026, 11, 30, 8, 30),
    );
  });

  test('time on a weekend does not count', () => {
    expect(addBusinessHours(local(BERLIN, 2026, 11, 28, 10), 1, DAY, BERLIN)).toBe(local(BERLIN, 2026, 11, 30, 8));
    expect(addBusinessHours(local(BERLIN, 2026, 11, 29, 23, 59), 0.5, DAY, BERLIN)).toBe(
      local(BERLIN, 2026, 11, 30, 7, 30),
    );
  });

  test('before and after the window the clock waits for the next opening', () => {
    expect(addBusinessHours(local(BERLIN, 2026, 12, 1, 5), 1, DAY, BERLIN)).toBe(local(BERLIN, 2026, 12, 1, 8));
    expect(addBusinessHours(local(BERLIN, 2026, 12, 1, 20), 1, DAY, BERLIN)).toBe(local(BERLIN, 2026, 12, 2, 8));
  });

  test('exact boundaries: the due time is the earliest instant, the window end is not business time', () => {
    expect(addBusinessHours(local(BERLIN, 2026, 12, 1, 7), 12, DAY, BERLIN)).toBe(local(BERLIN, 2026, 12, 1, 19));
    expect(addBusinessHours(local(BERLIN, 2026, 11, 27, 17), 2, DAY, BERLIN)).toBe(local(BERLIN, 2026, 11, 27, 19));
    expect(addBusinessHours(local(BERLIN, 2026, 12, 1, 19), 0.5, DAY, BERLIN)).toBe(local(BERLIN, 2026, 12, 2, 7, 30));
    expect(addBusinessHours(local(BERLIN, 2026, 12, 1, 19), 0, DAY, BERLIN)).toBe(local(BERLIN, 2026, 12, 1, 19));
  });

  test('fractional hours', () => {
    expect(addBusinessHours(local(BERLIN, 2026, 11, 30, 18), 1.25, DAY, BERLIN)).toBe(
      local(BERLIN, 2026, 12, 1, 7, 15),
    );
    expect(addBusinessHours(local(BERLIN, 2026, 11, 30, 9), 0.1, DAY, BERLIN)).toBe(local(BERLIN, 2026, 11, 30, 9, 6));
  });

  test('more hours than a working day spill over days and weekends', () => {
    expect(addBusinessHours(local(BERLIN, 2026, 11, 30, 7), 30, DAY, BERLIN)).toBe(local(BERLIN, 2026, 12, 2, 13));
    expect(addBusinessHours(local(BERLIN, 2026, 11, 30, 7), 60, DAY, BERLIN)).toBe(local(BERLIN, 2026, 12, 4, 19));
    expect(addBusinessHours(local(BERLIN, 2026, 11, 27, 12), 24, DAY, BERLIN)).toBe(local(BERLIN, 2026, 12, 1, 12));
  });

  test('across the DST weekends (last Sundays of March and October) the local times stay right', () => {
    // Friday 27 March 2026 → Monday 30 March: the weekend is 47 real hours long.
    const march = addBusinessHours(local(BERLIN, 2026, 3, 27, 18, 30), 2, DAY, BERLIN);
    expect(march).toBe(local(BERLIN, 2026, 3, 30, 8, 30));
    expect(march - local(BERLIN, 2026, 3, 27, 18, 30)).toBe((2 * 24 + 14 - 1) * HOUR);
    // Friday 23 October 2026 → Monday 26 October: 49 real hours.
    const october = addBusinessHours(local(BERLIN, 2026, 10, 23, 18, 30), 2, DAY, BERLIN);
    expect(october).toBe(local(BERLIN, 2026, 10, 26, 8, 30));
    expect(october - local(BERLIN, 2026, 10, 23, 18, 30)).toBe((2 * 24 + 14 + 1) * HOUR);
  });
});

describe('DST on a working day (Cairo 2023: Friday 28 April 00:00 → 01:00; Thursday 26 October 24:00 → 23:00)', () => {
  const MORNING: TimeWindow = { start: '00:00', end: '12:00' };

  test('the hour that does not exist is not counted', () => {
    const thursdayNoon = local(CAIRO, 2023, 4, 27, 12);
    // Friday's window opens at 01:00 on the clock: 00:00–01:00 never happened.
    expect(addBusinessHours(thursdayNoon, 1, MORNING, CAIRO)).toBe(Date.UTC(2023, 3, 27, 23, 0));
    expect(new Date(addBusinessHours(thursdayNoon, 1, MORNING, CAIRO)).toISOString()).toBe('2023-04-27T23:00:00.000Z');
    expect(businessMsBetween(thursdayNoon, local(CAIRO, 2023, 4, 29, 0), MORNING, CAIRO)).toBe(11 * HOUR);
    // Friday holds 11 business hours, so the 12th is on Monday.
    expect(addBusinessHours(thursdayNoon, 11.5, MORNING, CAIRO)).toBe(local(CAIRO, 2023, 5, 1, 0, 30));
  });

  test('the hour that happens twice is counted twice', () => {
    // Thursday's night shift 22:00 → Friday 06:00 lasts nine real hours.
    const thursday22 = local(CAIRO, 2023, 10, 26, 22);
    expect(businessMsBetween(thursday22, thursday22 + 12 * HOUR, NIGHT_SHIFT, CAIRO)).toBe(9 * HOUR);
    expect(addBusinessHours(thursday22, 9, NIGHT_SHIFT, CAIRO)).toBe(thursday22 + 9 * HOUR);
    expect(addBusinessHours(thursday22, 9, NIGHT_SHIFT, CAIRO)).toBe(local(CAIRO, 2023, 10, 27, 6));
  });
});

describe('a window that wraps past midnight (22:00–06:00)', () => {
  test('a shift belongs to the day it starts on', () => {
    // Friday's shift runs into Saturday morning; Sunday's shift does not count.
    expect(addBusinessHours(local(BERLIN, 2026, 11, 27, 22), 8, NIGHT_SHIFT, BERLIN)).toBe(
      local(BERLIN, 2026, 11, 28, 6),
    );
    expect(addBusinessHours(local(BERLIN, 2026, 11, 28, 5), 1, NIGHT_SHIFT, BERLIN)).toBe(
      local(BERLIN, 2026, 11, 28, 6),
    );
    expect(addBusinessHours(local(BERLIN, 2026, 11, 29, 23), 1, NIGHT_SHIFT, BERLIN)).toBe(
      local(BERLIN, 2026, 11, 30, 23),
    );
    expect(addBusinessHours(local(BERLIN, 2026, 11, 30, 5), 1, NIGHT_SHIFT, BERLIN)).toBe(
      local(BERLIN, 2026, 11, 30, 23),
    );
    expect(workdayHours(NIGHT_SHIFT)).toBe(8);
    expect(workdayHours(DAY)).toBe(12);
  });
});

describe('refusals', () => {
  test('an empty or malformed window, bad hours and an unknown zone are refused', () => {
    const at = local(BERLIN, 2026, 11, 30, 9);
    expect(() => addBusinessHours(at, 1, { start: '07:00', end: '07:00' }, BERLIN)).toThrow(/working day is empty/);
    expect(() => addBusinessHours(at, 1, { start: '7:00', end: '19:00' }, BERLIN)).toThrow(RangeError);
    expect(() => addBusinessHours(at, 1, { start: '07:00', end: '24:00' }, BERLIN)).toThrow(RangeError);
    expect(() => addBusinessHours(at, -1, DAY, BERLIN)).toThrow(/hours/);
    expect(() => addBusinessHours(at, Number.NaN, DAY, BERLIN)).toThrow(/hours/);
    expect(() => addBusinessHours(at, 1, DAY, 'Mars/Olympus')).toThrow(/time zone/);
    expect(isUsableWorkday({ start: '07:00', end: '07:00' })).toBe(false);
    expect(isUsableWorkday(NIGHT_SHIFT)).toBe(true);
  });
});

// The reference walks every minute: seconds of CPU per property, many more on a busy machine.
describe('against a minute-by-minute count of the room clock', { timeout: 120_000 }, () => {
  const ZONES = [BERLIN, CAIRO, 'America/Sao_Paulo', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Tehran', 'UTC'];
  // Around DST changes that fall on working days or weekends, and ordinary weeks.
  const ANCHORS = [
    Date.UTC(2018, 10, 2),
    Date.UTC(2019, 1, 14),
    Date.UTC(2022, 2, 18),
    Date.UTC(2022, 8, 19),
    Date.UTC(2023, 3, 25),
    Date.UTC(2023, 9, 23),
    Date.UTC(2026, 2, 26),
    Date.UTC(2026, 9, 22),
    Date.UTC(2026, 3, 3),
    Date.UTC(2026, 10, 1),
  ];
  const time = fc.integer({ min: 0, max: 24 * 60 - 1 });
  const windowArb = fc
    .tuple(time, time)
    .filter(([start, end]) => (end - start + 1440) % 1440 >= 120)
    .map(([start, end]) => ({ start: hhmm(start), end: hhmm(end) }));
  const startArb = fc
    .tuple(
      fc.constantFrom(...ANCHORS),
      fc.integer({ min: 0, max: 9 * 24 * 60 }),
      fc.oneof(fc.constant(0), fc.integer({ min: 1, max: MINUTE - 1 })),
    )
    .map(([anchor, minutes, ms]) => anchor + minutes * MINUTE + ms);

  test('addBusinessHours equals the reference', () => {
    fc.assert(
      fc.property(
        windowArb,
        fc.constantFrom(...ZONES),
        startArb,
        fc.integer({ min: 0, max: 30 * 60 }),
        (window, zone, start, minutes) => {
          expect(addBusinessHours(start, minutes / 60, window, zone)).toBe(
            addBusinessHoursRef(start, minutes / 60, window, zone),
          );
        },
      ),
      { numRuns: 120 },
    );
  });

  test('one walk for many starts gives each start its own due time, and the bound is safe', () => {
    fc.assert(
      fc.property(
        windowArb,
        fc.constantFrom(...ZONES),
        fc.array(startArb, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 20 * 60 }),
        (window, zone, starts, minutes) => {
          const dues = addBusinessHoursToEach(starts, minutes / 60, window, zone);
          expect(dues).toEqual(starts.map((start) => addBusinessHours(start, minutes / 60, window, zone)));
          const end = Math.max(...starts);
          const bound = earliestStartDueFrom(end, minutes / 60, window, zone);
          expect(bound).toBeLessThanOrEqual(end);
          expect(addBusinessHours(bound - MINUTE, minutes / 60, window, zone)).toBeLessThan(end);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('businessMsBetween counts the same minutes as the reference', () => {
    fc.assert(
      fc.property(
        windowArb,
        fc.constantFrom(...ZONES),
        startArb,
        fc.integer({ min: 0, max: 3 * 24 * 60 }),
        (window, zone, from, minutes) => {
          // Each minute of the clock that overlaps [from, to), for the part that overlaps.
          const to = from + minutes * MINUTE;
          let expected = 0;
          for (let minute = Math.floor(from / MINUTE) * MINUTE; minute < to; minute += MINUTE) {
            if (businessMinuteRef(minute, window, zone)) {
              expected += Math.min(to, minute + MINUTE) - Math.max(from, minute);
            }
          }
          expect(businessMsBetween(from, to, window, zone)).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
