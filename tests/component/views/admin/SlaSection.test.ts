import { describe, expect, it } from 'vitest';
import { ApiError } from '@shared/contract';
import SlaSection from '../../../../src/views/admin/SlaSection.vue';
import { createPlanningBackend, focused, mountSection, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests();

const value = (wrapper: Awaited<ReturnType<typeof mountSection>>, testid: string) =>
  (wrapper.get(`[data-testid="${testid}"]`).element as HTMLInputElement).value;

describe('SlaSection', () => {
  it('starts the new terms from the terms in force', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SlaSection, backend);

    expect(wrapper.get('[data-testid="sla-current"]').text()).toContain(
      'Marketing delivers 100 MQLs per month; sales follows each up within 24 hours.',
    );
    expect(value(wrapper, 'sla-mqls')).toBe('100');
    expect(value(wrapper, 'sla-period')).toBe('month');
    expect(value(wrapper, 'sla-hours')).toBe('24');
  });

  it('puts new terms in force and keeps the old ones in the history', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SlaSection, backend);
    await wrapper.get('[data-testid="sla-mqls"]').setValue('120');
    await wrapper.get('[data-testid="sla-hours"]').setValue('8');
    await submitFrom(wrapper, '[data-testid="sla-mqls"]');

    expect(backend.inputs('sla.saveTerms')).toEqual([
      { mqlsPerPeriod: 120, periodKind: 'month', followUpHours: 8, businessHoursOnly: false },
    ]);
    expect(wrapper.get('[data-testid="sla-current"]').text()).toContain('120 MQLs per month');
    expect(wrapper.get('[data-testid="sla-current"]').text()).toContain('within 8 hours');
    const rows = wrapper.findAll('[data-testid="sla-history"] tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.text()).toContain('in force');
    expect(rows[1]!.text()).toContain('100');
    expect(focused()).toBe('sla-mqls');
  });

  it('puts business-hours terms in force, naming the working day they count', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SlaSection, backend);
    expect(wrapper.get('[data-testid="sla-business-hint"]').text()).toBe(
      'Monday to Friday, 07:00–19:00, the working day set under Display & schedules.',
    );
    expect((wrapper.get('[data-testid="sla-business"]').element as HTMLInputElement).checked).toBe(false);
    await wrapper.get('[data-testid="sla-hours"]').setValue('8');
    await wrapper.get('[data-testid="sla-business"]').setValue(true);
    await submitFrom(wrapper, '[data-testid="sla-mqls"]');

    expect(backend.inputs('sla.saveTerms')).toEqual([
      { mqlsPerPeriod: 100, periodKind: 'month', followUpHours: 8, businessHoursOnly: true },
    ]);
    expect(wrapper.get('[data-testid="sla-current"]').text()).toContain('within 8 business hours.');
    const rows = wrapper.findAll('[data-testid="sla-history"] tbody tr');
    expect(rows[0]!.text()).toContain('Business hours');
    expect(rows[1]!.text()).toContain('All hours');
    // The form starts from the terms in force: the box stays ticked for the next change.
    expect((wrapper.get('[data-testid="sla-business"]').element as HTMLInputElement).checked).toBe(true);
  });

  it('names the working day as set under Display & schedules', async () => {
    const backend = createPlanningBackend();
    backend.state.settings.night = { enabled: false, workday: { start: '08:30', end: '17:00' }, weekends: true };
    const wrapper = await mountSection(SlaSection, backend);
    expect(wrapper.get('[data-testid="sla-business-hint"]').text()).toBe(
      'Monday to Friday, 08:30–17:00, the working day set under Display & schedules.',
    );
  });

  it('says next to the field that MQLs must be a whole, non-negative number', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SlaSection, backend);
    await wrapper.get('[data-testid="sla-mqls"]').setValue('-5');
    await wrapper.get('[data-testid="sla-hours"]').setValue('');
    await submitFrom(wrapper, '[data-testid="sla-mqls"]');

    expect(wrapper.get('[data-testid="error-mqlsPerPeriod"]').text()).toBe('MQLs per period must not be negative.');
    expect(wrapper.get('[data-testid="error-followUpHours"]').text()).toBe('Follow-up within (hours) is required.');
    expect(focused()).toBe('sla-mqls');

    await wrapper.get('[data-testid="sla-mqls"]').setValue('12.5');
    await submitFrom(wrapper, '[data-testid="sla-mqls"]');
    expect(wrapper.get('[data-testid="error-mqlsPerPeriod"]').text()).toBe('MQLs per period must be a whole number.');
    expect(backend.inputs('sla.saveTerms')).toEqual([]);
  });

  it("shows the server's field error next to its field", async () => {
    const backend = createPlanningBackend();
    backend.fail(
      'sla.saveTerms',
      new ApiError('invalid_input', 'followUpHours is longer than the period', 'followUpHours'),
    );
    const wrapper = await mountSection(SlaSection, backend);
    await submitFrom(wrapper, '[data-testid="sla-mqls"]');

    expect(wrapper.get('[data-testid="error-followUpHours"]').text()).toBe(
      'Follow-up within (hours) is longer than the period.',
    );
    expect(wrapper.get('[data-testid="sla-hours"]').attributes('aria-invalid')).toBe('true');
  });

  it('Esc puts the terms in force back into the form', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(SlaSection, backend);
    await wrapper.get('[data-testid="sla-mqls"]').setValue('7');
    await wrapper.get('[data-testid="sla-form"]').trigger('keydown', { key: 'Escape' });
    expect(value(wrapper, 'sla-mqls')).toBe('100');
  });
});
