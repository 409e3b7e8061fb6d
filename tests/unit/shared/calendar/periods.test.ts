import { describe, expect, it } from 'vitest';
import {
  datesBetween,
  elapsedWorkingShare,
  localDate,
  periodContaining,
  previousPeriod,
  workingDaysBetween,
  workingDaysLeft,
} from '@shared/calendar';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);

describe('periodContaining', () => {
  it('gives the calendar month in the room zone, end exclusive', () => {
    // Berlin is on CET (+01:00) all of November: 1 Nov 00:00 local = 31 Oct 23:00 UTC.
    expect(periodContaining(utc('2026-11-15T12:00:00Z'), 'month', BERLIN)).toEqual({
      kind: 'month',
      start: utc('2026-10-31T23:00:00Z'),
      end: utc('2026-11-30T23:00:00Z'),
      label: 'November 2026',
    });
  });

  it('keeps local midnights across the last Sunday of October (DST ends in Berlin)', () => {
    // 1 Oct 00:00 CEST (+02:00) to 1 Nov 00:00 CET (+01:00): 31 days and one extra hour.
    const october = periodContaining(utc('2026-10-25T12:00:00Z'), 'month', BERLIN);
    expect(october.start).toBe(utc('2026-09-30T22:00:00Z'));
    expect(october.end).toBe(utc('2026-10-31T23:00:00Z'));
    expect((october.end - october.start) / HOUR).toBe(31 * 24 + 1);
    expect(october.label).toBe('October 2026');
  });

  it('gives a 169-hour week across the October change and a 167-hour week across the March change', () => {
    // Sunday 25 Oct 2026 is the last Sunday of October; its week runs Mon 19 Oct 00:00 CEST to Mon 26 Oct
    // 00:00 CET. ISO week: 1 Jan 2026 is a Thursday, so week 1 began Mon 29 Dec 2025 (day -2 of 2026);
    // 19 Oct is day 292, (292 + 2) / 7 = 42 whole weeks later → week 43.
    const autumn = periodContaining(utc('2026-10-25T12:00:00Z'), 'week', BERLIN);
    expect(autumn).toEqual({
      kind: 'week',
      start: utc('2026-10-18T22:00:00Z'),
      end: utc('2026-10-25T23:00:00Z'),
      label: 'Week 43, 2026',
    });
    expect((autumn.end - autumn.start) / HOUR).toBe(169);

    // Sunday 29 Mar 2026 is the last Sunday of March: Mon 23 Mar 00:00 CET to Mon 30 Mar 00:00 CEST.
    // 23 Mar is day 31 + 28 + 23 = 82 → (82 + 2) / 7 = 12 → week 13.
    const spring = periodContaining(utc('2026-03-29T01:30:00Z'), 'week', BERLIN);
    expect(spring.start).toBe(utc('2026-03-22T23:00:00Z'));
    expect(spring.end).toBe(utc('2026-03-29T22:00:00Z'));
    expect((spring.end - spring.start) / HOUR).toBe(167);
    expect(spring.label).toBe('Week 13, 2026');
  });

  it('labels weeks with the ISO week-numbering year', () => {
    // Mon 29 Dec 2025 starts week 1 of 2026 (that week holds Thursday 1 Jan 2026).
    expect(periodContaining(utc('2025-12-30T12:00:00Z'), 'week', BERLIN).label).toBe('Week 1, 2026');
    // 2026 starts on a Thursday, so it has 53 weeks; Thu 31 Dec 2026 is in week 53 of 2026.
    expect(periodContaining(utc('2026-12-31T12:00:00Z'), 'week', BERLIN).label).toBe('Week 53, 2026');
  });

  it('starts weeks on Monday even when the time is a Sunday night', () => {
    // Sun 22 Nov 2026 23:30 CET = 22:30 UTC: still the week of Mon 16 Nov.
    const week = periodContaining(utc('2026-11-22T22:30:00Z'), 'week', BERLIN);
    expect(localDate(week.start, BERLIN)).toBe('2026-11-16');
    expect(localDate(week.end, BERLIN)).toBe('2026-11-23');
  });

  it('gives quarters, across the DST change inside Q4', () => {
    expect(periodContaining(utc('2026-11-15T12:00:00Z'), 'quarter', BERLIN)).toEqual({
      kind: 'quarter',
      start: utc('2026-09-30T22:00:00Z'),
      end: utc('2026-12-31T23:00:00Z'),
      label: 'Q4 2026',
    });
    // Q1: 1 Jan 00:00 CET to 1 Apr 00:00 CEST (DST started on 29 Mar).
    expect(periodContaining(utc('2026-02-01T00:00:00Z'), 'quarter', BERLIN)).toEqual({
      kind: 'quarter',
      start: utc('2025-12-31T23:00:00Z'),
      end: utc('2026-03-31T22:00:00Z'),
      label: 'Q1 2026',
    });
  });

  it('puts the exact start in the period and the exact end in the next one', () => {
    const november = periodContaining(utc('2026-11-15T12:00:00Z'), 'month', BERLIN);
    expect(periodContaining(november.start, 'month', BERLIN).label).toBe('November 2026');
    expect(periodContaining(november.end - 1, 'month', BERLIN).label).toBe('November 2026');
    expect(periodContaining(november.end, 'month', BERLIN).label).toBe('December 2026');
    expect(periodContaining(november.start - 1, 'month', BERLIN).label).toBe('October 2026');
  });

  it('depends on the zone: the same instant is in different months in Berlin and New York', () => {
    // 1 Nov 2026 03:30 UTC = 04:30 CET in Berlin, but 31 Oct 23:30 EDT in New York (US DST ends later
    // that night at 02:00, so New York's midnight of 1 Nov is still EDT, -04:00).
    const at = utc('2026-11-01T03:30:00Z');
    expect(periodContaining(at, 'month', BERLIN).label).toBe('November 2026');
    expect(periodContaining(at, 'month', NEW_YORK)).toEqual({
      kind: 'month',
      start: utc('2026-10-01T04:00:00Z'),
      end: utc('2026-11-01T04:00:00Z'),
      label: 'October 2026',
    });
  });

  it('handles half-hour offsets and the southern-hemisphere DST', () => {
    // India is +05:30 all year: 1 Apr 2026 00:30 IST = 31 Mar 19:00 UTC, already Q2.
    const q2 = periodContaining(utc('2026-03-31T19:00:00Z'), 'quarter', 'Asia/Kolkata');
    expect(q2.label).toBe('Q2 2026');
    expect(q2.start).toBe(utc('2026-03-31T18:30:00Z'));
    // Auckland leaves DST on Sun 5 Apr 2026: April runs from 00:00 NZDT (+13) to 1 May 00:00 NZST (+12).
    const april = periodContaining(utc('2026-04-15T00:00:00Z'), 'month', 'Pacific/Auckland');
    expect(april.start).toBe(utc('2026-03-31T11:00:00Z'));
    expect(april.end).toBe(utc('2026-04-30T12:00:00Z'));
    expect(periodContaining(utc('2026-06-01T00:00:00Z'), 'week', 'UTC').label).toBe('Week 23, 2026');
  });
});

