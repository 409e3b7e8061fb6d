/**
 * Pairing another screen: the wall shows a QR code of its viewer link while someone pressed Q, and the
 * admin page shows the admin link's QR code. The links (with their tokens) and the QR codes come from the
 * LAN server (`GET /api/pairing`), which answers the admin link to admins only.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useApi, type PairingInfo } from '../api';

export const usePairingStore = defineStore('pairing', () => {
  /** whether the wall's QR overlay is up */
  const shown = ref(false);
  const info = ref<PairingInfo | null>(null);
  /** why there is nothing to show, in plain words */
  const problem = ref<string | null>(null);

  async function load(): Promise<void> {
    const api = useApi();
    if (!api.pairing) {
      problem.value = 'This screen is not shared over the network; start Alignboard with its server to pair others.';
      return;
    }
    try {
      info.value = await api.pairing();
      problem.value = null;
    } catch (error) {
      problem.value = error instanceof Error ? error.message : 'The pairing links cannot be loaded.';
    }
  }

  /** Shows or hides the wall's QR overlay (key Q); the links are fetched fresh each time it opens. */
  function toggle(): void {
    shown.value = !shown.value;
    if (shown.value) void load();
  }

  return { shown, info, problem, load, toggle };
});
