// The Electron entry with a fake `electron` module and the real core on a temp database: the lifecycle
// wires IPC to the core before the window exists, answers only our window, and closes the database on quit.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/contract';

type Handler = (event: unknown, ...args: unknown[]) => Promise<{ ok: boolean; result?: unknown; error?: unknown }>;

const fake = await vi.hoisted(async () => {
  const { fakeElectronSecurity: security } = await import('./fake-electron-security');
  const { EventEmitter } = await import('node:events');
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');

  const userData = mkdtempSync(join(tmpdir(), 'alignboard-main-'));
  const steps: string[] = [];
  const handlers = new Map<string, Handler>();

  class FakeApp extends EventEmitter {
    ready = false;
    loginItems: unknown[] = [];
    requestSingleInstanceLock = () => true;
    setLoginItemSettings = (settings: unknown) => this.loginItems.push(settings);
    getAppMetrics = () => [{ pid: 1, type: 'Browser', memory: { workingSetSize: 1, peakWorkingSetSize: 1 } }];
    relaunch = () => steps.push('relaunch');
    whenReady = async () => {
      this.ready = true;
    };
    getPath = (name: string) => (name === 'userData' ? userData : tmpdir());
    getVersion = () => '9.9.9-test';
    quit = () => {
      steps.push('quit');
      this.emit('before-quit');
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
    reload = () => {};
    forcefullyCrashRenderer = () => {};
    isDestroyed = () => false;
    send = (channel: string, payload: { name: string }) => this.sent.push([channel, payload]);
  }

  class FakeBrowserWindow extends EventEmitter {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows = () => FakeBrowserWindow.all;
    readonly webContents = new FakeWebContents();
    loaded = '';
    destroyed = false;
    minimized = true;
    focused = false;
    constructor() {
      super();
      steps.push('window');
      FakeBrowserWindow.all.push(this);
    }
    loadURL = async (url: string) => {
      this.loaded = url;
    };
    show = () => {};
    isKiosk = () => true;
    setKiosk = () => {};
    isMinimized = () => this.minimized;
    restore = () => {
      this.minimized = false;
    };
    focus = () => {
      this.focused = true;
    };
    isDestroyed = () => this.destroyed;
    close = () => {
      this.destroyed = true;
      FakeBrowserWindow.all = FakeBrowserWindow.all.filter((win) => win !== this);
      this.emit('closed');
    };
  }

  const protocolCalls = {
    privilegedBeforeReady: false,
    schemes: [] as unknown[],
    handlers: new Map<string, (request: Request) => Promise<Response>>(),
  };
  const powerBlockers = new Map<number, string>();
  let nextBlocker = 1;

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: () => {} },
    ...security,
    shell: { openExternal: async () => {} },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        protocolCalls.privilegedBeforeReady = !app.ready;
        protocolCalls.schemes.push(...schemes);
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        protocolCalls.handlers.set(scheme, handler),
    },
    powerSaveBlocker: {
      start: (type: string) => {
        const id = nextBlocker++;
        powerBlockers.set(id, type);
        return id;
      },
      stop: (id: number) => powerBlockers.delete(id),
      isStarted: (id: number) => powerBlockers.has(id),
    },
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
  return { electron, userData, steps, handlers, FakeBrowserWindow, protocolCalls, powerBlockers };
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
    expect(fake.powerBlockers.size).toBe(0);
    expect(existsSync(join(fake.userData, 'alignboard.db'))).toBe(true);

    const [win] = fake.FakeBrowserWindow.all;
    const invoke = fake.handlers.get(IPC_INVOKE_CHANNEL);
    if (!win || !invoke) throw new Error('the main process did not set up its window and IPC');
    expect(win.loaded).toBe('app://alignboard/index.html');
    const ours = { sender: { id: win.webContents.id }, senderFrame: { url: `${win.loaded}#/admin` } };

    // Our scheme is privileged before ready and served after it, with the CSP header; traversal gets 404.
    expect(fake.protocolCalls.privilegedBeforeReady).toBe(true);
    expect(fake.protocolCalls.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    const serve = fake.protocolCalls.handlers.get('app');
    if (!serve) throw new Error('the app: protocol is not handled');
    const escape = await serve(new Request('app://alignboard/..%2fmain%2findex.js'));
    expect(escape.status).toBe(404);
    expect(escape.headers.get('content-security-policy')).toContain("script-src 'self'");

    // Shown: the display is kept awake, by one blocker; the night lets it sleep.
    win.emit('ready-to-show');
    win.emit('ready-to-show');
    expect([...fake.powerBlockers.values()]).toEqual(['prevent-display-sleep']);
    await invoke(ours, 'display.nightChanged', { night: true });
    expect(fake.powerBlockers.size).toBe(0);
    await invoke(ours, 'display.nightChanged', { night: false });
    expect(fake.powerBlockers.size).toBe(1);
    expect(await invoke(ours, 'display.nightChanged', { night: 'dark' })).toMatchObject({ ok: false });
    // Leaving kiosk mode needs the PIN.
    expect(await invoke(ours, 'kiosk.setEnabled', { kiosk: false })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // Login item on macOS/Windows only; a second launch restores and focuses the window.
    if (process.platform === 'darwin' || process.platform === 'win32') {
      expect(fake.electron.app.loginItems).toEqual([{ openAtLogin: true }]);
    } else expect(fake.electron.app.loginItems).toEqual([]);
    fake.electron.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);

    // A child process that died and the metrics are in the rotating log.
    fake.electron.app.emit('child-process-gone', {}, { type: 'GPU', reason: 'crashed', exitCode: 9 });
    const log = readFileSync(join(fake.userData, 'logs', 'alignboard.log'), 'utf8');
    expect(log).toContain('app metrics');
    expect(log).toContain('child process gone {"type":"GPU","reason":"crashed","exitCode":9}');

    const info = await invoke(ours, 'app.info', {});
    // As installed (no --demo), an empty database waits for the first-run setup instead of getting demo data.
    expect(info).toMatchObject({ ok: true, result: { version: '9.9.9-test', demo: false } });
    expect(await invoke(ours, 'setup.status', {})).toEqual({ ok: true, result: { needed: true, completedAt: null } });

    const foreign = await invoke(
      { sender: { id: win.webContents.id + 100 }, senderFrame: ours.senderFrame },
      'app.info',
    );
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const stages = await invoke(ours, 'pipeline.stages', {});
    const [stage] = stages.result as { id: string }[];
    const deal = { title: 'Lifecycle test deal', amountMinor: 420_00, currency: 'EUR', stageId: stage?.id };
    // Writes over IPC wait for the admin PIN; the first-run setup sets it and unlocks this window.
    expect(await invoke(ours, 'deals.create', deal)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const setup = { data: 'empty', adminPin: '2468', kpi: { target: 10 }, slides: ['kpi', 'funnel'] };
    expect(await invoke(ours, 'setup.complete', setup)).toMatchObject({ ok: true, result: { needed: false } });
    const created = await invoke(ours, 'deals.create', deal);
    expect(created.ok).toBe(true);
    expect(win.webContents.sent).toContainEqual([
      IPC_EVENT_CHANNEL,
      expect.objectContaining({ name: 'activity.recorded' }),
    ]);

    // The window closes: a new one takes its place, the app does not quit.
    vi.useFakeTimers();
    win.close();
    fake.electron.app.emit('window-all-closed');
    vi.advanceTimersByTime(1_000);
    vi.useRealTimers();
    expect(fake.FakeBrowserWindow.all).toHaveLength(1);
    expect(fake.FakeBrowserWindow.all[0]).not.toBe(win);
    expect(fake.steps).not.toContain('quit');

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

  it('refuses to start with an invalid config file: the message in a dialog, then quits, nothing applied', async () => {
    const config = join(fake.userData, 'broken.config.json');
    writeFileSync(config, JSON.stringify({ setup: { data: 'empty', adminPin: '2468', kpi: { target: 0 } } }));
    const before = readFileSync(join(fake.userData, 'alignboard.db'));
    const steps = fake.steps.length;
    process.env.ALIGNBOARD_CONFIG = config;
    vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      vi.resetModules();
      await import('../../../electron/main/index');
      await vi.waitFor(() => expect(fake.steps.slice(steps)).toContain('exit 1'), { timeout: 20_000 });
    } finally {
      delete process.env.ALIGNBOARD_CONFIG;
    }
    expect(fake.steps.slice(steps)).toEqual([
      `error Alignboard could not start: ${config}: setup.kpi.target must be at least 1`,
      'exit 1',
    ]);
    expect(readFileSync(join(fake.userData, 'alignboard.db')).equals(before)).toBe(true);
  });
});
