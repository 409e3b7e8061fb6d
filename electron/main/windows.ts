import { join } from 'node:path';
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { APP_INDEX_URL, APP_URL_PREFIX } from './app-protocol';
import { openExternalSafely } from './external-url';
import { isBlockedKioskInput } from './kiosk-input';
import { isOwnUrl } from './renderer-url';
import { RendererRecovery, type RecoveryActions } from './renderer-recovery';
import { buildKioskWindowOptions } from './window-options';

// The bundle lives in out/main; electron-vite writes the preload to out/preload, the renderer to out/renderer.
/** The directory our `app://alignboard/` protocol serves. */
export const RENDERER_DIR = join(import.meta.dirname, '../renderer');
const PRELOAD_PATH = join(import.meta.dirname, '../preload/index.cjs');

/** Every page of our renderer starts with this; IPC and navigation trust nothing else. */
export const RENDERER_URL_PREFIX = APP_URL_PREFIX;

const ownWindows = new Set<BrowserWindow>();

/** The webContents of every live window this app created: the only ones allowed to call IPC. */
export function ownWebContents(): WebContents[] {
  return [...ownWindows].filter((win) => !win.isDestroyed()).map((win) => win.webContents);
}

/** Our live window with this webContents id, if any. */
export function ownWindowOf(webContentsId: number): BrowserWindow | undefined {
  return [...ownWindows].find((win) => !win.isDestroyed() && win.webContents.id === webContentsId);
}

/** What the shell wants told about a window besides creating it. */
export interface KioskWindowHooks {
  /** logs recovery steps */
  log?: RecoveryActions['log'];
  /** starts a new app process after repeated renderer failures */
  relaunch?: () => void;
  /** the window is on screen (true) or gone (false) */
  onShowing?: (showing: boolean) => void;
}

/** Creates the display window, guarded and loading the renderer; it shows itself once painted. */
export function createKioskWindow(options: { kiosk: boolean }, hooks: KioskWindowHooks = {}): BrowserWindow {
  // The options come from buildKioskWindowOptions (contextIsolation, sandbox: window-options.test.ts), which
  // electronegativity cannot follow; new windows are denied (guardWebContents), so a middle click opens none.
  const windowOptions = buildKioskWindowOptions({ preloadPath: PRELOAD_PATH, kiosk: options.kiosk });
  const win = new BrowserWindow(windowOptions); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  ownWindows.add(win);
  win.on('closed', () => {
    ownWindows.delete(win);
    hooks.onShowing?.(false);
  });
  // guardWebContents hands this only URLs that passed isAllowedExternalUrl (our exact http(s) allowlist).
  const openAllowed = (url: string) => shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
  guardWebContents(win.webContents, RENDERER_URL_PREFIX, openAllowed);
  guardKioskKeys(win);
  denyPermissions(win.webContents.session);
  watchRenderer(win, hooks);
  win.once('ready-to-show', () => {
    win.show();
    hooks.onShowing?.(true);
  });
  loadRenderer(win).catch((error: unknown) => console.error('could not load the display:', error));
  return win;
}

/**
 * A hidden window of our own for printing the weekly report: the display's options, not shown, never in
 * kiosk mode, guarded like the display. It may use IPC (the page reads the report over the bridge) until
 * it is destroyed.
 */
export function createPrintWindow(): BrowserWindow {
  const windowOptions = {
    ...buildKioskWindowOptions({ preloadPath: PRELOAD_PATH, kiosk: false }),
    width: 1000,
    height: 1400,
  };
  const win = new BrowserWindow(windowOptions); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  ownWindows.add(win);
  win.on('closed', () => ownWindows.delete(win));
  guardWebContents(win.webContents, RENDERER_URL_PREFIX);
  denyPermissions(win.webContents.session);
  return win;
}

/** The report page of a week inside the app, as printed (no toolbar). */
export function reportPrintUrl(weekId: string): string {
  return `${APP_INDEX_URL}?view=report&week=${encodeURIComponent(weekId)}&print=1`;
}

/** Loads the renderer from our protocol. The one place that knows where the UI comes from. */
export function loadRenderer(win: BrowserWindow): Promise<void> {
  return win.loadURL(APP_INDEX_URL);
}

/**
 * In kiosk mode, swallows the keys that would leave it, close, reload or open dev tools (Esc, F11,
 * Alt+F4, Ctrl+W, Ctrl+R, …). Leaving the kiosk needs the PIN (kiosk-control.ts).
 */
export function guardKioskKeys(win: BrowserWindow): void {
  win.webContents.on('before-input-event', (event, input) => {
    if (win.isKiosk() && isBlockedKioskInput(input)) event.preventDefault();
  });
}

/** Brings a crashed or hung page back ({@link RendererRecovery}). */
export function watchRenderer(win: BrowserWindow, hooks: KioskWindowHooks): RendererRecovery {
  const contents = win.webContents;
  const recovery = new RendererRecovery({
    reload: () => {
      if (!win.isDestroyed()) contents.reload();
    },
    forceCrash: () => {
      if (!win.isDestroyed()) contents.forcefullyCrashRenderer();
    },
    relaunch: hooks.relaunch ?? (() => {}),
    log: hooks.log ?? ((message, fields) => console.warn(message, fields ?? '')),
  });
  contents.on('render-process-gone', (_event, details) => recovery.crashed(details.reason));
  win.on('unresponsive', () => recovery.unresponsive());
  win.on('responsive', () => recovery.responsive());
  win.on('closed', () => recovery.dispose());
  return recovery;
}

/**
 * Keeps a webContents on our own pages: navigation and redirects elsewhere are cancelled, new windows
 * and embedded webviews are refused. A wall display never needs to show a foreign page; a link to one of
 * the few addresses on our allowlist (external-url.ts) opens in the system browser instead.
 */
export function guardWebContents(
  contents: WebContents,
  urlPrefix: string,
  openExternal?: (url: string) => Promise<void>,
): void {
  contents.on('will-navigate', (event) => {
    if (!isOwnUrl(event.url, urlPrefix)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isOwnUrl(event.url, urlPrefix)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (openExternal) {
      openExternalSafely(url, openExternal).catch((error: unknown) => console.warn('could not open a link:', error));
    }
    return { action: 'deny' };
  });
}

/** Refuses every permission (camera, notifications, geolocation, ...): the display asks for none. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
