import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import type { Deal } from '@shared/domain';
import { CLOSE_REASONS } from '@shared/reason-codes';
import { setApi } from '../../../../src/api';
import DealsSection from '../../../../src/views/admin/DealsSection.vue';
import { createFakeApi } from '../../support/fake-api';
import * as data from '../../support/fixtures';
import { setUpSectionTests } from '../../support/section-tests';

const base: Deal = {
  id: 'd-entered',
  title: 'Acme renewal',
  leadId: null,
  amountMinor: 1_200_000,
  currency: 'EUR',
  stageId: 'discovery',
  status: 'open',
  closingRepId: 'p-ana',
  sourcingMarketerId: null,
  campaignId: null,
  createdAt: data.NOW,
  closedAt: null,
  closeReason: null,
};
/** a deal HubSpot syncs: the list answers say so with `syncedFrom` */
const synced = { ...base, id: 'd-hs', title: 'Globex platform', syncedFrom: 'hubspot' } as Deal;

function setup() {
  const api = createFakeApi({
    'settings.display': () => data.settings([]),
    'people.list': () => data.people,
    'campaigns.list': () => data.campaigns,
    'pipeline.stages': () => data.stages,
    'deals.list': (input) => (input.status === 'open' ? [base, synced] : []),
    'leads.list': () => [],
    'reasonCodes.list': () => CLOSE_REASONS.map((reason) => ({ ...reason })),
    'deals.update': (input) => ({ ...synced, sourcingMarketerId: input.sourcingMarketerId ?? null }),
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(DealsSection, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

setUpSectionTests();

describe('DealsSection with a CRM connected', () => {
  it('marks a synced deal with its source and leaves moving and deleting it to the CRM', async () => {
    const { wrapper } = setup();
    await flushPromises();
    const row = wrapper.find('[data-testid="deal-row-d-hs"]');
    expect(row.find('[data-testid="source-badge"]').text()).toBe('HubSpot');
    expect(row.find('[data-testid="deal-move-d-hs"]').exists()).toBe(false);
    expect(row.find('[data-testid="deal-moved-in-crm-d-hs"]').text()).toBe('Discovery · moved in HubSpot');
    expect(row.find('button.danger').attributes('disabled')).toBeDefined();

    const entered = wrapper.find('[data-testid="deal-row-d-entered"]');
    expect(entered.find('[data-testid="source-badge"]').exists()).toBe(false);
    expect(entered.find('[data-testid="deal-move-d-entered"]').exists()).toBe(true);
  });

  it("keeps the CRM's fields read-only in the form and saves the local sourcing marketer", async () => {
    const { api, wrapper } = setup();
    await flushPromises();
    await wrapper.find('[data-testid="deal-edit-d-hs"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="deal-locked"]').text()).toContain('From HubSpot: change it there');
    expect(wrapper.find('[data-testid="deal-title"]').attributes('readonly')).toBeDefined();
    expect(wrapper.find('[data-testid="deal-amount"]').attributes('readonly')).toBeDefined();
    expect(wrapper.find('[data-testid="deal-rep"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="deal-campaign"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="deal-marketer"]').attributes('disabled')).toBeUndefined();

    await wrapper.find('[data-testid="deal-marketer"]').setValue('p-tom');
    await wrapper.find('[data-testid="deal-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('deals.update')).toEqual([
      expect.objectContaining({
        id: 'd-hs',
        title: 'Globex platform',
        amountMinor: 1_200_000,
        sourcingMarketerId: 'p-tom',
      }),
    ]);
  });
});
