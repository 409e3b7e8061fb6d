/**
 * Today's meetings, the next stand-up, the meetings coming up (for the kiosk's banners and meeting slide
 * sets) and the open retrospective action items.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { MeetingsResult } from '@shared/figures';
import { useApi } from '../api';
import { createLiveLoader, errorMessage } from './live';

/**
 * Meetings recur, so their occurrences move on with the clock even when no row changes: the store also
 * refetches at the next start or end it knows of, and at least this often (a new day, a meeting entering
 * the 24 h look-ahead).
 */
export const MEETINGS_MAX_AGE_MS = 15 * 60_000;
/** Refetch a little after a boundary, so that the server's "now" is past it. */
const AFTER_BOUNDARY_MS = 1_000;

/** When the meetings should next be fetched again: the next boundary after `now`, capped by the max age. */
export function nextMeetingsRefresh(result: MeetingsResult, now: number): number {
  let next = now + MEETINGS_MAX_AGE_MS;
  const occurrences = [...result.meetings, ...result.upcoming, ...(result.nextStandup ? [result.nextStandup] : [])];
  for (const occurrence of occurrences) {
    for (const at of [occurrence.startsAt, occurrence.endsAt]) {
      if (at > now && at + AFTER_BOUNDARY_MS < next) next = at + AFTER_BOUNDARY_MS;
    }
  }
  return next;
}

export const useMeetingsStore = defineStore('meetings', () => {
  const api = useApi();
  const data = ref<MeetingsResult | null>(null);
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;

  function scheduleRefresh(): void {
    if (timer !== undefined) clearTimeout(timer);
    const now = Date.now();
    const at = data.value ? nextMeetingsRefresh(data.value, now) : now + MEETINGS_MAX_AGE_MS;
    timer = setTimeout(() => {
      timer = undefined;
      void loader.refresh();
    }, at - now);
  }

  const loader = createLiveLoader(api, async () => {
    try {
      data.value = await api.call('meetings.today', {});
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
    scheduleRefresh();
  });

  const meetings = computed(() => data.value?.meetings ?? []);
  /** occurrences starting within the next 24 h or running now (the kiosk's banners and meeting slide sets) */
  const upcoming = computed(() => data.value?.upcoming ?? []);
  const nextStandup = computed(() => data.value?.nextStandup ?? null);
  const actionItems = computed(() => data.value?.actionItems ?? []);

  return {
    data,
    error,
    meetings,
    upcoming,
    nextStandup,
    actionItems,
    ensureLoaded: loader.ensureLoaded,
    refresh: loader.refresh,
    follow: loader.follow,
  };
});
