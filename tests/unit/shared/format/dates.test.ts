import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDate,
  formatDateTime,
  formatDay,
  formatDayRange,
  formatDue,
  formatInstant,
  formatStart,
  formatTimeOfDay,
  roomFormat,
} from '@shared/format';

// Berlin is UTC+1 in November.
const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour - 1, minute);
const BERLIN = 'Europe/Berlin';
const britain = roomFormat({ locale: 'en-GB', timezone: BERLIN });
const germany = roomFormat({ locale: 'de-DE', timezone: BERLIN });
const america = roomFormat({ locale: 'en-US', timezone: BERLIN });
// ICU versions differ in which space they put before "PM" or around a range's dash (plain, thin, narrow
// no-break): words are compared with every such space made plain.
const plain = (text: string) => text.replace(/[\u00a0\u2009\u202f]/g, ' ');

describe('times of day', () => {
  it("shows the clock in the room's zone and on the locale's clock", () => {
    expect(formatClock(at(24, 14, 5), britain)).toBe('14:05');
    expect(formatClock(at(24, 9, 5), britain)).toBe('09:05');
    expect(formatClock(at(24, 14, 5), germany)).toBe('14:05');
    expect(plain(formatClock(at(24, 14, 5), america))).toBe('2:05 PM');
    expect(formatClock(at(24, 14, 5), roomFormat({ locale: 'en-GB', timezone: 'America/New_York' }))).toBe('08:05');
  });

  it('follows a 12-hour or 24-hour clock set for the room over its locale', () => {
    expect(formatClock(at(24, 14, 5), roomFormat({ locale: 'en-US', clock: '24h', timezone: BERLIN }))).toBe('14:05');
    expect(plain(formatClock(at(24, 14, 5), roomFormat({ locale: 'en-GB', clock: '12h', timezone: BERLIN })))).toBe(
      '2:05 pm',
    );
    expect(formatTimeOfDay('07:00', britain)).toBe('07:00');
    expect(plain(formatTimeOfDay('07:00', america))).toBe('7:00 AM');
  });

  it("falls back to the machine's zone for an unknown one (TZ=Europe/Berlin in tests)", () => {
    expect(formatClock(at(24, 10, 30), roomFormat({ locale: 'en-GB', timezone: 'Not/AZone' }))).toBe('10:30');
  });
});

describe('dates', () => {
  it('writes calendar dates the way the locale does, never moved by the zone', () => {
    expect(formatDay('2026-11-20', britain)).toBe('Fri 20 Nov');
    expect(formatDay('2026-11-20', america)).toBe('Fri, Nov 20');
    expect(formatDay('2026-11-20', germany)).toBe('Fr., 20. Nov.');
    expect(formatDate('2026-11-24', britain)).toBe('Tue, 24 Nov 2026');
    expect(formatDate('2026-11-24', roomFormat({ locale: 'en-GB', timezone: 'Pacific/Kiritimati' }))).toBe(
      'Tue, 24 Nov 2026',
    );
  });

  it('writes moments with date and time in the locale and clock', () => {
    expect(formatInstant(at(24, 10, 30), britain)).toBe('24 Nov 2026, 10:30');
    expect(formatInstant(at(24, 10, 30), germany)).toBe('24.11.2026, 10:30');
    expect(plain(formatInstant(at(24, 14, 30), america))).toBe('Nov 24, 2026, 2:30 PM');
    expect(formatDateTime(at(30, 8), britain)).toBe('Mon, 30 Nov 2026, 08:00');
  });

  it("writes a week's days sharing what they share", () => {
    const week = (from: string, to: string) => plain(formatDayRange(Date.parse(from), Date.parse(to) - 1, britain));
    expect(week('2026-11-22T23:00:00Z', '2026-11-29T23:00:00Z')).toBe('23 – 29 Nov 2026');
    expect(week('2026-11-29T23:00:00Z', '2026-12-06T23:00:00Z')).toBe('30 Nov – 6 Dec 2026');
    expect(week('2026-12-27T23:00:00Z', '2027-01-03T23:00:00Z')).toBe('28 Dec 2026 – 3 Jan 2027');
    const german = formatDayRange(Date.parse('2026-11-22T23:00:00Z'), Date.parse('2026-11-29T22:59:00Z'), germany);
    expect(plain(german)).toBe('23.–29. Nov. 2026');
  });
});

describe('relative days', () => {
  it('says when something starts: in a span today, tomorrow with the time, then the weekday', () => {
    const now = at(24, 8, 25);
    expect(formatStart(at(24, 9, 30), now, britain)).toBe('in 1 h 05 min');
    expect(formatStart(at(25, 9, 30), now, britain)).toBe('tomorrow 09:30');
    expect(formatStart(at(27, 9, 30), now, britain)).toBe('Friday 09:30');
    expect(plain(formatStart(at(27, 9, 30), now, america))).toBe('Friday 9:30 AM');
    expect(formatStart(at(7 + 30, 9, 30), now, britain)).toBe('7 Dec 09:30');
  });

  it('words a due date against today', () => {
    expect(formatDue('2026-11-24', '2026-11-24', britain)).toBe('today');
    expect(formatDue('2026-11-25', '2026-11-24', britain)).toBe('tomorrow');
    expect(formatDue('2026-11-23', '2026-11-24', britain)).toBe('yesterday');
    expect(formatDue('2026-11-20', '2026-11-24', britain)).toBe('Fri 20 Nov');
  });
});
