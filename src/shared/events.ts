/**
 * Events the server pushes to every display, and the bridge the Electron preload exposes. Kept apart from
 * the method schemas so that the renderer can use them without bundling zod.
 */
import type { ActivityEvent } from './domain';
import type { ApiErrorBody } from './api-error';
import type { ConnectionStatus } from './connections';
import type { ImportProgress } from './import-types';

/** Events the server pushes to every display (names in the past tense). */
export interface ServerEvents {
  /** a row was written: every write appends one activity event */
  'activity.recorded': ActivityEvent;
  /** sent first on every new connection: a display that sees a new bootId reloads itself */
  'server.started': { bootId: string; version: string };
  /** a CSV import moved on (every few thousand rows, and at each phase) */
  'import.progressed': ImportProgress;
  /** a CRM connection's state changed (a sync started or ended, failed, was paused...): no secrets in it */
  'connection.changed': ConnectionStatus;
}
export type EventName = keyof ServerEvents;
export const EVENT_NAMES: readonly EventName[] = [
  'activity.recorded',
  'server.started',
  'import.progressed',
  'connection.changed',
];

/** A server event on the wire. */
export type ServerEvent = { [E in EventName]: { name: E; data: ServerEvents[E] } }[EventName];

/** The bridge the Electron preload exposes as `window.alignboard`. */
export interface AlignboardBridge {
  invoke(method: string, input: unknown): Promise<{ ok: true; result: unknown } | { ok: false; error: ApiErrorBody }>;
  subscribe(listener: (event: ServerEvent) => void): () => void;
}

/** The one IPC channel for calls, and the one for pushed events. */
export const IPC_INVOKE_CHANNEL = 'alignboard:invoke';
export const IPC_EVENT_CHANNEL = 'alignboard:event';

/**
 * Messages to the Electron shell itself (not part of the data contract; only the kiosk window sends them):
 * the night screen began or ended (the shell lets the display sleep), and leaving or re-entering kiosk
 * mode (leaving needs the admin PIN).
 */
export const SHELL_NIGHT_CHANGED = 'display.nightChanged';
export const SHELL_SET_KIOSK = 'kiosk.setEnabled';
export interface ShellCommands {
  [SHELL_NIGHT_CHANGED]: { night: boolean };
  [SHELL_SET_KIOSK]: { kiosk: boolean };
}
