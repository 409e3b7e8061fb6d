import { join } from 'node:path';
import { BrowserWindow, type Session, type WebContents } from 'electron';
import { isOwnUrl, rendererUrlPrefix } from './renderer-url';
import { buildKioskWindowOptions } from './window-options';

// The bundle lives in out/main; electron-vite writes the preload to out/preload, the renderer to out/renderer.
const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');

/** Every page of our renderer starts with this; IPC and navigation trust nothing else. */
export const RENDERER_URL_PREFIX = rendererUrlPrefix(RENDERER_DIR);

const ownWindows = new Set<BrowserWindow>();

/** The webContents of every live window this app created: the only ones allowed to call IPC. */
export function ownWebContents(): WebContents[] {
  return [...ownWindows].filter((win) => !win.isDestroyed()).map((win) => win.webContents);
}

/** Creates the display window, guarded and loading the renderer; it shows itself once painted. */
export function createKioskWindow(options: { kiosk: boolean }): BrowserWindow {
  const win = new BrowserWindow(buildKioskWindowOptions({ preloadPath: PRELOAD_PATH, kiosk: options.kiosk }));
  ownWindows.add(win);
  win.on('closed', () => ownWindows.delete(win));
  guardWebContents(win.webContents, RENDERER_URL_PREFIX);
  denyPermissions(win.webContents.session);
  win.once('ready-to-show', () => win.show());
  loadRenderer(win).catch((error: unknown) => console.error('could not load the display:', error));
  return win;
}

/** Loads the built renderer. The one place that knows where the UI comes from. */
export function loadRenderer(win: BrowserWindow): Promise<void> {
  return win.loadFile(join(RENDERER_DIR, 'index.html'));
}

/**
 * Keeps a webContents on our own pages: navigation and redirects elsewhere are cancelled, new windows
 * and embedded webviews are refused. A wall display never needs to show a foreign page.
 */
export function guardWebContents(contents: WebContents, urlPrefix: string): void {
  contents.on('will-navigate', (event) => {
    if (!isOwnUrl(event.url, urlPrefix)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOwnUrl(event.url, urlPrefix)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Refuses every permission (camera, notifications, geolocation, ...): the display asks for none. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
