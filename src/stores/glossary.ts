/** The agreed definitions (MQL, SQL, "paying customer", ...) and which page of them the wall shows next. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { GlossaryResult } from '@shared/figures';
import { useApi } from '../api';
import { createLiveLoader, errorMessage } from './live';

export const useGlossaryStore = defineStore('glossary', () => {
  const api = useApi();
  const data = ref<GlossaryResult | null>(null);
  const error = ref<string | null>(null);
  /**
   * How many pages of terms the wall has turned so far. It lives here rather than in the slide because the
   * slide is mounted afresh on every rotation, and each rotation should show the next page.
   */
  const pageTurns = ref(0);

  const loader = createLiveLoader(api, async () => {
    try {
      data.value = await api.call('glossary.list', {});
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  });

  /** Counts one more page shown; returns the count before this turn. */
  function turnPage(): number {
    pageTurns.value += 1;
    return pageTurns.value - 1;
  }

  return {
    data,
    error,
    pageTurns,
    turnPage,
    ensureLoaded: loader.ensureLoaded,
    refresh: loader.refresh,
    follow: loader.follow,
  };
});
