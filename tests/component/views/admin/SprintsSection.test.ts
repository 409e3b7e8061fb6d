import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/contract';
import SprintsSection from '../../../../src/views/admin/SprintsSection.vue';
import { createPlanningBackend, focused, mountSection, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests();

describe('SprintsSection', () => {
  it('opens the running sprint with its goals', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SprintsSection, backend);

    expect((wrapper.get('[data-testid="sprint-pick"]').element as HTMLSelectElement).value).toBe('s-48');
    expect((wrapper.get('[data-testid="sprint-name"]').element as HTMLInputElement).value).toBe('Sprint 48');
    expect(wrapper.get('[data-testid="goal-progress-g-demos"]').text()).toContain('12 / 40 demos');
    expect(wrapper.get('[data-testid="goal-row-g-demos"]').text()).toContain('Ana Lima, Tom Berg');
  });

  it("updates a goal's progress: focus its box, type the new value, Enter", async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SprintsSection, backend);
    const box = wrapper.get('[data-testid="goal-quick-g-demos"]');
    (box.element as HTMLInputElement).focus();
    await box.setValue('15');
    await submitFrom(wrapper, '[data-testid="goal-quick-g-demos"]');

    expect(backend.inputs('sprintGoals.updateProgress')).toEqual([{ goalId: 'g-demos', current: 15 }]);
    expect(wrapper.get('[data-testid="goal-progress-g-demos"]').text()).toContain('15 / 40 demos');
    expect(wrapper.get('[data-testid="planning-status"]').text()).toContain('Qualified demos booked');
    // the focus stays for the next correction
    expect(focused()).toBe('goal-quick-g-demos');
  });

  it('says next to the box that a negative value is not possible, and sends nothing', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SprintsSection, backend);
    await wrapper.get('[data-testid="goal-quick-g-demos"]').setValue('-3');
    await submitFrom(wrapper, '[data-testid="goal-quick-g-demos"]');

    const error = wrapper.get('[data-testid="error-current-g-demos"]');
    expect(error.text()).toBe('New value must not be negative.');
    const box = wrapper.get('[data-testid="goal-quick-g-demos"]');
    expect(box.attributes('aria-invalid')).toBe('true');
    expect(box.attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(backend.inputs('sprintGoals.updateProgress')).toEqual([]);
  });

  it('adds a goal with owners from both teams picked by keyboard', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SprintsSection, backend);
    await wrapper.get('[data-testid="goal-title"]').setValue('Reviewed MQLs');
    await wrapper.get('[data-testid="goal-target"]').setValue('30');
    await wrapper.get('[data-testid="goal-unit"]').setValue('reviews');
    const picker = wrapper.get('#goal-ownerIds');
    await picker.trigger('focus');
    await picker.setValue('ben');
    await picker.trigger('keydown', { key: 'Enter' });
    await picker.setValue('tom');
    await picker.trigger('keydown', { key: 'Enter' });
    expect(wrapper.find('[data-testid="chosen-p-ben"]').exists()).toBe(true);
    expect(wrapper.find('[data-testid="chosen-p-tom"]').exists()).toBe(true);
    // Backspace in the empty box takes the last one off again
    await picker.trigger('keydown', { key: 'Backspace' });
    expect(wrapper.find('[data-testid="chosen-p-tom"]').exists()).toBe(false);
    await picker.setValue('to');
    await picker.trigger('keydown', { key: 'ArrowDown' });
    await picker.trigger('keydown', { key: 'Enter' });
    await submitFrom(wrapper, '[data-testid="goal-title"]');

    expect(backend.inputs('sprintGoals.save')).toEqual([
      {
        id: null,
        sprintId: 's-48',
        title: 'Reviewed MQLs',
        ownerTeam: 'joint',
        ownerIds: ['p-ben', 'p-tom'],
        target: 30,
        unit: 'reviews',
        figure: null,
      },
    ]);
    expect(wrapper.text()).toContain('Reviewed MQLs');
    // ready for the next goal: empty form, focus on its first field
    expect((wrapper.get('[data-testid="goal-title"]').element as HTMLInputElement).value).toBe('');
    expect(focused()).toBe('goal-title');
  });

  it('shows the client check next to the field before anything is sent', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SprintsSection, backend);
    await wrapper.get('[data-testid="goal-target"]').setValue('lots');
    await submitFrom(wrapper, '[data-testid="goal-title"]');

    expect(wrapper.get('[data-testid="error-title"]').text()).toBe('Goal is required.');
    expect(wrapper.get('[data-testid="error-target"]').text()).toBe('Target must be a number.');
    expect(focused()).toBe('goal-title');
    expect(backend.inputs('sprintGoals.save')).toEqual([]);
  });

  it("shows the server's field error next to its field", async () => {
    const backend = createPlanningBackend();
    backend.fail('sprintGoals.save', new ApiError('invalid_input', 'ownerIds names a person who left', 'ownerIds'));
    const wrapper = await mountSection(SprintsSection, backend);
    await wrapper.get('[data-testid="goal-title"]').setValue('Reviewed MQLs');
    await wrapper.get('[data-testid="goal-target"]').setValue('30');
    await submitFrom(wrapper, '[data-testid="goal-title"]');

    const error = wrapper.get('[data-testid="error-ownerIds"]');
    expect(error.text()).toBe('Owners names a person who left.');
    expect(wrapper.get('#goal-ownerIds').attributes('aria-describedby')).toContain('error-ownerIds');
    expect(focused()).toBe('goal-ownerIds');
  });

  it('edits a goal and Esc cancels the edit, giving the focus back to its Edit button', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SprintsSection, backend);
    await wrapper.get('#goal-edit-g-webinar').trigger('click');
    await flushPromises();
    expect((wrapper.get('[data-testid="goal-title"]').element as HTMLInputElement).value).toBe('Webinar sign-ups');
    expect((wrapper.get('[data-testid="goal-team"]').element as HTMLSelectElement).value).toBe('marketing');

    await wrapper.get('[data-testid="goal-form"]').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect((wrapper.get('[data-testid="goal-title"]').element as HTMLInputElement).value).toBe('');
    expect(focused()).toBe('goal-edit-g-webinar');
  });

  it('creates a sprint and moves on to its first goal; an end before the start is refused', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SprintsSection, backend);
    await wrapper.get('[data-testid="sprint-new"]').trigger('click');
    await flushPromises();
    expect(focused()).toBe('sprint-name');
    // the next sprint follows the latest and lasts as long
    expect((wrapper.get('[data-testid="sprint-starts"]').element as HTMLInputElement).value).toBe('2026-11-28');
    expect((wrapper.get('[data-testid="sprint-ends"]').element as HTMLInputElement).value).toBe('2026-12-09');

    await wrapper.get('[data-testid="sprint-name"]').setValue('Sprint 49');
    await wrapper.get('[data-testid="sprint-ends"]').setValue('2026-11-20');
    await submitFrom(wrapper, '[data-testid="sprint-name"]');
    expect(wrapper.get('[data-testid="error-endsOn"]').text()).toBe('End date must not be before the start date.');
    expect(backend.inputs('sprints.save')).toEqual([]);

    await wrapper.get('[data-testid="sprint-ends"]').setValue('2026-12-11');
    await submitFrom(wrapper, '[data-testid="sprint-name"]');
    expect(backend.inputs('sprints.save')).toEqual([
      { id: null, name: 'Sprint 49', startsOn: '2026-11-28', endsOn: '2026-12-11' },
    ]);
    expect(wrapper.get('#goals-title').text()).toBe('Goals of Sprint 49');
    expect(focused()).toBe('goal-title');
  });

  it('deletes a sprint only after a confirmation that starts on Keep', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SprintsSection, backend);
    await wrapper.get('[data-testid="sprint-delete"]').trigger('click');
    await flushPromises();
    expect(focused()).toBe('sprint-delete-keep');
    expect(backend.inputs('sprints.delete')).toEqual([]);

    await wrapper.get('[data-testid="sprint-delete-confirm"]').trigger('click');
    await flushPromises();
    expect(backend.inputs('sprints.delete')).toEqual([{ id: 's-48' }]);
    // the next sprint in the list opens
    expect((wrapper.get('[data-testid="sprint-pick"]').element as HTMLSelectElement).value).toBe('s-47');
    expect(focused()).toBe('sprint-pick');
  });
});
