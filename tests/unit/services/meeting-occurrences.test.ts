import { describe, expect, it } from 'vitest';
import { isoWeekdayOf, isWorkingDate, localDayOf, localDayStart } from '@shared/calendar';
import {
  expandOccurrences,
  occurrencesOverlapping,
  type RecurringMeeting,
} from '../../../electron/core/services/support/meeting-occurrences';

const BERLIN = 'Europe/Berlin';
const NEW_YORK = 'America/New_York';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(iso);

function meeting(overrides: Partial<RecurringMeeting> & Pick<RecurringMeeting, 'id'>): RecurringMeeting {
  return {
    kind: 'standup',
    title: `Meeting ${overrides.id}`,
    weekdays: [1, 2, 3, 4, 5],
    startTime: '09:30',
    durationMin: 15,
    slideIds: [],
    ...overrides,
  };
}

/** What an occurrence looks like to a person in the room: local date and wall-clock time. */
function local(at: number, timezone = BERLIN): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}

describe('calendar helpers', () => {
  it('gives ISO weekdays, Monday 1 to Sunday 7', () => {
    // 23 Nov 2026 is a Monday.
    expect(['2026-11-23', '2026-11-24', '2026-11-28', '2026-11-29'].map(isoWeekdayOf)).toEqual([1, 2, 6, 7]);
    expect(isWorkingDate('2026-11-27')).toBe(true);
    expect(isWorkingDate('2026-11-28')).toBe(false);
  });

  it('gives a 23-hour local day when clocks go forward and a 25-hour one when they go back', () => {
    const spring = localDayOf(utc('2026-03-29T12:00:00Z'), BERLIN);
    expect(spring).toEqual({
      date: '2026-03-29',
      start: utc('2026-03-28T23:00:00Z'),
      end: utc('2026-03-29T22:00:00Z'),
    });
    const autumn = localDayOf(utc('2026-10-25T12:00:00Z'), BERLIN);
    expect((autumn.end - autumn.start) / HOUR).toBe(25);
    // A week back from a CET Monday lands on a CEST Monday midnight: 7 × 24 h + 1 h.
    expect(localDayStart('2026-10-26', BERLIN, 0) - localDayStart('2026-10-26', BERLIN, -7)).toBe(7 * DAY + HOUR);
  });
});

