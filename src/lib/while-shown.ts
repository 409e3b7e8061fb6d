/**
 * Work that belongs to a component only while it is on screen. The kiosk keeps the slides it has shown
 * alive (`<KeepAlive>`) so that a slide shown again is re-activated instead of re-created; a kept slide
 * that is off screen must do no work at all: no requests, timers, frames or chart draws.
 */
import { getCurrentInstance, onActivated, onBeforeUnmount, onDeactivated, onMounted } from 'vue';

/**
 * Runs `start` when the calling component shows (mounted, or re-activated by a `<KeepAlive>`) and the
 * cleanup it returns when the component leaves the screen (deactivated or unmounted). Each start is
 * followed by exactly one cleanup, whatever order the hooks come in (a kept component is both mounted
 * and activated when it first shows).
 */
export function whileShown(start: () => (() => void) | void): void {
  let shown = false;
  let cleanup: (() => void) | void;
  function show(): void {
    if (shown) return;
    shown = true;
    cleanup = start();
  }
  function hide(): void {
    if (!shown) return;
    shown = false;
    const done = cleanup;
    cleanup = undefined;
    done?.();
  }
  onMounted(show);
  onActivated(show);
  onDeactivated(hide);
  onBeforeUnmount(hide);
}

/**
 * Holds the calling component's rendering while it is kept off screen: a change of what it shows
 * (a store the frame follows, the shared clock) re-renders it once when it shows again, not meanwhile.
 */
export function pauseRenderWhileHidden(): void {
  const instance = getCurrentInstance();
  if (!instance) return;
  onDeactivated(() => instance.effect.pause());
  onActivated(() => instance.effect.resume());
}
