/**
 * One shared "now" for the clock and every "3 min ago". One slow timer for the whole page, running only
 * while some component shows a time: idle CPU matters on a screen that runs all day.
 */
import { computed, getCurrentInstance, readonly, ref, type Ref } from 'vue';
import { whileShown } from './while-shown';

/** How often "now" moves on; the clock shows minutes, so it may lag a few seconds. */
export const NOW_TICK_MS = 10_000;

const now = ref(Date.now());
let users = 0;
let timer: ReturnType<typeof setInterval> | undefined;

function start(): void {
  users += 1;
  if (timer === undefined) {
    now.value = Date.now();
    timer = setInterval(() => {
      now.value = Date.now();
    }, NOW_TICK_MS);
  }
}

function stop(): void {
  users -= 1;
  if (users <= 0 && timer !== undefined) {
    clearInterval(timer);
    timer = undefined;
    users = 0;
  }
}

/**
 * The current time in epoch ms, ticking while the calling component is on screen. A component of a slide kept
 * off screen sees the time it left at, so that the tick does not re-render it while nobody sees it.
 */
export function useNow(): Readonly<Ref<number>> {
  if (timer === undefined) now.value = Date.now();
  if (!getCurrentInstance()) return readonly(now);
  const shown = ref(true);
  let leftAt = now.value;
  whileShown(() => {
    start();
    shown.value = true;
    return () => {
      leftAt = now.value;
      shown.value = false;
      stop();
    };
  });
  return computed(() => (shown.value ? now.value : leftAt));
}
