/** The lifecycle funnel and the open deal pipeline (METRICS: lifecycle funnel, deal pipeline). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FunnelResult } from '@shared/domain';
import { useApi } from '../api';
import { createLiveLoader, errorMessage } from './live';

export const useFunnelStore = defineStore('funnel', () => {
  const api = useApi();
  const data = ref<FunnelResult | null>(null);
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, async () => {
    try {
      data.value = await api.call('funnel.get', {});
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  });

  return { data, error, ensureLoaded: loader.ensureLoaded, refresh: loader.refresh, follow: loader.follow };
});
