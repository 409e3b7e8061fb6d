/**
 * What the wall knows about the CRM connections (no addresses, no credentials): when each last synced and
 * since when it fails, for the freshness line of the slides whose figures come from the CRM. Kept current
 * by every `connection.changed` event, and read again after the event stream comes back.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ConnectionStatus } from '@shared/connections';
import { onReconnect, useApi } from '../api';
import type { CrmFreshness } from '../lib/freshness-words';

export const useCrmStatusStore = defineStore('crm-status', () => {
  const api = useApi();
  const statuses = ref<ConnectionStatus[]>([]);
  let started: Promise<void> | undefined;

  async function load(): Promise<void> {
    try {
      statuses.value = await api.call('connections.status', {});
    } catch {
      // Without the answer the freshness line says what the figures themselves say; nothing to show here.
    }
  }

  /** Loads once, then follows every change of a connection's state. */
  function ensureLoaded(): Promise<void> {
    if (!started) {
      api.on((event) => {
        if (event.name !== 'connection.changed') return;
        const others = statuses.value.filter((status) => status.vendor !== event.data.vendor);
        statuses.value = [...others, event.data].sort((a, b) => a.vendor.localeCompare(b.vendor));
      });
      onReconnect(api, () => void load());
      started = load();
    }
    return started;
  }

  /** The connections that feed the wall: mapped and synced at least once (or trying to). */
  const sources = computed<CrmFreshness[]>(() =>
    statuses.value
      .filter((status) => status.state !== 'needs_credentials' && status.state !== 'needs_mapping')
      .map((status) => ({ vendor: status.vendor, syncedAt: status.lastSuccessAt, failingSince: status.failingSince })),
  );

  return { statuses, sources, ensureLoaded };
});
