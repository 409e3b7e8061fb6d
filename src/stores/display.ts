/** What the kiosk needs to run: the playlist, the room's settings, app info (demo flag), the connection. */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppInfo, DisplaySettings } from '@shared/domain';
import { useApi, type ConnectionState } from '../api';
import { createLiveLoader, errorMessage, trackLoadError } from './live';

export const useDisplayStore = defineStore('display', () => {
  const api = useApi();
  const settings = ref<DisplaySettings | null>(null);
  const appInfo = ref<AppInfo | null>(null);
  const error = ref<string | null>(null);
  const connection = ref<ConnectionState>(api.connection);
  api.onConnection((state) => {
    connection.value = state;
  });

  const loader = createLiveLoader(api, () =>
    trackLoadError(error, async () => {
      const [nextInfo, nextSettings] = await Promise.all([api.call('app.info', {}), api.call('settings.display', {})]);
      appInfo.value = nextInfo;
      settings.value = nextSettings;
    }),
  );

  const playlist = computed(() => settings.value?.playlist ?? []);
  const demo = computed(() => appInfo.value?.demo === true);
  const offline = computed(() => connection.value === 'offline');

  /** Tells the kiosk shell when the night screen starts and ends, so it lets the display sleep at night. */
  function reportNight(night: boolean): void {
    api.shell?.('display.nightChanged', { night }).catch((cause: unknown) => {
      error.value = errorMessage(cause);
    });
  }

  /** Whether this page runs in Alignboard's own window, whose kiosk mode it can leave (with the PIN). */
  const inShell = api.shell !== undefined;

  /** Leaves or re-enters kiosk mode; leaving is refused until the admin PIN was given in this window. */
  async function setKiosk(kiosk: boolean): Promise<void> {
    await api.shell?.('kiosk.setEnabled', { kiosk });
  }

  return {
    inShell,
    setKiosk,
    reportNight,
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
