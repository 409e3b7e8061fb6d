/**
 * Keeps a store's figures current: it loads once on first use, then refetches when any row was written
 * (every write records an activity event) and when the event stream comes back after a loss (events
 * may have been missed meanwhile). Refetches are debounced by the refresher.
 *
 * A store behind a slide is followed only while the slide is on screen: once any component has followed
 * it, a change seen while nobody follows marks it stale instead of refetching, and the next follower
 * refetches it. A wall of nine slides then does the work of the one it shows (docs/performance.md).
 */
import type { Ref } from 'vue';
import { onReconnect, type ApiClient } from '../api';
import { whileShown } from '../lib/while-shown';
import { createRefresher } from './refresher';

export interface LiveLoader {
  /** The first call loads and starts following changes; later calls return that first load. */
  ensureLoaded(): Promise<void>;
  /** Loads now; resolves when the data is current. */
  refresh(): Promise<void>;
  /**
   * Keeps the data current until the returned release is called; loads first if needed, and refetches at
   * once when something changed while nobody followed.
   */
  follow(): () => void;
}

/** Wraps a store's `load` (which must not throw: it records its own error) in load-once-then-follow. */
export function createLiveLoader(api: ApiClient, load: () => Promise<void>): LiveLoader {
  /** set by every change, cleared when a load starts: what a follower arriving later must refetch */
  let stale = false;
  const refresher = createRefresher(async () => {
    stale = false;
    await load();
  });
  let started: Promise<void> | undefined;
  let followers = 0;
  /** set by the first follower: from then on, nobody following means nobody needs the data */
  let onDemand = false;
  function changed(): void {
    stale = true;
    if (!onDemand || followers > 0) refresher.schedule();
  }
  function ensureLoaded(): Promise<void> {
    if (!started) {
      api.on((event) => {
        if (event.name === 'activity.recorded') changed();
      });
      onReconnect(api, changed);
      started = refresher.now();
    }
    return started;
  }
  return {
    ensureLoaded,
    refresh: () => refresher.now(),
    follow() {
      onDemand = true;
      followers += 1;
      if (!started) void ensureLoaded();
      else if (stale) void refresher.now();
      let released = false;
      return () => {
        if (released) return;
        released = true;
        followers -= 1;
        if (followers === 0) refresher.cancel();
      };
    },
  };
}

/**
 * Follows a store's data while the calling component is on screen (see {@link LiveLoader.follow}): from
 * its mount to its unmount, and for a slide the kiosk keeps alive, only while it is activated.
 */
export function followWhileMounted(store: Pick<LiveLoader, 'follow'>): void {
  whileShown(() => store.follow());
}

/** The words to show for a failed load. */
export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The data could not be loaded.';
}

/**
 * Runs a store's load and keeps its error in step: cleared when the load succeeds, the failure's words when
 * it throws. Never rejects, so it can be a {@link createLiveLoader} load as it is.
 */
export async function trackLoadError(error: Ref<string | null>, load: () => Promise<void>): Promise<void> {
  try {
    await load();
    error.value = null;
  } catch (cause) {
    error.value = errorMessage(cause);
  }
}

/**
 * Loads a slide's data before the slide shows, without following it: until the slide is on screen, a
 * change only marks the data stale.
 */
export function prefetch(store: Pick<LiveLoader, 'follow' | 'ensureLoaded'>): Promise<void> {
  store.follow()();
  return store.ensureLoaded();
}
