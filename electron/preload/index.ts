import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
// From events.ts, not contract.ts: the contract's schemas would pull zod into the sandboxed preload,
// which can load nothing but 'electron'.
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type AlignboardBridge, type ServerEvent } from '@shared/events';

/**
 * The whole surface the renderer gets: two named functions, never ipcRenderer itself, so a compromised
 * page can reach no channel but ours.
 */
const bridge: AlignboardBridge = {
  invoke: (method, input) => ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input),
  subscribe(listener) {
    // The IPC event object is dropped: it carries `sender`, which must not reach the page.
    const forward = (_event: IpcRendererEvent, serverEvent: ServerEvent) => listener(serverEvent);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('alignboard', bridge);
