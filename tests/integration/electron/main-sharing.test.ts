// The Electron entry wires "share to other screens": with sharing switched on in the database, the app
// starts the LAN server (the real one, on 127.0.0.1) serving the renderer folder, and stops it on quit.
// A fake `electron` module stands in for Electron, as in main-lifecycle.test.ts.
import { readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { SharingStatus } from '@shared/methods/sharing-methods';
import { IPC_INVOKE_CHANNEL } from '@shared/contract';
import { createCore } from '../../../electron/core/create-core';
import { setSetting } from '../../../electron/core/db/repositories/settings-repository';
import { SETTING_KEYS } from '../../../electron/core/services/support/settings-service';

type Handler = (event: unknown, ...args: unknown[]) => Promise<{ ok: boolean; result?: unknown }>;

const fake = await vi.hoisted(async () => {
  const { fakeElectronSecurity: security } = await import('./fake-electron-security');
  const { EventEmitter } = await import('node:events');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const userData = mkdtempSync(join(tmpdir(), 'alignboard-main-share-'));
  const handlers = new Map<string, Handler>();

  class FakeApp extends EventEmitter {
    requestSingleInstanceLock = () => true;
    setLoginItemSettings = () => {};
    getAppMetrics = () => [];
    relaunch = () => {};
    whenReady = async () => {};
    getPath = (name: string) => (name === 'userData' ? userData : tmpdir());
    getVersion = () => '9.9.9-test';
    quit = () => {
      this.emit('before-quit');
      this.emit('will-quit');
    };
    exit = () => {};
  }
  const app = new FakeApp();
  let nextId = 1;
  class FakeWebContents extends EventEmitter {
    readonly id = nextId++;
    readonly session = { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} };
    setWindowOpenHandler = () => {};
    isDestroyed = () => false;
    send = () => {};
  }
  class FakeBrowserWindow extends EventEmitter {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.all;
    readonly webContents = new FakeWebContents();
    loaded = '';
    constructor() {
      super();
      FakeBrowserWindow.all.push(this);
    }
    loadURL = async (url: string) => {
      this.loaded = url;
    };
    show = () => {};
    isKiosk = () => true;
    setKiosk = () => {};
    isDestroyed = () => false;
  }
  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: () => {} },
    ...security,
    shell: { openExternal: async () => {} },
    protocol: { registerSchemesAsPrivileged: () => {}, handle: () => {} },
    powerSaveBlocker: { start: () => 1, stop: () => {}, isStarted: () => false },
    dialog: { showErrorBox: (title: string, message: string) => console.error(title, message) },
    ipcMain: {
      handle: (channel: string, handler: Handler) => handlers.set(channel, handler),
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
  return { electron, userData, handlers, FakeBrowserWindow };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('the Electron main process and sharing', () => {
  afterAll(() => rmSync(fake.userData, { recursive: true, force: true }));

  it('starts the LAN server the setting asks for and stops it on quit', async () => {
    const port = await freePort();
    const seed = createCore({
      dbFile: join(fake.userData, 'alignboard.db'),
      version: '0',
      demo: 'never',
      backups: false,
    });
    setSetting(seed.ctx.db, SETTING_KEYS.lanShare, { enabled: true, host: 'loopback', port }, Date.now());
    seed.close();

    const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    await import('../../../electron/main/index');
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(1), { timeout: 20_000 });
    const [win] = fake.FakeBrowserWindow.all;
    const invoke = fake.handlers.get(IPC_INVOKE_CHANNEL)!;
    const ours = { sender: { id: win!.webContents.id }, senderFrame: { url: 'app://alignboard/index.html' } };

    let status: SharingStatus | undefined;
    await vi.waitFor(
      async () => {
        status = (await invoke(ours, 'sharing.status', {})).result as SharingStatus;
        expect(status.running).toBe(true);
      },
      { timeout: 10_000 },
    );
    expect(status).toMatchObject({ configurable: true, enabled: true, port });
    // The kiosk window is locked: it gets the wall's link, not the admin's.
    expect(status!.admin).toBeNull();
    const viewerUrl = status!.viewer[0]!.url;
    const token = new URL(viewerUrl).searchParams.get('token')!;
    const served = await fetch(`http://127.0.0.1:${port}/api/app.info`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{}',
    });
    expect(served.status).toBe(200);

    // The tokens are in the secret file beside the database, owner-only and encrypted with the keychain.
    const secretFile = join(fake.userData, 'alignboard.db.secrets.json');
    if (process.platform !== 'win32') expect(statSync(secretFile).mode & 0o777).toBe(0o600);
    const secretText = readFileSync(secretFile, 'utf8');
    expect(secretText).not.toContain(token);
    expect((JSON.parse(secretText) as { values: Record<string, object> }).values['http.tokens']).toHaveProperty(
      'encrypted',
    );

    fake.electron.app.quit();
    await vi.waitFor(() => expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow(), { timeout: 5_000 });
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) {
        if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
      }
    }
  });
});
