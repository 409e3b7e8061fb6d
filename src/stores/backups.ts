/** The backups the admin lists, "back up now", and restoring one (backup-methods.ts). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BackupInfo, RestoreResult } from '@shared/methods/backup-methods';
import { useApi } from '../api';
import { errorMessage } from './live';

export const useBackupsStore = defineStore('backups', () => {
  const api = useApi();
  const backups = ref<BackupInfo[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);

  /** Reads the list of backups (newest first). */
  async function load(): Promise<void> {
    try {
      backups.value = await api.call('backups.list', {});
      loaded.value = true;
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  }

  /** Takes a backup now; rejects with the server's ApiError. */
  async function backUpNow(): Promise<BackupInfo> {
    const backup = await api.call('backups.create', {});
    await load();
    return backup;
  }

  /** Makes a backup's data live (after a safety backup); rejects with the server's ApiError. */
  async function restore(fileName: string): Promise<RestoreResult> {
    try {
      return await api.call('backups.restore', { fileName });
    } finally {
      // Also after a failure: a safety backup may have been taken before it.
      await load();
    }
  }

  return { backups, loaded, error, load, backUpNow, restore };
});
