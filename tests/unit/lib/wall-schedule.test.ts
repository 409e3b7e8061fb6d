import { describe, expect, it } from 'vitest';
import type { MeetingOccurrence } from '@shared/figures';
import {
  burnInShift,
  isNightTime,
  isWeekend,
  meetingBannerText,
  meetingToAnnounce,
  meetingWithSlides,
  standupMeetingId,
  wakeUpText,
} from '../../../src/lib/wall-schedule';

const MINUTE = 60_000;
const ZONE = 'Europe/Berlin';
/** hh:mm in Berlin (CET, UTC+1) on a November 2026 day; the 24th is a Tuesday */
const berlin = (hour: number, minute = 0, day = 24) => Date.UTC(2026, 10, day, hour - 1, minute);

describe('isNightTime', () => {
  const night = { enabled: true, workday: { start: '07:00', end: '19:00' }, weekends: true };

  it('is night outside the working day in the room’s zone, day inside it', () => {
    expect(isNightTime(night, berlin(6, 59), ZONE)).toBe(true);
    expect(isNightTime(night, berlin(7, 0), ZONE)).toBe(false);
    expect(isNightTime(night, berlin(18, 59), ZONE)).toBe(false);
    expect(isNightTime(night, berlin(19, 0), ZONE)).toBe(true);
    // 07:30 in Berlin is 01:30 in New York: the zone decides.
    expect(isNightTime(night, berlin(7, 30), 'America/New_York')).toBe(true);
  });

  it('sleeps on weekends only when set, and never when switched off', () => {
    const saturdayNoon = berlin(12, 0, 28);
    expect(isWeekend(saturdayNoon, ZONE)).toBe(true);
    expect(isWeekend(berlin(12), ZONE)).toBe(false);
    expect(isNightTime(night, saturdayNoon, ZONE)).toBe(true);
    expect(isNightTime({ ...night, weekends: false }, saturdayNoon, ZONE)).toBe(false);
    expect(isNightTime({ ...night, enabled: false }, berlin(3), ZONE)).toBe(false);
  });

  it('says when the wall wakes up: the same or the next morning, or after the weekend', () => {
    expect(wakeUpText(night, berlin(5, 30), ZONE)).toBe('Back at 07:00'); // Tuesday early
    expect(wakeUpText(night, berlin(20, 0), ZONE)).toBe('Back at 07:00'); // Tuesday evening
    expect(wakeUpText(night, berlin(20, 0, 27), ZONE)).toBe('Back Monday 07:00'); // Friday evening
    expect(wakeUpText(night, berlin(12, 0, 28), ZONE)).toBe('Back Monday 07:00'); // Saturday
    expect(wakeUpText(night, berlin(12, 0, 29), ZONE)).toBe('Back at 07:00'); // Sunday: tomorrow
    expect(wakeUpText({ ...night, weekends: false }, berlin(20, 0, 27), ZONE)).toBe('Back at 07:00');
  });

  it('falls back to the machine’s zone for an unknown one rather than failing', () => {
    expect(() => isNightTime(night, berlin(12), 'Not/AZone')).not.toThrow();
  });
});

describe('burnInShift', () => {
  it('stays within ±maxShiftPx, changes only every everyMinutes, and visits several spots', () => {
    const burnIn = { enabled: true, maxShiftPx: 6, everyMinutes: 3 };
    const seen = new Set<string>();
    let previous: string | null = null;
    let changes = 0;
    for (let minute = 0; minute < 24 * 60; minute += 1) {
      const { x, y } = burnInShift(burnIn, berlin(0) + minute * MINUTE);
      expect(Math.abs(x)).toBeLessThanOrEqual(6);
      expect(Math.abs(y)).toBeLessThanOrEqual(6);
      const key = `${x},${y}`;
      if (previous !== null && key !== previous) {
        changes += 1;
        expect(minute % 3).toBe(0);
      }
      previous = key;
      seen.add(key);
    }
    expect(seen.size).toBeGreaterThanOrEqual(9);
    expect(changes).toBeGreaterThan(100);
  });

  it('does not move when off or with no room to move', () => {
    expect(burnInShift({ enabled: false, maxShiftPx: 6, everyMinutes: 1 }, berlin(10, 1))).toEqual({ x: 0, y: 0 });
    expect(burnInShift({ enabled: true, maxShiftPx: 0, everyMinutes: 1 }, berlin(10, 1))).toEqual({ x: 0, y: 0 });
  });
});

describe('meeting cadence', () => {
  const occurrence = (
    meetingId: string,
    kind: MeetingOccurrence['kind'],
    startsAt: number,
    minutes: number,
    slideIds: string[] = [],
  ): MeetingOccurrence => ({
    meetingId,
    kind,
    title: kind === 'standup' ? 'Stand-up' : 'Lead review',
    startsAt,
    endsAt: startsAt + minutes * MINUTE,
    slideIds,
  });
  const standup = occurrence('m-standup', 'standup', berlin(9, 30), 15, ['sprint', 'kpi']);
  const review = occurrence('m-review', 'lead_review', berlin(9, 40), 30);

  it('announces the soonest meeting within the banner minutes, and none once it started', () => {
    expect(meetingToAnnounce([review, standup], berlin(9, 24), 5)).toBeNull();
    expect(meetingToAnnounce([review, standup], berlin(9, 25), 5)).toBe(standup);
    expect(meetingToAnnounce([review, standup], berlin(9, 29, 24) + 59_000, 5)).toBe(standup);
    expect(meetingToAnnounce([review, standup], berlin(9, 30), 10)).toBe(review);
    expect(meetingToAnnounce([review, standup], berlin(9, 30), 5)).toBeNull();
    expect(meetingToAnnounce([standup], berlin(9, 28), 0)).toBeNull();
  });

  it('words the banner in whole minutes rounded up', () => {
    expect(meetingBannerText(standup, berlin(9, 25))).toBe('Stand-up in 5 min');
    expect(meetingBannerText(standup, berlin(9, 25) + 1)).toBe('Stand-up in 5 min');
    expect(meetingBannerText(standup, berlin(9, 29) + 30_000)).toBe('Stand-up in 1 min');
    expect(meetingBannerText(standup, berlin(9, 30))).toBe('Stand-up starting now');
    expect(meetingBannerText(standup, berlin(8, 25))).toBe('Stand-up in 1 h 05 min');
  });

  it('uses the slide set of the meeting running now, if it has one', () => {
    expect(meetingWithSlides([standup, review], berlin(9, 29))).toBeNull();
    expect(meetingWithSlides([standup, review], berlin(9, 30))).toBe(standup);
    // The review started later but names no slides.
    expect(meetingWithSlides([standup, review], berlin(9, 42))).toBe(standup);
    expect(meetingWithSlides([standup, review], berlin(9, 45))).toBeNull();
  });

  it('finds the stand-up meeting a run belongs to, or none', () => {
    const tomorrow = occurrence('m-standup-2', 'standup', berlin(9, 30, 25), 15);
    expect(standupMeetingId([review, tomorrow, standup], berlin(9, 35))).toBe('m-standup');
    expect(standupMeetingId([review, tomorrow, standup], berlin(23, 0))).toBe('m-standup-2');
    expect(standupMeetingId([review], berlin(9, 35))).toBeNull();
  });
});
