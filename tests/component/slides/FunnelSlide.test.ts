import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunnelResult } from '@shared/domain';
import { setApi } from '../../../src/api';
import FunnelSlide from '../../../src/slides/FunnelSlide.vue';
import { HIDDEN_MONEY, usePrivacyStore } from '../../../src/stores/privacy';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures';

function mountWith(result: FunnelResult, options = {}) {
  setApi(createFakeApi({ 'funnel.get': () => result }));
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(FunnelSlide, { props: { options }, global: { plugins: [pinia] } });
}

afterEach(() => setApi(undefined));

describe('FunnelSlide', () => {
  it('shows every lifecycle stage with its count, owning team and conversion', async () => {
    const wrapper = mountWith(data.funnel([120, 60, 25, 12, 40]));
    await flushPromises();
    const lead = wrapper.find('[data-testid="funnel-stage-lead"]');
    expect(lead.find('.count').text()).toBe('120');
    expect(lead.text()).toContain('Marketing');
    expect(lead.find('.conversion').text()).toContain('50%');
    const customer = wrapper.find('[data-testid="funnel-stage-customer"]');
    expect(customer.find('.count').attributes('data-count')).toBe('40');
    expect(customer.text()).toContain('Sales');
    // the last stage has nowhere to convert to
    expect(customer.find('.conversion').exists()).toBe(false);
    expect(wrapper.find('canvas').exists()).toBe(true);
    wrapper.unmount();
  });

  it('lists open deals per pipeline stage with other currencies apart', async () => {
    const wrapper = mountWith(data.funnel());
    await flushPromises();
    const proposal = wrapper.find('[data-testid="pipeline-stage-proposal"]');
    expect(proposal.find('.pipe-count').text()).toBe('3');
    expect(proposal.find('.pipe-value').text()).toMatch(/€15(\.0)?k/);
    expect(proposal.find('.pipe-other').text()).toMatch(/\+ \$8(\.0)?k/);
    expect(wrapper.find('.pipe-total').text()).toMatch(/^10 open/);
    wrapper.unmount();
  });

  it('says so instead of drawing empty bars when there is nothing to show', async () => {
    const empty = data.funnel([0, 0, 0, 0, 0]);
    empty.lifecycle = empty.lifecycle.map((row) => ({ ...row, cohortSize: 0, conversionToNext: null }));
    empty.pipeline = empty.pipeline.map((row) => ({ ...row, openCount: 0, amounts: [] }));
    const wrapper = mountWith(empty);
    await flushPromises();
    expect(wrapper.text()).toContain('No leads or deals yet');
    expect(wrapper.find('canvas').exists()).toBe(false);
    wrapper.unmount();
  });

  it('shows the median time in stage, the change against the previous period and the SLA at the MQL stage', async () => {
    const result = data.funnel();
    result.lifecycle = result.lifecycle.map((row, index) => ({
      ...row,
      enteredInPeriod: [50, 20, 10, 6, 4][index]!,
      enteredPreviousPeriod: [38, 23, 10, 2, 1][index]!,
      medianHoursInStage: [60, 20, 150, 400, null][index]!,
    }));
    const wrapper = mountWith(result);
    await flushPromises();
    const median = wrapper.find('[data-testid="funnel-median-lead"]');
    expect(median.text()).toBe('~2.5 d in stage');
    expect(median.attributes('data-value')).toBe('60');
    expect(wrapper.find('[data-testid="funnel-median-mql"]').text()).toBe('~20 h in stage');
    // the last stage has no next one to measure the time to
    expect(wrapper.find('[data-testid="funnel-median-customer"]').exists()).toBe(false);
    const change = wrapper.find('[data-testid="funnel-change-lead"]');
    // like for like: the fixture's comparison ends before October does
    expect(change.text()).toBe('+12 vs same point in Oct');
    expect(change.attributes('data-value')).toBe('12');
    expect(wrapper.find('[data-testid="funnel-change-mql"]').text()).toBe('\u22123 vs same point in Oct');
    expect(wrapper.find('[data-testid="funnel-comparison"]').text()).toBe('± entered vs same point in Oct');
    // opportunities lost this month are a flow beside the open ones; customers are the new ones of the month
    expect(wrapper.find('[data-testid="funnel-lost-opportunity"]').text()).toBe('2 lost in Nov');
    expect(wrapper.find('[data-testid="funnel-new-customer"]').text()).toBe('new in Nov');
    // the share that moved on reads as a flow: no downward arrow, no signal colour
    expect(wrapper.find('.conversion').text()).not.toContain('↓');
    expect(wrapper.find('.conversion').text()).toContain('50% on');
    expect(wrapper.find('[data-testid="funnel-change-sql"]').attributes('data-value')).toBe('0');
    const sla = wrapper.find('[data-testid="funnel-sla"]');
    expect(sla.text()).toContain('Sales follows up within 24 h');
    // its own grid row, right under the MQL stage; the sales stages move one row down
    const gridRow = (testid: string) =>
      (wrapper.find(`[data-testid="${testid}"]`).element as HTMLElement).style.gridRow;
    expect(gridRow('funnel-stage-mql')).toBe('2');
    expect((sla.element as HTMLElement).style.gridRow).toBe('3');
    expect(gridRow('funnel-stage-sql')).toBe('4');
    // one chart above the line and one below, on the same scale
    expect(wrapper.findAll('canvas')).toHaveLength(2);
    // each stage keeps the marker of the team that owns it
    expect(wrapper.find('[data-testid="funnel-stage-mql"] .stage .swatch--marketing').exists()).toBe(true);
    expect(wrapper.find('[data-testid="funnel-stage-sql"] .stage .swatch--sales').exists()).toBe(true);
    wrapper.unmount();
  });

  it('says "business hours" on the SLA line when the SLA counts only those', async () => {
    const result = data.funnel();
    result.slaFollowUpHours = 8;
    result.slaBusinessHoursOnly = true;
    const wrapper = mountWith(result);
    await flushPromises();
    const sla = wrapper.find('[data-testid="funnel-sla"]');
    expect(sla.text()).toContain('Sales follows up within 8 business hours');
    expect(sla.attributes('data-value')).toBe('8');
    wrapper.unmount();
  });

  it('draws no SLA line when no SLA is agreed', async () => {
    const result = data.funnel();
    result.slaFollowUpHours = null;
    const wrapper = mountWith(result);
    await flushPromises();
    expect(wrapper.find('[data-testid="funnel-sla"]').exists()).toBe(false);
    expect(wrapper.findAll('canvas')).toHaveLength(1);
    expect((wrapper.find('[data-testid="funnel-stage-sql"]').element as HTMLElement).style.gridRow).toBe('3');
    wrapper.unmount();
  });

  it('hides every amount in privacy mode', async () => {
    const wrapper = mountWith(data.funnel());
    await flushPromises();
    usePrivacyStore().toggle();
    await flushPromises();
    expect(wrapper.find('[data-testid="pipeline-stage-proposal"] .pipe-value').text()).toContain(HIDDEN_MONEY);
    expect(wrapper.text()).not.toMatch(/[€$]/);
    // counts are not secret
    expect(wrapper.find('[data-testid="pipeline-stage-proposal"] .pipe-count').text()).toBe('3');
    wrapper.unmount();
  });

  it('leaves the pipeline out when its option is off', async () => {
    const wrapper = mountWith(data.funnel(), { showPipeline: false });
    await flushPromises();
    expect(wrapper.find('[data-testid="pipeline-stage-discovery"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="funnel-stage-lead"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
