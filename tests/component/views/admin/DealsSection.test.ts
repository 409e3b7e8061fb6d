import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { ApiError, type MethodInput } from '@shared/contract';
import type { Deal } from '@shared/domain';
import { CLOSE_REASONS } from '@shared/reason-codes';
import type { LeadRecord } from '@shared/records';
import { setApi } from '../../../../src/api';
import DealsSection from '../../../../src/views/admin/DealsSection.vue';
import { createFakeApi } from '../../support/fake-api';
import * as data from '../../support/fixtures';
import { setUpSectionTests } from '../../support/section-tests';

function deal(input: MethodInput<'deals.create'>): Deal {
  return {
    id: 'd-new',
    title: input.title,
    leadId: null,
    amountMinor: input.amountMinor,
    currency: input.currency,
    stageId: input.stageId,
    status: 'open',
    closingRepId: input.closingRepId ?? null,
    sourcingMarketerId: input.sourcingMarketerId ?? null,
    campaignId: input.campaignId ?? null,
    createdAt: data.NOW,
    closedAt: null,
    closeReason: null,
  };
}

const sqlLead: LeadRecord = {
  id: 'l-7',
  name: 'Jo Weiss',
  company: 'Weiss GmbH',
  stage: 'sql',
  sourceTeam: 'marketing',
  campaignId: 'c-web',
  marketerId: 'p-tom',
  ownerId: 'p-ben',
  leadAt: data.NOW - 86_400_000,
  mqlAt: data.NOW - 80_000_000,
  sqlAt: data.NOW - 70_000_000,
  opportunityAt: null,
  customerAt: null,
  disqualifiedAt: null,
  firstFollowUpAt: null,
};

const openDeal: Deal = deal({ title: 'Acme renewal', amountMinor: 1_200_000, currency: 'EUR', stageId: 'discovery' });

