/**
 * The rotation takes the "Last week" slide in only during its hours (default Monday until 12:00 in the
 * room's zone), on the kiosk's minute tick, with the page's clock pinned.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaylistEntry } from '@shared/domain';
import { setApi } from '../../../src/api';
import { weeklyReport as report } from '../support/report-fixture';
import { FAKE_TIMERS, kioskApi, mountKiosk, slideOnScreen, unmountAll, wait } from '../support/kiosk-harness';

const PLAYLIST: PlaylistEntry[] = [
  { slideId: 'funnel', enabled: true, durationSec: 20 },
  { slideId: 'last-week', enabled: true, durationSec: 20 },
  { slideId: 'sprint', enabled: true, durationSec: 20 },
];

beforeEach(() => vi.useFakeTimers(FAKE_TIMERS));
afterEach(() => {
  vi.useRealTimers();
  unmountAll();
  setApi(undefined);
  document.body.innerHTML = '';
});

/** The slides shown, in order, over `rounds` slide durations. */
async function rotation(rounds: number, wrapper: Awaited<ReturnType<typeof mountKiosk>>): Promise<string[]> {
  const seen = [slideOnScreen(wrapper)!];
  for (let i = 0; i < rounds; i++) {
    await wait(20_000);
    seen.push(slideOnScreen(wrapper)!);
  }
  return seen;
}

describe('the "Last week" slide in the rotation', () => {
  it('is in the rotation on Monday morning and leaves it at 12:00', async () => {
    vi.setSystemTime(Date.UTC(2026, 10, 23, 10, 58, 0)); // Mon 23 Nov 2026, 11:58 in Berlin
    const api = kioskApi({ playlist: PLAYLIST, handlers: { 'report.get': () => report() } });
    const wrapper = await mountKiosk(api);
    // 11:58:00 → 11:59:40: funnel, last week, sprint, funnel, last week, sprint
    expect(await rotation(5, wrapper)).toEqual(['funnel', 'last-week', 'sprint', 'funnel', 'last-week', 'sprint']);
    expect(api.calls.some((call) => call.method === 'report.get')).toBe(true);
    // from 12:00 on, funnel and sprint only
    await wait(40_000);
    expect(await rotation(4, wrapper)).not.toContain('last-week');
    wrapper.unmount();
  });

  it('is skipped on a Sunday, and on a Monday afternoon, and loads nothing then', async () => {
    for (const at of [Date.UTC(2026, 10, 22, 9, 0), Date.UTC(2026, 10, 23, 13, 0)]) {
      vi.setSystemTime(at); // Sun 22 Nov 10:00, Mon 23 Nov 14:00 in Berlin
      const api = kioskApi({ playlist: PLAYLIST, handlers: { 'report.get': () => report() } });
      const wrapper = await mountKiosk(api);
      expect(await rotation(4, wrapper)).toEqual(['funnel', 'sprint', 'funnel', 'sprint', 'funnel']);
      expect(api.calls.some((call) => call.method === 'report.get')).toBe(false);
      wrapper.unmount();
      unmountAll();
    }
  });

  it('keeps to the hours the room set', async () => {
    vi.setSystemTime(Date.UTC(2026, 10, 27, 15, 0)); // Fri 27 Nov, 16:00 in Berlin
    const api = kioskApi({
      playlist: PLAYLIST,
      settings: { lastWeekSlide: { weekday: 5, until: '17:00' } },
      handlers: { 'report.get': () => report() },
    });
    const wrapper = await mountKiosk(api);
    expect(await rotation(2, wrapper)).toEqual(['funnel', 'last-week', 'sprint']);
    wrapper.unmount();
  });
});
