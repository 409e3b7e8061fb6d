/**
 * How many items of a list fit on the screen, measured rather than guessed: a slide renders at most `max`
 * items, and while its box is taller than the space it has, one item less. Text is never shrunk to make
 * things fit (the wall must stay legible from across the room); what is left out is counted as "+N more"
 * or paged by the slide. Measures again when the items change and when the space changes size (a window
 * resize, a banner appearing above the slide).
 */
import { nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref, type WatchSource } from 'vue';

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

  async function fit(): Promise<void> {
    const mine = ++generation;
    await nextTick();
    while (mine === generation && count.value > min) {
      const element = box.value;
      if (!element || element.scrollHeight <= element.clientHeight + 1) break;
      count.value -= 1;
      await nextTick();
    }
  }

  function refit(): void {
    count.value = max.value;
    void fit();
  }

  watch([max, ...(options.watchSources ?? [])], refit);

  if (options.space) {
    let size = '';
    watch(
      options.space,
      (element, _previous, onCleanup) => {
        if (!element || typeof ResizeObserver === 'undefined') return;
        const observer = new ResizeObserver(() => {
          const next = `${element.clientWidth}x${element.clientHeight}`;
          if (next === size) return;
          // An observer always reports once at the start: the size the mount's own fit (or the one the
          // data's arrival started) is measuring already. Fitting again from `max` would do it twice.
          const firstReport = size === '';
          size = next;
          if (!firstReport) refit();
        });
        observer.observe(element);
        onCleanup(() => observer.disconnect());
      },
      { immediate: true, flush: 'post' },
    );
  }

  onMounted(() => {
    window.addEventListener('resize', refit);
    void fit();
  });
  onBeforeUnmount(() => {
    generation += 1;
    window.removeEventListener('resize', refit);
  });

  return { count, refit };
}
