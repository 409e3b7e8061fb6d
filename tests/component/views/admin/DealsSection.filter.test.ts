import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import type { Deal } from '@shared/domain';
import { CLOSE_REASONS } from '@shared/reason-codes';
import type { LeadRecord } from '@shared/records';
import { setApi } from '../../../../src/api';
import DealsSection from '../../../../src/views/admin/DealsSection.vue';
import { createFakeApi } from '../../support/fake-api';
import * as data from '../../support/fixtures';
import { setUpSectionTests } from '../../support/section-tests';

function deal(id: string, title: string, stageId: string, extra: Partial<Deal> = {}): Deal {
  return {
    id,
    title,
    leadId: null,
    amountMinor: 100_000,
    currency: 'EUR',
    stageId,
    status: 'open',
    closingRepId: null,
    sourcingMarketerId: null,
    campaignId: null,
    createdAt: data.NOW,
    closedAt: null,
    closeReason: null,
    ...extra,
  };
}

const lead: LeadRecord = {
  id: 'l-7',
  name: 'Jo Weiss',
  company: 'Weiss Maschinenbau GmbH',
  stage: 'opportunity',
  sourceTeam: 'marketing',
  campaignId: null,
  marketerId: null,
  ownerId: null,
  leadAt: data.NOW - 86_400_000,
  mqlAt: null,
  sqlAt: null,
  opportunityAt: null,
  customerAt: null,
  disqualifiedAt: null,
  firstFollowUpAt: null,
};

const open = [
  deal('d-1', 'Acme renewal', 'discovery'),
  deal('d-2', 'Globex platform', 'proposal'),
  deal('d-3', 'Initech pilot', 'proposal', { leadId: 'l-7' }),
];

function setup() {
  setApi(
    createFakeApi({
      'settings.display': () => data.settings([]),
      'people.list': () => data.people,
      'campaigns.list': () => data.campaigns,
      'pipeline.stages': () => data.stages,
      'deals.list': (input) => (input.status === 'open' ? open : []),
      'leads.list': () => [lead],
      'reasonCodes.list': () => CLOSE_REASONS.map((reason) => ({ ...reason })),
    }),
  );
  const pinia = createPinia();
  setActivePinia(pinia);
  return mount(DealsSection, { global: { plugins: [pinia] }, attachTo: document.body });
}

setUpSectionTests({ clock: false });

const rows = (wrapper: ReturnType<typeof setup>) =>
  wrapper.findAll('[data-testid^="deal-row-"]').map((row) => row.attributes('data-testid'));

describe('DealsSection filters', () => {
  it('narrows the open deals by stage and by words, counting what is shown of all', async () => {
    const wrapper = setup();
    await flushPromises();
    expect(rows(wrapper)).toEqual(['deal-row-d-1', 'deal-row-d-2', 'deal-row-d-3']);
    await wrapper.get('[data-testid="deal-filter-stage"]').setValue('proposal');
    expect(rows(wrapper)).toEqual(['deal-row-d-2', 'deal-row-d-3']);
    expect(wrapper.get('#open-deals-title').text()).toContain('Open deals (2 of 3)');
    // a word of the lead's company finds its deal, whatever the case
    await wrapper.get('[data-testid="deal-search"]').setValue('maschinenbau');
    expect(rows(wrapper)).toEqual(['deal-row-d-3']);
    await wrapper.get('[data-testid="deal-search"]').setValue('nothing like this');
    expect(rows(wrapper)).toEqual([]);
    expect(wrapper.get('[data-testid="deals-none-match"]').text()).toBe('No open deal matches the filter.');
    wrapper.unmount();
  });
});
