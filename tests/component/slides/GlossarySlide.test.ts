import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GlossaryResult } from '@shared/figures';
import { setApi } from '../../../src/api';
import GlossarySlide from '../../../src/slides/GlossarySlide.vue';
import { usePrivacyStore } from '../../../src/stores/privacy';
import { createFakeApi } from '../support/fake-api';
import * as data from '../support/fixtures-figures';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(data.NOW);
});
afterEach(() => {
  vi.useRealTimers();
  setApi(undefined);
});

function setup(result: GlossaryResult) {
  setApi(createFakeApi({ 'glossary.list': () => result }));
  const pinia = createPinia();
  setActivePinia(pinia);
  return pinia;
}

async function mountSlide(pinia: Pinia, options = {}) {
  const wrapper = mount(GlossarySlide, { props: { options }, global: { plugins: [pinia] } });
  await flushPromises();
  return wrapper;
}

const shownTerms = (wrapper: Awaited<ReturnType<typeof mountSlide>>) =>
  wrapper.findAll('[data-testid="glossary-term"]').map((entry) => entry.attributes('data-term'));

describe('GlossarySlide', () => {
  it('shows each term with its definition, version and when it last changed', async () => {
    const wrapper = await mountSlide(setup(data.glossary(3)));
    expect(shownTerms(wrapper)).toEqual(['Lead', 'MQL', 'SQL']);
    const mql = wrapper.find('[data-term="MQL"]');
    expect(mql.find('.term').text()).toBe('MQL Updated');
    expect(mql.find('.definition').text()).toBe('What both teams mean by MQL.');
    expect(mql.find('.changed').text()).toBe('v2 · changed 3 days ago · by Elena Rossi');
    const lead = wrapper.find('[data-term="Lead"]');
    expect(lead.find('.recent-tag').exists()).toBe(false);
    expect(lead.find('.changed').text()).toBe('v1 · changed 40 days ago · by Ana Lima');
    expect(wrapper.find('.subtitle').text()).toBe('3 terms');
    wrapper.unmount();
  });

  it('pages terms that do not fit: the next page each time it comes round, and while it stays on screen', async () => {
    const pinia = setup(data.glossary(8));
    const first = await mountSlide(pinia, { maxTerms: 6, pageSec: 30 });
    // two pages are needed; they share the terms evenly, stage terms first as the server orders them
    expect(shownTerms(first)).toEqual(['Lead', 'MQL', 'SQL', 'Opportunity']);
    expect(first.find('.subtitle').text()).toBe('8 terms · page 1 of 2');
    first.unmount();

    const second = await mountSlide(pinia, { maxTerms: 6, pageSec: 30 });
    expect(shownTerms(second)).toEqual(['Paying customer', 'Follow-up', 'Win rate', 'Pace']);
    expect(second.find('.subtitle').text()).toBe('8 terms · page 2 of 2');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(shownTerms(second)[0]).toBe('Lead');
    second.unmount();
  });

  it('hides who changed a term in privacy mode', async () => {
    const pinia = setup(data.glossary(2));
    usePrivacyStore(pinia).toggle();
    const wrapper = await mountSlide(pinia);
    expect(wrapper.text()).not.toContain('Elena Rossi');
    expect(wrapper.text()).not.toContain('Ana Lima');
    expect(wrapper.find('[data-term="MQL"] .changed').text()).toBe('v2 · changed 3 days ago');
    wrapper.unmount();
  });

  it('says plainly that nothing has been agreed yet', async () => {
    const wrapper = await mountSlide(setup({ terms: [], freshness: data.freshness }));
    expect(wrapper.find('[data-testid="empty-state"]').text()).toContain('No agreed definitions yet');
    expect(wrapper.find('[data-testid="glossary-term"]').exists()).toBe(false);
    wrapper.unmount();
  });
});
