/**
 * The renderer's one way to reach the main side. Two transports carry the same contract
 * (src/shared/contract.ts): the Electron preload bridge when the page runs in the kiosk window, and
 * HTTP + Server-Sent Events when any browser on the LAN shows the display.
 */
import type { MethodInput, MethodName, MethodResult } from '@shared/contract';
import { ApiError, type ApiErrorBody, type ApiErrorCode } from '@shared/api-error';
import { EVENT_NAMES, type AlignboardBridge, type ServerEvent } from '@shared/events';

/** `online` while events can arrive; `offline` while the event stream is lost and being retried. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

export type EventListener = (event: ServerEvent) => void;
export type ConnectionListener = (state: ConnectionState) => void;

/** Options of one call. */
export interface CallOptions {
  /**
   * Reports the request body going out, in bytes (HTTP only: a file import sends megabytes to the server;
   * over IPC the input is handed over at once and this is never called).
   */
  onUploadProgress?: (sentBytes: number, totalBytes: number) => void;
}

export interface ApiClient {
  readonly transport: 'ipc' | 'http';
  /** Calls a method; rejects with an {@link ApiError} carrying the server's code, message and field. */
  call<M extends MethodName>(method: M, input: MethodInput<M>, options?: CallOptions): Promise<MethodResult<M>>;
  /** Listens to server events; returns the function that stops listening. */
  on(listener: EventListener): () => void;
  readonly connection: ConnectionState;
  /** Listens to connection changes; returns the function that stops listening. */
  onConnection(listener: ConnectionListener): () => void;
  /** Stops the event stream (tests, page unload). */
  close(): void;
}

const ERROR_CODES: readonly ApiErrorCode[] = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'conflict',
  'forbidden',
  'internal',
];

function toApiError(body: unknown): ApiError {
  const error = (body ?? {}) as Partial<ApiErrorBody>;
  const code = ERROR_CODES.includes(error.code as ApiErrorCode) ? (error.code as ApiErrorCode) : 'internal';
  const message = typeof error.message === 'string' && error.message ? error.message : 'Something went wrong.';
  return new ApiError(code, message, typeof error.field === 'string' ? error.field : undefined);
}

/**
 * Inputs travel as JSON on both transports, so that a call behaves the same over IPC and HTTP
 * (structured clone would keep NaN and reject Vue's reactive proxies; JSON turns both into plain data).
 */
function plain(input: unknown): unknown {
  return input === undefined ? {} : JSON.parse(JSON.stringify(input));
}

/** A tiny listener set whose failing listener does not stop the others. */
function listenerSet<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener: (value: T) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(value: T): void {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          console.error('listener failed:', error);
        }
      }
    },
    get size() {
      return listeners.size;
    },
  };
}

