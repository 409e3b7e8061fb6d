import type { App, Session, WebContents } from 'electron';
import { guardWebContents } from './windows';

/** The parts of a session the lock-down sets (a stand-in in tests). */
export type LockableSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'on'
>;

/**
 * Refuses everything a page could ask of the machine through a session: permissions (camera, microphone,
 * notifications, geolocation…), devices (HID, serial, USB), and screen capture. The wall needs none, and a
 * page that somehow ran in our window must not get a way out of the browser sandbox through them.
 */
export function lockDownSession(session: LockableSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  // No streams: getDisplayMedia is rejected, and no picker is ever shown on the wall.
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  // Without preventDefault Electron would pick the first device itself; with it and no id, none is chosen.
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback(null);
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
}

/**
 * Guards every webContents the app ever creates, not only the windows it builds itself: a devtools or
 * other internal contents, or one a bug lets a page open, is kept on our own pages, may open no window or
 * webview, gets no permission or device, and cannot pair Bluetooth. Our own windows add their own,
 * finer guards after this (windows.ts). Must be set up before the first window.
 */
export function guardEveryWebContents(app: Pick<App, 'on'>, urlPrefix: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    guardWebContents(contents, urlPrefix);
    lockDownSession(contents.session);
    contents.on('select-bluetooth-device', (event, _devices, callback) => {
      event.preventDefault();
      callback('');
    });
  });
}
