/** The backups the admin lists, "back up now", and restoring one (backups-methods.ts). */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { BackupInfo, BackupRetention, RestoreResult } from '@shared/methods/backups-methods';
import type { DemoRemovalResult } from '@shared/methods/demo-methods';
import { useApi } from '../api';
import { trackLoadError } from './live';

export const useBackupsStore = defineStore('backups', () => {
  const api = useApi();
  const backups = ref<BackupInfo[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const retention = ref<BackupRetention | null>(null);

  /** Reads the list of backups (newest first) and how many daily ones are kept. */
  async function load(): Promise<void> {
    try {
      retention.value = await api.call('backups.retention', {});
    } catch {
      // The retention form stays disabled; the list below is what matters, and says what failed.
    }
    await trackLoadError(error, async () => {
      backups.value = await api.call('backups.list', {});
      loaded.value = true;
    });
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

  /** Keeps a new number of daily backups; rejects with the server's ApiError. */
  async function setRetention(keepDaily: number): Promise<BackupRetention> {
    retention.value = await api.call('backups.setRetention', { keepDaily });
    return retention.value;
  }

  /** Backs the demo data up, then removes it; rejects with the server's ApiError. */
  async function removeDemo(): Promise<DemoRemovalResult> {
    try {
      return await api.call('demo.remove', {});
    } finally {
      // The backup may have been taken even when the removal failed.
      await load();
    }
  }

  return { backups, loaded, error, retention, load, backUpNow, restore, setRetention, removeDemo };
});
