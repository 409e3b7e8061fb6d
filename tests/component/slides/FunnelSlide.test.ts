import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { FunnelResult } from '@shared/domain';
import { setApi } from '../../../src/api';
import FunnelSlide from '../../../src/slides/FunnelSlide.vue';
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
    expect(proposal.find('.pipe-value').text()).toMatch(/€15(\.0)?K/);
    expect(proposal.find('.pipe-other').text()).toMatch(/\+ \$8(\.0)?K/);
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

  it('leaves the pipeline out when its option is off', async () => {
    const wrapper = mountWith(data.funnel(), { showPipeline: false });
    await flushPromises();
    expect(wrapper.find('[data-testid="pipeline-stage-discovery"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="funnel-stage-lead"]').exists()).toBe(true);
    wrapper.unmount();
  });
});
