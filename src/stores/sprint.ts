/** The current sprint and its joint goals. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SprintResult } from '@shared/domain';
import { useApi } from '../api';
import { createLiveLoader, errorMessage } from './live';

export const useSprintStore = defineStore('sprint', () => {
  const api = useApi();
  const data = ref<SprintResult | null>(null);
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, async () => {
    try {
      data.value = await api.call('sprints.current', {});
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  });

  return { data, error, ensureLoaded: loader.ensureLoaded, refresh: loader.refresh, follow: loader.follow };
});
