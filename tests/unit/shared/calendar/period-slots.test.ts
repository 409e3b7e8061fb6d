import { describe, expect, it } from 'vitest';
import { periodLabel, periodStartOf, shiftPeriodStart, upcomingPeriods } from '@shared/calendar';

describe('period starts for targets', () => {
  it('finds the first day of the week (Monday), month and quarter of a date', () => {
    expect(periodStartOf('2026-11-24', 'week')).toBe('2026-11-23');
    expect(periodStartOf('2026-11-29', 'week')).toBe('2026-11-23'); // a Sunday
    expect(periodStartOf('2026-11-24', 'month')).toBe('2026-11-01');
    expect(periodStartOf('2026-11-24', 'quarter')).toBe('2026-10-01');
    expect(periodStartOf('2027-01-01', 'week')).toBe('2026-12-28');
  });

  it('steps over month lengths and year ends', () => {
    expect(shiftPeriodStart('2026-11-01', 'month', 2)).toBe('2027-01-01');
    expect(shiftPeriodStart('2026-10-01', 'quarter', 1)).toBe('2027-01-01');
    expect(shiftPeriodStart('2026-12-28', 'week', 1)).toBe('2027-01-04');
    expect(shiftPeriodStart('2026-03-23', 'week', 1)).toBe('2026-03-30'); // across the spring DST change
  });

  it('labels periods as the wall does, ISO week years included', () => {
    expect(periodLabel('2026-12-01', 'month')).toBe('December 2026');
    expect(periodLabel('2026-10-01', 'quarter')).toBe('Q4 2026');
    expect(periodLabel('2026-11-23', 'week')).toBe('Week 48, 2026');
    // the week holding 1 January 2027 is week 53 of 2026 (its Thursday is 31 December)
    expect(periodLabel('2026-12-28', 'week')).toBe('Week 53, 2026');
    // and 29 December 2025 begins week 1 of 2026
    expect(periodLabel('2025-12-29', 'week')).toBe('Week 1, 2026');
  });

  it("computes today's period in the room's zone, not the browser's", () => {
    // 30 Nov 2026 12:00 UTC is already 1 December in Auckland, still 30 November in Berlin
    const at = Date.UTC(2026, 10, 30, 12);
    expect(upcomingPeriods(at, 'month', 'Pacific/Auckland', 2)).toEqual([
      { kind: 'month', start: '2026-12-01', label: 'December 2026' },
      { kind: 'month', start: '2027-01-01', label: 'January 2027' },
    ]);
    expect(upcomingPeriods(at, 'month', 'Europe/Berlin', 1)[0]!.start).toBe('2026-11-01');
  });
});
