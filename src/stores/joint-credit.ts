/** Joint credit of the period: win rate, sourced revenue and each win's credit (METRICS: deal pipeline). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { JointCreditResult } from '@shared/figures';
import { useApi } from '../api';
import { createLiveLoader, errorMessage } from './live';

export const useJointCreditStore = defineStore('joint-credit', () => {
  const api = useApi();
  const data = ref<JointCreditResult | null>(null);
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, async () => {
    try {
      data.value = await api.call('credit.get', {});
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  });

  return { data, error, ensureLoaded: loader.ensureLoaded, refresh: loader.refresh, follow: loader.follow };
});
