import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, powerSaveBlocker, protocol, session } from 'electron';
import { ApiError } from '@shared/api-error';
import { ConfigFileError, loadConfigFile, locateConfigFile } from '../core/config-file';
import { createCore, type Core } from '../core/create-core';
import { fileSecretStore, secretFileFor } from '../core/secrets/file-secret-store';
import { attachLanShare } from '../core/http/lan-share';
import { guardEveryWebContents, lockDownSession } from './app-guards';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolResponse } from './app-protocol';
import { applyAutostart, wantsAutostart } from './autostart';
import { DisplaySleepGuard } from './display-sleep';
import { logChildProcessGone, startMetricsLogging } from './health-log';
import { setupIpc } from './ipc';
import { createKioskControl } from './kiosk-control';
import { parseLaunchArgs } from './launch-options';
import { createElectronPrinter } from './report-printer';
import { RotatingLog } from './rotating-log';
import { keychainCipher } from './secret-cipher';
import { WindowKeeper } from './window-keeper';
import { startReportSchedule } from '../core/services/report/report-delivery';
import {
  createKioskWindow,
  createPrintWindow,
  ownWebContents,
  ownWindowOf,
  RENDERER_DIR,
  RENDERER_URL_PREFIX,
  reportPrintUrl,
} from './windows';

// `electron . --windowed` gives developers an ordinary window instead of the fullscreen kiosk.
const kiosk = !process.argv.includes('--windowed');

// Privileges of our scheme can only be registered before `ready`.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

/** One app per machine: the database has a single writer, and a second launch only focuses the first. */
function setupSingleInstance(keeper: () => WindowKeeper<BrowserWindow> | undefined): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const win = keeper()?.current() ?? BrowserWindow.getAllWindows()[0];
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  return true;
}

/**
 * Opens the core. An empty database waits for the first-run setup unless `--demo` (npm start) asks for
 * demo data; a config file (--config=, ALIGNBOARD_CONFIG, or alignboard.config.json in userData) sets it
 * up unattended. A bad config throws, and main's catch shows the message and quits: never half a config.
 */
function setupCore(): Core {
  const launch = parseLaunchArgs(process.argv);
  const dataDir = app.getPath('userData');
  const location = locateConfigFile({ flag: launch.config, env: process.env, dataDir });
  const config = loadConfigFile(location);
  const dbFile = join(dataDir, 'alignboard.db');
  // Tokens and the PIN hash live beside the database, encrypted with the OS keychain where there is one.
  const secrets = fileSecretStore(secretFileFor(dbFile), keychainCipher());
  try {
    return createCore({ dbFile, version: app.getVersion(), demo: launch.demo, config, secrets });
  } catch (error) {
    if (error instanceof ApiError) throw new ConfigFileError(`${location.path}: cannot apply it: ${error.message}`);
    throw error;
  }
}

function setupLog(): RotatingLog {
  const log = new RotatingLog({ dir: join(app.getPath('userData'), 'logs'), maxBytes: 2 * 1024 * 1024, keep: 5 });
  app.on('child-process-gone', (_event, details) => logChildProcessGone(log, details));
  return log;
}

/** Relaunches into a fresh process: the last step when the page keeps dying. */
function relaunch(): void {
  app.relaunch();
  app.exit(0);
}

function setupWindows(log: RotatingLog, sleep: DisplaySleepGuard): WindowKeeper<BrowserWindow> {
  const keeper = new WindowKeeper(() =>
    createKioskWindow(
      { kiosk },
      {
        log: (message, fields) => log.write(message, fields),
        relaunch,
        onShowing: (showing) => sleep.setShowing(showing),
      },
    ),
  );
  keeper.start();
  app.on('activate', () => keeper.start());
  // The keeper recreates a closed window; the app ends only through a real quit.
  app.on('window-all-closed', () => {});
  app.on('before-quit', () => keeper.stop());
  return keeper;
}

function setupShutdown(core: Core, teardown: () => void): void {
  app.on('will-quit', () => {
    teardown();
    core.close();
  });
  // Ctrl+C in the terminal or a service manager's stop: quit through Electron so the database is closed.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

let windowKeeper: WindowKeeper<BrowserWindow> | undefined;

async function main(): Promise<void> {
  if (!setupSingleInstance(() => windowKeeper)) {
    app.quit();
    return;
  }
  // Before any window exists, so that no webContents is ever created unguarded.
  guardEveryWebContents(app, RENDERER_URL_PREFIX);
  await app.whenReady();
  lockDownSession(session.defaultSession);
  // No menu: its shortcuts (reload, dev tools, quit) have no place on a wall display.
  Menu.setApplicationMenu(null);
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request, { rootDir: RENDERER_DIR }));
  applyAutostart(app, process.platform, wantsAutostart(kiosk, process.argv));
  const log = setupLog();
  const sleep = new DisplaySleepGuard(powerSaveBlocker);
  const core = setupCore();
  const kioskControl = createKioskControl({
    setNight: (night) => sleep.setNight(night),
    setKiosk: (id, on) => ownWindowOf(id)?.setKiosk(on),
  });
  const teardownIpc = setupIpc(
    core.dispatch,
    core.ctx.bus,
    ownWebContents,
    RENDERER_URL_PREFIX,
    undefined,
    kioskControl,
  );
  const stopMetrics = startMetricsLogging(log, () => app.getAppMetrics());
  // "Share to other screens": the LAN server runs while the admin's setting asks for it (off by default).
  const sharing = attachLanShare(core, { staticDir: RENDERER_DIR });
  // The weekly report is printed by Electron itself from the report page, on schedule and when asked.
  core.ctx.reportPrinter = createElectronPrinter({ openWindow: createPrintWindow, pageUrl: reportPrintUrl });
  const reportSchedule = startReportSchedule(core.ctx);
  setupShutdown(core, () => {
    reportSchedule.stop();
    void sharing.stop();
    stopMetrics();
    sleep.dispose();
    teardownIpc();
  });
  windowKeeper = setupWindows(log, sleep);
}

main().catch((error: unknown) => {
  console.error('Alignboard could not start:', error);
  dialog.showErrorBox('Alignboard could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
