/**
 * Coalesces refetches. A burst of events (an import writes hundreds) causes one refetch after the burst
 * settles, and never two refetches of the same thing at once.
 */

/** Wait this long after the last event before refetching. */
export const REFRESH_DEBOUNCE_MS = 200;
/** ...but never longer than this after the first event of a burst, so a steady stream still updates. */
export const REFRESH_MAX_WAIT_MS = 1000;

export interface Refresher {
  /** Loads now (or joins the load in flight, then loads once more); resolves when data is current. */
  now(): Promise<void>;
  /** Loads soon: debounced by {@link REFRESH_DEBOUNCE_MS}. */
  schedule(): void;
  cancel(): void;
}

export function createRefresher(load: () => Promise<void>, debounceMs = REFRESH_DEBOUNCE_MS): Refresher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstScheduledAt = 0;
  let running: Promise<void> | undefined;
  let again = false;

  function run(): Promise<void> {
    if (running) {
      // Something changed after the load in flight began: load once more when it ends.
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await load();
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  function cancel(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  return {
    now() {
      cancel();
      return run();
    },
    schedule() {
      const now = Date.now();
      if (timer === undefined) firstScheduledAt = now;
      else clearTimeout(timer);
      const wait = Math.max(0, Math.min(debounceMs, firstScheduledAt + REFRESH_MAX_WAIT_MS - now));
      timer = setTimeout(() => {
        timer = undefined;
        void run();
      }, wait);
    },
    cancel,
  };
}
