/**
 * The CRM connections the admin sets up (connections-methods.ts): their status, kept current by every
 * `connection.changed` event (a sync started, ended or failed) and every write, and the calls that save,
 * test, map, run, pause and disconnect them. Every call reads the list again afterwards, also after a
 * failure (a refused credential changes the connection's state).
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { MethodInput } from '@shared/contract';
import type { ConnectionInfo, CrmVendor, OwnerTeamRule } from '@shared/connections';
import { useApi } from '../api';
import { createLiveLoader, trackLoadError } from './live';

export const useConnectionsStore = defineStore('connections', () => {
  const api = useApi();
  const connections = ref<ConnectionInfo[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  const loader = createLiveLoader(api, () =>
    trackLoadError(error, async () => {
      connections.value = await api.call('connections.list', {});
      loaded.value = true;
    }),
  );

  let following = false;
  /** Loads once, then follows every write and every change of a connection's state. */
  function ensureLoaded(): Promise<void> {
    if (!following) {
      following = true;
      api.on((event) => {
        if (event.name === 'connection.changed') void loader.refresh();
      });
    }
    return loader.ensureLoaded();
  }

  /** Runs a call, then reads the connections again; rejects with the server's ApiError. */
  async function andReload<T>(pending: Promise<T>): Promise<T> {
    try {
      return await pending;
    } finally {
      await loader.refresh();
    }
  }

  return {
    connections,
    loaded,
    error,
    ensureLoaded,
    refresh: loader.refresh,
    /** Creates or changes a connection (credentials left out keep the stored ones). */
    save: (input: MethodInput<'connections.save'>) => andReload(api.call('connections.save', input)),
    /** Asks the CRM with the saved credentials; stores nothing but the allowance it reports. */
    test: (vendor: CrmVendor) => andReload(api.call('connections.test', { vendor })),
    /** The CRM's stages (with counts) and users, matched to the wall's stages and people; changes nothing. */
    previewMapping: (vendor: CrmVendor, teamRule?: OwnerTeamRule) =>
      api.call('connections.previewMapping', teamRule ? { vendor, teamRule } : { vendor }),
    /** The wall's own pipeline stages, which CRM stages map to. */
    wallStages: () => api.call('pipeline.stages', {}),
    confirmMapping: (input: MethodInput<'connections.confirmMapping'>) =>
      andReload(api.call('connections.confirmMapping', input)),
    syncNow: (vendor: CrmVendor) => andReload(api.call('connections.syncNow', { vendor })),
    pause: (vendor: CrmVendor) => andReload(api.call('connections.pause', { vendor })),
    resume: (vendor: CrmVendor) => andReload(api.call('connections.resume', { vendor })),
    disconnect: (vendor: CrmVendor) => andReload(api.call('connections.disconnect', { vendor })),
    linkEntered: (input: MethodInput<'connections.linkEntered'>) =>
      andReload(api.call('connections.linkEntered', input)),
  };
});
