import { isAbsolute } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');

  class FakeSession {
    requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
      null;
    checkHandler: ((contents: unknown, permission: string) => boolean) | null = null;
    setPermissionRequestHandler(handler: FakeSession['requestHandler']) {
      this.requestHandler = handler;
    }
    setPermissionCheckHandler(handler: FakeSession['checkHandler']) {
      this.checkHandler = handler;
    }
  }

  class FakeWebContents extends EventEmitter {
    static nextId = 1;
    readonly id = FakeWebContents.nextId++;
    readonly session = new FakeSession();
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    readonly reload = vi.fn();
    readonly forcefullyCrashRenderer = vi.fn();
    setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    destroyed = false;
    kiosk: boolean;
    readonly show = vi.fn();
    readonly loadURL = vi.fn(async (_url: string) => {});
    isKiosk() {
      return this.kiosk;
    }
    constructor(readonly options: Record<string, unknown>) {
      super();
      this.kiosk = options.kiosk === true;
      FakeBrowserWindow.created.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
  }

  const shell = { openExternal: vi.fn(async (_url: string) => {}) };
  return { FakeBrowserWindow, shell };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow, shell: fake.shell }));

const { createKioskWindow, ownWebContents, ownWindowOf, RENDERER_URL_PREFIX } =
  await import('../../../electron/main/windows');