/** The client over the Electron preload bridge: one invoke channel, one event subscription. */
export function createIpcClient(bridge: AlignboardBridge): ApiClient {
  const events = listenerSet<ServerEvent>();
  let unsubscribe: (() => void) | undefined;
  return {
    transport: 'ipc',
    async call(method, input) {
      const reply = await bridge.invoke(method, plain(input));
      if (reply.ok) return reply.result as never;
      throw toApiError(reply.error);
    },
    on(listener) {
      unsubscribe ??= bridge.subscribe((event) => events.emit(event));
      return events.add(listener);
    },
    // The bridge lives as long as the window: the main side cannot be "away" while the page runs.
    connection: 'online',
    onConnection: () => () => undefined,
    close() {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  };
}

export interface HttpClientOptions {
  /** prefix of the server's address; '' for the page's own origin */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
  EventSource?: typeof globalThis.EventSource;
  /** first retry delay when the browser gave up on the stream; doubles up to maxRetryMs */
  retryMs?: number;
  maxRetryMs?: number;
}

/**
 * The client over HTTP: `POST /api/<method>` with a JSON body answers `{result}` or `{error}`, and
 * `GET /api/events` streams the server events. The stream opens on the first listener.
 */
export function createHttpClient(options: HttpClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const EventSourceImpl = options.EventSource ?? globalThis.EventSource;
  const firstRetryMs = options.retryMs ?? 1000;
  const maxRetryMs = options.maxRetryMs ?? 30_000;

  const events = listenerSet<ServerEvent>();
  const connections = listenerSet<ConnectionState>();
  let state: ConnectionState = 'connecting';
  let source: EventSource | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = firstRetryMs;
  let closed = false;

  function setState(next: ConnectionState): void {
    if (next === state) return;
    state = next;
    connections.emit(next);
  }

  function open(): void {
    if (source || closed) return;
    const es = new EventSourceImpl(`${baseUrl}/api/events`);
    source = es;
    es.onopen = () => {
      retryMs = firstRetryMs;
      setState('online');
    };
    es.onerror = () => {
      setState('offline');
      // While CONNECTING the browser retries by itself; once CLOSED (e.g. the server answered an
      // error status) it never will, so we open a new stream after a growing pause.
      if (es.readyState === EventSourceImpl.CLOSED) {
        es.close();
        source = undefined;
        retryTimer = setTimeout(() => {
          retryTimer = undefined;
          open();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, maxRetryMs);
      }
    };
    for (const name of EVENT_NAMES) {
      es.addEventListener(name, (message: MessageEvent<string>) => {
        let data: unknown;
        try {
          data = JSON.parse(message.data);
        } catch {
          console.warn(`ignored a ${name} event whose data is not JSON`);
          return;
        }
        events.emit({ name, data } as ServerEvent);
      });
    }
  }

  return {
    transport: 'http',
    async call(method, input, options) {
      let response: Pick<Response, 'status' | 'ok' | 'json'>;
      const url = `${baseUrl}/api/${method}`;
      const body = JSON.stringify(plain(input));
      try {
        // fetch cannot report an upload's progress; XMLHttpRequest can.
        response =
          options?.onUploadProgress && typeof XMLHttpRequest !== 'undefined'
            ? await postWithProgress(url, body, options.onUploadProgress)
            : await fetchFn(url, {
                method: 'POST',
                headers: { 'content-type': 'application/json', accept: 'application/json' },
                body,
              });
      } catch {
        throw new ApiError('internal', 'The server cannot be reached.');
      }
      let reply: unknown;
      try {
        reply = await response.json();
      } catch {
        throw new ApiError('internal', `The server answered ${response.status} without a readable reply.`);
      }
      if (reply && typeof reply === 'object') {
        if ('error' in reply) throw toApiError(reply.error);
        if (response.ok && 'result' in reply) return reply.result as never;
      }
      throw new ApiError('internal', `The server answered ${response.status} with an unexpected reply.`);
    },
    on(listener) {
      const off = events.add(listener);
      open();
      return off;
    },
    get connection() {
      return state;
    },
    onConnection(listener) {
      const off = connections.add(listener);
      open();
      return off;
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      source?.close();
      source = undefined;
    },
  };
}

/** POSTs a JSON body with XMLHttpRequest, reporting the upload; resolves with what `call` reads of a reply. */
function postWithProgress(
  url: string,
  body: string,
  onUploadProgress: (sentBytes: number, totalBytes: number) => void,
): Promise<Pick<Response, 'status' | 'ok' | 'json'>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onUploadProgress(event.loaded, event.total);
    };
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        ok: xhr.status >= 200 && xhr.status < 300,
        json: () => Promise.resolve().then(() => JSON.parse(xhr.responseText) as unknown),
      });
    xhr.onerror = () => reject(new Error('network error'));
    xhr.send(body);
  });
}

/** The preload bridge, when the page runs inside Alignboard's own window. */
export function findBridge(win: Window): AlignboardBridge | undefined {
  const bridge = (win as Window & { alignboard?: AlignboardBridge }).alignboard;
  return bridge && typeof bridge.invoke === 'function' && typeof bridge.subscribe === 'function' ? bridge : undefined;
}

/** Picks the transport: the IPC bridge if the preload exposed one, else HTTP to the page's origin. */
export function createApiClient(win: Window = window): ApiClient {
  const bridge = findBridge(win);
  return bridge ? createIpcClient(bridge) : createHttpClient();
}

/**
 * Reloads the page when the server restarts: `server.started` opens every stream, and a bootId other
 * than the first one seen means a new server (maybe a new version) is answering.
 */
export function reloadOnNewBoot(client: ApiClient, reload: () => void = () => window.location.reload()): () => void {
  let firstBootId: string | undefined;
  return client.on((event) => {
    if (event.name !== 'server.started') return;
    if (firstBootId === undefined) firstBootId = event.data.bootId;
    else if (event.data.bootId !== firstBootId) reload();
  });
}

/** Calls `listener` each time the connection comes back after it was lost (events may have been missed). */
export function onReconnect(client: ApiClient, listener: () => void): () => void {
  let wasOffline = client.connection === 'offline';
  return client.onConnection((state) => {
    if (state === 'offline') wasOffline = true;
    else if (state === 'online' && wasOffline) {
      wasOffline = false;
      listener();
    }
  });
}
