import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { SprintResult } from '@shared/domain';
import { setApi } from '../../../src/api';
import SprintSlide from '../../../src/slides/SprintSlide.vue';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

function mountWith(result: SprintResult) {
  setApi(createFakeApi({ 'sprints.current': () => result }));
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(SprintSlide, { global: { plugins: [pinia] } });
}

afterEach(() => setApi(undefined));

/** Three goals: the fixture's typed one, one tied to SQLs and compliance with nothing due yet. */
function withTiedGoals(): SprintResult {
  const result = data.sprint(3);
  const [typed, sqls, compliance] = result.sprint!.goals;
  Object.assign(sqls!, { figure: 'sqls', unit: '', current: 12, target: 20, progress: 0.6 });
  Object.assign(compliance!, {
    figure: 'follow_up_compliance',
    unit: '',
    current: 0,
    target: 90,
    progress: 0,
    awaiting: true,
  });
  return { ...result, sprint: { ...result.sprint!, goals: [typed!, sqls!, compliance!] } };
}

describe('SprintSlide with goals tied to a figure', () => {
  it('tags tied goals "auto", explains the tag once, and shows their figures like typed ones', async () => {
    const wrapper = mountWith(withTiedGoals());
    await flushPromises();
    expect(wrapper.find('[data-testid="sprint-goal-auto-g-0"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="sprint-goal-auto-g-1"]').text()).toBe('auto');
    expect(wrapper.get('[data-testid="sprint-goal-g-1"] .figures').text()).toBe('12 / 20 SQLs auto');
    expect(wrapper.get('[data-testid="sprint-goal-g-1"] [role="progressbar"]').attributes('aria-valuenow')).toBe('60');
    // compliance with no MQL due yet has no value, rather than 0
    expect(wrapper.get('[data-testid="sprint-goal-g-2"] .figures').text()).toBe('– / 90 % auto');
    expect(wrapper.findAll('[data-testid="sprint-auto-key"]')).toHaveLength(1);
    expect(wrapper.get('[data-testid="sprint-auto-key"]').text()).toContain('updates itself');
    wrapper.unmount();
  });

  it('has no key when every goal is typed', async () => {
    const wrapper = mountWith(data.sprint(2));
    await flushPromises();
    expect(wrapper.find('[data-testid="sprint-auto-key"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
