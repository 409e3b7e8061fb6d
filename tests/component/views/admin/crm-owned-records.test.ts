/**
 * The Deals and Leads sections once a CRM syncs some of their records: the synced ones carry their source,
 * what the CRM owns is read-only, and stage moves and deletes are left to the CRM.
 */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import type { Component } from 'vue';
import type { Deal } from '@shared/domain';
import { CLOSE_REASONS } from '@shared/reason-codes';
import type { LeadRecord } from '@shared/records';
import { setApi } from '../../../../src/api';
import DealsSection from '../../../../src/views/admin/DealsSection.vue';
import LeadsSection from '../../../../src/views/admin/LeadsSection.vue';
import { createFakeApi, type FakeHandlers } from '../../support/fake-api';
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

const entered: LeadRecord = {
  id: 'l-1',
  name: 'Jo Weiss',
  company: 'Weiss GmbH',
  stage: 'mql',
  sourceTeam: 'marketing',
  campaignId: 'c-web',
  marketerId: 'p-tom',
  ownerId: 'p-ana',
  leadAt: data.NOW - 86_400_000,
  mqlAt: data.NOW - 80_000_000,
  sqlAt: null,
  opportunityAt: null,
  customerAt: null,
  disqualifiedAt: null,
  firstFollowUpAt: null,
};
/** a contact Salesforce syncs: the list answers say so with `syncedFrom` */
const syncedLead = {
  ...entered,
  id: 'l-sf',
  name: 'Kim Park',
  company: 'Park AG',
  syncedFrom: 'salesforce',
} as LeadRecord;

/** Mounts a section over the admin's lists, one synced and one entered record of each kind. */
function setup(section: Component, handlers: FakeHandlers = {}) {
  const api = createFakeApi({
    'settings.display': () => data.settings([]),
    'people.list': () => data.people,
    'campaigns.list': () => data.campaigns,
    'pipeline.stages': () => data.stages,
    'deals.list': (input) => (input.status === 'open' ? [base, synced] : []),
    'leads.list': () => [entered, syncedLead],
    'reasonCodes.list': () => CLOSE_REASONS.map((reason) => ({ ...reason })),
    ...handlers,
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(section, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

setUpSectionTests();

describe('DealsSection with a CRM connected', () => {
  it('marks a synced deal with its source and leaves moving and deleting it to the CRM', async () => {
    const { wrapper } = setup(DealsSection);
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
    const { api, wrapper } = setup(DealsSection, {
      'deals.update': (input) => ({ ...synced, sourcingMarketerId: input.sourcingMarketerId ?? null }),
    });
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

describe('LeadsSection with a CRM connected', () => {
  it('marks a synced lead with its source and leaves its stage to the CRM, also from the keyboard', async () => {
    const { api, wrapper } = setup(LeadsSection, { 'leads.moveStage': () => entered });
    await flushPromises();
    const row = wrapper.find('[data-testid="lead-row-l-sf"]');
    expect(row.find('[data-testid="source-badge"]').text()).toBe('Salesforce');
    expect(wrapper.find('[data-testid="lead-row-l-1"] [data-testid="source-badge"]').exists()).toBe(false);

    await row.trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="lead-stage-sql"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="lead-follow-up"]').attributes('disabled')).toBeUndefined();
    await row.trigger('keydown', { key: 's' });
    await flushPromises();
    expect(api.callsOf('leads.moveStage')).toEqual([]);
    expect(wrapper.find('[data-testid="lead-action-error"]').text()).toBe(
      'Kim Park (Park AG) comes from Salesforce: change its stage there.',
    );
  });

  it("keeps the CRM's fields read-only in the edit form", async () => {
    const { wrapper } = setup(LeadsSection);
    await flushPromises();
    await wrapper.find('[data-testid="lead-row-l-sf"]').trigger('click');
    await wrapper.find('[data-testid="lead-edit"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="lead-locked"]').text()).toContain('From Salesforce: change it there');
    expect(wrapper.find('[data-testid="lead-name"]').attributes('readonly')).toBeDefined();
    expect(wrapper.find('[data-testid="lead-owner"]').attributes('disabled')).toBeDefined();
    expect(wrapper.find('[data-testid="lead-marketer"]').attributes('disabled')).toBeUndefined();
  });
});