describe('previousPeriod', () => {
  it('gives the period of the same kind just before', () => {
    const november = periodContaining(utc('2026-11-15T12:00:00Z'), 'month', BERLIN);
    expect(previousPeriod(november, BERLIN)).toEqual(periodContaining(utc('2026-10-15T12:00:00Z'), 'month', BERLIN));
    expect(previousPeriod(november, BERLIN).end).toBe(november.start);

    // The week before week 1 of 2026 is week 52 of 2025 (1 Jan 2025 was a Wednesday: 52 weeks).
    const week1 = periodContaining(utc('2025-12-30T12:00:00Z'), 'week', BERLIN);
    expect(previousPeriod(week1, BERLIN).label).toBe('Week 52, 2025');

    const q1 = periodContaining(utc('2027-02-01T12:00:00Z'), 'quarter', BERLIN);
    expect(previousPeriod(q1, BERLIN).label).toBe('Q4 2026');
  });
});

describe('localDate', () => {
  it('gives the calendar date in the zone, around DST changes', () => {
    // 24 Oct 22:30 UTC = 25 Oct 00:30 CEST; 25 Oct 22:30 UTC = 25 Oct 23:30 CET (after the change).
    expect(localDate(utc('2026-10-24T22:30:00Z'), BERLIN)).toBe('2026-10-25');
    expect(localDate(utc('2026-10-25T22:30:00Z'), BERLIN)).toBe('2026-10-25');
    expect(localDate(utc('2026-10-25T23:00:00Z'), BERLIN)).toBe('2026-10-26');
    // 8 Mar 2026 04:30 UTC = 7 Mar 23:30 EST (US DST starts at 02:00 local that day).
    expect(localDate(utc('2026-03-08T04:30:00Z'), NEW_YORK)).toBe('2026-03-07');
    expect(localDate(utc('2026-03-08T07:30:00Z'), NEW_YORK)).toBe('2026-03-08');
  });
});

