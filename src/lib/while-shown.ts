/**
 * Work that belongs to a component only while it is on screen. The kiosk keeps the slides it has shown in
 * the page (src/views/kiosk/SlideStack.vue) so that a slide shown again is revealed instead of re-created;
 * a kept slide that is off screen must do no work at all: no requests, timers, frames or chart draws.
 * The stack tells each slide's components whether their slide shows through {@link SLIDE_SHOWN}; a
 * component outside the stack counts as shown while it is mounted.
 */
import { getCurrentInstance, inject, onBeforeUnmount, onMounted, watch, type InjectionKey, type Ref } from 'vue';

/** Whether the slide around the injecting component is on screen (or about to be: it is drawn just before). */
export const SLIDE_SHOWN: InjectionKey<Readonly<Ref<boolean>>> = Symbol('slideShown');

/**
 * Runs `start` when the calling component shows (mounted while its slide shows, or its slide shows again)
 * and the cleanup it returns when it leaves the screen (its slide is hidden, or it is unmounted). Each
 * start is followed by exactly one cleanup.
 */
export function whileShown(start: () => (() => void) | void): void {
  const slideShown = inject(SLIDE_SHOWN, null);
  let mounted = false;
  let shown = false;
  let cleanup: (() => void) | void;
  function show(): void {
    if (shown || !mounted) return;
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
  onMounted(() => {
    mounted = true;
    if (slideShown?.value !== false) show();
  });
  if (slideShown) watch(slideShown, (on) => (on ? show() : hide()));
  onBeforeUnmount(() => {
    hide();
    mounted = false;
  });
}

/**
 * Holds the calling component's rendering while its slide is kept off screen: a change of what it shows
 * (a store the frame follows, the shared clock) re-renders it once when it shows again, not meanwhile.
 */
export function pauseRenderWhileHidden(): void {
  const instance = getCurrentInstance();
  const slideShown = inject(SLIDE_SHOWN, null);
  if (!instance || !slideShown) return;
  watch(
    slideShown,
    (on) => (on ? instance.effect.resume() : instance.effect.pause()),
    // before the stack's own update hides the slide, so that nothing renders in between
    { flush: 'sync' },
  );
}
