import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlaylistEntry } from '@shared/domain';
import { setApi } from '../../../src/api';
import KioskView from '../../../src/views/KioskView.vue';
import { createFakeApi, writeEvent, type FakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

// setImmediate stays real so that flushPromises works while the timers are fake.
const FAKE = { toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const };

function fakeApi(playlist: PlaylistEntry[], appInfo = data.appInfo): FakeApi {
  return createFakeApi({
    'app.info': () => appInfo,
    'settings.display': () => data.settings(playlist),
    'funnel.get': () => data.funnel(),
    'sprints.current': () => data.sprint(),
    'activity.list': () => ({ items: [data.activityItem(1, 'New deal: Acme')], freshness: data.freshness }),
  });
}

async function mountKiosk(api: FakeApi, pinnedSlide: string | null = null) {
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(KioskView, { props: { pinnedSlide }, global: { plugins: [pinia] } });
  await flushPromises();
  return wrapper;
}

function slideOnScreen(wrapper: ReturnType<typeof mount>): string | undefined {
  return wrapper.find('main').attributes('data-slide');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: [...FAKE.toFake] });
  vi.setSystemTime(data.NOW);
});
afterEach(() => {
  vi.useRealTimers();
  setApi(undefined);
});

describe('KioskView rotation', () => {
  it("advances after each entry's own duration and skips disabled entries", async () => {
    const wrapper = await mountKiosk(
      fakeApi([
        { slideId: 'funnel', enabled: true, durationSec: 5 },
        { slideId: 'sprint', enabled: false, durationSec: 3 },
        { slideId: 'activity', enabled: true, durationSec: 7 },
      ]),
    );
    expect(slideOnScreen(wrapper)).toBe('funnel');
    expect(wrapper.find('[data-testid="slide-funnel"]').exists()).toBe(true);

    await vi.advanceTimersByTimeAsync(4999);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    await vi.advanceTimersByTimeAsync(1);
    expect(slideOnScreen(wrapper)).toBe('activity');
    expect(wrapper.find('[data-testid="slide-activity"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="slide-sprint"]').exists()).toBe(false);

    await vi.advanceTimersByTimeAsync(6999);
    expect(slideOnScreen(wrapper)).toBe('activity');
    await vi.advanceTimersByTimeAsync(1);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    wrapper.unmount();
  });

  it('keeps a slide it showed: shown again it is the same one, and off screen it follows nothing', async () => {
    const api = fakeApi([
      { slideId: 'funnel', enabled: true, durationSec: 5 },
      { slideId: 'activity', enabled: true, durationSec: 5 },
    ]);
    const wrapper = await mountKiosk(api);
    const funnel = wrapper.find('[data-testid="slide-funnel"]').element;
    await vi.advanceTimersByTimeAsync(5000);
    expect(slideOnScreen(wrapper)).toBe('activity');
    const funnelReads = api.callsOf('funnel.get').length;

    // A write while the funnel is off screen: the activity on screen refetches, the kept funnel does not.
    api.emit(writeEvent(data.NOW));
    await vi.advanceTimersByTimeAsync(3000);
    expect(api.callsOf('funnel.get')).toHaveLength(funnelReads);

    await vi.advanceTimersByTimeAsync(2000);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    expect(wrapper.find('[data-testid="slide-funnel"]').element).toBe(funnel);
    // Shown again, it catches up with the write it missed, once.
    await vi.advanceTimersByTimeAsync(1000);
    expect(api.callsOf('funnel.get')).toHaveLength(funnelReads + 1);
    wrapper.unmount();
  });

  it('restarts the progress cue with the duration of each slide', async () => {
    const wrapper = await mountKiosk(
      fakeApi([
        { slideId: 'funnel', enabled: true, durationSec: 5 },
        { slideId: 'sprint', enabled: true, durationSec: 9 },
      ]),
    );
    const fill = () => wrapper.find('[data-testid="progress-cue"] .fill');
    expect(fill().attributes('data-duration-sec')).toBe('5');
    await vi.advanceTimersByTimeAsync(2500);
    expect(fill().attributes('style')).toContain('scaleX(0.5)');
    await vi.advanceTimersByTimeAsync(2500);
    expect(slideOnScreen(wrapper)).toBe('sprint');
    expect(fill().attributes('data-duration-sec')).toBe('9');
    expect(fill().attributes('style')).toContain('scaleX(0)');
    wrapper.unmount();
  });

  it('stays on a pinned slide (?slide=) and shows the demo banner for demo data', async () => {
    const playlist = [
      { slideId: 'funnel', enabled: true, durationSec: 2 },
      { slideId: 'activity', enabled: true, durationSec: 2 },
    ];
    const wrapper = await mountKiosk(fakeApi(playlist), 'activity');
    expect(slideOnScreen(wrapper)).toBe('activity');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(slideOnScreen(wrapper)).toBe('activity');
    expect(wrapper.find('[data-testid="demo-banner"]').text()).toBe('Showing demo data');
    wrapper.unmount();
  });

  it('says so when no slide is enabled, and shows the offline banner while the stream is lost', async () => {
    const api = fakeApi([{ slideId: 'funnel', enabled: false, durationSec: 5 }], { ...data.appInfo, demo: false });
    const wrapper = await mountKiosk(api);
    expect(wrapper.text()).toContain('No slides are enabled');
    expect(wrapper.find('[data-testid="demo-banner"]').exists()).toBe(false);
    api.setConnection('offline');
    await flushPromises();
    expect(wrapper.find('[data-testid="offline-banner"]').exists()).toBe(true);
    api.setConnection('online');
    await flushPromises();
    expect(wrapper.find('[data-testid="offline-banner"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
