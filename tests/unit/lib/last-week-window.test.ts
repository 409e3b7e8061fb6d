/**
 * When the "Last week" slide is in the rotation: its day from midnight until (not including) its time, on
 * the room's clock. Each instant is pinned in UTC, so the tests hold whatever zone the machine runs in.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LAST_WEEK_SLIDE } from '@shared/slides';
import { inWeeklyMorning } from '../../../src/lib/wall-schedule';

const BERLIN = 'Europe/Berlin';
/** an instant from its UTC parts (month 1–12) */
const utc = (year: number, month: number, day: number, hour: number, minute = 0) =>
  Date.UTC(year, month - 1, day, hour, minute);
const shows = (at: number, zone = BERLIN, morning = DEFAULT_LAST_WEEK_SLIDE) => inWeeklyMorning(morning, at, zone);

describe('the "Last week" slide’s hours (default Monday until 12:00)', () => {
  it('shows on Monday until 11:59 and not from 12:00 (Berlin, winter time UTC+1)', () => {
    // Mon 23 Nov 2026
    expect(shows(utc(2026, 11, 22, 23, 0))).toBe(true); // 00:00
    expect(shows(utc(2026, 11, 23, 8, 0))).toBe(true); // 09:00
    expect(shows(utc(2026, 11, 23, 10, 59))).toBe(true); // 11:59
    expect(shows(utc(2026, 11, 23, 11, 0))).toBe(false); // 12:00
    expect(shows(utc(2026, 11, 23, 16, 0))).toBe(false); // 17:00
  });

  it('does not show on Sunday or on Tuesday morning', () => {
    expect(shows(utc(2026, 11, 22, 22, 59))).toBe(false); // Sun 23:59
    expect(shows(utc(2026, 11, 22, 9, 0))).toBe(false); // Sun 10:00
    expect(shows(utc(2026, 11, 24, 8, 0))).toBe(false); // Tue 09:00
  });

  it('follows the room’s clock across the change to summer time', () => {
    // Sun 29 Mar 2026 02:00 → 03:00; Monday 30 Mar is UTC+2
    expect(shows(utc(2026, 3, 29, 21, 59))).toBe(false); // Sun 23:59
    expect(shows(utc(2026, 3, 29, 22, 0))).toBe(true); // Mon 00:00
    expect(shows(utc(2026, 3, 30, 9, 59))).toBe(true); // 11:59
    expect(shows(utc(2026, 3, 30, 10, 0))).toBe(false); // 12:00
    // 10:30 UTC is 12:30 that Monday: with last week's offset it would read 11:30
    expect(shows(utc(2026, 3, 30, 10, 30))).toBe(false);
  });

  it('follows the room’s clock across the change to winter time', () => {
    // Sun 25 Oct 2026 03:00 → 02:00; Monday 26 Oct is UTC+1
    expect(shows(utc(2026, 10, 25, 22, 59))).toBe(false); // Sun 23:59
    expect(shows(utc(2026, 10, 25, 23, 0))).toBe(true); // Mon 00:00
    // 10:30 UTC is 11:30 that Monday: with last week's offset it would read 12:30
    expect(shows(utc(2026, 10, 26, 10, 30))).toBe(true);
    expect(shows(utc(2026, 10, 26, 10, 59))).toBe(true); // 11:59
    expect(shows(utc(2026, 10, 26, 11, 0))).toBe(false); // 12:00
  });

  it('takes the room’s zone, not the machine’s: Monday in New York across its own DST change', () => {
    // Sun 8 Mar 2026 02:00 → 03:00 in New York; Monday 9 Mar is UTC−4
    expect(shows(utc(2026, 3, 9, 15, 59), 'America/New_York')).toBe(true); // 11:59
    expect(shows(utc(2026, 3, 9, 16, 0), 'America/New_York')).toBe(false); // 12:00
    // Monday 04:00 UTC is still Sunday evening in New York
    expect(shows(utc(2026, 3, 9, 3, 0), 'America/New_York')).toBe(false);
    expect(shows(utc(2026, 3, 9, 3, 0), BERLIN)).toBe(true);
  });

  it('takes another day and time when the room sets one', () => {
    const friday = { weekday: 5, until: '17:30' };
    expect(shows(utc(2026, 11, 27, 16, 29), BERLIN, friday)).toBe(true); // Fri 17:29
    expect(shows(utc(2026, 11, 27, 16, 30), BERLIN, friday)).toBe(false); // Fri 17:30
    expect(shows(utc(2026, 11, 23, 8, 0), BERLIN, friday)).toBe(false); // Mon 09:00
    const sunday = { weekday: 7, until: '23:59' };
    expect(shows(utc(2026, 11, 22, 22, 58), BERLIN, sunday)).toBe(true); // Sun 23:58
    expect(shows(utc(2026, 11, 22, 22, 59), BERLIN, sunday)).toBe(false); // Sun 23:59
  });
});
