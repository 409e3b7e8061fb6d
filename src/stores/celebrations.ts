/**
 * Won-deal celebrations. Every 'deal.won' activity event that arrives live goes through the batcher
 * (src/lib/celebration-batcher.ts): a burst becomes one combined celebration. The kiosk tells the store
 * what it is doing (`setKioskMode`): during presenter or stand-up mode celebrations are held and shown
 * together afterwards; on the night screen, during quiet hours or with celebrations switched off they are
 * dropped. A celebration shows for `durationSec`; one that comes while another shows waits its turn.
 * Each shown celebration refreshes the shared KPI, which a won deal may have bumped.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { isEventOf } from '@shared/activity-events';
import type { ActivityEvent } from '@shared/domain';
import { useApi } from '../api';
import {
  createCelebrationBatcher,
  type Celebration,
  type CelebrationBatcher,
  type CelebrationGate,
  type Win,
} from '../lib/celebration-batcher';
import { inWindow } from '../lib/wall-schedule';
import { useDisplayStore } from './display';
import { useKpiStore } from './kpi';

/** What the kiosk is doing, as far as celebrations care. */
export type KioskMode = 'rotation' | 'presenting' | 'night';

function text(payload: Record<string, unknown>, key: string): string | null {
  const value = payload[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The win an event reports, or null for any other event. */
export function winFromEvent(event: ActivityEvent): Win | null {
  if (!isEventOf(event, 'deal.won')) return null;
  const p = event.payload;
  const amount = p.amountMinor;
  return {
    eventId: event.id,
    at: event.at,
    dealTitle: text(p, 'title'),
    amountMinor: typeof amount === 'number' && Number.isSafeInteger(amount) && amount >= 0 ? amount : null,
    currency: text(p, 'currency'),
    repName: text(p, 'closingRepName'),
    campaignName: text(p, 'campaignName'),
    marketerName: text(p, 'sourcingMarketerName'),
  };
}

export const useCelebrationsStore = defineStore('celebrations', () => {
  const api = useApi();
  const display = useDisplayStore();
  const kpi = useKpiStore();

  const mode = ref<KioskMode>('rotation');
  const current = ref<Celebration | null>(null);
  const queue = ref<Celebration[]>([]);
  let hideTimer: ReturnType<typeof setTimeout> | undefined;
  let batcher: CelebrationBatcher | undefined;
  let batcherWindowMs = -1;
  let stopListening: (() => void) | undefined;

  const settings = computed(() => display.settings?.celebrations ?? null);

  function gate(now: number): CelebrationGate {
    const options = settings.value;
    if (!options || !options.enabled || mode.value === 'night') return 'drop';
    const zone = display.settings?.timezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (options.quietHours && inWindow(options.quietHours, now, zone)) return 'drop';
    return mode.value === 'presenting' ? 'hold' : 'open';
  }

  function show(celebration: Celebration): void {
    if (current.value) {
      queue.value = [...queue.value, celebration];
      return;
    }
    current.value = celebration;
    void kpi.refresh();
    const seconds = Math.max(1, settings.value?.durationSec ?? 12);
    hideTimer = setTimeout(hide, seconds * 1000);
  }

  /** Ends the celebration on screen; the next one waiting follows. */
  function hide(): void {
    if (hideTimer !== undefined) clearTimeout(hideTimer);
    hideTimer = undefined;
    current.value = null;
    showNext();
  }

  function showNext(): void {
    if (current.value || queue.value.length === 0) return;
    const state = gate(Date.now());
    if (state === 'drop') queue.value = [];
    else if (state === 'open') {
      const [next, ...rest] = queue.value;
      queue.value = rest;
      show(next!);
    }
  }

  /** The batcher for the current window setting (a changed setting starts a new one). */
  function batcherNow(): CelebrationBatcher {
    const windowMs = Math.max(0, (settings.value?.batchWindowSec ?? 60) * 1000);
    if (!batcher || windowMs !== batcherWindowMs) {
      batcher?.dispose();
      batcherWindowMs = windowMs;
      batcher = createCelebrationBatcher({
        windowMs,
        scheduler: {
          now: () => Date.now(),
          setTimeout: (callback, ms) => setTimeout(callback, ms),
          clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
        },
        gate,
        onCelebrate: show,
      });
    }
    return batcher;
  }

  /** Starts following live wins (the kiosk calls it once). */
  function start(): void {
    if (stopListening) return;
    stopListening = api.on((event) => {
      if (event.name !== 'activity.recorded') return;
      const win = winFromEvent(event.data);
      if (win) batcherNow().add(win);
    });
  }

  /** What the kiosk is doing now. Leaving presenter mode celebrates what was held; the night drops it. */
  function setKioskMode(next: KioskMode): void {
    if (mode.value === next) return;
    mode.value = next;
    if (next !== 'rotation' && current.value) {
      // Nothing interrupts presenter mode: what shows is put back to wait (or dropped at night).
      const showing = current.value;
      if (hideTimer !== undefined) clearTimeout(hideTimer);
      hideTimer = undefined;
      current.value = null;
      queue.value = [showing, ...queue.value];
    }
    // What waited longest shows first; the wins held meanwhile follow as one celebration.
    showNext();
    batcher?.release();
  }

  function stop(): void {
    stopListening?.();
    stopListening = undefined;
    batcher?.dispose();
    batcher = undefined;
    if (hideTimer !== undefined) clearTimeout(hideTimer);
    hideTimer = undefined;
    current.value = null;
    queue.value = [];
  }

  return { mode, current, queue, start, stop, hide, setKioskMode };
});
