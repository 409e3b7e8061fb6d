/**
 * Keys that would take a kiosk off the wall. In kiosk mode the window swallows them before the page sees
 * them (`before-input-event`): leaving the kiosk goes only through the admin PIN (see kiosk-control.ts).
 */

/** The parts of Electron's `Input` this decision reads. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control?: boolean;
  meta?: boolean;
  alt?: boolean;
  shift?: boolean;
}

/**
 * Keys refused alone: reload, dev tools, full-screen toggle. Esc is not among them: it leaves only the
 * page's own (HTML) full screen, which the page never enters and the permission handler refuses, never the
 * window's kiosk mode; and the page needs it to end the stand-up, close the QR code, cancel a form and step
 * back in the setup screen.
 */
const BLOCKED_ALONE = new Set(['F5', 'F11', 'F12']);
/** Keys refused with Ctrl or Cmd: close, quit, reload, new window, dev tools, print, zoom, find, open. */
const BLOCKED_WITH_COMMAND = new Set([
  'w',
  'q',
  'r',
  'n',
  't',
  'i',
  'j',
  'p',
  'o',
  's',
  'f',
  'h',
  'm',
  '+',
  '-',
  '=',
  '0',
]);

/**
 * Whether a key press must be swallowed while the window is a kiosk. Only key-down matters (key-up of a
 * blocked key is harmless). Typing into the admin's fields is untouched: plain letters, Tab, Enter pass.
 */
export function isBlockedKioskInput(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  if (BLOCKED_ALONE.has(input.key)) return true;
  // Alt+F4 closes the window on Windows and most Linux desktops; Alt+Tab is the desktop's, not ours.
  if (input.alt && input.key === 'F4') return true;
  if ((input.control || input.meta) && BLOCKED_WITH_COMMAND.has(input.key.toLowerCase())) return true;
  return false;
}
