import { describe, expect, it } from 'vitest';
import { daysBetween, formatDue, formatStart, localDateKey } from '../../../src/lib/time-words';

// Berlin is UTC+1 in November.
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 1, minute);

describe('time words', () => {
  it('says when something starts: in a span today, tomorrow with the time, then the weekday', () => {
    const now = at(24, 8, 25);
    expect(formatStart(at(24, 9, 30), now, 'Europe/Berlin')).toBe('in 1 h 05 min');
    expect(formatStart(at(25, 9, 30), now, 'Europe/Berlin')).toBe('tomorrow 09:30');
    expect(formatStart(at(27, 9, 30), now, 'Europe/Berlin', 'en-GB')).toBe('Friday 09:30');
  });

  it('reads calendar days in the room zone, not in UTC', () => {
    // 23:30 on the 24th in Berlin is still the 24th there, though it is 22:30 UTC
    expect(localDateKey(at(24, 23, 30), 'Europe/Berlin')).toBe('2026-11-24');
    expect(localDateKey(at(24, 0, 30), 'Europe/Berlin')).toBe('2026-11-24');
    expect(localDateKey(at(24, 0, 30), 'UTC')).toBe('2026-11-23');
    expect(daysBetween('2026-10-24', '2026-11-24')).toBe(31);
  });

  it('words a due date against today', () => {
    expect(formatDue('2026-11-24', '2026-11-24')).toBe('today');
    expect(formatDue('2026-11-25', '2026-11-24')).toBe('tomorrow');
    expect(formatDue('2026-11-23', '2026-11-24')).toBe('yesterday');
    expect(formatDue('2026-11-20', '2026-11-24', 'en-GB')).toBe('Fri 20 Nov');
  });
});
