// The Electron entry with a fake `electron` module and the real core on a temp database: the lifecycle
// wires IPC to the core before the window exists, answers only our window, and closes the database on quit.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/contract';

type Handler = (event: unknown, ...args: unknown[]) => Promise<{ ok: boolean; result?: unknown; error?: unknown }>;

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');

  const userData = mkdtempSync(join(tmpdir(), 'alignboard-main-'));
  const steps: string[] = [];
  const handlers = new Map<string, Handler>();

  class FakeApp extends EventEmitter {
    requestSingleInstanceLock = () => true;
    whenReady = async () => undefined;
    getPath = (name: string) => (name === 'userData' ? userData : tmpdir());
    getVersion = () => '9.9.9-test';
    quit = () => {
      steps.push('quit');
      this.emit('will-quit');
    };
    exit = (code: number) => steps.push(`exit ${code}`);
  }
  const app = new FakeApp();

  let nextId = 1;
  class FakeWebContents extends EventEmitter {
    readonly id = nextId++;
    readonly sent: [string, { name: string }][] = [];
    readonly session = { setPermissionRequestHandler: () => {}, setPermissionCheckHandler: () => {} };
    setWindowOpenHandler = () => {};
    isDestroyed = () => false;
    send = (channel: string, payload: { name: string }) => this.sent.push([channel, payload]);
  }

  class FakeBrowserWindow extends EventEmitter {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.all;
    readonly webContents = new FakeWebContents();
    loaded = '';
    constructor() {
      super();
      steps.push('window');
      FakeBrowserWindow.all.push(this);
    }
    loadFile = async (file: string) => {
      this.loaded = file;
    };
    show = () => {};
    isDestroyed = () => false;
  }

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: () => {} },
    dialog: { showErrorBox: (title: string, message: string) => steps.push(`error ${title}: ${message}`) },
    ipcMain: {
      handle: (channel: string, handler: Handler) => {
        steps.push(`handle ${channel}`);
        handlers.set(channel, handler);
      },
      removeHandler: (channel: string) => {
        steps.push(`remove ${channel}`);
        handlers.delete(channel);
      },
    },
  };
  return { electron, userData, steps, handlers, FakeBrowserWindow };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

describe('the Electron main process', () => {
  afterAll(() => rmSync(fake.userData, { recursive: true, force: true }));

  it('starts the core, serves our window over IPC and closes the database on quit', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const signalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
    await import('../../../electron/main/index');
    await vi.waitFor(() => expect(fake.FakeBrowserWindow.all).toHaveLength(1), { timeout: 20_000 });

    expect(fake.steps.filter((step) => !step.startsWith('error'))).toEqual([`handle ${IPC_INVOKE_CHANNEL}`, 'window']);
    expect(existsSync(join(fake.userData, 'alignboard.db'))).toBe(true);

    const [win] = fake.FakeBrowserWindow.all;
    const invoke = fake.handlers.get(IPC_INVOKE_CHANNEL);
    if (!win || !invoke) throw new Error('the main process did not set up its window and IPC');
    const ours = { sender: { id: win.webContents.id }, senderFrame: { url: pathToFileURL(win.loaded).href } };

    const info = await invoke(ours, 'app.info', {});
    expect(info).toMatchObject({ ok: true, result: { version: '9.9.9-test', demo: true } });

    const foreign = await invoke(
      { sender: { id: win.webContents.id + 100 }, senderFrame: ours.senderFrame },
      'app.info',
    );
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const stages = await invoke(ours, 'pipeline.stages', {});
    const [stage] = stages.result as { id: string }[];
    const deal = { title: 'Lifecycle test deal', amountMinor: 420_00, currency: 'EUR', stageId: stage?.id };
    // Writes over IPC wait for the admin PIN; setting it on first use unlocks this window.
    expect(await invoke(ours, 'deals.create', deal)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(ours, 'admin.setPin', { pin: '2468' })).toMatchObject({ ok: true });
    const created = await invoke(ours, 'deals.create', deal);
    expect(created.ok).toBe(true);
    expect(win.webContents.sent).toContainEqual([
      IPC_EVENT_CHANNEL,
      expect.objectContaining({ name: 'activity.recorded' }),
    ]);

    // Closing the last connection checkpoints the write-ahead log and removes it: the sign of a clean close.
    const wal = join(fake.userData, 'alignboard.db-wal');
    expect(existsSync(wal)).toBe(true);
    fake.electron.app.quit();
    expect(fake.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    expect(existsSync(wal)).toBe(false);

    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) {
        if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
      }
    }
  });
});
