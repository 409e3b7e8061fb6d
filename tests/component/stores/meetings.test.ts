import { flushPromises } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../../src/api';
import { MEETINGS_MAX_AGE_MS, nextMeetingsRefresh, useMeetingsStore } from '../../../src/stores/meetings';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures-figures';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(data.NOW);
});
afterEach(() => {
  vi.useRealTimers();
  setApi(undefined);
});

describe('meetings store', () => {
  it('refetches at the next start or end it knows of, and at least every 15 minutes', () => {
    // at 10:50 the clinic (10:15–11:00) ends next, within the 15 minutes
    expect(nextMeetingsRefresh(data.meetings(), data.berlin(10, 50))).toBe(data.clinic.endsAt + 1_000);
    // at 10:30 the clinic's end is 30 minutes away: 15 minutes come first
    expect(nextMeetingsRefresh(data.meetings(), data.NOW)).toBe(data.NOW + MEETINGS_MAX_AGE_MS);
    expect(nextMeetingsRefresh(data.emptyMeetings(), data.NOW)).toBe(data.NOW + MEETINGS_MAX_AGE_MS);
  });

  it('exposes the upcoming meetings and the next stand-up for the kiosk, and refreshes as time passes', async () => {
    const api = createFakeApi({ 'meetings.today': () => data.meetings() });
    setApi(api);
    setActivePinia(createPinia());
    const store = useMeetingsStore();
    await store.ensureLoaded();
    expect(store.nextStandup).toEqual(data.standupTomorrow);
    expect(store.upcoming.map((meeting) => meeting.meetingId)).toEqual(['m-clinic', 'm-review', 'm-standup']);
    expect(api.callsOf('meetings.today')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(MEETINGS_MAX_AGE_MS - 1_000);
    expect(api.callsOf('meetings.today')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await flushPromises();
    expect(api.callsOf('meetings.today')).toHaveLength(2);
    // 10:45: the clinic ends at 11:00, before the next 15 minutes are up
    await vi.advanceTimersByTimeAsync(data.clinic.endsAt + 1_000 - Date.now());
    await flushPromises();
    expect(api.callsOf('meetings.today')).toHaveLength(3);
  });
});
