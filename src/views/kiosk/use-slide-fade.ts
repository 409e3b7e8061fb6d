/**
 * The fade between two slides, in two phases. When the slide changes, the new one is first created, laid
 * out and painted while it is still transparent (`preparing`, two animation frames); only then does it
 * fade in (`fading`, the `fade-enter-active` rule of src/styles/base.css) until its opacity transition
 * ends. Creating and laying out a slide the first time it shows takes longer than a frame at 4K without
 * a GPU: inside the fade, that frame would be a visible stall; before it, nobody sees it. The old slide
 * goes at once, as before. With reduced motion there is no transition, and the slide shows at once.
 */
import { computed, nextTick, onBeforeUnmount, ref, watch, type ComputedRef, type Ref } from 'vue';

type Phase = 'shown' | 'preparing' | 'fading';

/** What the element holding the slide needs: its classes and the end of its fade. */
export interface SlideFade {
  classes: ComputedRef<Record<string, boolean>>;
  /** for the holder's `transitionend` and `transitioncancel` */
  onTransitionEnd(event: TransitionEvent): void;
}

/** Whether `element` runs a transition now (none with reduced motion, or without the wall's styles). */
function runsTransition(element: HTMLElement): boolean {
  const durations = getComputedStyle(element).transitionDuration.split(',');
  return durations.some((duration) => Number.parseFloat(duration) > 0);
}

/**
 * Watches `key` (the slide shown) and drives the classes of `holder`, the element around the slide. The
 * first slide shows without a fade.
 */
export function useSlideFade(key: () => string | undefined, holder: Readonly<Ref<HTMLElement | null>>): SlideFade {
  const phase = ref<Phase>('shown');
  let frame: number | undefined;

  function cancel(): void {
    if (frame !== undefined) cancelAnimationFrame(frame);
    frame = undefined;
  }

  async function fade(): Promise<void> {
    phase.value = 'fading';
    await nextTick();
    if (phase.value === 'fading' && (!holder.value || !runsTransition(holder.value))) phase.value = 'shown';
  }

  // 'pre': the class is set in the same render that puts the new slide in, so it never shows opaque.
  watch(
    key,
    (next, previous) => {
      if (next === undefined || previous === undefined || next === previous) return;
      cancel();
      phase.value = 'preparing';
      // The first frame creates, lays out and paints the transparent slide; the fade starts in the next.
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          frame = undefined;
          void fade();
        });
      });
    },
    { flush: 'pre' },
  );

  // A holder taken off the page (the night screen, the stand-up) ends whatever fade it was in.
  watch(holder, (element) => {
    if (element) return;
    cancel();
    phase.value = 'shown';
  });

  onBeforeUnmount(cancel);

  return {
    classes: computed(() => ({
      'slide-holder--preparing': phase.value === 'preparing',
      'fade-enter-active': phase.value === 'fading',
    })),
    onTransitionEnd(event) {
      if (event.target === event.currentTarget && phase.value === 'fading') phase.value = 'shown';
    },
  };
}
