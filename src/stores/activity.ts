/**
 * The live feed: the newest business events, newest first (src/shared/feed.ts says which). A pushed
 * `activity.recorded` event of the feed shows at once, an undo takes the undone event off at once, worded here exactly as the server words it (the same function and the room's currency); the
 * refetch that every event also causes (debounced, so a burst costs one) then confirms the list.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { describeActivity } from '@shared/describe-activity';
import { isFeedEvent, partOfEventId, undoneEventId } from '@shared/feed';
import type { ActivityEvent, ActivityItem, Freshness } from '@shared/domain';
import { useApi } from '../api';
import { useDisplayStore } from './display';
import { createLiveLoader, trackLoadError } from './live';

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

  const loader = createLiveLoader(api, () =>
    trackLoadError(error, async () => {
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
    }),
  );

  // A push needs no round trip: the feed's latency is the push itself (docs/performance.md).
  const display = useDisplayStore();
  function showPushed(event: ActivityEvent): void {
    if (!loaded.value) return;
    // An undone event leaves the feed (with the companions of its command) instead of adding "Undone: …".
    const undone = undoneEventId(event);
    if (undone !== null) {
      items.value = items.value.filter((item) => item.id !== undone && partOfEventId(item) !== undone);
      return;
    }
    // Bookkeeping (settings, imports, planning edits) belongs to the admin's history, not the wall.
    if (!isFeedEvent(event.type) || items.value.some((item) => item.id === event.id)) return;
    const item = { ...event, ...describeActivity(event, display.settings?.currency ?? 'EUR') };
    items.value = [item, ...items.value].sort(newestFirst).slice(0, ACTIVITY_KEEP);
    arrivedAt.value = { ...arrivedAt.value, [event.id]: Date.now() };
  }
  let following = false;
  function ensureLoaded(): Promise<void> {
    if (!following) {
      following = true;
      api.on((event) => {
        if (event.name === 'activity.recorded') showPushed(event.data);
      });
    }
    return loader.ensureLoaded();
  }

  const newest = computed(() => items.value[0] ?? null);

  return {
    items,
    freshness,
    loaded,
    error,
    arrivedAt,
    newest,
    ensureLoaded,
    refresh: loader.refresh,
    follow(): () => void {
      void ensureLoaded();
      return loader.follow();
    },
  };
});
