/**
 * Today's meetings, the next stand-up, the meetings coming up (for the kiosk's banners and meeting slide
 * sets) and the open retrospective action items.
 */
import { computed } from 'vue';
import type { MeetingsResult } from '@shared/figures';
import { defineFigureStore } from './figure-store';

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

export const useMeetingsStore = defineFigureStore('meetings', 'meetings.today', ({ data, loader }) => {
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

  const meetings = computed(() => data.value?.meetings ?? []);
  /** occurrences starting within the next 24 h or running now (the kiosk's banners and meeting slide sets) */
  const upcoming = computed(() => data.value?.upcoming ?? []);
  const nextStandup = computed(() => data.value?.nextStandup ?? null);
  const actionItems = computed(() => data.value?.actionItems ?? []);

  return { expose: { meetings, upcoming, nextStandup, actionItems }, afterLoad: scheduleRefresh };
});
