import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/contract';
import KpiSection from '../../../../src/views/admin/KpiSection.vue';
import { NOW } from '../../support/fixtures';
import { createPlanningBackend, focused, mountSection, submitFrom } from '../../support/planning-backend';
import { setUpSectionTests } from '../../support/section-tests';

setUpSectionTests({ clock: false });

type Wrapper = Awaited<ReturnType<typeof mountSection>>;
const rows = (wrapper: Wrapper) => wrapper.findAll('[data-testid^="kpi-period-"]');
const input = (wrapper: Wrapper, start: string) => wrapper.get(`[data-testid="kpi-input-${start}"]`);

describe('KpiSection', () => {
  it('lays out the current and next months with their first days, the saved targets filled in', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const backend = createPlanningBackend();
    const wrapper = await mountSection(KpiSection, backend);

    const shown = rows(wrapper);
    expect(shown).toHaveLength(6);
    expect(shown[0]!.attributes('data-testid')).toBe('kpi-period-2026-11-01');
    expect(shown[0]!.text()).toContain('November 2026');
    expect(shown[1]!.attributes('data-testid')).toBe('kpi-period-2026-12-01');
    expect(shown[1]!.text()).toContain('December 2026');
    expect(shown[2]!.text()).toContain('January 2027');
    expect((input(wrapper, '2026-11-01').element as HTMLInputElement).value).toBe('39');
    expect((input(wrapper, '2026-12-01').element as HTMLInputElement).value).toBe('');
    // earlier targets are listed below
    expect(wrapper.text()).toContain('October 2026');
  });

  it("computes the periods in the room's zone", async () => {
    // 30 Nov 2026 12:00 UTC: already December in Auckland
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 30, 12), toFake: ['Date'] });
    const backend = createPlanningBackend();
    backend.state.settings.timezone = 'Pacific/Auckland';
    const wrapper = await mountSection(KpiSection, backend);

    expect(rows(wrapper)[0]!.attributes('data-testid')).toBe('kpi-period-2026-12-01');
    expect(rows(wrapper)[0]!.text()).toContain('December 2026');
  });

  it('saves a target with Enter and moves the focus to the next period', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const backend = createPlanningBackend();
    const wrapper = await mountSection(KpiSection, backend);
    await input(wrapper, '2026-12-01').setValue('42');
    await submitFrom(wrapper, '[data-testid="kpi-input-2026-12-01"]');

    expect(backend.inputs('kpi.setTarget')).toEqual([{ periodKind: 'month', periodStart: '2026-12-01', target: 42 }]);
    expect(focused()).toBe('kpi-input-2027-01-01');
    expect(wrapper.get('[data-testid="planning-status"]').text()).toBe('Target for December 2026: 42.');
  });

  it('switches to quarters with the right first days', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const backend = createPlanningBackend();
    const wrapper = await mountSection(KpiSection, backend);
    await wrapper.get('[data-testid="kpi-kind"]').setValue('quarter');

    const shown = rows(wrapper);
    expect(shown.map((row) => row.attributes('data-testid'))).toEqual([
      'kpi-period-2026-10-01',
      'kpi-period-2027-01-01',
      'kpi-period-2027-04-01',
      'kpi-period-2027-07-01',
    ]);
    expect(shown[0]!.text()).toContain('Q4 2026');
    await input(wrapper, '2027-01-01').setValue('120');
    await submitFrom(wrapper, '[data-testid="kpi-input-2027-01-01"]');
    expect(backend.inputs('kpi.setTarget')).toEqual([
      { periodKind: 'quarter', periodStart: '2027-01-01', target: 120 },
    ]);
  });

  it('says next to the box what is wrong with a target, before and after the server', async () => {
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    const backend = createPlanningBackend();
    const wrapper = await mountSection(KpiSection, backend);
    await input(wrapper, '2026-12-01').setValue('-4');
    await submitFrom(wrapper, '[data-testid="kpi-input-2026-12-01"]');

    const error = wrapper.get('[data-testid="error-target-2026-12-01"]');
    expect(error.text()).toBe('Target for December 2026 must not be negative.');
    expect(input(wrapper, '2026-12-01').attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(focused()).toBe('kpi-input-2026-12-01');
    expect(backend.inputs('kpi.setTarget')).toEqual([]);

    backend.fail('kpi.setTarget', new ApiError('invalid_input', 'target is far above any month so far', 'target'));
    await input(wrapper, '2026-12-01').setValue('4000');
    await submitFrom(wrapper, '[data-testid="kpi-input-2026-12-01"]');
    expect(wrapper.get('[data-testid="error-target-2026-12-01"]').text()).toBe(
      'Target for December 2026 is far above any month so far.',
    );
  });
});