describe('workingDaysBetween', () => {
  it('counts Monday to Friday, both ends included', () => {
    expect(workingDaysBetween('2026-11-02', '2026-11-06')).toBe(5); // Mon–Fri
    expect(workingDaysBetween('2026-11-06', '2026-11-06')).toBe(1); // a Friday alone
    expect(workingDaysBetween('2026-11-07', '2026-11-08')).toBe(0); // a weekend
    expect(workingDaysBetween('2026-11-06', '2026-11-02')).toBe(0); // reversed
    // November 2026 starts on a Sunday: four full weeks from 2 Nov plus Monday 30 Nov = 21.
    expect(workingDaysBetween('2026-11-01', '2026-11-30')).toBe(21);
    // 2026: 365 days from a Thursday = 52 weeks (260) + Thursday 31 Dec = 261.
    expect(workingDaysBetween('2026-01-01', '2026-12-31')).toBe(261);
    // The DST weekend changes nothing: dates are calendar days.
    expect(workingDaysBetween('2026-10-23', '2026-10-26')).toBe(2);
  });

  it('agrees with a day-by-day walk over many ranges', () => {
    // Independent formulation: step through each date with Date.UTC and ask for its weekday.
    const naive = (from: string, to: string) => {
      let count = 0;
      for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
        const weekday = new Date(t).getUTCDay();
        if (weekday !== 0 && weekday !== 6) count += 1;
      }
      return count;
    };
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const base = Date.parse('2024-01-01T00:00:00Z');
    for (let i = 0; i < 300; i += 1) {
      const from = new Date(base + Math.floor(random() * 1500) * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.parse(`${from}T00:00:00Z`) + Math.floor(random() * 120) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      expect(workingDaysBetween(from, to), `${from}..${to}`).toBe(naive(from, to));
    }
  });

  it('rejects what is not a date', () => {
    expect(() => workingDaysBetween('2026-11-31x', '2026-12-01')).toThrow(RangeError);
  });
});

