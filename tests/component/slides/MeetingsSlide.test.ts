import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MeetingsResult } from '@shared/figures';
import { setApi } from '../../../src/api';
import { NOW_TICK_MS } from '../../../src/lib/now';
import MeetingsSlide from '../../../src/slides/MeetingsSlide.vue';
import { usePrivacyStore } from '../../../src/stores/privacy';
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

async function mountAt(now: number, result: MeetingsResult, options = {}) {
  vi.setSystemTime(now);
  setApi(createFakeApi({ 'meetings.today': () => result }));
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(MeetingsSlide, { props: { options }, global: { plugins: [pinia] } });
  await flushPromises();
  return wrapper;
}

const countdown = (wrapper: Awaited<ReturnType<typeof mountAt>>) =>
  wrapper.find('[data-testid="next-standup"] .countdown-headline').text();

describe('MeetingsSlide countdown', () => {
  it('counts down to a stand-up later today in hours and minutes, and follows the clock', async () => {
    const early = data.meetings({ nextStandup: data.standupToday });
    const wrapper = await mountAt(data.berlin(8, 25), early);
    expect(countdown(wrapper)).toBe('Stand-up in 1 h 05 min');
    expect(wrapper.find('[data-testid="next-standup"] .countdown-detail').text()).toBe('Daily stand-up · 09:30–09:45');
    // An hour later: the clock jumps rather than running an hour of ticks, which is slow on a busy machine.
    vi.setSystemTime(data.berlin(9, 25));
    await vi.advanceTimersByTimeAsync(NOW_TICK_MS);
    expect(countdown(wrapper)).toBe('Stand-up in 5 min');
    wrapper.unmount();
  });

  it('names the day and time when the next stand-up is tomorrow', async () => {
    const wrapper = await mountAt(data.NOW, data.meetings());
    expect(countdown(wrapper)).toBe('Stand-up tomorrow 09:30');
    wrapper.unmount();
  });

  it('says the stand-up is on now while it runs', async () => {
    const wrapper = await mountAt(data.berlin(9, 35), data.meetings());
    expect(countdown(wrapper)).toBe('Stand-up now');
    expect(wrapper.find('[data-testid="next-standup"]').text()).toContain('until 09:45');
    wrapper.unmount();
  });
});

describe('MeetingsSlide', () => {
  it("marks today's meetings as done, now or how soon", async () => {
    const wrapper = await mountAt(data.NOW, data.meetings());
    const items = wrapper.findAll('[data-testid="meeting-item"]');
    expect(items.map((item) => item.attributes('data-status'))).toEqual(['done', 'now', 'upcoming']);
    expect(items[0]!.text()).toContain('09:30');
    expect(items[0]!.find('.meeting-status').text()).toBe('✓ done');
    expect(items[1]!.find('.meeting-status').text()).toBe('Now');
    expect(items[2]!.find('.meeting-status').text()).toBe('in 3 h 30 min');
    wrapper.unmount();
  });

  it('marks an overdue action item with the warning colour and the word "Overdue"', async () => {
    const wrapper = await mountAt(data.NOW, data.meetings());
    const [overdue, open] = wrapper.findAll('[data-testid="action-item"]');
    expect(overdue!.attributes('data-overdue')).toBe('true');
    expect(overdue!.classes()).toContain('action--overdue');
    expect(overdue!.find('.overdue-tag').text()).toBe('⚠ Overdue');
    expect(overdue!.find('.due').text()).toMatch(/^was due .*20/);
    expect(overdue!.text()).toContain('Ana Lima');
    expect(open!.attributes('data-overdue')).toBe('false');
    expect(open!.classes()).not.toContain('action--overdue');
    expect(open!.find('.overdue-tag').exists()).toBe(false);
    expect(open!.find('.due').text()).toMatch(/^due .*28/);
    expect(open!.text()).toContain('Tom Berg');
    wrapper.unmount();
  });

  it('hides the owners of action items in privacy mode', async () => {
    const wrapper = await mountAt(data.NOW, data.meetings());
    usePrivacyStore().toggle();
    await flushPromises();
    const text = wrapper.find('.actions').text();
    expect(text).not.toContain('Ana Lima');
    expect(text).not.toContain('Tom Berg');
    expect(wrapper.findAll('[data-testid="action-item"] .owner').map((owner) => owner.text())).toEqual([
      'Sales Team member',
      'Marketing Team member',
    ]);
    wrapper.unmount();
  });

  it('says plainly when there are no meetings, no stand-up and no open action items', async () => {
    const wrapper = await mountAt(data.NOW, data.emptyMeetings());
    expect(wrapper.find('[data-testid="empty-state"]').text()).toContain('No meetings today and no open action items');
    expect(wrapper.find('[data-testid="next-standup"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('says so per list when only one of them is empty', async () => {
    const wrapper = await mountAt(data.NOW, data.meetings({ meetings: [], actionItems: [] }));
    expect(countdown(wrapper)).toBe('Stand-up tomorrow 09:30');
    expect(wrapper.find('.meetings .none').text()).toBe('No meetings today');
    expect(wrapper.find('.actions .none').text()).toBe('No open action items');
    wrapper.unmount();
  });
});

describe('MeetingsSlide stand-up length', () => {
  it('shows the last stand-ups as a trend against the planned length, the last one in words', async () => {
    const wrapper = await mountAt(data.NOW, data.meetings());
    const trend = wrapper.get('[data-testid="standup-trend"]');
    expect(trend.attributes('data-count')).toBe('5');
    expect(trend.find('.trend-words').text()).toMatch(/^Last stand-up 12 min\s*average 14 min · planned 15 min$/);
    const bars = trend.findAll('.trend-bar');
    expect(bars.map((bar) => bar.attributes('style'))).toEqual(
      [14, 11, 18, 13, 12].map((minutes) => `height: ${(minutes / 18) * 100}%;`),
    );
    expect(bars.map((bar) => bar.classes().includes('trend-bar--over'))).toEqual([false, false, true, false, false]);
    expect(trend.get('[role="img"]').attributes('aria-label')).toBe(
      'Length of the last stand-ups: 14 min, 11 min, 18 min, 13 min, 12 min; planned 15 min',
    );
    wrapper.unmount();
  });

  it('shows no trend before the first stand-up was recorded', async () => {
    const wrapper = await mountAt(data.NOW, data.meetings({ standupRuns: [] }));
    expect(wrapper.find('[data-testid="standup-trend"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
