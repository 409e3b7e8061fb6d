/**
 * Pairing other screens and sharing the wall with them. The wall shows a QR code of its viewer link while
 * someone pressed Q; the admin page ("Other screens") shows the sharing setting, the server's state, and
 * every link with its QR code. In a browser the wall's link comes from the server it was loaded from
 * (`GET /api/pairing`); in the app's own window from `sharing.status`, since the app's server runs only
 * while sharing is on. The server lists admin links to admins only.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ShareSettings, SharingStatus } from '@shared/methods/sharing-methods';
import { useApi, type PairingInfo } from '../api';

/** What the wall says when its viewer link points at this computer only. */
export const LOCAL_ONLY_HINTS = {
  http: 'Only this machine can open it: start Alignboard with --host 0.0.0.0 to share it on the network.',
  ipc: 'Only this computer can open it: choose “Everyone on this network” in Admin → Display → Other screens.',
} as const;

/** Why the app's window has no link to show, in plain words. */
export function sharingProblem(status: SharingStatus): string | null {
  if (status.running && status.viewer.length > 0) return null;
  if (status.problem) return status.problem;
  if (!status.enabled) return 'Sharing with other screens is off. Switch it on in Admin → Display → Other screens.';
  return 'The server for other screens is starting…';
}

/** The access token in a pairing link. */
function tokenOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get('token');
  } catch {
    return null;
  }
}

export const usePairingStore = defineStore('pairing', () => {
  /** whether the wall's QR overlay is up */
  const shown = ref(false);
  /** the wall's link (and, for admins, the admin link) */
  const info = ref<PairingInfo | null>(null);
  /** why there is nothing to show, in plain words */
  const problem = ref<string | null>(null);
  /** the sharing setting and server state, for the admin page */
  const status = ref<SharingStatus | null>(null);
  /** why the sharing status cannot be loaded */
  const statusError = ref<string | null>(null);

  /** The wall's link: from the server this page came from, or (in the app) from the sharing status. */
  async function load(): Promise<void> {
    const api = useApi();
    try {
      if (api.pairing) {
        info.value = await api.pairing();
        problem.value = null;
        return;
      }
      const next = await api.call('sharing.status', {});
      status.value = next;
      problem.value = sharingProblem(next);
      const viewer = next.viewer[0];
      info.value = problem.value === null && viewer ? { viewer, admin: next.admin?.[0] ?? null } : null;
    } catch (error) {
      info.value = null;
      problem.value = error instanceof Error ? error.message : 'The pairing links cannot be loaded.';
    }
  }

  /** The sharing setting and server state (admin page). */
  async function loadStatus(): Promise<void> {
    try {
      status.value = await useApi().call('sharing.status', {});
      statusError.value = null;
    } catch (error) {
      statusError.value = error instanceof Error ? error.message : 'The sharing status cannot be loaded.';
    }
  }

  /**
   * Stores the sharing setting; the server follows it. Rejects with the server's error (field named).
   * From a browser, the answer lists the links of the server to come, even when the change closes the
   * one this page came from (it closes only after answering).
   */
  async function save(settings: ShareSettings): Promise<SharingStatus> {
    const next = await useApi().call('sharing.save', settings);
    status.value = next;
    statusError.value = null;
    return next;
  }

  /**
   * Replaces both tokens: every paired screen must pair again. A browser admin page switches to the new
   * admin token from the answer before anything else, so it does not lock itself out.
   */
  async function rotateTokens(): Promise<SharingStatus> {
    const api = useApi();
    const next = await api.call('sharing.rotateTokens', {});
    const adminToken = next.admin?.[0] ? tokenOf(next.admin[0].url) : null;
    if (api.transport === 'http' && adminToken) api.useToken?.(adminToken);
    status.value = next;
    statusError.value = null;
    return next;
  }

  /**
   * 'http' when this page came from Alignboard's server (a browser), which a sharing change can close;
   * 'ipc' in the app's own window.
   */
  function transport(): 'ipc' | 'http' {
    return useApi().transport;
  }

  /** What the wall says under a link to this computer only: how to share it with the network instead. */
  function localHint(): string {
    return LOCAL_ONLY_HINTS[useApi().transport];
  }

  /** Shows or hides the wall's QR overlay (key Q); the links are fetched fresh each time it opens. */
  function toggle(): void {
    shown.value = !shown.value;
    if (shown.value) void load();
  }

  return {
    shown,
    info,
    problem,
    status,
    statusError,
    load,
    loadStatus,
    save,
    rotateTokens,
    toggle,
    localHint,
    transport,
  };
});
