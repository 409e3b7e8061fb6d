import { flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeetingOccurrence } from '@shared/figures';
import { setApi } from '../../../src/api';
import * as data from '../support/fixtures';
import {
  FAKE_TIMERS,
  kioskApi,
  mountKiosk,
  press,
  sinceYesterday,
  slideOnScreen,
  unmountAll,
  wait,
  type KioskSetup,
} from '../support/kiosk-harness';

beforeEach(() => {
  vi.useFakeTimers(FAKE_TIMERS);
  vi.setSystemTime(data.NOW);
});
afterEach(() => {
  unmountAll();
  setApi(undefined);
  document.body.innerHTML = '';
});

const MINUTE = 60_000;
const standupToday: MeetingOccurrence = {
  meetingId: 'm-standup',
  kind: 'standup',
  title: 'Daily stand-up',
  startsAt: data.NOW - 5 * MINUTE,
  endsAt: data.NOW + 10 * MINUTE,
  slideIds: [],
};

async function kiosk(setup: KioskSetup = {}) {
  const api = kioskApi({ settings: { standupSecondsPerSpeaker: 60 }, ...setup });
  const wrapper = await mountKiosk(api);
  return { api, wrapper };
}

describe('stand-up mode', () => {
  it('pauses the rotation and shows the speaker, the sprint goals and what changed since yesterday', async () => {
    const { wrapper } = await kiosk();
    await press('ArrowRight');
    expect(slideOnScreen(wrapper)).toBe('sprint');
    await press('s');
    const view = wrapper.find('[data-testid="standup-view"]');
    expect(view.exists()).toBe(true);
    expect(wrapper.find('[data-testid="slide-sprint"]').exists()).toBe(false);
    expect(wrapper.find('main').attributes('data-mode')).toBe('standup');
    expect(wrapper.find('[data-testid="progress-cue"]').exists()).toBe(false);

    const since = wrapper.find('[data-testid="since-yesterday"]');
    expect(since.find('[data-testid="since-newLeads"]').text()).toContain('12');
    expect(since.find('[data-testid="since-dealsWon"]').text()).toContain('1');
    expect(since.text()).toContain('Deal won: Globex – Platform');
    expect(view.text()).toContain('Sprint goals');
    expect(view.text()).toContain('Goal 1');

    // Sales and marketing take turns: Ana (sales), Mia (marketing), Ben (sales), Tom (marketing).
    expect(wrapper.find('[data-testid="standup-speaker"]').text()).toContain('Ana Lima');
    expect(wrapper.find('[data-testid="standup-timer"]').text()).toBe('1:00');
    expect(view.text()).toContain('Next:');
    expect(view.text()).toContain('Mia Sol');

    // The rotation does not move on while the stand-up runs.
    await wait(10 * MINUTE);
    expect(slideOnScreen(wrapper)).toBe('sprint');
    wrapper.unmount();
  });

  it('shows the goals and highlights that fit, whole, and counts the rest as "+N more"', async () => {
    // happy-dom lays nothing out: the goals' box holds 2 goals of 100 px, the since box its counts
    // (200 px) and 1 highlight of 100 px.
    const highlight = (seq: number) => ({
      ...data.activityItem(seq, `Deal won: Customer ${seq}`, data.NOW - seq * MINUTE),
      type: 'deal.won',
    });
    const since = { ...sinceYesterday(), highlights: [highlight(1), highlight(2), highlight(3)] };
    const sizes = (element: HTMLElement): { scroll: number; client: number } | null => {
      if (element.classList.contains('goals')) {
        return { scroll: element.querySelectorAll('.goal').length * 100, client: 250 };
      }
      if (element.classList.contains('since')) {
        return { scroll: 200 + element.querySelectorAll('.highlight').length * 100, client: 320 };
      }
      return null;
    };
    const scrollHeight = vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return sizes(this)?.scroll ?? 0;
    });
    const clientHeight = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return sizes(this)?.client ?? 0;
    });
    try {
      const { wrapper } = await kiosk({
        handlers: { 'standup.since': () => since, 'sprints.current': () => data.sprint(5) },
      });
      await press('s');
      await flushPromises();
      const view = wrapper.find('[data-testid="standup-view"]');
      expect(view.findAll('.goal-title').map((goal) => goal.text())).toEqual(['Goal 1', 'Goal 2']);
      expect(view.find('.goal-more').text()).toBe('+3 more goals');
      expect(view.findAll('.highlight-head').map((item) => item.text())).toEqual(['Deal won: Customer 1']);
      expect(view.find('[data-testid="since-more"]').text()).toBe('+2 more events');
      wrapper.unmount();
    } finally {
      scrollHeight.mockRestore();
      clientHeight.mockRestore();
    }
  });

  it('counts each speaker down and hands over when the time is up or on → / Space', async () => {
    const { wrapper } = await kiosk();
    await press('S');
    const speaker = () => wrapper.find('[data-testid="standup-speaker"]').text();
    const timer = () => wrapper.find('[data-testid="standup-timer"]').text();
    expect(speaker()).toContain('Ana Lima');
    await wait(1_000);
    expect(timer()).toBe('0:59');
    await wait(48_000);
    expect(timer()).toBe('0:11');
    await wait(10_999);
    expect(timer()).toBe('0:01');
    expect(speaker()).toContain('Ana Lima');
    await wait(1);
    expect(speaker()).toContain('Mia Sol');
    expect(timer()).toBe('1:00');

    await press('ArrowRight');
    expect(speaker()).toContain('Ben Ode');
    await wait(30_000);
    await press(' ');
    expect(speaker()).toContain('Tom Berg');
    expect(timer()).toBe('1:00');
    // ← gives the floor back to the previous speaker.
    await press('ArrowLeft');
    expect(speaker()).toContain('Ben Ode');
    wrapper.unmount();
  });

  it('records the run with its meeting and each speaker’s time when the last speaker is done', async () => {
    const { api, wrapper } = await kiosk({ upcoming: [standupToday] });
    await press('s');
    await wait(60_000); // Ana's time runs out
    await press('PageDown'); // Mia after 0 s
    await wait(20_000);
    await press('ArrowRight'); // Ben after 20 s
    expect(api.callsOf('meetings.recordRun')).toHaveLength(0);
    await wait(45_000);
    await press('ArrowRight'); // Tom ends the list after 45 s

    expect(api.callsOf('meetings.recordRun')).toEqual([
      {
        meetingId: 'm-standup',
        startedAt: data.NOW,
        endedAt: data.NOW + 125_000,
        speakers: [
          { personId: 'p-ana', seconds: 60 },
          { personId: 'p-mia', seconds: 0 },
          { personId: 'p-ben', seconds: 20 },
          { personId: 'p-tom', seconds: 45 },
        ],
      },
    ]);
    expect(wrapper.find('[data-testid="standup-duration"]').text()).toBe('2 min 05 s');
    expect(wrapper.text()).toContain('Saved to the meeting log');
    // The summary stays until Esc (or a minute), then the rotation is back.
    await press('Escape');
    expect(wrapper.find('[data-testid="standup-view"]').exists()).toBe(false);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    expect(api.callsOf('meetings.recordRun')).toHaveLength(1);
    wrapper.unmount();
  });

  it('records on Esc, with no meeting when none is known, and returns to the SAME slide with its full time', async () => {
    const { api, wrapper } = await kiosk();
    await press('3');
    expect(slideOnScreen(wrapper)).toBe('activity');
    await wait(15_000);
    await press('s');
    await wait(40_000);
    await press('Escape');

    expect(api.callsOf('meetings.recordRun')).toEqual([
      {
        meetingId: null,
        startedAt: data.NOW + 15_000,
        endedAt: data.NOW + 55_000,
        speakers: [{ personId: 'p-ana', seconds: 40 }],
      },
    ]);
    expect(wrapper.find('[data-testid="standup-view"]').exists()).toBe(false);
    expect(slideOnScreen(wrapper)).toBe('activity');
    expect(wrapper.find('[data-testid="progress-cue"]').exists()).toBe(true);
    await wait(19_999);
    expect(slideOnScreen(wrapper)).toBe('activity');
    await wait(1);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    wrapper.unmount();
  });

  it('goes back to the rotation by itself a minute after the stand-up ended', async () => {
    const { wrapper } = await kiosk({ people: [{ id: 'p-ana', name: 'Ana Lima', team: 'sales' }] });
    await press('s');
    await wait(60_000);
    expect(wrapper.find('[data-testid="standup-duration"]').exists()).toBe(true);
    await wait(60_000);
    expect(wrapper.find('[data-testid="standup-view"]').exists()).toBe(false);
    expect(slideOnScreen(wrapper)).toBe('funnel');
    wrapper.unmount();
  });

  it('hides names and amounts in privacy mode', async () => {
    const { wrapper } = await kiosk();
    await press('s');
    await press('p');
    const view = wrapper.find('[data-testid="standup-view"]');
    expect(wrapper.find('[data-testid="standup-speaker"]').text()).toContain('Team member');
    for (const name of ['Ana Lima', 'Ben Ode', 'Mia Sol', 'Tom Berg']) expect(view.text()).not.toContain(name);
    expect(view.text()).not.toContain('48,000');
    expect(view.text()).toContain('Deal won — •••');
    expect(view.text()).not.toContain('Globex');
    expect(wrapper.find('[data-testid="privacy-badge"]').exists()).toBe(true);
    wrapper.unmount();
  });

  it('holds won-deal celebrations until the stand-up is over, then shows them as one', async () => {
    const { api, wrapper } = await kiosk();
    await press('s');
    for (const seq of [201, 202]) {
      api.emit({
        name: 'activity.recorded',
        data: {
          ...data.activityEvent(seq, Date.now()),
          type: 'deal.won',
          payload: { title: `Deal ${seq}`, closingRepName: 'Ben Ode', campaignName: 'Spring webinar' },
        },
      });
    }
    await wait(2 * MINUTE);
    expect(wrapper.find('[data-testid="celebration"]').exists()).toBe(false);
    await press('Escape');
    const celebration = wrapper.find('[data-testid="celebration"]');
    expect(celebration.exists()).toBe(true);
    expect(celebration.attributes('data-count')).toBe('2');
    wrapper.unmount();
  });
});
