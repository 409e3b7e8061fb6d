import { describe, expect, it } from 'vitest';
import {
  addDays,
  dateOfDayNumber,
  dayNumber,
  daysBetween,
  isCalendarDate,
  isoWeekdayOf,
  localDate,
  workingDaysBetween,
} from '@shared/calendar';

// Berlin is UTC+1 in November.
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 1, minute);

describe('calendar days', () => {
  it('counts whole days between dates across month ends and DST changes', () => {
    expect(daysBetween('2026-10-24', '2026-11-24')).toBe(31);
    expect(daysBetween('2026-11-24', '2026-11-23')).toBe(-1);
    // 25 October 2026 has 25 hours in Berlin; the count is still one day
    expect(daysBetween('2026-10-25', '2026-10-26')).toBe(1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dateOfDayNumber(dayNumber('2026-11-24'))).toBe('2026-11-24');
  });

  it('knows which dates exist and refuses to count with text that is no date', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-4-1')).toBe(false);
    expect(() => daysBetween('2026-11-24', 'soon')).toThrow(RangeError);
  });

  it('reads weekdays and working days', () => {
    expect(isoWeekdayOf('2026-11-23')).toBe(1);
    expect(isoWeekdayOf('2026-11-29')).toBe(7);
    // Monday 23 to Sunday 29 November: five working days, none of them on the weekend
    expect(workingDaysBetween('2026-11-23', '2026-11-29')).toBe(5);
    expect(workingDaysBetween('2026-11-28', '2026-11-29')).toBe(0);
  });

  it("reads the date in the room's zone, not in UTC, and falls back to the machine's for an unknown zone", () => {
    // 23:30 on the 24th in Berlin is still the 24th there, though it is 22:30 UTC
    expect(localDate(at(24, 23, 30), 'Europe/Berlin')).toBe('2026-11-24');
    expect(localDate(at(24, 0, 30), 'Europe/Berlin')).toBe('2026-11-24');
    expect(localDate(at(24, 0, 30), 'UTC')).toBe('2026-11-23');
    expect(localDate(at(24, 0, 30), 'Not/AZone')).toBe('2026-11-24');
  });
});
