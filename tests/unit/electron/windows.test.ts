import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

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
    setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']) {
      this.windowOpenHandler = handler;
    }
  }

  class FakeBrowserWindow extends EventEmitter {
    static created: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents();
    destroyed = false;
    readonly show = vi.fn();
    readonly loadFile = vi.fn(async (_path: string) => {});
    constructor(readonly options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.created.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
  }

  return { FakeBrowserWindow };
});

vi.mock('electron', () => ({ BrowserWindow: fake.FakeBrowserWindow }));

const { createKioskWindow, ownWebContents, RENDERER_URL_PREFIX } = await import('../../../electron/main/windows');
const { isOwnUrl } = await import('../../../electron/main/renderer-url');

function navigationEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

describe('createKioskWindow', () => {
  let win: InstanceType<typeof fake.FakeBrowserWindow>;

  beforeEach(() => {
    fake.FakeBrowserWindow.created.length = 0;
    createKioskWindow({ kiosk: true });
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

  it('loads the built renderer, which the URL prefix recognises as ours', () => {
    expect(win.loadFile).toHaveBeenCalledOnce();
    const file = String(win.loadFile.mock.calls[0]?.[0]);
    expect(file).toMatch(/[\\/]renderer[\\/]index\.html$/);
    expect(isOwnUrl(pathToFileURL(file).href, RENDERER_URL_PREFIX)).toBe(true);
  });

  it('shows the window only when it is ready to show', () => {
    expect(win.show).not.toHaveBeenCalled();
    win.emit('ready-to-show');
    expect(win.show).toHaveBeenCalledOnce();
  });

  it('cancels navigation to a foreign page and allows our own routes', () => {
    const away = navigationEvent('https://example.com/');
    win.webContents.emit('will-navigate', away);
    expect(away.preventDefault).toHaveBeenCalled();

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
    const attach = { preventDefault: vi.fn() };
    win.webContents.emit('will-attach-webview', attach);
    expect(attach.preventDefault).toHaveBeenCalled();
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
});