function setup(create: (input: MethodInput<'deals.create'>) => Deal) {
  const api = createFakeApi({
    'settings.display': () => data.settings([]),
    'people.list': () => data.people,
    'campaigns.list': () => data.campaigns,
    'pipeline.stages': () => data.stages,
    'deals.list': (input) => (input.status === 'open' ? [{ ...openDeal, id: 'd-1' }] : []),
    'leads.list': () => [sqlLead],
    'reasonCodes.list': () => CLOSE_REASONS.map((reason) => ({ ...reason })),
    'deals.create': create,
    'deals.update': (input) => ({ ...openDeal, ...input, leadId: input.leadId ?? null }),
    'deals.moveStage': (input) => ({ ...openDeal, id: input.dealId, stageId: input.stageId }),
  });
  setApi(api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(DealsSection, { global: { plugins: [pinia] }, attachTo: document.body });
  return { api, wrapper };
}

setUpSectionTests({ clock: false });

describe('DealsSection', () => {
  it("shows the server's invalid_input error next to its field, in plain words", async () => {
    const { api, wrapper } = setup(() => {
      throw new ApiError('invalid_input', 'title is already used by an open deal', 'title');
    });
    await flushPromises();
    await wrapper.find('[data-testid="deal-title"]').setValue('Acme renewal');
    await wrapper.find('[data-testid="deal-amount"]').setValue('100');
    await wrapper.find('[data-testid="deal-form"]').trigger('submit');
    await flushPromises();

    expect(api.callsOf('deals.create')).toHaveLength(1);
    const error = wrapper.find('[data-testid="error-title"]');
    expect(error.text()).toBe('Title is already used by an open deal.');
    const input = wrapper.find('[data-testid="deal-title"]');
    // next to the field: in the same field group, and announced with the input
    expect(error.element.parentElement).toBe(input.element.parentElement);
    expect(input.attributes('aria-invalid')).toBe('true');
    expect(input.attributes('aria-describedby')).toBe(error.attributes('id'));
    expect(document.activeElement).toBe(input.element);
  });

  it("checks a negative amount and an empty title with the contract's schema, before calling the server", async () => {
    const { api, wrapper } = setup(deal);
    await flushPromises();
    await wrapper.find('[data-testid="deal-amount"]').setValue('-5');
    await wrapper.find('[data-testid="deal-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('deals.create')).toHaveLength(0);
    expect(wrapper.find('[data-testid="error-title"]').text()).toBe('Title is required.');
    expect(wrapper.find('[data-testid="error-amountMinor"]').text()).toBe('Amount must not be negative.');
    // the focus goes to the first field in trouble
    expect(document.activeElement).toBe(wrapper.find('[data-testid="deal-title"]').element);
  });

  it('converts the amount to minor units and sends the chosen people and campaign', async () => {
    const { api, wrapper } = setup(deal);
    await flushPromises();
    await wrapper.find('[data-testid="deal-title"]').setValue('Northwind expansion');
    await wrapper.find('[data-testid="deal-amount"]').setValue('12,500.50');
    await wrapper.find('[data-testid="deal-currency"]').setValue('usd');
    await wrapper.find('[data-testid="deal-stage"]').setValue('proposal');
    await wrapper.find('[data-testid="deal-rep"]').setValue('p-ana');
    await wrapper.find('[data-testid="deal-marketer"]').setValue('p-tom');
    await wrapper.find('[data-testid="deal-campaign"]').setValue('c-web');
    await wrapper.find('[data-testid="deal-form"]').trigger('submit');
    await flushPromises();

    expect(api.callsOf('deals.create')).toEqual([
      {
        title: 'Northwind expansion',
        amountMinor: 1_250_050,
        currency: 'USD',
        stageId: 'proposal',
        closingRepId: 'p-ana',
        sourcingMarketerId: 'p-tom',
        campaignId: 'c-web',
        leadId: null,
      },
    ]);
    expect(wrapper.find('[data-testid="admin-status"]').text()).toContain('Northwind expansion');
    // ready for the next deal: the focus is back on the first field
    expect(document.activeElement).toBe(wrapper.find('[data-testid="deal-title"]').element);
    expect((wrapper.find('[data-testid="deal-title"]').element as HTMLInputElement).value).toBe('');
    // only sales people close deals, only marketers source them
    expect(wrapper.findAll('[data-testid="deal-rep"] option').map((o) => o.text())).toEqual([
      'None yet',
      'Ana Lima',
      'Ben Ode',
    ]);
    expect(wrapper.findAll('[data-testid="deal-marketer"] option').map((o) => o.text())).toEqual(['None', 'Tom Berg']);
  });

  it('says an unreadable amount next to the amount field without calling the server', async () => {
    const { api, wrapper } = setup(deal);
    await flushPromises();
    await wrapper.find('[data-testid="deal-title"]').setValue('Typo deal');
    await wrapper.find('[data-testid="deal-amount"]').setValue('12k');
    await wrapper.find('[data-testid="deal-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('deals.create')).toHaveLength(0);
    expect(wrapper.find('[data-testid="error-amountMinor"]').text()).toMatch(/must be a number/);
  });

  it('asks for a reason and the closing rep before moving a deal to a won stage', async () => {
    const { api, wrapper } = setup(deal);
    await flushPromises();
    expect(wrapper.find('[data-testid="deal-row-d-1"]').exists()).toBe(true);
    await wrapper.find('[data-testid="deal-move-d-1"]').setValue('won');
    const submit = wrapper.find('[data-testid="deal-move-submit-d-1"]');
    expect(submit.attributes('disabled')).toBeDefined();
    const reasons = wrapper.findAll('[data-testid="deal-reason-d-1"] option').map((o) => o.attributes('value'));
    expect(reasons).toEqual(['', 'won_product_fit', 'won_price', 'won_relationship', 'won_speed']);

    await wrapper.find('[data-testid="deal-reason-d-1"]').setValue('won_price');
    // the deal has no closing rep yet: a win asks who closed it before it can be made
    expect(submit.attributes('disabled')).toBeDefined();
    const reps = wrapper.findAll('[data-testid="deal-win-rep-d-1"] option').map((o) => o.text());
    expect(reps[0]).toBe('Closed by?');
    await wrapper.find('[data-testid="deal-win-rep-d-1"]').setValue('p-ben');
    expect(wrapper.find('[data-testid="deal-move-submit-d-1"]').attributes('disabled')).toBeUndefined();
    await wrapper.find('[data-testid="deal-row-d-1"] form').trigger('submit');
    await flushPromises();
    expect(api.callsOf('deals.moveStage')).toEqual([
      { dealId: 'd-1', stageId: 'won', reason: 'won_price', closingRepId: 'p-ben' },
    ]);
  });

  it('fills a deal from its lead, and saves an edit with Esc cancelling another', async () => {
    const { api, wrapper } = setup(deal);
    await flushPromises();
    await wrapper.find('[data-testid="deal-lead"]').setValue('l-7');
    expect((wrapper.find('[data-testid="deal-title"]').element as HTMLInputElement).value).toBe('Weiss GmbH');
    expect((wrapper.find('[data-testid="deal-rep"]').element as HTMLSelectElement).value).toBe('p-ben');
    expect((wrapper.find('[data-testid="deal-marketer"]').element as HTMLSelectElement).value).toBe('p-tom');
    expect((wrapper.find('[data-testid="deal-campaign"]').element as HTMLSelectElement).value).toBe('c-web');

    await wrapper.find('[data-testid="deal-edit-d-1"]').trigger('click');
    expect((wrapper.find('[data-testid="deal-title"]').element as HTMLInputElement).value).toBe('Acme renewal');
    expect((wrapper.find('[data-testid="deal-amount"]').element as HTMLInputElement).value).toBe('12000.00');
    await wrapper.find('[data-testid="deal-form"]').trigger('keydown', { key: 'Escape' });
    expect((wrapper.find('[data-testid="deal-title"]').element as HTMLInputElement).value).toBe('');

    await wrapper.find('[data-testid="deal-edit-d-1"]').trigger('click');
    await wrapper.find('[data-testid="deal-amount"]').setValue('13000');
    await wrapper.find('[data-testid="deal-form"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('deals.update')).toEqual([
      {
        id: 'd-1',
        title: 'Acme renewal',
        amountMinor: 1_300_000,
        currency: 'EUR',
        closingRepId: null,
        sourcingMarketerId: null,
        campaignId: null,
        leadId: null,
      },
    ]);
  });
});
