/**
 * The live feed: the newest activity events, newest first. Every `activity.recorded` event refetches
 * the list (the server words each item), so the feed changes the moment something happens.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ActivityItem, Freshness } from '@shared/domain';
import { useApi } from '../api';
import { createLiveLoader, errorMessage } from './live';

/** How many events the store keeps; slides show a few of them. */
export const ACTIVITY_KEEP = 30;

function newestFirst(a: ActivityItem, b: ActivityItem): number {
  return b.at - a.at || b.seq - a.seq;
}

export const useActivityStore = defineStore('activity', () => {
  const api = useApi();
  const items = ref<ActivityItem[]>([]);
  const freshness = ref<Freshness | null>(null);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  /** when each item arrived on this display, for items that arrived after the first load */
  const arrivedAt = ref<Record<string, number>>({});

  const loader = createLiveLoader(api, async () => {
    try {
      const result = await api.call('activity.list', { limit: ACTIVITY_KEEP });
      const known = new Set(items.value.map((item) => item.id));
      const next = [...result.items].sort(newestFirst).slice(0, ACTIVITY_KEEP);
      const now = Date.now();
      const arrivals: Record<string, number> = {};
      for (const item of next) {
        const seen = arrivedAt.value[item.id];
        if (seen !== undefined) arrivals[item.id] = seen;
        else if (loaded.value && !known.has(item.id)) arrivals[item.id] = now;
      }
      items.value = next;
      arrivedAt.value = arrivals;
      freshness.value = result.freshness;
      loaded.value = true;
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  });

  const newest = computed(() => items.value[0] ?? null);

  return {
    items,
    freshness,
    loaded,
    error,
    arrivedAt,
    newest,
    ensureLoaded: loader.ensureLoaded,
    refresh: loader.refresh,
  };
});
