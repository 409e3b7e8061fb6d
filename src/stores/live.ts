/**
 * Keeps a store's figures current: it loads once on first use, then refetches when any row was written
 * (every write records an activity event) and when the event stream comes back after a loss (events
 * may have been missed meanwhile). Refetches are debounced by the refresher.
 */
import { onReconnect, type ApiClient } from '../api';
import { createRefresher } from './refresher';

export interface LiveLoader {
  /** The first call loads and starts following changes; later calls return that first load. */
  ensureLoaded(): Promise<void>;
  /** Loads now; resolves when the data is current. */
  refresh(): Promise<void>;
}

/** Wraps a store's `load` (which must not throw: it records its own error) in load-once-then-follow. */
export function createLiveLoader(api: ApiClient, load: () => Promise<void>): LiveLoader {
  const refresher = createRefresher(load);
  let started: Promise<void> | undefined;
  return {
    ensureLoaded() {
      if (!started) {
        api.on((event) => {
          if (event.name === 'activity.recorded') refresher.schedule();
        });
        onReconnect(api, () => refresher.schedule());
        started = refresher.now();
      }
      return started;
    },
    refresh: () => refresher.now(),
  };
}

/** The words to show for a failed load. */
export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The data could not be loaded.';
}
