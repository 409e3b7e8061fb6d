/** What the admin page edits: the lists its selects offer, the open deals, and the two writes. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MethodInput } from '@shared/contract';
import type { Campaign, Deal, Person, PipelineStage } from '@shared/domain';
import { useApi } from '../api';
import { createLiveLoader, errorMessage } from './live';

export const useAdminStore = defineStore('admin', () => {
  const api = useApi();
  const people = ref<Person[]>([]);
  const campaigns = ref<Campaign[]>([]);
  const stages = ref<PipelineStage[]>([]);
  const openDeals = ref<Deal[]>([]);
  const currency = ref('EUR');
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, async () => {
    try {
      const [nextPeople, nextCampaigns, nextStages, nextDeals, settings] = await Promise.all([
        api.call('people.list', {}),
        api.call('campaigns.list', {}),
        api.call('pipeline.stages', {}),
        api.call('deals.list', { status: 'open', limit: 500 }),
        api.call('settings.display', {}),
      ]);
      people.value = nextPeople;
      campaigns.value = nextCampaigns;
      stages.value = [...nextStages].sort((a, b) => a.position - b.position);
      openDeals.value = nextDeals;
      currency.value = settings.currency;
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  });

  const salesPeople = computed(() => people.value.filter((person) => person.team === 'sales'));
  const marketingPeople = computed(() => people.value.filter((person) => person.team === 'marketing'));
  const openStages = computed(() => stages.value.filter((stage) => stage.kind === 'open'));

  /** Creates a deal; rejects with the server's ApiError (its `field` names the failing input). */
  async function createDeal(input: MethodInput<'deals.create'>): Promise<Deal> {
    const deal = await api.call('deals.create', input);
    await loader.refresh();
    return deal;
  }

  /** Moves a deal to a stage; a won or lost stage closes it with the reason. */
  async function moveDeal(dealId: string, stageId: string, reason: string | null = null): Promise<Deal> {
    const deal = await api.call('deals.moveStage', { dealId, stageId, reason });
    await loader.refresh();
    return deal;
  }

  return {
    people,
    campaigns,
    stages,
    openDeals,
    currency,
    error,
    salesPeople,
    marketingPeople,
    openStages,
    ensureLoaded: loader.ensureLoaded,
    refresh: loader.refresh,
    createDeal,
    moveDeal,
  };
});
