import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { CLOSE_REASONS } from '@shared/reason-codes';
import type { LeadRecord } from '@shared/records';
import { setApi } from '../../../../src/api';
import LeadsSection from '../../../../src/views/admin/LeadsSection.vue';
import { createFakeApi } from '../../support/fake-api';
import * as data from '../../support/fixtures';
import { setUpSectionTests } from '../../support/section-tests';

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
const synced = { ...entered, id: 'l-sf', name: 'Kim Park', company: 'Park AG', syncedFrom: 'salesforce' } as LeadRecord;

function setup() {
  const api = createFakeApi({
    'settings.display': () => data.settings([]),
    'people.list': () => data.people,
    'campaigns.list': () => data.campaigns,
    'pipeline.stages': () => data.stages,
    'deals.list': () => [],
    'leads.list': () => [entered, synced],
    'reasonCodes.list': () => CLOSE_REASONS.map((reason) => ({ ...reason })),
    'leads.moveStage': () => entered,
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(LeadsSection, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

setUpSectionTests();

describe('LeadsSection with a CRM connected', () => {
  it('marks a synced lead with its source and leaves its stage to the CRM, also from the keyboard', async () => {
    const { api, wrapper } = setup();
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
    const { wrapper } = setup();
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
