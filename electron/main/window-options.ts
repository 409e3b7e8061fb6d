import type { BrowserWindowConstructorOptions } from 'electron';

/** Matches the renderer's dark theme, so the window never flashes white before the first paint. */
const BACKGROUND_COLOR = '#0b0f17';

/** What {@link buildKioskWindowOptions} needs to know. */
export interface KioskWindowInput {
  /** absolute path of the built, sandboxed preload (CommonJS) */
  preloadPath: string;
  /** true on the wall: fullscreen kiosk; false gives an ordinary window for development */
  kiosk: boolean;
}

/**
 * Builds the options of the display window. Pure, so the security-relevant settings are unit-tested
 * without Electron: the renderer gets no Node, runs sandboxed and isolated from the preload, and keeps
 * animating and updating while no one interacts with the wall.
 */
export function buildKioskWindowOptions(input: KioskWindowInput): BrowserWindowConstructorOptions {
  return {
    title: 'Alignboard',
    kiosk: input.kiosk,
    fullscreen: input.kiosk,
    ...(input.kiosk ? {} : { width: 1600, height: 900 }),
    autoHideMenuBar: true,
    backgroundColor: BACKGROUND_COLOR,
    // Shown on ready-to-show: a window that appears before its first paint shows a blank frame.
    show: false,
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // A wall display is never focused; throttled timers would stall the slide rotation.
      backgroundThrottling: false,
      spellcheck: false,
    },
  };
}
