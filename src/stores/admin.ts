/**
 * What the pipeline sections of the admin view edit: people and teams, campaigns, leads through their
 * lifecycle, deals, and the reason codes their forms offer. Lists load once and then follow every write
 * (like the wall's stores); every write also refreshes at once, so a form sees its own change without
 * waiting for the event.
 */
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { MethodInput } from '@shared/contract';
import type { Campaign, Deal, LeadStage, Person, PipelineStage } from '@shared/domain';
import type { LeadRecord, ReasonCodeRecord } from '@shared/records';
import { CLOSE_REASONS } from '@shared/reason-codes';
import { useApi } from '../api';
import { createLiveLoader, errorMessage, trackLoadError } from './live';

/** What the lead list shows: one stage or all, and a search over name and company. */
export interface LeadFilter {
  stage: LeadStage | '';
  search: string;
}

export const useAdminStore = defineStore('admin', () => {
  const api = useApi();
  const people = ref<Person[]>([]);
  const campaigns = ref<Campaign[]>([]);
  const stages = ref<PipelineStage[]>([]);
  const openDeals = ref<Deal[]>([]);
  /** recently won and lost deals, newest first */
  const closedDeals = ref<Deal[]>([]);
  const reasonCodes = ref<ReasonCodeRecord[]>([]);
  const currency = ref('EUR');
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, () =>
    trackLoadError(error, async () => {
      const [nextPeople, nextCampaigns, nextStages, nextDeals, won, lost, settings, codes] = await Promise.all([
        api.call('people.list', {}),
        api.call('campaigns.list', {}),
        api.call('pipeline.stages', {}),
        api.call('deals.list', { status: 'open', limit: 500 }),
        api.call('deals.list', { status: 'won', limit: 50 }),
        api.call('deals.list', { status: 'lost', limit: 50 }),
        api.call('settings.display', {}),
        // The codes are in the database too; the shared list is the fallback while that call is missing.
        api.call('reasonCodes.list', {}).catch(() => CLOSE_REASONS.map((reason) => ({ ...reason }))),
      ]);
      people.value = nextPeople;
      campaigns.value = nextCampaigns;
      stages.value = [...nextStages].sort((a, b) => a.position - b.position);
      openDeals.value = nextDeals;
      closedDeals.value = [...won, ...lost].sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0));
      currency.value = settings.currency;
      reasonCodes.value = codes;
    }),
  );

  const leads = ref<LeadRecord[]>([]);
  const leadFilter = reactive<LeadFilter>({ stage: '', search: '' });
  const leadsError = ref<string | null>(null);
  const leadsLoader = createLiveLoader(api, () =>
    trackLoadError(leadsError, async () => {
      const search = leadFilter.search.trim();
      leads.value = await api.call('leads.list', {
        ...(leadFilter.stage ? { stage: leadFilter.stage } : {}),
        ...(search ? { search } : {}),
        limit: 500,
      });
    }),
  );

  /** every lead (unfiltered), for the deal form's lead choice */
  const leadChoices = ref<LeadRecord[]>([]);
  const leadChoicesLoader = createLiveLoader(api, async () => {
    try {
      leadChoices.value = await api.call('leads.list', { limit: 500 });
    } catch (cause) {
      leadsError.value = errorMessage(cause);
    }
  });

  const salesPeople = computed(() => people.value.filter((person) => person.team === 'sales'));
  const marketingPeople = computed(() => people.value.filter((person) => person.team === 'marketing'));
  const openStages = computed(() => stages.value.filter((stage) => stage.kind === 'open'));
  const reviewReasons = computed(() => reasonCodes.value.filter((reason) => reason.kind === 'review'));

  /** The reasons a deal can be closed with in a won or lost stage. */
  function closeReasonsFor(kind: 'won' | 'lost'): ReasonCodeRecord[] {
    return reasonCodes.value.filter((reason) => reason.kind === kind);
  }

  /** Runs a write, then brings the lists up to date; rejects with the server's ApiError. */
  async function written<T>(write: Promise<T>, alsoLeads = false): Promise<T> {
    const result = await write;
    await Promise.all([loader.refresh(), alsoLeads ? leadsLoader.refresh() : undefined]);
    return result;
  }

  /** Creates a deal; rejects with the server's ApiError (its `field` names the failing input). */
  function createDeal(input: MethodInput<'deals.create'>): Promise<Deal> {
    return written(api.call('deals.create', input));
  }

  /** Moves a deal to a stage; a won or lost stage closes it with the reason, a win names who closed it. */
  function moveDeal(
    dealId: string,
    stageId: string,
    reason: string | null = null,
    closingRepId?: string,
  ): Promise<Deal> {
    return written(api.call('deals.moveStage', { dealId, stageId, reason, ...(closingRepId ? { closingRepId } : {}) }));
  }

  return {
    people,
    campaigns,
    stages,
    openDeals,
    closedDeals,
    reasonCodes,
    currency,
    error,
    leads,
    leadFilter,
    leadsError,
    leadChoices,
    ensureLeadChoicesLoaded: leadChoicesLoader.ensureLoaded,
    refreshLeadChoices: leadChoicesLoader.refresh,
    salesPeople,
    marketingPeople,
    openStages,
    reviewReasons,
    closeReasonsFor,
    ensureLoaded: loader.ensureLoaded,
    refresh: loader.refresh,
    ensureLeadsLoaded: leadsLoader.ensureLoaded,
    refreshLeads: leadsLoader.refresh,
    createDeal,
    moveDeal,
    updateDeal: (input: MethodInput<'deals.update'>) => written(api.call('deals.update', input)),
    deleteDeal: (id: string) => written(api.call('deals.delete', { id })),
    savePerson: (input: MethodInput<'people.save'>) => written(api.call('people.save', input)),
    deletePerson: (id: string) => written(api.call('people.delete', { id })),
    saveCampaign: (input: MethodInput<'campaigns.save'>) => written(api.call('campaigns.save', input)),
    deleteCampaign: (id: string) => written(api.call('campaigns.delete', { id })),
    saveLead: (input: MethodInput<'leads.save'>) => written(api.call('leads.save', input), true),
    moveLead: (input: MethodInput<'leads.moveStage'>) => written(api.call('leads.moveStage', input), true),
    logFollowUp: (leadId: string) => written(api.call('leads.logFollowUp', { leadId }), true),
    deleteLead: (id: string) => written(api.call('leads.delete', { id }), true),
  };
});
