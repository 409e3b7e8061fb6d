/**
 * The kiosk's rotation: which stop of the playlist is on screen, one timer for it (no animation-frame
 * loop, so the page idles between slides), and the presenter's moves (next, previous, jump, pause). Empty
 * slides are passed over when the room says so, unless every slide is empty. A forgotten pause resumes by
 * itself after `resumeAfterMs`. Shortly before the rotation moves on, it names the stop that comes next
 * (`upcoming`), so that the kiosk can lay that slide out and draw it before the change.
 */
import { computed, onBeforeUnmount, ref, watch, type ComputedRef, type Ref } from 'vue';

/** What the rotation needs of a stop: its slide id and duration, and whether its slide has nothing to show. */
export interface RotationStop {
  entry: { slideId: string; durationSec: number };
  slide: { isEmpty?: () => boolean };
}

export interface RotationOptions<S extends RotationStop> {
  /** the stops in order; a change of their ids or durations keeps the slide on screen if it can */
  stops: Readonly<Ref<S[]>>;
  /** whether the rotation is on screen (not the stand-up, not the night screen) */
  onScreen: Readonly<Ref<boolean>>;
  /** a pinned slide never moves on */
  pinned: () => boolean;
  /** whether empty slides are passed over */
  skipEmpty: () => boolean;
  /** a pause ends by itself after this long */
  resumeAfterMs: number;
  /** how long before a change the next stop is named (at most half of a slide's time) */
  upcomingMs: number;
}

export interface Rotation<S extends RotationStop> {
  index: Readonly<Ref<number>>;
  /** counts every slide shown, so that the progress cue restarts even when the same slide shows again */
  shown: Readonly<Ref<number>>;
  current: ComputedRef<S | undefined>;
  /** the stop the running rotation shows next, from `upcomingMs` before it does; none while paused */
  upcoming: ComputedRef<S | undefined>;
  paused: Ref<boolean>;
  /** more than one stop takes turns (not pinned, on screen) */
  rotating: ComputedRef<boolean>;
  /** the ids and durations of the stops: what a playlist change changes */
  signature: ComputedRef<string>;
  /** Shows the first stop, unless the rotation already began meanwhile (a playlist change did). */
  begin(): void;
  move(direction: 1 | -1): void;
  /** Shows the stop at `position` (0-based). */
  jump(position: number): void;
  togglePause(): void;
}

/** Runs the rotation over `options.stops` while the calling component is mounted. */
export function useRotation<S extends RotationStop>(options: RotationOptions<S>): Rotation<S> {
  const { stops, onScreen } = options;
  const paused = ref(false);
  const rotating = computed(() => onScreen.value && !options.pinned() && stops.value.length > 1);
  const running = computed(() => rotating.value && !paused.value);

  const index = ref(0);
  const shown = ref(0);
  const current = computed<S | undefined>(() => stops.value[index.value]);
  const upcomingIndex = ref<number | null>(null);
  const upcoming = computed<S | undefined>(() =>
    upcomingIndex.value === null || upcomingIndex.value === index.value ? undefined : stops.value[upcomingIndex.value],
  );

  let timer: ReturnType<typeof setTimeout> | undefined;
  /** how long the slide on screen has run before the last pause */
  let elapsedMs = 0;
  let runningSince = 0;

  // One timer at a time: first until the next stop is named, then until it shows.
  function startClock(): void {
    const stop = current.value;
    if (timer !== undefined || !stop) return;
    runningSince = Date.now();
    const durationMs = stop.entry.durationSec * 1000;
    const leftMs = Math.max(0, durationMs - elapsedMs);
    const aheadMs = Math.min(options.upcomingMs, durationMs / 2);
    timer = leftMs > aheadMs ? setTimeout(announce, leftMs - aheadMs) : setTimeout(advance, leftMs);
    if (leftMs <= aheadMs) upcomingIndex.value = step(index.value, 1);
  }

  function stopClock(): void {
    upcomingIndex.value = null;
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    elapsedMs += Date.now() - runningSince;
  }

  function announce(): void {
    timer = undefined;
    elapsedMs += Date.now() - runningSince;
    startClock();
  }

  /** Shows a slide of the rotation from its start. */
  function show(next: number): void {
    stopClock();
    index.value = next;
    shown.value += 1;
    elapsedMs = 0;
    if (running.value) startClock();
  }

  function isEmpty(stop: S | undefined): boolean {
    return !!stop && options.skipEmpty() && stop.slide.isEmpty?.() === true;
  }

  /** The next slide in a direction, passing over empty ones when the setting says so (unless all are). */
  function step(from: number, direction: 1 | -1): number {
    const count = stops.value.length;
    if (count === 0) return 0;
    for (let k = 1; k <= count; k += 1) {
      const candidate = (((from + direction * k) % count) + count) % count;
      if (!isEmpty(stops.value[candidate])) return candidate;
    }
    return (((from + direction) % count) + count) % count;
  }

  function advance(): void {
    timer = undefined;
    elapsedMs = 0;
    if (stops.value.length === 0) return;
    show(step(index.value, 1));
  }

  /** The first slide to show from `from` on: itself unless it is empty and may be skipped. */
  function firstFrom(from: number): number {
    return isEmpty(stops.value[from]) ? step(from, 1) : from;
  }

  watch(running, (on) => (on ? startClock() : stopClock()));

  // Back from the stand-up or the night: the same slide, from its start.
  watch(onScreen, (on, was) => {
    if (on && !was) {
      paused.value = false;
      show(firstFrom(Math.min(index.value, Math.max(0, stops.value.length - 1))));
    }
  });

  // Settings are refetched after every change anywhere; only a real change of the playlist (or a meeting's
  // slide set starting or ending) may touch the rotation, and then the slide on screen stays if it can.
  const signature = computed(() =>
    stops.value.map((stop) => `${stop.entry.slideId}:${stop.entry.durationSec}`).join('|'),
  );
  watch(signature, (next, previous) => {
    if (next === previous) return;
    const onScreenId = current.value?.entry.slideId;
    const found = stops.value.findIndex((stop) => stop.entry.slideId === onScreenId);
    show(found >= 0 ? found : firstFrom(0));
  });

  let pauseTimer: ReturnType<typeof setTimeout> | undefined;
  watch(paused, (on) => {
    if (pauseTimer !== undefined) clearTimeout(pauseTimer);
    pauseTimer = on
      ? setTimeout(() => {
          pauseTimer = undefined;
          paused.value = false;
        }, options.resumeAfterMs)
      : undefined;
  });

  onBeforeUnmount(() => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pauseTimer !== undefined) clearTimeout(pauseTimer);
  });

  return {
    index,
    shown,
    current,
    upcoming,
    paused,
    rotating,
    signature,
    begin() {
      if (timer === undefined) show(firstFrom(Math.min(index.value, Math.max(0, stops.value.length - 1))));
    },
    move(direction) {
      if (!onScreen.value || options.pinned() || stops.value.length === 0) return;
      show(step(index.value, direction));
    },
    jump(position) {
      if (!onScreen.value || options.pinned() || position >= stops.value.length) return;
      show(position);
    },
    togglePause() {
      if (!onScreen.value || options.pinned()) return;
      paused.value = !paused.value;
    },
  };
}
