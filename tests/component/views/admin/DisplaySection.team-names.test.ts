import { describe, expect, it } from 'vitest';
import DisplaySection from '../../../../src/views/admin/DisplaySection.vue';
import { createPlanningBackend, mountSection, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests();

describe('DisplaySection: the team names', () => {
  it('shows the stored names and saves a change of them alone', async () => {
    const backend = createPlanningBackend();
    backend.state.settings = { ...backend.state.settings, teamNames: { sales: 'Closers', marketing: 'Marketing' } };
    const wrapper = await mountSection(DisplaySection, backend);
    const sales = wrapper.get('[data-testid="display-team-sales"]');
    expect((sales.element as HTMLInputElement).value).toBe('Closers');
    await wrapper.get('[data-testid="display-team-marketing"]').setValue('Growth');
    await submitFrom(wrapper, '[data-testid="display-team-marketing"]');

    expect(backend.inputs('settings.save')).toEqual([{ teamNames: { sales: 'Closers', marketing: 'Growth' } }]);
    expect(backend.state.settings.teamNames).toEqual({ sales: 'Closers', marketing: 'Growth' });
    expect(wrapper.get('[data-testid="planning-status"]').text()).toContain('Saved the team names');
  });

  it('refuses an empty name next to its field, before calling the server', async () => {
    const backend = createPlanningBackend();
    const wrapper = await mountSection(DisplaySection, backend);
    await wrapper.get('[data-testid="display-team-sales"]').setValue('  ');
    await submitFrom(wrapper, '[data-testid="display-team-sales"]');

    expect(backend.inputs('settings.save')).toEqual([]);
    expect(wrapper.get('[data-testid="error-teamNames.sales"]').text()).toBe('Sales team is required.');
    expect((document.activeElement as HTMLElement).dataset.testid).toBe('display-team-sales');
  });
});
