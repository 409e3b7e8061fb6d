/**
 * The renderer's one way to reach the main side. Two transports carry the same contract
 * (src/shared/contract.ts): the Electron preload bridge when the page runs in the kiosk window, and
 * HTTP + Server-Sent Events when any browser on the LAN shows the display.
 */
import type { MethodInput, MethodName, MethodResult } from '@shared/contract';
import { ApiError, type ApiErrorBody, type ApiErrorCode } from '@shared/api-error';
import { EVENT_NAMES, type AlignboardBridge, type ServerEvent, type ShellCommands } from '@shared/events';

/** `online` while events can arrive; `offline` while the event stream is lost and being retried. */
export type ConnectionState = 'connecting' | 'online' | 'offline';

export type EventListener = (event: ServerEvent) => void;
export type ConnectionListener = (state: ConnectionState) => void;
/** Hears a call that failed with an {@link ApiError}, whichever store or section made it. */
export type CallErrorListener = (error: ApiError, method: MethodName) => void;

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
  /**
   * Listens to every failed call (before the caller's own handling), so that an answer that concerns the
   * whole page — the admin lock refusing a write — is handled in one place; returns the function that
   * stops listening.
   */
  onCallError(listener: CallErrorListener): () => void;
  /** Stops the event stream (tests, page unload). */
  close(): void;
  /**
   * The links and QR codes that pair another screen with this server (HTTP only; the admin's only for
   * an admin). Absent over IPC: the kiosk window shares nothing by itself.
   */
  pairing?(): Promise<PairingInfo>;
  /**
   * Sends `token` from now on instead of the one this page was paired with (HTTP only): after the admin
   * replaced the tokens, the page that did it keeps working with the new admin token. Reopens the event
   * stream with it.
   */
  useToken?(token: string): void;
  /** Tells the Electron shell something (IPC only; absent in a browser, where there is no shell). */
  shell?<C extends keyof ShellCommands>(command: C, input: ShellCommands[C]): Promise<void>;
}

/** One pairing link and its QR code (an SVG document drawn by the server). */
export interface PairingLink {
  url: string;
  svg: string;
}

