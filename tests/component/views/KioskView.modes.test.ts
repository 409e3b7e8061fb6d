import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityEvent } from '@shared/domain';
import type { MeetingOccurrence } from '@shared/figures';
import { setApi } from '../../../src/api';
import * as data from '../support/fixtures';
import {
  FAKE_TIMERS,
  kioskApi,
  mountKiosk,
  press,
  slideOnScreen,
  unmountAll,
  wait,
  type KioskSetup,
} from '../support/kiosk-harness';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS);
  // Tue 24 Nov 2026, 10:30 in Berlin
  vi.setSystemTime(data.NOW);
});
afterEach(() => {
  unmountAll();
  setApi(undefined);
  document.body.innerHTML = '';
});

async function kiosk(setup: KioskSetup = {}) {
  const api = kioskApi(setup);
  const wrapper = await mountKiosk(api);
  return { api, wrapper };
}

const night = (start: string, end: string, weekends = true) => ({
  night: { enabled: true, workday: { start, end }, weekends },
});

describe('night schedule', () => {
  it('shows a dark screen with a small clock after the working day and stops the rotation', async () => {
    const { wrapper } = await kiosk({ settings: night('07:00', '10:32') });
    expect(wrapper.find('[data-testid="night-screen"]').exists()).toBe(false);
    const dayTimers = vi.getTimerCount();

    await wait(2 * MINUTE + 100);
    const screen = wrapper.find('[data-testid="night-screen"]');
    expect(screen.exists()).toBe(true);
    expect(screen.find('[data-testid="night-clock"]').text()).toBe('10:32');
    expect(screen.text()).toContain('Back at 07:00');
    expect(wrapper.find('[data-testid="slide-funnel"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="slide-sprint"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="progress-cue"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="clock"]').exists()).toBe(false);
    // No rotation timer and no 10-second clock: the minute tick (and the meetings store's own refresh).
    expect(vi.getTimerCount()).toBeLessThan(dayTimers);
    expect(vi.getTimerCount()).toBeLessThanOrEqual(2);

    await wait(5 * MINUTE);
    expect(screen.find('[data-testid="night-clock"]').text()).toBe('10:37');
    // Presenter keys do nothing at night.
    await press('ArrowRight');
    await press(' ');
    expect(wrapper.find('[data-testid="night-screen"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="presenter-paused"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('tells the kiosk shell when the night screen starts, so the display may sleep', async () => {
    const api = kioskApi({ settings: night('07:00', '10:32') });
    const shellCalls: unknown[][] = [];
    api.shell = async (command, input) => {
      shellCalls.push([command, input]);
    };
    const wrapper = await mountKiosk(api);
    expect(shellCalls).toEqual([['display.nightChanged', { night: false }]]);
    await wait(2 * MINUTE + 100);
    expect(shellCalls.at(-1)).toEqual(['display.nightChanged', { night: true }]);
    wrapper.unmount();
  });

  it('wakes up at the start of the working day on the slide it left', async () => {
    vi.setSystemTime(data.NOW - 3 * HOUR - 1 * MINUTE); // 07:29
    const { wrapper } = await kiosk({ settings: night('07:30', '19:00') });
    expect(wrapper.find('[data-testid="night-screen"]').exists()).toBe(true);
    await wait(MINUTE + 100);
    expect(wrapper.find('[data-testid="night-screen"]').exists()).toBe(false);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    await wait(20_000);
    expect(slideOnScreen(wrapper)).toBe('sprint');
    wrapper.unmount();
  });

  it('sleeps all weekend when the setting says so, and not otherwise', async () => {
    vi.setSystemTime(data.NOW + 4 * 24 * HOUR); // Saturday 10:30
    const asleep = await kiosk({ settings: night('07:00', '19:00', true) });
    expect(asleep.wrapper.find('[data-testid="night-screen"]').exists()).toBe(true);
    asleep.wrapper.unmount();
    const awake = await kiosk({ settings: night('07:00', '19:00', false) });
    expect(awake.wrapper.find('[data-testid="night-screen"]').exists()).toBe(false);
    expect(slideOnScreen(awake.wrapper)).toBe('funnel');
    awake.wrapper.unmount();
  });

  it('lets S start a stand-up at night; Esc goes back to the night screen', async () => {
    const { wrapper } = await kiosk({ settings: night('07:00', '10:00') });
    expect(wrapper.find('[data-testid="night-screen"]').exists()).toBe(true);
    await press('s');
    expect(wrapper.find('[data-testid="standup-view"]').exists()).toBe(true);
    await press('Escape');
    expect(wrapper.find('[data-testid="night-screen"]').exists()).toBe(true);
    wrapper.unmount();
  });
});

describe('burn-in protection', () => {
  it('drifts the whole layout every few minutes, never more than maxShiftPx', async () => {
    const { wrapper } = await kiosk({
      // one slide, so that only the drift changes from minute to minute
      playlist: [{ slideId: 'activity', enabled: true, durationSec: 20 }],
      settings: { burnIn: { enabled: true, maxShiftPx: 4, everyMinutes: 2 } },
    });
    const main = () => wrapper.find('main');
    const shifts: string[] = [];
    // look just after each minute's tick
    await wait(100);
    for (let i = 0; i < 40; i += 1) {
      const [x, y] = main().attributes('data-shift')!.split(',').map(Number);
      expect(Math.abs(x!)).toBeLessThanOrEqual(4);
      expect(Math.abs(y!)).toBeLessThanOrEqual(4);
      const style = main().attributes('style') ?? '';
      if (x !== 0 || y !== 0) expect(style).toContain(`translate(${x}px, ${y}px)`);
      else expect(style).not.toContain('translate');
      shifts.push(`${x},${y}`);
      await wait(MINUTE);
    }
    // It moved through several positions, each held for everyMinutes (the clock starts on a boundary).
    expect(new Set(shifts).size).toBeGreaterThan(4);
    for (let i = 0; i < shifts.length; i += 2) expect(shifts[i + 1]).toBe(shifts[i]);
    expect(shifts.some((shift, i) => i > 0 && shift !== shifts[i - 1])).toBe(true);
    wrapper.unmount();
  });

  it('keeps the layout still when switched off', async () => {
    const { wrapper } = await kiosk({
      playlist: [{ slideId: 'activity', enabled: true, durationSec: 20 }],
      settings: { burnIn: { enabled: false, maxShiftPx: 4, everyMinutes: 1 } },
    });
    for (let i = 0; i < 5; i += 1) {
      expect(wrapper.find('main').attributes('data-shift')).toBe('0,0');
      await wait(MINUTE);
    }
    wrapper.unmount();
  });
});

describe('meeting cadence', () => {
  const meeting = (startsIn: number, minutes: number, slideIds: string[] = []): MeetingOccurrence => ({
    meetingId: 'm-standup',
    kind: 'standup',
    title: 'Daily stand-up',
    startsAt: data.NOW + startsIn,
    endsAt: data.NOW + startsIn + minutes * MINUTE,
    slideIds,
  });

  it('announces a meeting meetingBannerMinutes before it starts, counting down by the minute', async () => {
    const { wrapper } = await kiosk({ settings: { meetingBannerMinutes: 5 }, upcoming: [meeting(7 * MINUTE, 15)] });
    const banner = () => wrapper.find('[data-testid="meeting-banner"]');
    expect(banner().exists()).toBe(false);
    await wait(2 * MINUTE + 100);
    expect(banner().text()).toBe('◷Daily stand-up in 5 min');
    await wait(4 * MINUTE);
    expect(banner().text()).toContain('Daily stand-up in 1 min');
    await wait(MINUTE);
    expect(banner().exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the running meeting’s own slides, then the playlist again', async () => {
    const { wrapper } = await kiosk({ upcoming: [meeting(MINUTE, 2, ['activity', 'sprint'])] });
    expect(slideOnScreen(wrapper)).toBe('funnel');
    await wait(MINUTE + 100);
    expect(slideOnScreen(wrapper)).toBe('activity');
    await wait(20_000);
    expect(slideOnScreen(wrapper)).toBe('sprint');
    await wait(20_000);
    expect(slideOnScreen(wrapper)).toBe('activity');
    await press('ArrowRight');
    expect(slideOnScreen(wrapper)).toBe('sprint');
    await press('ArrowRight');
    expect(slideOnScreen(wrapper)).toBe('activity');
    // The meeting is over at +3 min: the playlist comes back.
    await wait(2 * MINUTE);
    expect(['funnel', 'sprint', 'activity']).toContain(slideOnScreen(wrapper));
    await press('1');
    expect(slideOnScreen(wrapper)).toBe('funnel');
    wrapper.unmount();
  });

  it('keeps the playlist during a meeting without a slide set', async () => {
    const { wrapper } = await kiosk({ upcoming: [meeting(-MINUTE, 30)] });
    await press('3');
    expect(slideOnScreen(wrapper)).toBe('activity');
    wrapper.unmount();
  });
});

describe('skipping empty slides', () => {
  const noSprint = { 'sprints.current': () => ({ sprint: null, freshness: data.freshness }) };

  it('passes over a slide with nothing to show when skipEmptySlides is on', async () => {
    const { wrapper } = await kiosk({ settings: { skipEmptySlides: true }, handlers: noSprint });
    expect(slideOnScreen(wrapper)).toBe('funnel');
    await wait(20_000);
    expect(slideOnScreen(wrapper)).toBe('activity');
    await press('ArrowLeft');
    expect(slideOnScreen(wrapper)).toBe('funnel');
    wrapper.unmount();
  });

  it('shows it, saying so, when the setting is off', async () => {
    const { wrapper } = await kiosk({ settings: { skipEmptySlides: false }, handlers: noSprint });
    await wait(20_000);
    expect(slideOnScreen(wrapper)).toBe('sprint');
    expect(wrapper.text()).toContain('No sprint is running');
    wrapper.unmount();
  });
});

describe('freshness', () => {
  it('marks a slide stale after the room’s staleAfterHours', async () => {
    const oldData = { ...data.funnel(), freshness: { ...data.freshness, latestChangeAt: data.NOW - 2 * HOUR } };
    const strict = await kiosk({ settings: { staleAfterHours: 1 }, handlers: { 'funnel.get': () => oldData } });
    expect(strict.wrapper.find('[data-testid="slide-funnel"] .stale-tag').exists()).toBe(true);
    strict.wrapper.unmount();
    const relaxed = await kiosk({ settings: { staleAfterHours: 24 }, handlers: { 'funnel.get': () => oldData } });
    expect(relaxed.wrapper.find('[data-testid="slide-funnel"]').exists()).toBe(true);
    expect(relaxed.wrapper.find('[data-testid="slide-funnel"] .stale-tag').exists()).toBe(false);
    relaxed.wrapper.unmount();
  });
});

describe('celebrations on the wall', () => {
  let seq = 300;
  function won(rep: string, campaign: string | null, marketer: string | null, amountMinor = 1_200_000): ActivityEvent {
    seq += 1;
    return {
      ...data.activityEvent(seq, Date.now()),
      type: 'deal.won',
      payload: {
        title: `Deal ${seq}`,
        amountMinor,
        currency: 'EUR',
        closingRepName: rep,
        campaignName: campaign,
        sourcingMarketerName: marketer,
      },
    };
  }

  it('celebrates the first win within 2 s, groups the wins that follow in the window, and refreshes the KPI', async () => {
    const { api, wrapper } = await kiosk({
      settings: { celebrations: { enabled: true, durationSec: 12, batchWindowSec: 60, quietHours: null } },
    });
    const kpiCalls = api.callsOf('kpi.get').length;
    const overlay = () => wrapper.find('[data-testid="celebration"]');
    api.emit({ name: 'activity.recorded', data: won('Ana Lima', 'Spring webinar', 'Mia Sol') });
    // the first win after a quiet spell does not wait for the window (the fake clock has moved 2 s at most)
    await wait(2_000);
    expect(overlay().attributes('data-count')).toBe('1');
    expect(overlay().text()).toContain('Closed by Ana Lima');
    expect(overlay().text()).toContain('Sourced by Spring webinar with Mia Sol');
    expect(api.callsOf('kpi.get').length).toBeGreaterThan(kpiCalls);
    expect(overlay().find('[data-testid="celebration-kpi"]').text()).toContain('New paying customers');

    await wait(18_000);
    api.emit({ name: 'activity.recorded', data: won('Ben Ode', null, 'Tom Berg') });
    api.emit({ name: 'activity.recorded', data: data.activityEvent(400, Date.now()) });
    await wait(20_000);
    api.emit({ name: 'activity.recorded', data: won('Ana Lima', 'Spring webinar', 'Mia Sol') });
    // the followers wait for the window that the first win opened
    expect(overlay().exists()).toBe(false);

    await wait(20_000);
    expect(overlay().exists()).toBe(true);
    expect(overlay().attributes('data-count')).toBe('2');
    expect(overlay().text()).toContain('2 deals won!');
    expect(overlay().text()).toContain('Closed by Ben Ode');
    expect(overlay().text()).toContain('Closed by Ana Lima');
    expect(overlay().text()).toContain('Sourced by Tom Berg');
    expect(overlay().text()).not.toContain('the team');

    await wait(12_000);
    expect(overlay().exists()).toBe(false);
    wrapper.unmount();
  });

  it('names nobody rather than "the team" for a win without a closing rep', async () => {
    const { api, wrapper } = await kiosk({
      settings: { celebrations: { enabled: true, durationSec: 12, batchWindowSec: 60, quietHours: null } },
    });
    const event = won('Ana Lima', 'Spring webinar', 'Mia Sol');
    event.payload = { ...event.payload, closingRepName: null };
    api.emit({ name: 'activity.recorded', data: event });
    await wait(0);
    const overlay = wrapper.find('[data-testid="celebration"]');
    expect(overlay.exists()).toBe(true);
    expect(overlay.text()).not.toMatch(/the team/i);
    expect(overlay.find('[data-testid="celebration-rep"]').exists()).toBe(false);
    expect(overlay.text()).toContain('Sourced by Spring webinar with Mia Sol');
    wrapper.unmount();
  });

  it('names one win with its amount, or hides names and amount in privacy mode', async () => {
    const { api, wrapper } = await kiosk({
      settings: { celebrations: { enabled: true, durationSec: 12, batchWindowSec: 0, quietHours: null } },
    });
    api.emit({ name: 'activity.recorded', data: won('Ana Lima', 'Spring webinar', 'Mia Sol', 4_800_000) });
    await wait(0);
    const overlay = () => wrapper.find('[data-testid="celebration"]');
    expect(overlay().attributes('data-count')).toBe('1');
    expect(overlay().text()).toContain('Deal won!');
    expect(overlay().text()).toContain('Ana Lima');
    expect(overlay().text()).toMatch(/€48(\.0)?k/);
    await press('p');
    expect(overlay().text()).not.toContain('Ana Lima');
    expect(overlay().text()).not.toContain('Mia Sol');
    expect(overlay().text()).not.toMatch(/48/);
    expect(overlay().text()).toContain('Closed by Team member');
    wrapper.unmount();
  });

  it('stays quiet during quiet hours and at night', async () => {
    const quiet = await kiosk({
      settings: {
        celebrations: {
          enabled: true,
          durationSec: 12,
          batchWindowSec: 0,
          quietHours: { start: '10:00', end: '11:00' },
        },
      },
    });
    quiet.api.emit({ name: 'activity.recorded', data: won('Ana Lima', null, null) });
    await wait(2 * MINUTE);
    expect(quiet.wrapper.find('[data-testid="celebration"]').exists()).toBe(false);
    quiet.wrapper.unmount();

    const dark = await kiosk({
      settings: {
        ...night('07:00', '10:00'),
        celebrations: { enabled: true, durationSec: 12, batchWindowSec: 0, quietHours: null },
      },
    });
    dark.api.emit({ name: 'activity.recorded', data: won('Ana Lima', null, null) });
    await wait(2 * MINUTE);
    expect(dark.wrapper.find('[data-testid="celebration"]').exists()).toBe(false);
    expect(dark.wrapper.find('[data-testid="night-screen"]').exists()).toBe(true);
    dark.wrapper.unmount();
  });

  it('holds celebrations while paused and shows them when the rotation resumes', async () => {
    const { api, wrapper } = await kiosk({
      settings: { celebrations: { enabled: true, durationSec: 12, batchWindowSec: 10, quietHours: null } },
    });
    await press(' ');
    api.emit({ name: 'activity.recorded', data: won('Ana Lima', null, null) });
    await wait(MINUTE);
    expect(wrapper.find('[data-testid="celebration"]').exists()).toBe(false);
    await press(' ');
    expect(wrapper.find('[data-testid="celebration"]').attributes('data-count')).toBe('1');
    wrapper.unmount();
  });
});
