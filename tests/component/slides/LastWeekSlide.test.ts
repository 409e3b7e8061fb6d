import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { WeeklyReport } from '@shared/report';
import { setApi } from '../../../src/api';
import LastWeekSlide from '../../../src/slides/LastWeekSlide.vue';
import { usePrivacyStore } from '../../../src/stores/privacy';
import { createFakeApi } from '../support/fake-api';
import { weeklyReport } from '../support/report-fixture';

afterEach(() => setApi(undefined));

function setup(report: WeeklyReport) {
  const asked: unknown[] = [];
  setApi(
    createFakeApi({
      'report.get': (input) => {
        asked.push(input);
        return report;
      },
    }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  return { wrapper: mount(LastWeekSlide, { global: { plugins: [pinia] } }), asked };
}

describe('LastWeekSlide', () => {
  it('shows last week’s report: the KPI against its target, the funnel flow, the SLA both sides, the wins', async () => {
    const { wrapper, asked } = setup(weeklyReport());
    await flushPromises();
    // the last complete week: the report's own default, asked for without a week
    expect(asked).toEqual([{}]);
    expect(wrapper.get('[data-testid="slide-last-week"]').text()).toContain('Week 47, 2026 · 16 – 22 Nov 2026');
    expect(wrapper.get('[data-testid="last-week-kpi"]').attributes('data-value')).toBe('4');
    expect(wrapper.get('[data-testid="last-week-kpi-target"]').text()).toBe('of 5');
    expect(wrapper.text()).toContain('behind by 1');
    expect(wrapper.get('[data-testid="last-week-mqls"]').attributes('data-value')).toBe('17');
    // the commitment is per month: the month so far at the week's end, with its pace
    expect(wrapper.text()).toContain('30 of 60 in Nov · behind by 6');
    expect(wrapper.get('[data-testid="last-week-compliance"]').text()).toBe('82%');
    expect(wrapper.text()).toContain('14 met · 2 late · 1 breached');
    const stages = wrapper.findAll('[data-testid="last-week-stage"]');
    expect(stages.map((stage) => stage.attributes('data-value'))).toEqual(['48', '21', '9', '6', '4']);
    expect(stages[0]!.text()).toMatch(/→ \d+%/);
    expect(stages.at(-1)!.text()).not.toContain('→');
    expect(wrapper.get('[data-testid="last-week-won"]').attributes('data-value')).toBe('5');
    // currencies are never added: the room's first, the other beside it
    expect(wrapper.get('[data-testid="last-week-won-total"]').text()).toMatch(/€96\.5k \+ \$12k/);
    const wins = wrapper.findAll('[data-testid="last-week-win"]');
    expect(wins).toHaveLength(3);
    expect(wins[0]!.text()).toContain('Globex – Platform');
    expect(wins[0]!.text()).toContain('closed by Ben Ode');
    expect(wins[0]!.text()).toContain('sourced by Spring webinar with Mia Sol');
    expect(wins[1]!.text()).not.toContain('sourced by');
    expect(wrapper.text()).toContain('and 2 more wins in the report');
    wrapper.unmount();
  });

  it('hides names and amounts in privacy mode', async () => {
    const { wrapper } = setup(weeklyReport());
    await flushPromises();
    usePrivacyStore().toggle();
    await flushPromises();
    const text = wrapper.text();
    for (const name of ['Ben Ode', 'Ana Lima', 'Mia Sol', 'Tom Berg', 'Globex']) expect(text).not.toContain(name);
    expect(text).not.toMatch(/[€$]\s?\d/);
    // counts are no secret
    expect(wrapper.get('[data-testid="last-week-won"]').text()).toBe('5');
    wrapper.unmount();
  });

  it('says when no SLA is agreed and when nothing was won', async () => {
    const report = weeklyReport();
    const { wrapper } = setup(
      weeklyReport({
        sla: { ...report.sla, terms: null },
        wonDeals: { count: 0, totals: [{ currency: 'EUR', amountMinor: 0 }], deals: [] },
      }),
    );
    await flushPromises();
    expect(wrapper.text()).toContain('No SLA agreed yet.');
    expect(wrapper.text()).toContain('No deal was won last week.');
    expect(wrapper.find('[data-testid="last-week-won-total"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
