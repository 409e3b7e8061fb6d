/**
 * The two-way SLA: marketing's MQL commitment and sales' follow-up compliance (METRICS: SLA). Besides
 * refetching on every write, it refetches when the soonest waiting lead falls due: nothing is written
 * then, yet that lead turns from waiting into a breach and the counts change.
 */
import { onScopeDispose } from 'vue';
import { defineFigureStore } from './figure-store';

/** A little after the due time, so that the server's "now" is past it too. */
export const SLA_DUE_GRACE_MS = 1_000;
/** Timers are re-armed at least this often, so a long wait survives sleep and clock changes. */
export const SLA_MAX_WAIT_MS = 60 * 60 * 1000;
/**
 * When the server still calls a lead waiting although this display's clock says it is due (the two
 * clocks differ, e.g. a browser on the LAN), ask again after this long rather than in a tight loop.
 */
export const SLA_SKEW_RETRY_MS = 30_000;

export const useSlaStore = defineFigureStore('sla', 'sla.get', ({ data, loader }) => {
  let dueTimer: ReturnType<typeof setTimeout> | undefined;

  function armDueTimer(): void {
    if (dueTimer !== undefined) clearTimeout(dueTimer);
    dueTimer = undefined;
    const soonest = Math.min(...(data.value?.waiting ?? []).map((lead) => lead.dueAt));
    if (!Number.isFinite(soonest)) return;
    const left = soonest - Date.now();
    const wait = left > 0 ? Math.min(SLA_MAX_WAIT_MS, left + SLA_DUE_GRACE_MS) : SLA_SKEW_RETRY_MS;
    dueTimer = setTimeout(() => {
      dueTimer = undefined;
      // Woken early by the cap: nothing fell due yet, so only wait again.
      if (Date.now() < soonest && left > 0) armDueTimer();
      else void loader.refresh();
    }, wait);
  }

  onScopeDispose(() => {
    if (dueTimer !== undefined) clearTimeout(dueTimer);
  });

  return { afterLoad: armDueTimer };
});
