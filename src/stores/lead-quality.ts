/** Lead quality from lead reviews per source/campaign, and the top win and loss reasons (METRICS: lead quality). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LeadQualityResult } from '@shared/figures';
import { useApi } from '../api';
import { createLiveLoader, errorMessage } from './live';

export const useLeadQualityStore = defineStore('lead-quality', () => {
  const api = useApi();
  const data = ref<LeadQualityResult | null>(null);
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, async () => {
    try {
      data.value = await api.call('leadQuality.get', {});
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  });

  return { data, error, ensureLoaded: loader.ensureLoaded, refresh: loader.refresh, follow: loader.follow };
});
