import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setApi } from '../../../src/api';
import { navigate, useRoute } from '../../../src/router';
import { usePrivacyStore } from '../../../src/stores/privacy';
import * as data from '../support/fixtures';
import {
  FAKE_TIMERS,
  kioskApi,
  mountKiosk,
  press,
  slideOnScreen,
  wait,
  unmountAll,
  type KioskSetup,
} from '../support/kiosk-harness';

beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS);
  vi.setSystemTime(data.NOW);
});
afterEach(() => {
  vi.useRealTimers();
  unmountAll();
  setApi(undefined);
  document.body.innerHTML = '';
});

async function kiosk(setup: KioskSetup = {}) {
  const api = kioskApi(setup);
  const wrapper = await mountKiosk(api);
  return { api, wrapper };
}

describe('presenter keys', () => {
  it('moves with the arrows and a clicker’s PageUp/PageDown, wrapping around, and restarts the slide’s time', async () => {
    const { wrapper } = await kiosk();
    expect(slideOnScreen(wrapper)).toBe('funnel');
    await press('ArrowRight');
    expect(slideOnScreen(wrapper)).toBe('sprint');
    await press('PageDown');
    expect(slideOnScreen(wrapper)).toBe('activity');
    await press('PageDown');
    expect(slideOnScreen(wrapper)).toBe('funnel');
    await press('ArrowLeft');
    expect(slideOnScreen(wrapper)).toBe('activity');
    await press('PageUp');
    expect(slideOnScreen(wrapper)).toBe('sprint');

    // The slide reached by hand gets its full 20 s.
    await wait(19_999);
    expect(slideOnScreen(wrapper)).toBe('sprint');
    await wait(1);
    expect(slideOnScreen(wrapper)).toBe('activity');
    wrapper.unmount();
  });

  it('pauses and resumes with Space, shows "Paused", and keeps the time left of the slide', async () => {
    const { wrapper } = await kiosk();
    const pausedBadge = () => wrapper.find('[data-testid="presenter-paused"]');
    await wait(15_000);
    await press(' ');
    expect(pausedBadge().exists()).toBe(true);
    expect(pausedBadge().text()).toContain('Paused');
    expect(wrapper.find('main').attributes('data-mode')).toBe('paused');
    expect(wrapper.find('[data-testid="progress-cue"] .fill').classes()).toContain('paused');

    await wait(10 * 60_000);
    expect(slideOnScreen(wrapper)).toBe('funnel');

    await press(' ');
    expect(pausedBadge().exists()).toBe(false);
    await wait(4_999);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    await wait(1);
    expect(slideOnScreen(wrapper)).toBe('sprint');
    wrapper.unmount();
  });

  it('treats a clicker’s B and period like Space, and lets arrows move while paused', async () => {
    const { wrapper } = await kiosk();
    await press('b');
    expect(wrapper.find('[data-testid="presenter-paused"]').exists()).toBe(true);
    await press('ArrowRight');
    expect(slideOnScreen(wrapper)).toBe('sprint');
    await wait(60_000);
    expect(slideOnScreen(wrapper)).toBe('sprint');
    expect(wrapper.find('[data-testid="presenter-paused"]').exists()).toBe(true);
    await press('.');
    expect(wrapper.find('[data-testid="presenter-paused"]').exists()).toBe(false);
    await wait(20_000);
    expect(slideOnScreen(wrapper)).toBe('activity');
    wrapper.unmount();
  });

  it('resumes a forgotten pause by itself after half an hour', async () => {
    const { wrapper } = await kiosk();
    await press(' ');
    await wait(30 * 60_000 - 1);
    expect(wrapper.find('[data-testid="presenter-paused"]').exists()).toBe(true);
    await wait(1);
    expect(wrapper.find('[data-testid="presenter-paused"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('jumps to the n-th enabled slide with the digits and ignores digits past the end', async () => {
    const { wrapper } = await kiosk({
      playlist: [
        { slideId: 'funnel', enabled: true, durationSec: 20 },
        { slideId: 'sprint', enabled: false, durationSec: 20 },
        { slideId: 'activity', enabled: true, durationSec: 20 },
      ],
    });
    await press('2');
    expect(slideOnScreen(wrapper)).toBe('activity');
    await press('1');
    expect(slideOnScreen(wrapper)).toBe('funnel');
    await press('3');
    expect(slideOnScreen(wrapper)).toBe('funnel');
    await press('9');
    expect(slideOnScreen(wrapper)).toBe('funnel');
    wrapper.unmount();
  });

  it('leaves keys typed into a field alone, and keys with Ctrl or Alt', async () => {
    const { wrapper } = await kiosk();
    const input = document.createElement('input');
    document.body.appendChild(input);
    await press('ArrowRight', input);
    await press('p', input);
    await press(' ', input);
    const area = document.createElement('textarea');
    document.body.appendChild(area);
    await press('s', area);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    expect(usePrivacyStore().enabled).toBe(false);
    expect(wrapper.find('[data-testid="presenter-paused"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="standup-view"]').exists()).toBe(false);

    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', ctrlKey: true, bubbles: true }));
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'p', altKey: true, bubbles: true }));
    await wait(0);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    expect(usePrivacyStore().enabled).toBe(false);
    wrapper.unmount();
  });

  it('stops listening to keys once unmounted', async () => {
    const { wrapper } = await kiosk();
    wrapper.unmount();
    await press('p');
    expect(usePrivacyStore().enabled).toBe(false);
  });
});