const { isOwnUrl } = await import('../../../electron/main/renderer-url');
const { APP_URL_PREFIX } = await import('../../../electron/main/app-protocol');
const { DEFAULT_RECOVERY_POLICY } = await import('../../../electron/main/renderer-recovery');

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('createKioskWindow', () => {
  let win: InstanceType<typeof fake.FakeBrowserWindow>;
  const hooks = { log: vi.fn(), relaunch: vi.fn(), onShowing: vi.fn() };

  beforeEach(() => {
    fake.FakeBrowserWindow.created.length = 0;
    vi.clearAllMocks();
    createKioskWindow({ kiosk: true }, hooks);
    const [created] = fake.FakeBrowserWindow.created;
    if (!created) throw new Error('no window was created');
    win = created;
  });

  it('builds a sandboxed kiosk with the CommonJS preload', () => {
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(win.options.kiosk).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(String(prefs.preload)).toMatch(/[\\/]preload[\\/]index\.cjs$/);
    expect(isAbsolute(String(prefs.preload))).toBe(true);
  });

  it('loads the renderer from app://alignboard/, not from a file, and trusts only that origin', () => {
    expect(win.loadURL).toHaveBeenCalledExactlyOnceWith('app://alignboard/index.html');
    expect(RENDERER_URL_PREFIX).toBe(APP_URL_PREFIX);
    expect(isOwnUrl('app://alignboard/index.html#/admin', RENDERER_URL_PREFIX)).toBe(true);
    expect(isOwnUrl('file:///app/out/renderer/index.html', RENDERER_URL_PREFIX)).toBe(false);
  });

  it('shows the window only when it is ready to show, and says when it is showing', () => {
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
    expect(hooks.onShowing).toHaveBeenLastCalledWith(true);
    win.emit('closed');
    expect(hooks.onShowing).toHaveBeenLastCalledWith(false);
  });

  it('cancels navigation to a foreign page and allows our own routes', () => {
    const away = navigationEvent('https://example.com/');
    win.webContents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();

    const file = navigationEvent('file:///etc/passwd');
    win.webContents.emit('will-navigate', file);
    expect(file.preventDefault).toHaveBeenCalled();

    const own = navigationEvent(`${RENDERER_URL_PREFIX}index.html#/admin`);
    win.webContents.emit('will-navigate', own);
    expect(own.preventDefault).not.toHaveBeenCalled();
  });

  it('cancels a redirect to a foreign page', () => {
    const away = navigationEvent('http://127.0.0.1:9/phish');
    win.webContents.emit('will-redirect', away);
    expect(away.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window and refuses embedded webviews', () => {
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler?.({ url: `${RENDERER_URL_PREFIX}index.html` })).toEqual({
      action: 'deny',
    });
    expect(fake.shell.openExternal).not.toHaveBeenCalled();
    const attach = { preventDefault: vi.fn() };
    win.webContents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
  });

  it('opens only an allowlisted http(s) link in the system browser, never in a window', async () => {
    const { EXTERNAL_URL_ALLOWLIST } = await import('../../../electron/main/external-url');
    const allowed = EXTERNAL_URL_ALLOWLIST[0]!;
    expect(win.webContents.windowOpenHandler?.({ url: allowed })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler?.({ url: 'ms-msdt:/id PCWDiagnostic' })).toEqual({ action: 'deny' });
    expect(win.webContents.windowOpenHandler?.({ url: `${allowed}/../../evil` })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(fake.shell.openExternal).toHaveBeenCalledExactlyOnceWith(allowed));
  });

  it('denies permission requests and checks', () => {
    const { requestHandler, checkHandler } = win.webContents.session;
    const callback = vi.fn();
    requestHandler?.(win.webContents, 'media', callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(checkHandler?.(win.webContents, 'notifications')).toBe(false);
  });

  it('counts the window as ours until it is closed or destroyed', () => {
    expect(ownWebContents()).toContain(win.webContents);
    win.destroyed = true;
    expect(ownWebContents()).not.toContain(win.webContents);
    win.destroyed = false;
    win.emit('closed');
    expect(ownWebContents()).not.toContain(win.webContents);
  });

  it('is found by its webContents id', () => {
    expect(ownWindowOf(win.webContents.id)).toBe(win);
    expect(ownWindowOf(-1)).toBeUndefined();
  });
});

describe('the kiosk window keys', () => {
  function press(win: InstanceType<typeof fake.FakeBrowserWindow>, input: Record<string, unknown>) {
    const event = { preventDefault: vi.fn() };
    win.webContents.emit('before-input-event', event, { type: 'keyDown', ...input });
    return event.preventDefault.mock.calls.length > 0;
  }

  it('swallows F11, Alt+F4, Ctrl+W and Ctrl+R in kiosk mode, and lets typing and Esc through', () => {
    const win = createKioskWindow({ kiosk: true }) as unknown as InstanceType<typeof fake.FakeBrowserWindow>;
    expect(press(win, { key: 'F11' })).toBe(true);
    expect(press(win, { key: 'F4', alt: true })).toBe(true);
    expect(press(win, { key: 'w', control: true })).toBe(true);
    expect(press(win, { key: 'r', control: true })).toBe(true);
    expect(press(win, { key: 'a' })).toBe(false);
    expect(press(win, { key: 'Enter' })).toBe(false);
    expect(press(win, { key: 'Escape' })).toBe(false);
  });

  it('leaves the keys alone once the window is out of kiosk mode', () => {
    const win = createKioskWindow({ kiosk: true }) as unknown as InstanceType<typeof fake.FakeBrowserWindow>;
    win.kiosk = false;
    expect(press(win, { key: 'F11' })).toBe(false);
  });
});

describe('renderer recovery wiring', () => {
  let win: InstanceType<typeof fake.FakeBrowserWindow>;
  const hooks = { log: vi.fn(), relaunch: vi.fn() };

  beforeEach(() => {
    vi.useFakeTimers();
    vi.clearAllMocks();
    win = createKioskWindow({ kiosk: true }, hooks) as unknown as InstanceType<typeof fake.FakeBrowserWindow>;
  });
  afterEach(() => vi.useRealTimers());

  it('reloads the page after a crash, once the backoff has passed', () => {
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win.webContents.reload).not.toHaveBeenCalled();
    vi.advanceTimersByTime(DEFAULT_RECOVERY_POLICY.baseDelayMs);
    expect(win.webContents.reload).toHaveBeenCalledOnce();
  });

  it('relaunches the app after repeated crashes', () => {
    for (let n = 0; n < DEFAULT_RECOVERY_POLICY.maxFailures; n += 1) {
      win.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
      vi.advanceTimersByTime(DEFAULT_RECOVERY_POLICY.maxDelayMs);
    }
    expect(hooks.relaunch).toHaveBeenCalledOnce();
  });

  it('kills a page that stays unresponsive past the grace period, then reloads it', () => {
    win.emit('unresponsive');
    vi.advanceTimersByTime(DEFAULT_RECOVERY_POLICY.hangGraceMs - 1);
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(win.webContents.forcefullyCrashRenderer).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(DEFAULT_RECOVERY_POLICY.baseDelayMs);
    expect(win.webContents.reload).toHaveBeenCalledOnce();
  });

  it('leaves a page alone that answers again within the grace period', () => {
    win.emit('unresponsive');
    win.emit('responsive');
    vi.advanceTimersByTime(DEFAULT_RECOVERY_POLICY.hangGraceMs * 2);
    expect(win.webContents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });
});