/** What `GET /api/pairing` answers. */
export interface PairingInfo {
  viewer: PairingLink;
  admin: PairingLink | null;
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

interface CallFailure {
  error: ApiError;
  method: MethodName;
}

/** The failed-call listeners of one client, and how a call reports to them. */
function callErrorSet() {
  const failures = listenerSet<CallFailure>();
  return {
    add: (listener: CallErrorListener) => failures.add(({ error, method }) => listener(error, method)),
    /** Awaits a call's reply; an ApiError is told to the listeners and thrown on to the caller. */
    async watch<T>(method: MethodName, reply: Promise<T>): Promise<T> {
      try {
        return await reply;
      } catch (error) {
        if (error instanceof ApiError) failures.emit({ error, method });
        throw error;
      }
    },
  };
}

/** The client over the Electron preload bridge: one invoke channel, one event subscription. */
export function createIpcClient(bridge: AlignboardBridge): ApiClient {
  const events = listenerSet<ServerEvent>();
  const callErrors = callErrorSet();
  let unsubscribe: (() => void) | undefined;

  async function send(method: MethodName, input: unknown): Promise<unknown> {
    const reply = await bridge.invoke(method, plain(input));
    if (reply.ok) return reply.result;
    throw toApiError(reply.error);
  }

  return {
    transport: 'ipc',
    call: (method, input) => callErrors.watch(method, send(method, input)) as never,
    on(listener) {
      unsubscribe ??= bridge.subscribe((event) => events.emit(event));
      return events.add(listener);
    },
    // The bridge lives as long as the window: the main side cannot be "away" while the page runs.
    connection: 'online',
    onConnection: () => () => undefined,
    onCallError: (listener) => callErrors.add(listener),
    async shell(command, input) {
      const reply = await bridge.invoke(command, plain(input));
      if (!reply.ok) throw toApiError(reply.error);
    },
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
  /** the access token every request carries (read at each request, so that a new pairing applies at once) */
  token?: () => string | undefined;
  /** keeps a token given to {@link ApiClient.useToken} for the next page load (e.g. in localStorage) */
  keepToken?: (token: string) => void;
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
  /** a token given to useToken; it wins over the paired one for as long as this client lives */
  let replaced: string | undefined;
  const paired = options.token ?? (() => undefined);
  const token = () => replaced ?? paired();
  const authHeaders = (): Record<string, string> => {
    const value = token();
    return value ? { authorization: `Bearer ${value}` } : {};
  };

  const events = listenerSet<ServerEvent>();
  const connections = listenerSet<ConnectionState>();
  const callErrors = callErrorSet();
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
    // EventSource cannot send headers; the server takes the token from the query for this one path.
    const value = token();
    const es = new EventSourceImpl(`${baseUrl}/api/events${value ? `?token=${encodeURIComponent(value)}` : ''}`);
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

  async function send(method: MethodName, input: unknown, options: CallOptions | undefined): Promise<unknown> {
    let response: Pick<Response, 'status' | 'ok' | 'json'>;
    const url = `${baseUrl}/api/${method}`;
    const body = JSON.stringify(plain(input));
    try {
      // fetch cannot report an upload's progress; XMLHttpRequest can.
      response =
        options?.onUploadProgress && typeof XMLHttpRequest !== 'undefined'
          ? await postWithProgress(url, body, options.onUploadProgress, authHeaders())
          : await fetchFn(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json', accept: 'application/json', ...authHeaders() },
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
  }

  return {
    transport: 'http',
    call: (method, input, options) => callErrors.watch(method, send(method, input, options)) as never,
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
    onCallError: (listener) => callErrors.add(listener),
    useToken(next) {
      replaced = next;
      options.keepToken?.(next);
      // The server ended the streams opened with the old token; open the new one now, not after a retry.
      const streaming = source !== undefined || retryTimer !== undefined;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      source?.close();
      source = undefined;
      if (streaming) open();
    },
    async pairing() {
      const response = await fetchFn(`${baseUrl}/api/pairing`, {
        headers: { accept: 'application/json', ...authHeaders() },
      });
      const reply = (await response.json().catch(() => undefined)) as
        { result?: PairingInfo; error?: unknown } | undefined;
      if (response.ok && reply?.result) return reply.result;
      throw toApiError(reply?.error);
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
  headers: Record<string, string>,
): Promise<Pick<Response, 'status' | 'ok' | 'json'>> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
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

/** Where a paired browser keeps the viewer token, for every tab and across restarts (per origin). */
export const TOKEN_STORAGE_KEY = 'alignboard.token';
/** Where the admin page keeps the admin token: this tab only, gone when it closes. */
export const ADMIN_TOKEN_STORAGE_KEY = 'alignboard.adminToken';

/** Whether the page shows the admin (the same test as the router's, which this module does not import). */
export function isAdminPage(win: Pick<Window, 'location'>): boolean {
  const where = win.location;
  if (!where) return false;
  const path = where.pathname.replace(/\/+$/, '');
  return (
    path.endsWith('/admin') ||
    where.hash.replace(/\/+$/, '') === '#/admin' ||
    new URLSearchParams(where.search).get('view') === 'admin'
  );
}

function storageOf(win: Window, kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    return win[kind];
  } catch {
    // Storage can be switched off; the token then lives as long as the page.
    return undefined;
  }
}

/**
 * Takes the access token a pairing link brought (`?token=`) and removes it from the address bar (a wall's
 * address bar is seen by the whole room). One token per use: a link to the wall (`/?token=`) brings the
 * viewer token, kept in localStorage so that the screen stays paired across restarts; the admin link
 * (`/admin?token=`) brings the admin token, kept in this tab's sessionStorage and sent only from the admin
 * page, so that a browser that once opened the admin link never runs its wall with the admin token.
 * Returns the getter the HTTP client reads the token with (at each request, for the page shown then).
 */
export function captureToken(win: Window): () => string | undefined {
  const memory: { viewer?: string; admin?: string } = {};
  const href = win.location?.href;
  const url = href ? new URL(href) : undefined;
  const fromLink = url?.searchParams.get('token');
  if (url && fromLink) {
    keepTokenFor(win, fromLink, memory);
    url.searchParams.delete('token');
    win.history?.replaceState(win.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return () => {
    const viewer = storageOf(win, 'localStorage')?.getItem(TOKEN_STORAGE_KEY) ?? memory.viewer;
    if (!isAdminPage(win)) return viewer;
    return storageOf(win, 'sessionStorage')?.getItem(ADMIN_TOKEN_STORAGE_KEY) ?? memory.admin ?? viewer;
  };
}

function keepTokenFor(win: Window, token: string, memory?: { viewer?: string; admin?: string }): void {
  const admin = isAdminPage(win);
  if (memory) memory[admin ? 'admin' : 'viewer'] = token;
  try {
    if (admin) storageOf(win, 'sessionStorage')?.setItem(ADMIN_TOKEN_STORAGE_KEY, token);
    else storageOf(win, 'localStorage')?.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // A full or blocked storage: the client still holds the token for this page's life.
  }
}

/**
 * Keeps a new access token for this origin (after a rotation) where {@link captureToken} finds it: the
 * admin page's in this tab, the wall's in localStorage.
 */
export function storeToken(win: Window, token: string): void {
  keepTokenFor(win, token);
}

/** The token of a pairing link. */
function tokenOfLink(link: string): string | null {
  try {
    return new URL(link).searchParams.get('token');
  } catch {
    return null;
  }
}

/**
 * Puts the viewer token where the wall finds it. On the wall, a kept token that turns out to be the
 * admin's (kept by an older version, which had one token per browser) is replaced by the viewer's at
 * once; on the admin page, the viewer token is kept for the wall when this browser has none yet. Asks the
 * server's pairing route, which names the admin link only to the admin token.
 */
export async function settleTokens(client: ApiClient, win: Window): Promise<void> {
  if (!client.pairing) return;
  const kept = storageOf(win, 'localStorage')?.getItem(TOKEN_STORAGE_KEY) ?? null;
  const onAdminPage = isAdminPage(win);
  // The admin page has a viewer token to leave for the wall, or the wall has none to check.
  if (onAdminPage === (kept !== null)) return;
  let info: PairingInfo;
  try {
    info = await client.pairing();
  } catch {
    // Not paired (yet), or the server is away: nothing to settle.
    return;
  }
  const viewer = tokenOfLink(info.viewer.url);
  if (viewer === null) return;
  if (onAdminPage) {
    try {
      storageOf(win, 'localStorage')?.setItem(TOKEN_STORAGE_KEY, viewer);
    } catch {
      // Nowhere to keep it: the wall will ask to be paired.
    }
  } else if (info.admin !== null) client.useToken?.(viewer);
}

/** Picks the transport: the IPC bridge if the preload exposed one, else HTTP to the page's origin. */
export function createApiClient(win: Window = window): ApiClient {
  const bridge = findBridge(win);
  if (bridge) return createIpcClient(bridge);
  const client = createHttpClient({ token: captureToken(win), keepToken: (token) => storeToken(win, token) });
  void settleTokens(client, win);
  return client;
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