describe('expandOccurrences', () => {
  it('keeps the wall-clock start across the spring DST change (Friday before, Monday after)', () => {
    // Berlin goes from CET to CEST on Sunday 29 March 2026.
    const standup = meeting({ id: 'standup' });
    const found = expandOccurrences([standup], utc('2026-03-27T00:00:00Z'), utc('2026-03-31T00:00:00Z'), BERLIN);
    expect(found.map((o) => local(o.startsAt))).toEqual(['2026-03-27 09:30', '2026-03-30 09:30']);
    expect(found.map((o) => o.startsAt)).toEqual([utc('2026-03-27T08:30:00Z'), utc('2026-03-30T07:30:00Z')]);
    expect(found.every((o) => o.endsAt - o.startsAt === 15 * MINUTE)).toBe(true);
  });

  it('moves a start inside the spring-forward gap to after it and takes an ambiguous autumn time once', () => {
    const night = meeting({ id: 'night', weekdays: [7], startTime: '02:30', durationMin: 60 });
    const spring = expandOccurrences([night], utc('2026-03-28T00:00:00Z'), utc('2026-03-30T00:00:00Z'), BERLIN);
    // 02:30 does not exist on 29 March; the gap is one hour, so it happens at 03:30 CEST.
    expect(spring.map((o) => o.startsAt)).toEqual([utc('2026-03-29T01:30:00Z')]);
    const autumn = expandOccurrences([night], utc('2026-10-24T00:00:00Z'), utc('2026-10-26T00:00:00Z'), BERLIN);
    expect(autumn).toHaveLength(1);
    expect(local(autumn[0]!.startsAt)).toBe('2026-10-25 02:30');
    // A one-hour meeting lasts one real hour even on the 25-hour day.
    expect(autumn[0]!.endsAt - autumn[0]!.startsAt).toBe(HOUR);
  });

  it('lays out each meeting on its own weekdays, in time order across meetings', () => {
    const meetings = [
      meeting({
        id: 'review',
        kind: 'lead_review',
        title: 'Lead review',
        weekdays: [2],
        startTime: '14:00',
        durationMin: 45,
      }),
      meeting({ id: 'standup', title: 'Stand-up', weekdays: [1, 2, 3, 4, 5] }),
      meeting({ id: 'retro', kind: 'retro', title: 'Retro', weekdays: [5, 1], startTime: '16:00', durationMin: 60 }),
      meeting({ id: 'weekend', kind: 'other', title: 'Weekend check', weekdays: [6, 7], startTime: '11:00' }),
    ];
    // Monday 23 Nov 00:00 to Monday 30 Nov 00:00 in Berlin (CET, +01:00).
    const week = expandOccurrences(meetings, utc('2026-11-22T23:00:00Z'), utc('2026-11-29T23:00:00Z'), BERLIN);
    expect(week.map((o) => `${local(o.startsAt)} ${o.meetingId}`)).toEqual([
      '2026-11-23 09:30 standup',
      '2026-11-23 16:00 retro',
      '2026-11-24 09:30 standup',
      '2026-11-24 14:00 review',
      '2026-11-25 09:30 standup',
      '2026-11-26 09:30 standup',
      '2026-11-27 09:30 standup',
      '2026-11-27 16:00 retro',
      '2026-11-28 11:00 weekend',
      '2026-11-29 11:00 weekend',
    ]);
    const review = week.find((o) => o.meetingId === 'review')!;
    expect(review).toMatchObject({ kind: 'lead_review', title: 'Lead review', slideIds: [] });
    expect(review.endsAt - review.startsAt).toBe(45 * MINUTE);
  });

  it('takes starts in [from, to): one at `to` is left out, one at `from` is in', () => {
    const standup = meeting({ id: 'standup' });
    const start = utc('2026-11-23T08:30:00Z');
    // Monday 09:30 up to (not including) Tuesday 09:30.
    expect(expandOccurrences([standup], start, start + DAY, BERLIN).map((o) => o.startsAt)).toEqual([start]);
    expect(expandOccurrences([standup], start - HOUR, start, BERLIN)).toEqual([]);
    expect(expandOccurrences([standup], start, start, BERLIN)).toEqual([]);
  });

  it('finds the same local times in another zone', () => {
    const standup = meeting({ id: 'standup', startTime: '08:00' });
    // New York leaves DST on 1 Nov 2026: Friday 30 Oct is EDT (−4), Monday 2 Nov is EST (−5).
    const found = expandOccurrences([standup], utc('2026-10-30T00:00:00Z'), utc('2026-11-03T00:00:00Z'), NEW_YORK);
    expect(found.map((o) => o.startsAt)).toEqual([utc('2026-10-30T12:00:00Z'), utc('2026-11-02T13:00:00Z')]);
  });

  it('ignores weekdays outside 1–7 and start times that are not a time of day', () => {
    const meetings = [
      meeting({ id: 'bad-day', weekdays: [0, 8] }),
      meeting({ id: 'bad-time', startTime: '25:00' }),
      meeting({ id: 'ok', weekdays: [1] }),
    ];
    const found = expandOccurrences(meetings, utc('2026-11-22T23:00:00Z'), utc('2026-11-29T23:00:00Z'), BERLIN);
    expect(found.map((o) => o.meetingId)).toEqual(['ok']);
  });
});

describe('occurrencesOverlapping', () => {
  it('includes a meeting that wrapped past midnight and is still running', () => {
    // Sunday 22:30 for 3 hours runs until Monday 01:30.
    const late = meeting({ id: 'late', kind: 'other', weekdays: [7], startTime: '22:30', durationMin: 180 });
    const standup = meeting({ id: 'standup' });
    const mondayEarly = utc('2026-11-23T00:10:00Z'); // Monday 01:10 in Berlin
    const running = occurrencesOverlapping([late, standup], mondayEarly, mondayEarly + DAY, BERLIN);
    expect(running.map((o) => `${local(o.startsAt)} ${o.meetingId}`)).toEqual([
      '2026-11-22 22:30 late',
      '2026-11-23 09:30 standup',
    ]);
    // Once it has ended it is gone; the starts-only expansion never had it.
    const after = utc('2026-11-23T00:30:00Z');
    expect(occurrencesOverlapping([late], after, after + HOUR, BERLIN)).toEqual([]);
    expect(expandOccurrences([late], mondayEarly, mondayEarly + DAY, BERLIN)).toEqual([]);
  });

  it('wraps from the end of the week into the next one', () => {
    // From Friday evening, the next week's Monday stand-up is found; the weekend has none.
    const standup = meeting({ id: 'standup' });
    const fridayEvening = utc('2026-11-27T17:00:00Z');
    const found = expandOccurrences([standup], fridayEvening, fridayEvening + 7 * DAY, BERLIN);
    expect(local(found[0]!.startsAt)).toBe('2026-11-30 09:30');
    expect(found).toHaveLength(5);
  });
});
