/**
 * The shell's own IPC methods (see {@link ShellMethods}): the renderer tells the shell when the night
 * schedule starts and ends (display sleep), and an admin who gave the PIN may take the window out of kiosk
 * mode or put it back. Each validates its input exactly; anything else is refused.
 */
import type { ShellMethods } from './ipc';
import { SHELL_NIGHT_CHANGED, SHELL_SET_KIOSK } from '@shared/events';

type Result = Awaited<ReturnType<ShellMethods[string]>>;

const ok: Result = { ok: true, result: null };

function invalid(message: string): Result {
  return { ok: false, error: { code: 'invalid_input', message } };
}

/** The input is a plain object with exactly this one boolean key. */
function readFlag(input: unknown, key: string): boolean | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  if (Object.getPrototypeOf(input) !== Object.prototype) return undefined;
  const keys = Object.keys(input);
  if (keys.length !== 1 || keys[0] !== key) return undefined;
  const value = (input as Record<string, unknown>)[key];
  return typeof value === 'boolean' ? value : undefined;
}

export interface KioskControlDeps {
  /** the renderer's night schedule began or ended */
  setNight(night: boolean): void;
  /** puts the calling window into or out of kiosk mode */
  setKiosk(webContentsId: number, kiosk: boolean): void;
}

export { SHELL_NIGHT_CHANGED, SHELL_SET_KIOSK };

/** The shell methods: `display.nightChanged` `{ night: boolean }`, `kiosk.setEnabled` `{ kiosk: boolean }`. */
export function createKioskControl(deps: KioskControlDeps): ShellMethods {
  return {
    [SHELL_NIGHT_CHANGED]: (input) => {
      const night = readFlag(input, 'night');
      if (night === undefined) return invalid('Expected { night: boolean }.');
      deps.setNight(night);
      return ok;
    },
    [SHELL_SET_KIOSK]: (input, caller) => {
      const kiosk = readFlag(input, 'kiosk');
      if (kiosk === undefined) return invalid('Expected { kiosk: boolean }.');
      // Back into the kiosk is always allowed; out of it only with the PIN given in this window.
      if (!kiosk && !caller.session.isUnlocked()) {
        return { ok: false, error: { code: 'forbidden', message: 'Enter the admin PIN to leave kiosk mode.' } };
      }
      deps.setKiosk(caller.webContentsId, kiosk);
      return ok;
    },
  };
}
