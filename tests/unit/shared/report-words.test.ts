import { describe, expect, it } from 'vitest';
import { roomFormat } from '@shared/format';
import type { ReportChange } from '@shared/report';
import {
  changeDeltaWords,
  changeIsGood,
  changeValueWords,
  paceWords,
  percentWords,
  weekDatesWords,
} from '@shared/report-words';

const change = (over: Partial<ReportChange>): ReportChange => ({
  key: 'won',
  label: 'Deals won',
  current: 5,
  previous: 3,
  unit: 'count',
  higherIsBetter: true,
  ...over,
});

describe("the weekly report's words", () => {
  it('says pace as the wall does', () => {
    const base = { actual: 3, target: 10, pace: 6, elapsedShare: 0.6 };
    expect(paceWords({ ...base, status: 'behind', behindBy: 3 })).toBe('behind by 3');
    expect(paceWords({ ...base, status: 'on_track', behindBy: null })).toBe('on track');
    expect(paceWords({ ...base, target: null, pace: null, status: 'no_target', behindBy: null })).toBe('no target set');
    expect(percentWords(0.666)).toBe('67%');
    expect(percentWords(0.666, 'de-DE')).toBe('67\u00a0%');
    expect(percentWords(null)).toBe('—');
  });

  it('names the week by its dates in the room zone and locale, across months and years', () => {
    const berlin = roomFormat({ locale: 'en-GB', timezone: 'Europe/Berlin' });
    const dates = (period: ReturnType<typeof week>) => weekDatesWords(period, berlin);
    const week = (start: string, end: string) => ({
      kind: 'week' as const,
      start: Date.parse(start),
      end: Date.parse(end),
      label: '',
    });
    expect(dates(week('2026-11-22T23:00:00Z', '2026-11-29T23:00:00Z'))).toBe('23 – 29 Nov 2026');
    expect(dates(week('2026-11-29T23:00:00Z', '2026-12-06T23:00:00Z'))).toBe('30 Nov – 6 Dec 2026');
    expect(dates(week('2026-12-27T23:00:00Z', '2027-01-03T23:00:00Z'))).toBe('28 Dec 2026 – 3 Jan 2027');
  });

  it('puts a change against the week before in words, good or bad by the figure', () => {
    expect(changeDeltaWords(change({}), 'EUR')).toBe('+2');
    expect(changeIsGood(change({}))).toBe(true);
    expect(changeIsGood(change({ higherIsBetter: false }))).toBe(false);
    expect(changeDeltaWords(change({ current: 3 }), 'EUR')).toBe('no change');
    expect(changeIsGood(change({ current: 3 }))).toBeNull();
    expect(changeDeltaWords(change({ unit: 'percent', current: 0.8, previous: 0.95 }), 'EUR')).toBe('−15 points');
    const money = change({ unit: 'money', current: 1_000_000, previous: 1_250_000 });
    expect(changeDeltaWords(money, 'EUR')).toBe('−€2,500');
    expect(changeValueWords(money, money.current, 'EUR')).toBe('€10,000');
    expect(changeDeltaWords(change({ previous: null }), 'EUR')).toBe('—');
    expect(changeValueWords(money, money.current, 'EUR', 'de-DE')).toBe('10.000\u00a0€');
  });
});
