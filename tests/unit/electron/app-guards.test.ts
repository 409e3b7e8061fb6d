import { EventEmitter } from 'node:events';
import type { App, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: class {}, shell: { openExternal: vi.fn() } }));

const { guardEveryWebContents, lockDownSession } = await import('../../../electron/main/app-guards');
const { RENDERER_URL_PREFIX } = await import('../../../electron/main/windows');

type Callback = (...args: unknown[]) => unknown;

/** A session that keeps the handlers it is given, so that the test can call them as Electron would. */
class FakeSession extends EventEmitter {
  handlers: Record<string, Callback> = {};
  setPermissionRequestHandler = (handler: Callback) => void (this.handlers.request = handler);
  setPermissionCheckHandler = (handler: Callback) => void (this.handlers.check = handler);
  setDevicePermissionHandler = (handler: Callback) => void (this.handlers.device = handler);
  setDisplayMediaRequestHandler = (handler: Callback) => void (this.handlers.displayMedia = handler);
}

class FakeWebContents extends EventEmitter {
  readonly session = new FakeSession();
  openHandler: Callback | null = null;
  setWindowOpenHandler(handler: Callback) {
    this.openHandler = handler;
  }
}

/** Emits a device-picker event and says whether the default (Electron picking a device) was prevented. */
function pick(target: EventEmitter, name: string, ...args: unknown[]) {
  const event = { preventDefault: vi.fn() };
  const callback = vi.fn();
  target.emit(name, event, ...args, callback);
  return { prevented: event.preventDefault.mock.calls.length === 1, callback };
}

describe('lockDownSession', () => {
  const session = new FakeSession();
  lockDownSession(session as never);

  it('refuses every permission request and check, and every device permission', () => {
    const granted = vi.fn();
    session.handlers.request!({}, 'media', granted);
    expect(granted).toHaveBeenCalledExactlyOnceWith(false);
    expect(session.handlers.check!({}, 'notifications')).toBe(false);
    expect(session.handlers.device!({ deviceType: 'usb', origin: 'app://alignboard' })).toBe(false);
  });

  it('answers a screen-capture request with no stream at all', () => {
    const callback = vi.fn();
    session.handlers.displayMedia!({ frame: null, securityOrigin: 'app://alignboard' }, callback);
    expect(callback).toHaveBeenCalledExactlyOnceWith({});
  });

  it('picks no HID, serial or USB device, and keeps Electron from picking one', () => {
    const hid = pick(session, 'select-hid-device', { deviceList: [{ deviceId: '1' }] });
    expect(hid.prevented).toBe(true);
    expect(hid.callback).toHaveBeenCalledExactlyOnceWith(null);
    const serial = pick(session, 'select-serial-port', [{ portId: '1' }], {});
    expect(serial.prevented).toBe(true);
    expect(serial.callback).toHaveBeenCalledExactlyOnceWith('');
    const usb = pick(session, 'select-usb-device', { deviceList: [{ deviceId: '1' }] });
    expect(usb.prevented).toBe(true);
    expect(usb.callback).toHaveBeenCalledExactlyOnceWith();
  });
});

describe('guardEveryWebContents', () => {
  const app = new EventEmitter();
  guardEveryWebContents(app as unknown as App, RENDERER_URL_PREFIX);
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents as unknown as WebContents);

  it('keeps any webContents the app creates on our own pages', () => {
    const foreign = { url: 'https://attacker.example/', preventDefault: vi.fn() };
    contents.emit('will-navigate', foreign);
    expect(foreign.preventDefault).toHaveBeenCalledOnce();
    const ours = { url: `${RENDERER_URL_PREFIX}index.html`, preventDefault: vi.fn() };
    contents.emit('will-navigate', ours);
    expect(ours.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalledOnce();
    expect(contents.openHandler!({ url: 'https://attacker.example/' })).toEqual({ action: 'deny' });
  });

  it('locks its session down and pairs no Bluetooth device', () => {
    const granted = vi.fn();
    contents.session.handlers.request!({}, 'geolocation', granted);
    expect(granted).toHaveBeenCalledExactlyOnceWith(false);
    expect(contents.session.handlers.device!({})).toBe(false);
    const bluetooth = pick(contents, 'select-bluetooth-device', [{ deviceId: 'aa:bb' }]);
    expect(bluetooth.prevented).toBe(true);
    expect(bluetooth.callback).toHaveBeenCalledExactlyOnceWith('');
  });
});
