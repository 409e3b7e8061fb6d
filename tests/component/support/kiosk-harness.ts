/**
 * Mounts the kiosk over a fake api for the rotation and mode tests: settings with overrides, the three
 * first slides' data, meetings, the stand-up's data, and a recorder for `meetings.recordRun`.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, vi } from 'vitest';
import type { ActivityEvent, DisplaySettings, Person, PlaylistEntry } from '@shared/domain';
import type { MeetingOccurrence, MeetingRunView, MeetingsResult, SinceYesterdayResult } from '@shared/figures';
import { setApi } from '../../../src/api';
import KioskView from '../../../src/views/KioskView.vue';
import { createFakeApi, type FakeApi, type FakeHandlers } from './fake-api';
import * as data from './fixtures';

// setImmediate stays real so that flushPromises works while the timers are fake.
export const FAKE_TIMERS = {
  // Animation frames too: the kiosk asks for the other slides' data after its first frame.
  toFake: [
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'Date',
    'requestAnimationFrame',
    'cancelAnimationFrame',
  ] as (
    | 'setTimeout'
    | 'clearTimeout'
    | 'setInterval'
    | 'clearInterval'
    | 'Date'
    | 'requestAnimationFrame'
    | 'cancelAnimationFrame'
  )[],
};

export const THREE_SLIDES: PlaylistEntry[] = [
  { slideId: 'funnel', enabled: true, durationSec: 20 },
  { slideId: 'sprint', enabled: true, durationSec: 20 },
  { slideId: 'activity', enabled: true, durationSec: 20 },
];

export const TEAM: Person[] = [
  { id: 'p-ana', name: 'Ana Lima', team: 'sales' },
  { id: 'p-ben', name: 'Ben Ode', team: 'sales' },
  { id: 'p-mia', name: 'Mia Sol', team: 'marketing' },
  { id: 'p-tom', name: 'Tom Berg', team: 'marketing' },
];

export function sinceYesterday(): SinceYesterdayResult {
  const won: ActivityEvent = {
    ...data.activityEvent(90, data.NOW - 3_600_000),
    type: 'deal.won',
    payload: {
      title: 'Globex – Platform',
      amountMinor: 4_800_000,
      currency: 'EUR',
      closingRepName: 'Ben Ode',
      campaignName: 'Spring webinar',
      sourcingMarketerName: 'Mia Sol',
    },
  };
  return {
    since: data.NOW - 24 * 3_600_000,
    counts: { newLeads: 12, newMqls: 5, newSqls: 3, newDeals: 4, dealsWon: 1, dealsLost: 0, newCustomers: 1 },
    highlights: [
      {
        ...won,
        headline: 'Deal won: Globex – Platform — €48,000',
        detail: 'closed by Ben Ode · sourced by Spring webinar (Mia Sol)',
      },
    ],
  };
}

export function meetingsResult(upcoming: MeetingOccurrence[] = []): MeetingsResult {
  return {
    today: '2026-11-24',
    meetings: upcoming,
    nextStandup: upcoming.find((meeting) => meeting.kind === 'standup') ?? null,
    upcoming,
    actionItems: [],
    standupRuns: [],
    standupPlannedMs: null,
    freshness: data.freshness,
  };
}

export interface KioskSetup {
  playlist?: PlaylistEntry[];
  settings?: Partial<DisplaySettings>;
  upcoming?: MeetingOccurrence[];
  people?: Person[];
  handlers?: FakeHandlers;
}

export function kioskApi(setup: KioskSetup = {}): FakeApi {
  let runs = 0;
  return createFakeApi({
    'app.info': () => ({ ...data.appInfo, demo: false }),
    'settings.display': () => ({ ...data.settings(setup.playlist ?? THREE_SLIDES), ...setup.settings }),
    'funnel.get': () => data.funnel(),
    'sprints.current': () => data.sprint(),
    'activity.list': () => ({ items: [data.activityItem(1, 'New deal: Acme')], freshness: data.freshness }),
    'meetings.today': () => meetingsResult(setup.upcoming),
    'standup.since': () => sinceYesterday(),
    'people.list': () => setup.people ?? TEAM,
    'kpi.get': () => data.kpi(),
    'meetings.recordRun': (input): MeetingRunView => {
      runs += 1;
      return {
        id: `run-${runs}`,
        meetingId: input.meetingId,
        startedAt: input.startedAt,
        endedAt: input.endedAt,
        durationMs: input.endedAt - input.startedAt,
      };
    },
    ...setup.handlers,
  });
}

const mounted = new Set<VueWrapper>();

export async function mountKiosk(api: FakeApi, pinnedSlide: string | null = null): Promise<VueWrapper> {
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(KioskView, { props: { pinnedSlide }, global: { plugins: [pinia] }, attachTo: document.body });
  mounted.add(wrapper);
  await flushPromises();
  return wrapper;
}

/** Unmounts every kiosk still mounted (a failed test leaves its key listener on the window otherwise). */
export function unmountAll(): void {
  for (const wrapper of mounted) {
    try {
      wrapper.unmount();
    } catch {
      // already unmounted by the test
    }
  }
  mounted.clear();
}

/**
 * For a test file of kiosks: each test starts with the fake clock at the fixtures' NOW, and ends with
 * every kiosk unmounted, real timers and no api.
 */
export function useKioskClock(): void {
  beforeEach(() => {
    vi.useFakeTimers(FAKE_TIMERS);
    vi.setSystemTime(data.NOW);
  });
  afterEach(() => {
    unmountAll();
    vi.useRealTimers();
    setApi(undefined);
  });
}

/** Presses a key the way a keyboard or clicker does: a keydown on the focused element, bubbling up. */
export async function press(key: string, target: EventTarget = document.body): Promise<void> {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  await flushPromises();
}

export function slideOnScreen(wrapper: VueWrapper): string | undefined {
  return wrapper.find('main').attributes('data-slide');
}

/** Lets fake time pass and the promises it released settle. */
export async function wait(ms: number): Promise<void> {
  await vi.advanceTimersByTimeAsync(ms);
  await flushPromises();
}
