import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/contract';
import MeetingsSection from '../../../../src/views/admin/MeetingsSection.vue';
import { createPlanningBackend, focused, mountSection, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests({ clock: false });

describe('MeetingsSection', () => {
  it('lists the meetings with their days, time and slide set', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(MeetingsSection, backend);
    const row = wrapper.get('[data-testid="meeting-row-m-standup"]');
    expect(row.text()).toContain('Daily stand-up');
    expect(row.text()).toContain('Mon–Fri');
    expect(row.text()).toContain('09:30 · 15 min');
    expect(row.text()).toContain('Shared KPI, Pipeline funnel');
  });

  it('adds a weekly meeting with its days and slides toggled, the slides in playlist order', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(MeetingsSection, backend);
    await wrapper.get('[data-testid="meeting-kind"]').setValue('lead_review');
    await wrapper.get('[data-testid="meeting-title"]').setValue('Weekly lead review');
    // the form starts with Monday to Friday: keep Tuesday and Thursday only
    for (const day of [1, 3, 5]) await wrapper.get(`[data-testid="meeting-day-${day}"]`).setValue(false);
    await wrapper.get('[data-testid="meeting-start"]').setValue('14:00');
    await wrapper.get('[data-testid="meeting-duration"]').setValue('45');
    await wrapper.get('[data-testid="meeting-slide-sla"]').setValue(true);
    await wrapper.get('[data-testid="meeting-slide-funnel"]').setValue(true);
    await submitFrom(wrapper, '[data-testid="meeting-title"]');

    expect(backend.inputs('meetings.save')).toEqual([
      {
        id: null,
        kind: 'lead_review',
        title: 'Weekly lead review',
        weekdays: [2, 4],
        startTime: '14:00',
        durationMin: 45,
        slideIds: ['funnel', 'sla'],
      },
    ]);
    const added = backend.state.meetings.find((meeting) => meeting.title === 'Weekly lead review')!;
    expect(wrapper.get(`[data-testid="meeting-row-${added.id}"]`).text()).toContain('Tue, Thu');
    expect(focused()).toBe('meeting-kind');
  });

  it('says next to the days and the duration what is missing, without calling the server', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(MeetingsSection, backend);
    await wrapper.get('[data-testid="meeting-title"]').setValue('Planning');
    for (const day of [1, 2, 3, 4, 5]) await wrapper.get(`[data-testid="meeting-day-${day}"]`).setValue(false);
    await wrapper.get('[data-testid="meeting-duration"]').setValue('0');
    await submitFrom(wrapper, '[data-testid="meeting-title"]');

    expect(wrapper.get('[data-testid="error-weekdays"]').text()).toBe('Pick at least one day.');
    expect(wrapper.get('[data-testid="error-durationMin"]').text()).toBe(
      'Duration (minutes) must be at least 1 minute.',
    );
    expect(focused()).toBe('meeting-day-1');
    expect(backend.inputs('meetings.save')).toEqual([]);
  });

  it("shows the server's field error next to the title", async () => {
    const backend = createPlanningBackend();
    backend.fail('meetings.save', new ApiError('conflict', 'title is already used by another meeting', 'title'));
    const wrapper = await mountSection(MeetingsSection, backend);
    await wrapper.get('[data-testid="meeting-title"]').setValue('Daily stand-up');
    await submitFrom(wrapper, '[data-testid="meeting-title"]');

    expect(wrapper.get('[data-testid="error-title"]').text()).toBe('Title is already used by another meeting.');
    expect(focused()).toBe('meeting-title');
  });

  it('edits a meeting; Esc cancels and gives the focus back to its Edit button', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(MeetingsSection, backend);
    await wrapper.get('#meeting-edit-m-standup').trigger('click');
    await flushPromises();
    expect((wrapper.get('[data-testid="meeting-title"]').element as HTMLInputElement).value).toBe('Daily stand-up');
    expect((wrapper.get('[data-testid="meeting-slide-kpi"]').element as HTMLInputElement).checked).toBe(true);

    await wrapper.get('[data-testid="meeting-form"]').trigger('keydown', { key: 'Escape' });
    await flushPromises();
    expect((wrapper.get('[data-testid="meeting-title"]').element as HTMLInputElement).value).toBe('');
    expect(focused()).toBe('meeting-edit-m-standup');

    await wrapper.get('#meeting-edit-m-standup').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="meeting-start"]').setValue('09:15');
    await submitFrom(wrapper, '[data-testid="meeting-title"]');
    expect(backend.inputs('meetings.save')[0]).toMatchObject({ id: 'm-standup', startTime: '09:15' });
  });
});
