import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { createCore, type Core } from '../core/create-core';
import { setupIpc } from './ipc';
import { createKioskWindow, ownWebContents, RENDERER_URL_PREFIX } from './windows';

// `electron . --windowed` gives developers an ordinary window instead of the fullscreen kiosk.
const kiosk = !process.argv.includes('--windowed');

/** One app per machine: the database has a single writer, and a second launch only focuses the first. */
function setupSingleInstance(): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  return true;
}

function setupCore(): Core {
  return createCore({
    dbFile: join(app.getPath('userData'), 'alignboard.db'),
    version: app.getVersion(),
    demo: 'if-empty',
  });
}

function setupWindows(): void {
  createKioskWindow({ kiosk });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createKioskWindow({ kiosk });
  });
  app.on('window-all-closed', () => app.quit());
}

function setupShutdown(core: Core, teardownIpc: () => void): void {
  app.on('will-quit', () => {
    teardownIpc();
    core.close();
  });
  // Ctrl+C in the terminal or a service manager's stop: quit through Electron so the database is closed.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
}

async function main(): Promise<void> {
  if (!setupSingleInstance()) {
    app.quit();
    return;
  }
  await app.whenReady();
  // No menu: its shortcuts (reload, dev tools, quit) have no place on a wall display.
  Menu.setApplicationMenu(null);
  const core = setupCore();
  const teardownIpc = setupIpc(core.dispatch, core.ctx.bus, ownWebContents, RENDERER_URL_PREFIX);
  setupShutdown(core, teardownIpc);
  setupWindows();
}

main().catch((error: unknown) => {
  console.error('Alignboard could not start:', error);
  dialog.showErrorBox('Alignboard could not start', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
