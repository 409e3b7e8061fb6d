/**
 * The undo list of the admin view: the newest changes from the activity log, and undoing one. It follows
 * every write like the wall's stores, so a change made in another window shows up here too.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { HistoryEntry } from '@shared/records';
import { useApi } from '../api';
import { createLiveLoader, trackLoadError } from './live';

/** How many changes the undo bar lists. */
export const HISTORY_LIMIT = 8;

export const useHistoryStore = defineStore('history', () => {
  const api = useApi();
  const recent = ref<HistoryEntry[]>([]);
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, () =>
    trackLoadError(error, async () => {
      recent.value = await api.call('history.recent', { limit: HISTORY_LIMIT });
    }),
  );

  /** the change Ctrl+Z undoes: the newest one that can still be undone */
  const latestUndoable = computed(() => recent.value.find((entry) => entry.undoable) ?? null);

  /** Undoes one change (the newest undoable one without an id); resolves with the undone entry. */
  async function undo(eventId?: string): Promise<HistoryEntry> {
    const undone = await api.call('history.undo', eventId ? { eventId } : {});
    await loader.refresh();
    return undone;
  }

  return { recent, error, latestUndoable, ensureLoaded: loader.ensureLoaded, refresh: loader.refresh, undo };
});