describe('elapsedWorkingShare', () => {
  const november = periodContaining(utc('2026-11-15T12:00:00Z'), 'month', BERLIN);

  it('counts today as elapsed from the start of the day', () => {
    // Wed 11 Nov 09:00 CET: working days 2–6 Nov (5) + 9, 10, 11 Nov (3) = 8 of 21.
    expect(elapsedWorkingShare(november, utc('2026-11-11T08:00:00Z'), BERLIN)).toBeCloseTo(8 / 21, 12);
    // Wed 11 Nov 00:00 CET (= 10 Nov 23:00 UTC) is already the 8th working day.
    expect(elapsedWorkingShare(november, utc('2026-11-10T23:00:00Z'), BERLIN)).toBeCloseTo(8 / 21, 12);
    // One minute earlier it is still Tuesday: 7 of 21.
    expect(elapsedWorkingShare(november, utc('2026-11-10T22:59:00Z'), BERLIN)).toBeCloseTo(7 / 21, 12);
  });

  it('does not move on a weekend and is 0 before the first working day', () => {
    // Sat 7 Nov: the five days of the first week.
    expect(elapsedWorkingShare(november, utc('2026-11-07T12:00:00Z'), BERLIN)).toBeCloseTo(5 / 21, 12);
    // Sun 1 Nov, the first day of the month: no working day yet.
    expect(elapsedWorkingShare(november, november.start, BERLIN)).toBe(0);
  });

  it('is 1 from the last working day on, at the end and after; 0 before the period', () => {
    // Mon 30 Nov is the last working day: 21 of 21.
    expect(elapsedWorkingShare(november, utc('2026-11-30T08:00:00Z'), BERLIN)).toBe(1);
    expect(elapsedWorkingShare(november, november.end, BERLIN)).toBe(1);
    expect(elapsedWorkingShare(november, november.end + 86_400_000, BERLIN)).toBe(1);
    expect(elapsedWorkingShare(november, november.start - 1, BERLIN)).toBe(0);
  });

  it('works for weeks across DST and for quarters', () => {
    // Week of 19–25 Oct 2026 (DST ends on the Sunday): Wed 21 Oct is day 3 of 5.
    const week = periodContaining(utc('2026-10-21T10:00:00Z'), 'week', BERLIN);
    expect(elapsedWorkingShare(week, utc('2026-10-21T10:00:00Z'), BERLIN)).toBeCloseTo(3 / 5, 12);
    // Sun 25 Oct 23:30 CET (= 22:30 UTC) is still in the week: all 5 elapsed.
    expect(elapsedWorkingShare(week, utc('2026-10-25T22:30:00Z'), BERLIN)).toBe(1);
    // Q4 2026: October 22 (Thu 1, Fri 2, then four full weeks), November 21, December 23 (Tue 1 – Fri 4,
    // three full weeks, Mon 28 – Thu 31) = 66. Fri 2 Oct is day 2.
    const q4 = periodContaining(utc('2026-10-02T10:00:00Z'), 'quarter', BERLIN);
    expect(elapsedWorkingShare(q4, utc('2026-10-02T10:00:00Z'), BERLIN)).toBeCloseTo(2 / 66, 12);
  });

  it('uses the room zone for "today"', () => {
    // 11 Nov 23:30 UTC is Thu 12 Nov 00:30 in Berlin (9 of 21) but still Wed 11 Nov in New York (8 of 21).
    const at = utc('2026-11-11T23:30:00Z');
    expect(elapsedWorkingShare(november, at, BERLIN)).toBeCloseTo(9 / 21, 12);
    const novemberNy = periodContaining(at, 'month', NEW_YORK);
    expect(elapsedWorkingShare(novemberNy, at, NEW_YORK)).toBeCloseTo(8 / 21, 12);
  });
});

describe('workingDaysLeft', () => {
  it('counts working days to the end date, today included if it is one', () => {
    // Wed 11 Nov to Fri 20 Nov: 11, 12, 13, 16, 17, 18, 19, 20 = 8.
    expect(workingDaysLeft('2026-11-11', '2026-11-20')).toBe(8);
    // Sat 14 Nov to Fri 20 Nov: 16–20 = 5.
    expect(workingDaysLeft('2026-11-14', '2026-11-20')).toBe(5);
    expect(workingDaysLeft('2026-11-20', '2026-11-20')).toBe(1); // the last day, a Friday
    expect(workingDaysLeft('2026-11-22', '2026-11-22')).toBe(0); // the last day, a Sunday
    expect(workingDaysLeft('2026-11-21', '2026-11-20')).toBe(0); // over
  });
});

describe('datesBetween', () => {
  it('lists every calendar date, DST weekends included', () => {
    expect(datesBetween('2026-10-24', '2026-10-27')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
    expect(datesBetween('2026-12-31', '2027-01-01')).toEqual(['2026-12-31', '2027-01-01']);
    expect(datesBetween('2026-10-27', '2026-10-24')).toEqual([]);
  });
});
