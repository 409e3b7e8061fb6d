import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type AlignboardBridge } from '@shared/contract';
import type { EventBus } from '../core/services/event-bus';
import { isOwnUrl } from './renderer-url';

type InvokeResult = Awaited<ReturnType<AlignboardBridge['invoke']>>;

/** The core's dispatch, as IPC sees it. */
export type Dispatch = (method: string, input: unknown) => Promise<InvokeResult>;

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

/**
 * Serves the contract over IPC: one invoke channel for every method, answered only for trusted senders,
 * and every bus event pushed to each of our windows. Returns the function that undoes both.
 */
export function setupIpc(
  dispatch: Dispatch,
  bus: EventBus,
  ownWebContents: () => readonly WebContents[],
  urlPrefix: string,
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    const ids = new Set(ownWebContents().map((contents) => contents.id));
    if (!isTrustedSender(event, ids, urlPrefix)) {
      console.warn(`ignored an IPC call from an untrusted sender (webContents ${event.sender.id})`);
      return FORBIDDEN;
    }
    if (typeof method !== 'string') {
      return { ok: false, error: { code: 'invalid_input', message: 'The method name must be a string.' } };
    }
    return dispatch(method, input);
  });

  const unsubscribe = bus.subscribe((serverEvent) => {
    for (const contents of ownWebContents()) {
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, serverEvent);
    }
  });

  return () => {
    ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    unsubscribe();
  };
}
