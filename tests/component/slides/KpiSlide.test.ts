import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { KpiResult } from '@shared/figures';
import { setApi } from '../../../src/api';
import KpiSlide from '../../../src/slides/KpiSlide.vue';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

function mountWith(result: KpiResult, options = {}) {
  setApi(createFakeApi({ 'kpi.get': () => result }));
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(KpiSlide, { props: { options }, global: { plugins: [pinia] } });
}

afterEach(() => setApi(undefined));

describe('KpiSlide', () => {
  it('shows the actual against the target and says "On track" when actual ≥ pace', async () => {
    const wrapper = mountWith(data.kpi({ actual: 14, target: 23, pace: 13.8, status: 'on_track' }));
    await flushPromises();
    expect(wrapper.find('[data-testid="kpi-actual"]').attributes('data-value')).toBe('14');
    expect(wrapper.find('[data-testid="kpi-target"]').attributes('data-value')).toBe('23');
    expect(wrapper.find('.figure').text()).toMatch(/^14\s+of\s+23$/);
    expect(wrapper.find('.what').text()).toBe('new paying customers');
    const status = wrapper.find('[data-testid="kpi-status"]');
    expect(status.text()).toBe('On track');
    expect(status.classes()).toContain('status--on_track');
    wrapper.unmount();
  });

  it('says how far behind, with the period word taken from the period kind', async () => {
    const behind = data.kpi({ actual: 9, target: 23, pace: 11.5, status: 'behind', behindBy: 3 });
    const wrapper = mountWith(behind);
    await flushPromises();
    const status = wrapper.find('[data-testid="kpi-status"]');
    expect(status.text()).toBe('Behind by 3 at this point of the month');
    expect(status.attributes('data-value')).toBe('3');
    // the pace is rounded up, as the status compares against it
    expect(wrapper.find('.pace').text()).toBe('Pace for today: 12');
    wrapper.unmount();

    const weekly = data.kpi({ actual: 2, target: 6, pace: 4.2, status: 'behind', behindBy: 3 });
    weekly.period = { ...weekly.period, kind: 'week', label: 'Week 48, 2026' };
    const weekWrapper = mountWith(weekly);
    await flushPromises();
    expect(weekWrapper.find('[data-testid="kpi-status"]').text()).toBe('Behind by 3 at this point of the week');
    weekWrapper.unmount();
  });

  it('says plainly that no target is set, and shows no target figure', async () => {
    const wrapper = mountWith(data.kpi({ actual: 5, target: null, pace: null, status: 'no_target', behindBy: null }));
    await flushPromises();
    expect(wrapper.find('[data-testid="kpi-status"]').text()).toBe('No target set for November 2026');
    expect(wrapper.find('[data-testid="kpi-target"]').exists()).toBe(false);
    expect(wrapper.find('.pace').exists()).toBe(false);
    expect(wrapper.find('[data-testid="kpi-actual"]').text()).toBe('5');
    wrapper.unmount();
  });

  it('splits the total into marketing-sourced and sales-sourced, each with its team marker', async () => {
    const result = data.kpi({ actual: 14 }, { marketing: 9, sales: 5 });
    const wrapper = mountWith(result);
    await flushPromises();
    const marketing = wrapper.find('[data-testid="kpi-split-marketing"]');
    const sales = wrapper.find('[data-testid="kpi-split-sales"]');
    const sum = Number(marketing.attributes('data-value')) + Number(sales.attributes('data-value'));
    expect(sum).toBe(Number(wrapper.find('[data-testid="kpi-actual"]').attributes('data-value')));
    expect(marketing.text()).toMatch(/^9\s*Marketing sourced$/);
    expect(sales.text()).toMatch(/^5\s*Sales sourced$/);
    expect(marketing.find('.swatch--marketing').exists()).toBe(true);
    expect(sales.find('.swatch--sales').exists()).toBe(true);
    // the bar under the numbers is split in the same proportion
    const fills = wrapper.findAll('.split-fill');
    expect(fills[0]!.attributes('style')).toContain(`width: ${(9 / 14) * 100}%`);
    expect(fills[1]!.attributes('style')).toContain(`width: ${(5 / 14) * 100}%`);
    wrapper.unmount();
  });

  it("marks today's pace on the current period's bar, and not once the pace has reached the target", async () => {
    const wrapper = mountWith(data.kpi({ actual: 9, target: 23, pace: 11.5, status: 'behind', behindBy: 3 }));
    await flushPromises();
    const key = wrapper.find('[data-testid="kpi-pace-key"]');
    expect(key.text()).toBe('pace today');
    expect(key.attributes('data-value')).toBe('11.5');
    expect(wrapper.find('canvas').attributes('aria-label')).toContain('pace for today 12');
    wrapper.unmount();
    const ended = mountWith(data.kpi({ actual: 20, target: 23, pace: 23, status: 'behind', behindBy: 3 }));
    await flushPromises();
    expect(ended.find('[data-testid="kpi-pace-key"]').exists()).toBe(false);
    ended.unmount();
  });

  it('draws the trend of the last periods, ending with the current one', async () => {
    const wrapper = mountWith(data.kpi({ actual: 14, target: 23 }), { trendPeriods: 6 });
    await flushPromises();
    expect(wrapper.find('#kpi-trend-title').text()).toBe('Last 6 months');
    const columns = wrapper.findAll('[data-testid="kpi-trend-period"]');
    expect(columns.map((column) => column.find('.column-label').text())).toEqual([
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
    ]);
    expect(columns[5]!.find('.column-value').text()).toBe('14');
    expect(columns[5]!.find('.column-target').text()).toBe('of 23');
    expect(columns[5]!.classes()).toContain('column--current');
    expect(wrapper.find('canvas').exists()).toBe(true);
    wrapper.unmount();
  });

  it('shows only the periods the server has data for: a young database has a shorter trend', async () => {
    const young = data.kpi({ actual: 3 });
    const short = mountWith({ ...young, trend: young.trend.slice(-2) });
    await flushPromises();
    expect(short.find('#kpi-trend-title').text()).toBe('Last 2 months');
    expect(short.findAll('[data-testid="kpi-trend-period"]')).toHaveLength(2);
    short.unmount();
    const single = mountWith({ ...young, trend: young.trend.slice(-1) });
    await flushPromises();
    expect(single.find('#kpi-trend-title').text()).toBe('This month');
    expect(single.findAll('[data-testid="kpi-trend-period"]')).toHaveLength(1);
    single.unmount();
  });
});
