import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import type { LeadQualityResult } from '@shared/figures';
import { setApi } from '../../../src/api';
import LeadQualitySlide from '../../../src/slides/LeadQualitySlide.vue';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures-figures';

function mountWith(result: LeadQualityResult, options = {}) {
  setApi(createFakeApi({ 'leadQuality.get': () => result }));
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(LeadQualitySlide, { props: { options }, global: { plugins: [pinia] } });
}

afterEach(() => setApi(undefined));

describe('LeadQualitySlide', () => {
  it('shows each source with its average as a number and a scale, and its review count', async () => {
    const wrapper = mountWith(data.leadQuality());
    await flushPromises();
    const sources = wrapper.findAll('[data-testid="quality-source"]');
    expect(sources).toHaveLength(4);
    const best = sources[0]!;
    expect(best.attributes('data-campaign-id')).toBe('c-demo');
    expect(best.attributes('data-average')).toBe('4.5');
    expect(best.attributes('data-reviews')).toBe('12');
    expect(best.find('.name').text()).toContain('Website demo requests');
    expect(best.find('.name').text()).toContain('Marketing');
    expect(best.find('.average').text()).toMatch(/^4[.,]5$/);
    expect(best.find('.reviews').text()).toBe('12');
    const scale = best.find('[role="img"]');
    expect(scale.attributes('aria-label')).toBe('4.5 out of 5');
    const fills = scale.findAll('.fill').map((fill) => fill.attributes('style'));
    expect(fills).toEqual(['width: 100%;', 'width: 100%;', 'width: 100%;', 'width: 100%;', 'width: 50%;']);
    expect(best.classes()).not.toContain('source--few');
    expect(best.text()).not.toContain('too few to judge');
    wrapper.unmount();
  });

  it('greys a source with fewer than 3 reviews and says "too few to judge" instead of drawing its scale', async () => {
    const wrapper = mountWith(data.leadQuality());
    await flushPromises();
    const few = wrapper.findAll('[data-testid="quality-source"]').filter((row) => row.classes('source--few'));
    expect(few.map((row) => row.attributes('data-reviews'))).toEqual(['2', '1']);
    for (const row of few) {
      expect(row.find('.too-few').text()).toBe('too few to judge');
      expect(row.find('[role="img"]').exists()).toBe(false);
    }
    // a source without a campaign is still listed, under the name the server gives it
    expect(few[1]!.attributes('data-campaign-id')).toBe('');
    expect(few[1]!.text()).toContain('No campaign');
    wrapper.unmount();
  });

  it('lists the top win and loss reasons with their counts', async () => {
    const wrapper = mountWith(data.leadQuality());
    await flushPromises();
    const wins = wrapper.findAll('[data-testid="win-reason"]');
    expect(wins.map((row) => [row.attributes('data-code'), row.attributes('data-count')])).toEqual([
      ['won_product_fit', '9'],
      ['won_speed', '4'],
    ]);
    expect(wins[0]!.text()).toContain('Product fit');
    const losses = wrapper.findAll('[data-testid="loss-reason"]');
    expect(losses.map((row) => row.attributes('data-code'))).toEqual(['lost_price', 'lost_competitor', 'lost_timing']);
    expect(losses[0]!.find('.reason-count').text()).toBe('7');
    wrapper.unmount();
  });

  it('caps sources and reasons, folding what does not fit into one counted line', async () => {
    const wrapper = mountWith(data.leadQuality(), { maxSources: 3, maxReasons: 2 });
    await flushPromises();
    expect(wrapper.findAll('[data-testid="quality-source"]')).toHaveLength(2);
    expect(wrapper.find('[data-testid="quality-fold"]').text()).toBe('+2 with too few reviews');
    expect(wrapper.findAll('[data-testid="loss-reason"]')).toHaveLength(2);
    wrapper.unmount();
  });

  it('says plainly that there are no lead reviews in the window', async () => {
    const wrapper = mountWith(data.emptyLeadQuality());
    await flushPromises();
    expect(wrapper.find('[data-testid="empty-state"]').text()).toContain('No lead reviews in the last 90 days');
    expect(wrapper.find('[data-testid="quality-source"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('keeps the reasons when there are deals but no reviews', async () => {
    const wrapper = mountWith({ ...data.leadQuality(), sources: [] });
    await flushPromises();
    expect(wrapper.find('.sources .none').text()).toBe('No lead reviews in the last 90 days');
    expect(wrapper.findAll('[data-testid="win-reason"]')).toHaveLength(2);
    wrapper.unmount();
  });
});
