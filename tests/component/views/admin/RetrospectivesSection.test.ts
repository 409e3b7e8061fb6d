import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/contract';
import RetrospectivesSection from '../../../../src/views/admin/RetrospectivesSection.vue';
import { createPlanningBackend, focused, mountSection, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests();

describe('RetrospectivesSection', () => {
  it('opens the latest retrospective with what went well, what to improve and its action items', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(RetrospectivesSection, backend);

    expect((wrapper.get('[data-testid="retro-well"]').element as HTMLTextAreaElement).value).toContain('Demo requests');
    expect((wrapper.get('[data-testid="retro-improve"]').element as HTMLTextAreaElement).value).toContain('MQLs');
    const row = wrapper.get('[data-testid="item-row-a-1"]');
    expect(row.text()).toContain('Agree one MQL definition');
    expect(row.text()).toContain('Tom Berg');
    // due 20 Nov, today is 24 Nov in Berlin
    expect(row.text()).toContain('overdue');
  });

  it('adds an action item with owner and due date, then is ready for the next', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(RetrospectivesSection, backend);
    await wrapper.get('[data-testid="item-title"]').setValue('Share the LinkedIn lead list every Monday');
    await wrapper.get('[data-testid="item-owner"]').setValue('p-ana');
    await wrapper.get('[data-testid="item-due"]').setValue('2026-11-30');
    await submitFrom(wrapper, '[data-testid="item-title"]');

    expect(backend.inputs('actionItems.save')).toEqual([
      {
        id: null,
        retrospectiveId: 'r-47',
        title: 'Share the LinkedIn lead list every Monday',
        ownerId: 'p-ana',
        dueOn: '2026-11-30',
      },
    ]);
    expect(wrapper.get('[data-testid="item-table"]').text()).toContain('Share the LinkedIn lead list');
    expect((wrapper.get('[data-testid="item-title"]').element as HTMLInputElement).value).toBe('');
    expect(focused()).toBe('item-title');
  });

  it('marks an item done from its checkbox (what Space does) and keeps the focus on it', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(RetrospectivesSection, backend);
    const box = wrapper.get('[data-testid="item-done-a-1"]');
    (box.element as HTMLInputElement).focus();
    await box.setValue(true);
    await flushPromises();

    expect(backend.inputs('actionItems.setDone')).toEqual([{ id: 'a-1', done: true }]);
    expect(wrapper.get('[data-testid="item-row-a-1"]').classes()).toContain('done');
    expect(wrapper.get('[data-testid="item-row-a-1"]').text()).not.toContain('overdue');
    expect(focused()).toBe('item-done-a-1');
  });

  it('deletes an item', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(RetrospectivesSection, backend);
    await wrapper.get('[data-testid="item-delete-a-1"]').trigger('click');
    await flushPromises();

    expect(backend.inputs('actionItems.delete')).toEqual([{ id: 'a-1' }]);
    expect(wrapper.find('[data-testid="item-row-a-1"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="planning-status"]').text()).toContain('Undo brings it back');
  });

  it('shows a missing action title next to its field without calling the server', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(RetrospectivesSection, backend);
    await wrapper.get('[data-testid="item-due"]').setValue('2026-11-30');
    await submitFrom(wrapper, '[data-testid="item-title"]');

    const error = wrapper.get('[data-testid="error-title"]');
    expect(error.text()).toBe('Action is required.');
    expect(error.element.parentElement).toBe(wrapper.get('[data-testid="item-title"]').element.parentElement);
    expect(backend.inputs('actionItems.save')).toEqual([]);
  });

  it("shows the server's error about the owner next to the owner", async () => {
    const backend = createPlanningBackend();
    backend.fail('actionItems.save', new ApiError('not_found', 'ownerId is not a person of either team', 'ownerId'));
    const wrapper = await mountSection(RetrospectivesSection, backend);
    await wrapper.get('[data-testid="item-title"]').setValue('Agree a scoring threshold');
    await wrapper.get('[data-testid="item-owner"]').setValue('p-ben');
    await submitFrom(wrapper, '[data-testid="item-title"]');

    expect(wrapper.get('[data-testid="error-ownerId"]').text()).toBe('Owner is not a person of either team.');
    expect(focused()).toBe('item-owner');
  });

  it('starts a new retrospective today, saves it with Ctrl+Enter from a text box, and moves on to its items', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(RetrospectivesSection, backend);
    await wrapper.get('[data-testid="retro-new"]').trigger('click');
    await flushPromises();
    expect((wrapper.get('[data-testid="retro-held"]').element as HTMLInputElement).value).toBe('2026-11-24');
    expect(focused()).toBe('retro-held');

    await wrapper.get('[data-testid="retro-well"]').setValue('Shared pipeline review');
    const improve = wrapper.get('[data-testid="retro-improve"]');
    await improve.setValue('Faster follow-up');
    // a plain Enter is a new line, not a save
    await improve.trigger('keydown', { key: 'Enter' });
    expect(backend.inputs('retros.save')).toEqual([]);
    await improve.trigger('keydown', { key: 'Enter', ctrlKey: true });
    await flushPromises();

    expect(backend.inputs('retros.save')).toEqual([
      {
        id: null,
        heldOn: '2026-11-24',
        sprintId: 's-48',
        wentWell: 'Shared pipeline review',
        toImprove: 'Faster follow-up',
      },
    ]);
    expect(focused()).toBe('item-title');
  });
});
