/**
 * The first run: whether this server still waits for its setup, whether this page may do it,
 * and doing it. App.vue asks it which screen to show: the wizard (the kiosk window, or a browser holding
 * the admin link), a waiting screen (a TV paired with the viewer link, which may not write), or the wall.
 *
 * Only types come from the setup contract: its schema brings zod, which the wall's bundle must not carry
 * (the wizard, a lazy chunk, validates with it).
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiError } from '@shared/api-error';
import type { MethodInput } from '@shared/contract';
import type { SetupStatus } from '@shared/methods/setup-methods';
import { useApi } from '../api';
import { useDisplayStore } from './display';
import { errorMessage } from './live';

/** What the page shows: nothing yet, the wizard, the waiting screen, or the wall (setup is done). */
export type SetupScreen = 'checking' | 'wizard' | 'waiting' | 'wall';

/** How often a waiting screen (or a page that could not ask yet) asks again whether setup is done. */
export const SETUP_POLL_MS = 3_000;

export type SetupInput = MethodInput<'setup.complete'>;

export const useSetupStore = defineStore('setup', () => {
  const api = useApi();
  const status = ref<SetupStatus | null>(null);
  /** whether this page may complete the setup; null until known */
  const mayComplete = ref<boolean | null>(null);
  /** why the status could not be asked, in plain words */
  const error = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let checking: Promise<void> | undefined;
  let listening = false;

  const needed = computed(() => status.value?.needed === true);
  const screen = computed<SetupScreen>(() => {
    if (status.value === null) return error.value === null ? 'checking' : 'wall';
    if (!status.value.needed) return 'wall';
    if (mayComplete.value === null) return 'checking';
    return mayComplete.value ? 'wizard' : 'waiting';
  });

  /**
   * Whether this page may write: the kiosk window always (its main process decides), a browser only with
   * the admin link, which the server tells by answering the admin's pairing link to admins only.
   */
  async function findOutMayComplete(): Promise<boolean> {
    if (api.transport === 'ipc') return true;
    if (!api.pairing) return false;
    try {
      return (await api.pairing()).admin !== null;
    } catch {
      return false;
    }
  }

  async function ask(): Promise<void> {
    try {
      const next = await api.call('setup.status', {});
      if (next.needed && mayComplete.value === null) mayComplete.value = await findOutMayComplete();
      // Setup was done elsewhere: the wall needs the playlist, team names and demo flag it set, before it shows.
      if (status.value?.needed === true && !next.needed) await useDisplayStore().refresh();
      status.value = next;
      error.value = null;
    } catch (cause) {
      if (cause instanceof ApiError && cause.code === 'unknown_method') {
        // A server from before the first-run screen: its data needs no setup.
        status.value = { needed: false, completedAt: null };
        error.value = null;
      } else {
        error.value = errorMessage(cause);
      }
    }
    schedule();
  }

  /** Keeps asking while the answer is unknown or setup is still needed (a TV waits for the admin). */
  function schedule(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (status.value !== null && !status.value.needed) return;
    timer = setTimeout(() => void check(), SETUP_POLL_MS);
  }

  /** Asks now (joins a question in flight). */
  function check(): Promise<void> {
    checking ??= ask().finally(() => {
      checking = undefined;
    });
    return checking;
  }

  /** The first call asks and starts following; every write the server records makes a waiting page ask again. */
  function ensureLoaded(): Promise<void> {
    if (!listening) {
      listening = true;
      api.on((event) => {
        if (event.name === 'activity.recorded' && needed.value) void check();
      });
    }
    return status.value === null ? check() : Promise.resolve();
  }

  /**
   * Completes the setup in one call; the wall then follows at once (no reload). Rejects with the server's
   * {@link ApiError} (its `field` names the input at fault).
   */
  async function complete(input: SetupInput): Promise<SetupStatus> {
    const next = await api.call('setup.complete', input);
    stop();
    // The wall shows with the playlist, team names and demo flag just set, not the defaults from before.
    await useDisplayStore().refresh();
    status.value = next;
    return next;
  }

  /** Stops asking (tests, page unload). */
  function stop(): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
  }

  return { status, mayComplete, error, needed, screen, ensureLoaded, check, complete, stop };
});
