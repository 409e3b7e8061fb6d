import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isMethodName,
  mayCall,
  methodAccess,
  type AlignboardBridge,
  type CallerRole,
} from '@shared/contract';
import type { EventBus } from '../core/services/support/event-bus';
import { AdminSessions, type AdminSession } from './admin-session';
import { isOwnUrl } from './renderer-url';

type InvokeResult = Awaited<ReturnType<AlignboardBridge['invoke']>>;

/**
 * The core's dispatch, as IPC sees it: a window is the kiosk while locked and an admin while unlocked;
 * `key` names the window for the core's per-caller rate limits.
 */
export type Dispatch = (
  method: string,
  input: unknown,
  caller: { role: CallerRole; key: string },
) => Promise<InvokeResult>;

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

/** The payload cap of a call that is not a method of the contract (a shell command, an unknown name). */
export const MAX_INPUT_CHARS = 1024 * 1024;

/**
 * Whether a payload is larger than its method declares in the contract (the same caps as over HTTP), or
 * cannot be measured at all (a cycle, a BigInt): such a payload never reaches the core.
 */
export function isOversized(method: string, input: unknown): boolean {
  let size: number;
  try {
    size = JSON.stringify(input ?? null).length;
  } catch {
    return true;
  }
  return size > (isMethodName(method) ? methodAccess(method).maxInputBytes : MAX_INPUT_CHARS);
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

/** The role a window has: the kiosk while locked, an admin once unlocked with the PIN. */
export function windowRole(unlocked: boolean): CallerRole {
  return unlocked ? 'admin' : 'kiosk';
}

/**
 * Whether a locked window must be refused this call: the method declares a more trusted caller than the
 * kiosk. Unknown names go on to dispatch, which says so.
 */
export function needsUnlock(method: string): boolean {
  return isMethodName(method) && !mayCall(methodAccess(method), windowRole(false));
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
    const reply = await dispatch(method, input, {
      role: windowRole(session.isUnlocked()),
      key: `window:${event.sender.id}`,
    });
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
