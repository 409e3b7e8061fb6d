/**
 * The wall's mouse pointer: hidden while nobody uses the mouse, shown as soon as it moves, and hidden again
 * after a few seconds without movement, so that a visitor can point at a figure but the pointer never stays
 * parked on the figures.
 */
import { onBeforeUnmount, onMounted, readonly, ref, type Ref } from 'vue';

/** How long the pointer stays after the mouse stopped moving. */
export const CURSOR_IDLE_MS = 3_000;

/**
 * The idle time a page address asks for with `?cursorIdleMs=` (end-to-end tests, so they need not wait
 * three seconds), else {@link CURSOR_IDLE_MS}; values outside 50 ms – 10 min are ignored.
 */
export function cursorIdleMsFrom(search: string): number {
  const asked = Number(new URLSearchParams(search).get('cursorIdleMs'));
  return Number.isInteger(asked) && asked >= 50 && asked <= 600_000 ? asked : CURSOR_IDLE_MS;
}

/**
 * Whether the pointer is idle (hide it) or in use, for the component that calls it; listens on `target`
 * (the window) from mount to unmount. Idle from the start: a wall begins with no one at the mouse.
 */
export function useIdleCursor(idleMs: number = CURSOR_IDLE_MS, target: Window = window): Readonly<Ref<boolean>> {
  const idle = ref(true);
  let timer: ReturnType<typeof setTimeout> | undefined;

  const moved = (): void => {
    idle.value = false;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      idle.value = true;
    }, idleMs);
  };

  onMounted(() => target.addEventListener('mousemove', moved, { passive: true }));
  onBeforeUnmount(() => {
    target.removeEventListener('mousemove', moved);
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  });
  return readonly(idle);
}
