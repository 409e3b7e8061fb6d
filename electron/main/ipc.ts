import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isMethodName,
  isReadMethod,
  type AlignboardBridge,
  type MethodName,
} from '@shared/contract';
import type { EventBus } from '../core/services/event-bus';
import { AdminSessions, type AdminSession } from './admin-session';
import { isOwnUrl } from './renderer-url';

type InvokeResult = Awaited<ReturnType<AlignboardBridge['invoke']>>;

/** The core's dispatch, as IPC sees it; the caller is an admin only while its window is unlocked. */
export type Dispatch = (method: string, input: unknown, caller: { role: 'viewer' | 'admin' }) => Promise<InvokeResult>;

/** The parts of an IPC event that say who sent it. */
export interface IpcSender {
  sender: Pick<WebContents, 'id'>;
  senderFrame: { url: string } | null;
}

/**
 * Whether an IPC message comes from one of our own windows showing our own page. Any other sender (a
 * window we did not create, a frame that navigated elsewhere, a destroyed frame) is not trusted.
 */
export function isTrustedSender(event: IpcSender, ownWebContentsIds: ReadonlySet<number>, urlPrefix: string): boolean {
  if (!ownWebContentsIds.has(event.sender.id)) return false;
  const frame = event.senderFrame;
  return frame !== null && isOwnUrl(frame.url, urlPrefix);
}

const FORBIDDEN: InvokeResult = {
  ok: false,
  error: { code: 'forbidden', message: 'This window may not call Alignboard.' },
};

const LOCKED: InvokeResult = {
  ok: false,
  error: { code: 'forbidden', message: 'The admin is locked: enter the PIN to make changes.' },
};

/** The longest method name accepted; the longest real one is about 25 characters. */
export const MAX_METHOD_LENGTH = 100;

/** The largest payload of a call, as JSON characters: a deal is a few hundred. */
export const MAX_INPUT_CHARS = 1024 * 1024;

/** Calls that carry a whole CSV file (up to 100 MB, escaped as a JSON string), as over HTTP. */
const LARGE_INPUT_CHARS: Readonly<Record<string, number>> = {
  'import.run': 256 * 1024 * 1024,
  'import.json': 128 * 1024 * 1024,
};

/**
 * Whether a payload is larger than its method accepts (the same caps as the HTTP API), or cannot be
 * measured at all (a cycle, a BigInt): such a payload never reaches the core.
 */
export function isOversized(method: string, input: unknown): boolean {
  let size: number;
  try {
    size = JSON.stringify(input ?? null).length;
  } catch {
    return true;
  }
  return size > (Object.hasOwn(LARGE_INPUT_CHARS, method) ? LARGE_INPUT_CHARS[method]! : MAX_INPUT_CHARS);
}

/** Who called a shell method: the window's id and its admin session. */
export interface ShellCaller {
  webContentsId: number;
  session: AdminSession;
}

/**
 * Calls that the shell answers itself, not the core (kiosk mode, the night schedule): each validates
 * its own input. They exist only in the Electron app.
 */
export type ShellMethods = Readonly<
  Record<string, (input: unknown, caller: ShellCaller) => InvokeResult | Promise<InvokeResult>>
>;

/**
 * Writes a locked window may still make: the stand-up timer on the wall records its run, and setting the
 * PIN needs no unlock (the first time there is no PIN; after that the service asks for the current one),
 * nor does the first-run setup, which sets the PIN and is refused once done.
 */
const WRITES_WITHOUT_PIN: ReadonlySet<MethodName> = new Set<MethodName>([
  'meetings.recordRun',
  'admin.setPin',
  'setup.complete',
]);

/** Whether a locked window must be refused this call. Unknown names go on to dispatch, which says so. */
export function needsUnlock(method: string): boolean {
  return isMethodName(method) && !isReadMethod(method) && !WRITES_WITHOUT_PIN.has(method);
}

/**
 * Serves the contract over IPC: one invoke channel for every method, answered only for trusted senders,
 * and every bus event pushed to each of our windows. Write calls need the admin PIN given in the same
 * window first ({@link AdminSessions}); a right `admin.verifyPin` or a successful `admin.setPin` unlocks the
 * window, and each write restarts its idle countdown. Returns the function that undoes all of it.
 */
export function setupIpc(
  dispatch: Dispatch,
  bus: EventBus,
  ownWebContents: () => readonly WebContents[],
  urlPrefix: string,
  sessions: AdminSessions = new AdminSessions(),
  shellMethods: ShellMethods = {},
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const ids = new Set(ownWebContents().map((contents) => contents.id));
    if (!isTrustedSender(event, ids, urlPrefix)) {
      console.warn(`ignored an IPC call from an untrusted sender (webContents ${event.sender.id})`);
      return FORBIDDEN;
    }
    if (typeof method !== 'string' || method.length === 0 || method.length > MAX_METHOD_LENGTH) {
      return { ok: false, error: { code: 'invalid_input', message: 'The method name must be a short string.' } };
    }
    if (isOversized(method, input)) {
      return { ok: false, error: { code: 'invalid_input', message: 'The request is too large.' } };
    }
    sessions.retain(ids);
    const session = sessions.of(event.sender.id);
    const shellMethod = Object.hasOwn(shellMethods, method) ? shellMethods[method] : undefined;
    if (shellMethod !== undefined) return shellMethod(input, { webContentsId: event.sender.id, session });
    const gated = needsUnlock(method);
    if (gated && !session.isUnlocked()) return LOCKED;
    const reply = await dispatch(method, input, { role: session.isUnlocked() ? 'admin' : 'viewer' });
    if (reply.ok) {
      // Whoever just set the PIN (by itself or in the first-run setup) is the admin of this window.
      if (
        method === 'admin.setPin' ||
        method === 'setup.complete' ||
        (method === 'admin.verifyPin' && isRightPin(reply.result))
      ) {
        session.unlock();
      } else if (gated) session.touch();
    }
    return reply;
  });

  const unsubscribe = bus.subscribe((serverEvent) => {
    for (const contents of ownWebContents()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, serverEvent);
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
    sessions.clear();
  };
}

function isRightPin(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { ok?: unknown }).ok === true;
}
