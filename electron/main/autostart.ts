/**
 * Start at login. On macOS and Windows that is a login item, set through Electron; on Linux the
 * packages ship resources/linux/alignboard.desktop (XDG autostart) and resources/linux/alignboard.service
 * (a systemd user unit with Restart=always: the OOM killer sends no event we could react to, so only a
 * supervisor can bring us back). The kiosk asks for it by default; `--no-autostart` or a windowed
 * (developer) start does not.
 */

/** The parts of Electron's app this uses. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
}

/** Whether to start at login: on for the kiosk unless `--no-autostart` is given. */
export function wantsAutostart(kiosk: boolean, argv: readonly string[]): boolean {
  return kiosk && !argv.includes('--no-autostart');
}

/**
 * Sets the login item on macOS and Windows; returns false (and does nothing) on other platforms, where
 * the shipped autostart file and systemd unit do the job.
 */
export function applyAutostart(app: LoginItemApp, platform: NodeJS.Platform, enabled: boolean): boolean {
  if (platform !== 'darwin' && platform !== 'win32') return false;
  app.setLoginItemSettings({ openAtLogin: enabled });
  return true;
}
