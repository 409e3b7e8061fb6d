import { flushPromises, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { SPRINT_GOAL_FIGURES } from '@shared/domain';
import SprintGoalFigure from '../../../../src/views/admin/SprintGoalFigure.vue';
import SprintsSection from '../../../../src/views/admin/SprintsSection.vue';
import { createPlanningBackend, mountSection, planningState, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests();

describe('SprintGoalFigure', () => {
  it('offers "typed" and every figure in the glossary’s words, and emits the choice', async () => {
    const wrapper = mount(SprintGoalFigure, { props: { modelValue: null, controlId: 'goal-figure' } });
    const options = wrapper.findAll('option');
    expect(options.map((option) => option.text())).toEqual([
      'Typed by people',
      'MQLs delivered (updates itself)',
      'SQLs (updates itself)',
      'New paying customers (updates itself)',
      'Lead reviews done (updates itself)',
      'Follow-up compliance (updates itself)',
    ]);
    expect(options.slice(1).map((option) => option.attributes('value'))).toEqual([...SPRINT_GOAL_FIGURES]);
    expect(wrapper.get('label').attributes('for')).toBe('goal-figure');

    await wrapper.get('select').setValue('new_customers');
    await wrapper.get('select').setValue('typed');
    expect(wrapper.emitted('update:modelValue')).toEqual([['new_customers'], [null]]);
  });

  it('shows a tied goal’s live value read-only, and no value for a typed one', () => {
    const tied = mount(SprintGoalFigure, {
      props: { modelValue: 'sqls', controlId: 'goal-figure', live: '3 / 10 SQLs (30%)' },
    });
    const live = tied.get('[data-testid="goal-figure-live"]');
    expect(live.element.tagName).toBe('OUTPUT');
    expect(live.text()).toBe('Now 3 / 10 SQLs (30%)');
    expect(tied.text()).toContain('updates itself');
    const typed = mount(SprintGoalFigure, { props: { modelValue: null, controlId: 'goal-figure', live: 'ignored' } });
    expect(typed.find('[data-testid="goal-figure-live"]').exists()).toBe(false);
  });
});

describe('SprintsSection with goals tied to a figure', () => {
  it('adds a goal tied to a figure without a typed value, and shows it as updating itself', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SprintsSection, backend);
    await wrapper.get('[data-testid="goal-title"]').setValue('SQLs handed to sales');
    await wrapper.get('[data-testid="goal-target"]').setValue('10');
    await wrapper.get('[data-testid="goal-figure"]').setValue('sqls');
    // a tied goal has no value to type
    expect(wrapper.find('[data-testid="goal-current"]').exists()).toBe(false);
    await submitFrom(wrapper, '[data-testid="goal-title"]');

    const [sent] = backend.inputs('sprintGoals.save');
    expect(sent).toMatchObject({ title: 'SQLs handed to sales', target: 10, figure: 'sqls' });
    expect(sent!.current).toBeUndefined();
    const saved = backend.state.sprints[0]!.goals.find((goal) => goal.title === 'SQLs handed to sales')!;
    expect(wrapper.get(`[data-testid="goal-auto-${saved.id}"]`).text()).toBe('Updates itself');
    expect(wrapper.find(`[data-testid="goal-quick-${saved.id}"]`).exists()).toBe(false);
    expect(wrapper.get(`[data-testid="goal-progress-${saved.id}"]`).text()).toBe('7 / 10 SQLs (70%)');
  });

  it('edits a tied goal with its live value shown, and can make it typed again', async () => {
    const state = planningState();
    Object.assign(state.sprints[0]!.goals[1]!, { figure: 'mqls_delivered', current: 37, unit: '' });
    const backend = createPlanningBackend(state);
    const wrapper = await mountSection(SprintsSection, backend);
    expect(wrapper.get('[data-testid="goal-auto-g-webinar"]').text()).toBe('Updates itself');
    await wrapper.get('#goal-edit-g-webinar').trigger('click');
    await flushPromises();
    expect((wrapper.get('[data-testid="goal-figure"]').element as HTMLSelectElement).value).toBe('mqls_delivered');
    expect(wrapper.get('[data-testid="goal-figure-live"]').text()).toBe('Now 37 / 150 MQLs (25%)');

    await wrapper.get('[data-testid="goal-figure"]').setValue('typed');
    expect(wrapper.find('[data-testid="goal-figure-live"]').exists()).toBe(false);
    await wrapper.get('[data-testid="goal-current"]').setValue('40');
    await submitFrom(wrapper, '[data-testid="goal-title"]');
    expect(backend.inputs('sprintGoals.save')).toEqual([
      expect.objectContaining({ id: 'g-webinar', figure: null, current: 40 }),
    ]);
    expect(wrapper.find('[data-testid="goal-quick-g-webinar"]').exists()).toBe(true);
  });
});
