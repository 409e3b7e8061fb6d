import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SprintResult } from '@shared/domain';
import { setApi } from '../../../src/api';
import SprintSlide from '../../../src/slides/SprintSlide.vue';
import { HIDDEN_NAME, usePrivacyStore } from '../../../src/stores/privacy';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

function mountWith(result: SprintResult, options = {}) {
  setApi(createFakeApi({ 'sprints.current': () => result }));
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(SprintSlide, { props: { options }, global: { plugins: [pinia] } });
}

afterEach(() => setApi(undefined));

describe('SprintSlide', () => {
  it('shows days left and each goal with progress, figures and owners of both teams', async () => {
    const wrapper = mountWith(data.sprint(2));
    await flushPromises();
    expect(wrapper.find('[data-testid="sprint-days-left"]').text()).toContain('4');
    const goal = wrapper.find('[data-testid="sprint-goal-g-0"]');
    expect(goal.find('.goal-title').text()).toBe('Goal 1');
    expect(goal.find('.figures').text()).toBe('30 / 50 demos');
    expect(goal.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('60');
    expect(goal.find('.fill').attributes('style')).toContain('width: 60%');
    expect(goal.find('.owners').text()).toContain('Ana Lima');
    expect(goal.find('.owners').text()).toContain('Tom Berg');
    expect(goal.findAll('.owners .swatch--sales')).toHaveLength(1);
    expect(goal.findAll('.owners .swatch--marketing')).toHaveLength(1);
    wrapper.unmount();
  });

  it('says "ends today" on the sprint\'s last day in the room\'s zone, and its date before', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const result = data.sprint(2);
      vi.setSystemTime(new Date('2026-11-24T22:30:00Z')); // 23:30 on Tue 24 Nov in Berlin
      const lastDay = mountWith({ ...result, sprint: { ...result.sprint!, endsOn: '2026-11-24' } });
      await flushPromises();
      expect(lastDay.find('.subtitle').text()).toMatch(/ · ends today$/);
      lastDay.unmount();
      const later = mountWith({ ...result, sprint: { ...result.sprint!, endsOn: '2026-11-25' } });
      await flushPromises();
      expect(later.find('.subtitle').text()).toMatch(/ · ends Wed,? (25 Nov|Nov 25)$/);
      later.unmount();
    } finally {
      vi.useRealTimers();
    }
  });

  it('draws the burn-up with the latest actual beside the ideal line', async () => {
    const wrapper = mountWith(data.sprint(2));
    await flushPromises();
    const burnUp = wrapper.find('[data-testid="sprint-burnup"]');
    // the latest day with an actual figure is 24 Nov: 60 % done, ideal 60 %
    expect(burnUp.attributes('data-value')).toBe('0.6');
    expect(burnUp.find('.burnup-keys').text()).toMatch(/done\s*60%\s*ideal\s*60%/);
    expect(burnUp.find('canvas').exists()).toBe(true);
    wrapper.unmount();
  });

  it('leaves the burn-up out when its option is off', async () => {
    const wrapper = mountWith(data.sprint(2), { showBurnUp: false });
    await flushPromises();
    expect(wrapper.find('[data-testid="sprint-burnup"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it("hides owners' names in privacy mode but keeps their team markers", async () => {
    const wrapper = mountWith(data.sprint(1));
    await flushPromises();
    usePrivacyStore().toggle();
    await flushPromises();
    const owners = wrapper.find('[data-testid="sprint-goal-g-0"] .owners');
    expect(owners.text()).not.toContain('Ana Lima');
    expect(owners.text()).not.toContain('Tom Berg');
    expect(owners.text()).toContain(HIDDEN_NAME);
    expect(owners.findAll('.swatch--sales')).toHaveLength(1);
    expect(owners.findAll('.swatch--marketing')).toHaveLength(1);
    wrapper.unmount();
  });

  it('caps the goals shown and says how many more there are', async () => {
    const wrapper = mountWith(data.sprint(5), { maxGoals: 3 });
    await flushPromises();
    expect(wrapper.findAll('.goal')).toHaveLength(3);
    expect(wrapper.find('.more').text()).toBe('+2 more goals');
    wrapper.unmount();
  });

  it('says plainly that no sprint is running', async () => {
    const wrapper = mountWith({ sprint: null, freshness: data.freshness });
    await flushPromises();
    expect(wrapper.text()).toContain('No sprint is running');
    expect(wrapper.find('[role="progressbar"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
