/** What the kiosk needs to run: the playlist, the room's settings, app info (demo flag), the connection. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppInfo, DisplaySettings } from '@shared/domain';
import { useApi, type ConnectionState } from '../api';
import { createLiveLoader, errorMessage } from './live';

export const useDisplayStore = defineStore('display', () => {
  const api = useApi();
  const settings = ref<DisplaySettings | null>(null);
  const appInfo = ref<AppInfo | null>(null);
  const error = ref<string | null>(null);
  const connection = ref<ConnectionState>(api.connection);
  api.onConnection((state) => {
    connection.value = state;
  });

  const loader = createLiveLoader(api, async () => {
    try {
      const [nextInfo, nextSettings] = await Promise.all([api.call('app.info', {}), api.call('settings.display', {})]);
      appInfo.value = nextInfo;
      settings.value = nextSettings;
      error.value = null;
    } catch (cause) {
      error.value = errorMessage(cause);
    }
  });

  const playlist = computed(() => settings.value?.playlist ?? []);
  const demo = computed(() => appInfo.value?.demo === true);
  const offline = computed(() => connection.value === 'offline');

  return {
    settings,
    appInfo,
    error,
    connection,
    playlist,
    demo,
    offline,
    ensureLoaded: loader.ensureLoaded,
    refresh: loader.refresh,
  };
});
