import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActivityItem } from '@shared/domain';
import { setApi } from '../../../src/api';
import ActivitySlide from '../../../src/slides/ActivitySlide.vue';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(data.NOW);
});
afterEach(() => {
  vi.useRealTimers();
  setApi(undefined);
});

function setup(items: ActivityItem[]) {
  const api = createFakeApi({
    'activity.list': () => ({ items: [...items], freshness: data.freshness }),
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(ActivitySlide, { props: { options: { maxItems: 5 } }, global: { plugins: [pinia] } });
  return { api, wrapper };
}

describe('ActivitySlide', () => {
  it('marks every item with its team, and takes an undone event off instead of adding "Undone"', async () => {
    const won = { ...data.activityItem(3, 'Deal won: Globex — €12,000'), type: 'deal.won' };
    const lead = {
      ...data.activityItem(2, 'Lead moved: Eva Keller — MQL'),
      type: 'lead.stage_changed',
      payload: { toStage: 'mql' },
    };
    const standup = { ...data.activityItem(1, 'Stand-up held'), type: 'standup.held' };
    const { api, wrapper } = setup([won, lead, standup]);
    await flushPromises();
    const rows = () => wrapper.findAll('[data-testid="activity-item"]');
    // colour and pattern (and the team's name for screen readers): sales, marketing, both for a stand-up
    expect(rows()[0]!.find('[data-testid="activity-team-sales"] .swatch--sales').exists()).toBe(true);
    expect(rows()[1]!.find('[data-testid="activity-team-marketing"] .swatch--marketing').exists()).toBe(true);
    expect(rows()[2]!.findAll('[data-testid="activity-team-joint"] .swatch')).toHaveLength(2);

    // A settings change pushed live is bookkeeping: it never shows.
    api.emit({
      name: 'activity.recorded',
      data: { ...data.activityEvent(4, data.NOW), type: 'settings.changed', entity: 'settings' },
    });
    // The win is undone: it leaves the feed at once, and nothing says "Undone".
    api.emit({
      name: 'activity.recorded',
      data: {
        ...data.activityEvent(5, data.NOW),
        type: 'change.undone',
        payload: { undoneEventId: won.id, undoneType: 'deal.won' },
      },
    });
    await flushPromises();
    expect(rows().map((row) => row.find('.headline-text').text())).toEqual([
      'Lead moved: Eva Keller — MQL',
      'Stand-up held',
    ]);
    expect(wrapper.text()).not.toContain('Undone');
    expect(wrapper.text()).not.toContain('Settings');
    wrapper.unmount();
  });

  it('shows a new event at the top, highlighted, as soon as it arrives', async () => {
    const items = [data.activityItem(1, 'New deal: Acme', data.NOW - 3 * 60_000)];
    const { api, wrapper } = setup(items);
    await flushPromises();
    const rows = () => wrapper.findAll('[data-testid="activity-item"]');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]!.text()).toContain('New deal: Acme');
    expect(rows()[0]!.text()).toContain('3 min ago');
    expect(rows()[0]!.classes()).not.toContain('item--new');

    const won = { ...data.activityItem(2, 'Deal won: Globex — €12,000', data.NOW), type: 'deal.won' };
    items.unshift(won);
    api.emit({ name: 'activity.recorded', data: data.activityEvent(2, data.NOW) });
    await vi.advanceTimersByTimeAsync(200);
    await flushPromises();

    expect(rows()).toHaveLength(2);
    expect(rows()[0]!.text()).toContain('Deal won: Globex — €12,000');
    expect(rows()[0]!.text()).toContain('just now');
    expect(rows()[0]!.classes()).toContain('item--new');
    expect(rows()[1]!.classes()).not.toContain('item--new');
    wrapper.unmount();
  });

  it('refetches once for a burst of events', async () => {
    const { api, wrapper } = setup([data.activityItem(1, 'New deal: Acme')]);
    await flushPromises();
    expect(api.callsOf('activity.list')).toHaveLength(1);
    for (let seq = 2; seq < 12; seq += 1) {
      api.emit({ name: 'activity.recorded', data: data.activityEvent(seq) });
      await vi.advanceTimersByTimeAsync(20);
    }
    await vi.advanceTimersByTimeAsync(200);
    await flushPromises();
    expect(api.callsOf('activity.list')).toHaveLength(2);
    wrapper.unmount();
  });

  it('shows as many of the newest events as fit, whole, rather than shortening them', async () => {
    // happy-dom lays nothing out: the feed reports a height of 350 px, and 100 px for each event in it.
    const feedOnly = (element: HTMLElement) => element.classList.contains('feed');
    const scrollHeight = vi.spyOn(HTMLElement.prototype, 'scrollHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return feedOnly(this) ? this.querySelectorAll('[data-testid="activity-item"]').length * 100 : 0;
    });
    const clientHeight = vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (
      this: HTMLElement,
    ) {
      return feedOnly(this) ? 350 : 0;
    });
    try {
      const items = Array.from({ length: 8 }, (_, i) => data.activityItem(8 - i, `Event ${8 - i}`));
      const { wrapper } = setup(items);
      await flushPromises();
      const rows = wrapper.findAll('[data-testid="activity-item"]');
      // at most the option (5), and of those the three that fit: the newest ones, in full
      expect(rows.map((row) => row.find('.headline-text').text())).toEqual(['Event 8', 'Event 7', 'Event 6']);
      expect(wrapper.find('.feed').attributes('style')).toContain('--items: 3');
      wrapper.unmount();
    } finally {
      scrollHeight.mockRestore();
      clientHeight.mockRestore();
    }
  });

  it('says plainly that nothing has happened yet', async () => {
    const { wrapper } = setup([]);
    await flushPromises();
    expect(wrapper.find('[data-testid="activity-item"]').exists()).toBe(false);
    expect(wrapper.text()).toContain('Nothing has happened yet');
    wrapper.unmount();
  });
});
