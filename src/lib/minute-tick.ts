/**
 * A "now" that moves on at the start of every minute, for what changes by the minute (night screen,
 * privacy schedule, meeting banners, burn-in drift). One setTimeout at a time, re-armed for the next
 * minute boundary, so the page does no other work while the wall sleeps.
 */
import { getCurrentInstance, onBeforeUnmount, readonly, ref, type Ref } from 'vue';

const MINUTE = 60_000;
/** wake a little after the boundary, so that a clock read then is surely in the new minute */
const AFTER_BOUNDARY_MS = 50;

export interface MinuteTick {
  now: Readonly<Ref<number>>;
  /** Reads the clock now (e.g. after a key press), without waiting for the next minute. */
  sync(): void;
  stop(): void;
}

/** Starts a minute tick; inside a component it stops when the component unmounts. */
export function useMinuteTick(): MinuteTick {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;

  function arm(): void {
    if (timer !== undefined) clearTimeout(timer);
    const current = Date.now();
    const wait = MINUTE - (current % MINUTE) + AFTER_BOUNDARY_MS;
    timer = setTimeout(() => {
      timer = undefined;
      now.value = Date.now();
      arm();
    }, wait);
  }

  function stop(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  arm();
  if (getCurrentInstance()) onBeforeUnmount(stop);
  return {
    now: readonly(now),
    sync() {
      now.value = Date.now();
      arm();
    },
    stop,
  };
}
