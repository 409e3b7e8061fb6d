/**
 * How many items of a list fit on the screen, measured rather than guessed: a slide renders at most `max`
 * items, and while its box is taller than the space it has, one item less. Text is never shrunk to make
 * things fit (the wall must stay legible from across the room); what is left out is counted as "+N more"
 * or paged by the slide. Measures again when the items change and when the space changes size (a window
 * resize, a banner appearing above the slide). A slide kept off screen measures nothing: what
 * changed meanwhile is measured once when it shows again.
 */
import { nextTick, ref, watch, type Ref, type WatchSource } from 'vue';
import { whileShown } from './while-shown';

export interface FitCount {
  /** items to render now */
  count: Readonly<Ref<number>>;
  /** starts over from `max` and measures again */
  refit(): void;
}

export interface FitOptions {
  /** what should trigger a new measurement besides `max` (the items) */
  watchSources?: WatchSource[];
  /**
   * an element whose size changes only from outside (the slide's layout root): a change of its size
   * measures again. Not `box` itself when the box's size follows its content, which would loop.
   */
  space?: Readonly<Ref<HTMLElement | null>>;
  /** never fewer items than this */
  min?: number;
}

/**
 * Fits a list into `box` (an element with a bounded height): `count` starts at `max` and drops while
 * the box's content overflows it.
 */
export function useFitCount(
  box: Readonly<Ref<HTMLElement | null>>,
  max: Readonly<Ref<number>>,
  options: FitOptions = {},
): FitCount {
  const min = options.min ?? 1;
  const count = ref(max.value);
  let generation = 0;
  let shown = false;
  /** never measured, or something changed (or a measurement was cut short) while off screen */
  let measureOnShow = true;
  let measuring = false;

  async function fit(): Promise<void> {
    const mine = ++generation;
    measuring = true;
    await nextTick();
    while (mine === generation && count.value > min) {
      const element = box.value;
      if (!element || element.scrollHeight <= element.clientHeight + 1) break;
      count.value -= 1;
      await nextTick();
    }
    if (mine === generation) measuring = false;
  }

  function refit(): void {
    if (!shown) {
      measureOnShow = true;
      return;
    }
    count.value = max.value;
    void fit();
  }

  watch([max, ...(options.watchSources ?? [])], refit);

  let observed: HTMLElement | null = null;
  let observer: ResizeObserver | undefined;
  if (options.space) {
    let size = '';
    watch(
      options.space,
      (element, _previous, onCleanup) => {
        if (!element || typeof ResizeObserver === 'undefined') return;
        const next = new ResizeObserver(() => {
          const measured = `${element.clientWidth}x${element.clientHeight}`;
          if (measured === size) return;
          // An observer always reports once at the start: the size the mount's own fit (or the one the
          // data's arrival started) is measuring already. Fitting again from `max` would do it twice.
          const firstReport = size === '';
          size = measured;
          if (!firstReport) refit();
        });
        observer = next;
        observed = element;
        if (shown) next.observe(element);
        onCleanup(() => {
          next.disconnect();
          if (observer === next) observer = undefined;
        });
      },
      { immediate: true, flush: 'post' },
    );
  }

  whileShown(() => {
    shown = true;
    window.addEventListener('resize', refit);
    // A kept slide's box left the page while it was off screen: its observer reports the size it finds
    // when it shows again, and measures only if that changed.
    if (observer && observed) observer.observe(observed);
    if (measureOnShow) {
      measureOnShow = false;
      count.value = max.value;
      void fit();
    }
    return () => {
      shown = false;
      if (measuring) measureOnShow = true;
      measuring = false;
      generation += 1;
      window.removeEventListener('resize', refit);
      observer?.disconnect();
    };
  });

  return { count, refit };
}
