/** The shared KPI both teams own, its target, pace, split and trend (METRICS: shared KPI). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { KpiResult } from '@shared/figures';
import { useApi } from '../api';
import { createLiveLoader, errorMessage } from './live';

export const useKpiStore = defineStore('kpi', () => {
  const api = useApi();
  const data = ref<KpiResult | null>(null);
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, async () => {
    try {
      data.value = await api.call('kpi.get', {});
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  });

  return { data, error, ensureLoaded: loader.ensureLoaded, refresh: loader.refresh, follow: loader.follow };
});