describe('privacy mode', () => {
  it('toggles with P and shows the "Privacy mode" badge', async () => {
    const { wrapper } = await kiosk();
    const badge = () => wrapper.find('[data-testid="privacy-badge"]');
    expect(badge().exists()).toBe(false);
    await press('p');
    expect(usePrivacyStore().enabled).toBe(true);
    expect(badge().text()).toContain('Privacy mode');
    await press('P');
    expect(usePrivacyStore().enabled).toBe(false);
    expect(badge().exists()).toBe(false);
    wrapper.unmount();
  });

  it('turns on during the privacy schedule and off after it, on the minute tick', async () => {
    // 10:30 in Berlin; the window opens at 10:32 and closes at 10:34.
    const { wrapper } = await kiosk({ settings: { privacySchedule: { start: '10:32', end: '10:34' } } });
    const badge = () => wrapper.find('[data-testid="privacy-badge"]');
    expect(badge().exists()).toBe(false);
    await wait(2 * 60_000 - 1_000);
    expect(badge().exists()).toBe(false);
    // the tick comes just after the minute starts
    await wait(1_100);
    expect(badge().exists()).toBe(true);
    expect(usePrivacyStore().scheduled).toBe(true);
    // P cannot switch the schedule off, only add to it.
    await press('p');
    await press('p');
    expect(badge().exists()).toBe(true);
    await wait(2 * 60_000);
    expect(badge().exists()).toBe(false);
    wrapper.unmount();
  });

  it('hides names and amounts of the activity feed', async () => {
    const item = {
      ...data.activityItem(5, 'Deal won: Globex – Platform — €48,000'),
      type: 'deal.won',
      detail: 'closed by Ben Ode · sourced by Spring webinar (Mia Sol)',
      payload: {
        title: 'Globex – Platform',
        amountMinor: 4_800_000,
        currency: 'EUR',
        closingRepName: 'Ben Ode',
        campaignName: 'Spring webinar',
        sourcingMarketerName: 'Mia Sol',
      },
    };
    const { wrapper } = await kiosk({
      playlist: [{ slideId: 'activity', enabled: true, durationSec: 20 }],
      handlers: { 'activity.list': () => ({ items: [item], freshness: data.freshness }) },
    });
    const feed = () => wrapper.find('[data-testid="slide-activity"]').text();
    expect(feed()).toContain('Ben Ode');
    expect(feed()).toContain('€48,000');
    await press('p');
    expect(feed()).not.toContain('Ben Ode');
    expect(feed()).not.toContain('Mia Sol');
    expect(feed()).not.toContain('48,000');
    expect(feed()).toContain('Deal won — •••');
    expect(feed()).not.toContain('Globex');
    expect(feed()).toContain('closed by Team member');
    wrapper.unmount();
  });
});

describe('the way to the admin', () => {
  it('opens the admin with A inside Alignboard’s own window', async () => {
    const api = kioskApi();
    api.shell = async () => undefined;
    await mountKiosk(api);
    await press('a');
    expect(useRoute().value.view).toBe('admin');
    navigate('kiosk');
  });

  it('ignores A in a browser, which has the admin link instead', async () => {
    navigate('kiosk');
    await kiosk();
    await press('a');
    expect(useRoute().value.view).toBe('kiosk');
  });
});
