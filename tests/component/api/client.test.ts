import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, type AlignboardBridge, type ServerEvent } from '@shared/contract';
import {
  createApiClient,
  createHttpClient,
  onReconnect,
  reloadOnNewBoot,
  type ConnectionState,
} from '../../../src/api/client';

/** A stand-in for the browser's EventSource that the test drives by hand. */
class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];
  readyState = FakeEventSource.CONNECTING;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  private readonly listeners = new Map<string, ((message: { data: string }) => void)[]>();
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(name: string, listener: (message: { data: string }) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
  open(): void {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.();
  }
  fail(state: number): void {
    this.readyState = state;
    this.onerror?.();
  }
  send(name: string, data: unknown): void {
    for (const listener of this.listeners.get(name) ?? []) listener({ data: JSON.stringify(data) });
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

afterEach(() => {
  FakeEventSource.instances = [];
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('createApiClient', () => {
  it('uses the IPC bridge when the preload exposed window.alignboard', async () => {
    const events: ((event: ServerEvent) => void)[] = [];
    const bridge: AlignboardBridge = {
      invoke: vi.fn(async () => ({ ok: true as const, result: [{ id: 'discovery' }] })),
      subscribe: vi.fn((listener) => {
        events.push(listener);
        return () => undefined;
      }),
    };
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);

    const client = createApiClient({ alignboard: bridge } as unknown as Window);

    expect(client.transport).toBe('ipc');
    expect(await client.call('pipeline.stages', {})).toEqual([{ id: 'discovery' }]);
    expect(bridge.invoke).toHaveBeenCalledWith('pipeline.stages', {});
    expect(fetchSpy).not.toHaveBeenCalled();

    const received: ServerEvent[] = [];
    client.on((event) => received.push(event));
    events[0]!({ name: 'server.started', data: { bootId: 'b', version: '1' } });
    expect(received).toEqual([{ name: 'server.started', data: { bootId: 'b', version: '1' } }]);
    expect(client.connection).toBe('online');
  });

  it('turns a bridge error into an ApiError with code, message and field', async () => {
    const bridge: AlignboardBridge = {
      invoke: async () => ({
        ok: false,
        error: { code: 'invalid_input', message: 'title is required', field: 'title' },
      }),
      subscribe: () => () => undefined,
    };
    const client = createApiClient({ alignboard: bridge } as unknown as Window);
    const error = await client.call('deals.create', {} as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'invalid_input', message: 'title is required', field: 'title' });
  });

  it('tells every failed call to the onCallError listeners before the caller sees it', async () => {
    let reply: Awaited<ReturnType<AlignboardBridge['invoke']>> = {
      ok: false,
      error: { code: 'forbidden', message: 'The admin is locked: enter the PIN to make changes.' },
    };
    const bridge: AlignboardBridge = { invoke: async () => reply, subscribe: () => () => undefined };
    const client = createApiClient({ alignboard: bridge } as unknown as Window);
    const heard: [string, string][] = [];
    const stop = client.onCallError((error, method) => heard.push([method, error.code]));

    await expect(client.call('sla.saveTerms', {} as never)).rejects.toMatchObject({ code: 'forbidden' });
    reply = { ok: true, result: [] };
    await client.call('people.list', {});
    stop();
    reply = { ok: false, error: { code: 'internal', message: 'disk full' } };
    await expect(client.call('people.list', {})).rejects.toMatchObject({ code: 'internal' });

    expect(heard).toEqual([['sla.saveTerms', 'forbidden']]);
  });

  it('uses HTTP when there is no bridge: POST /api/<method> with a JSON body', async () => {
    const fetchSpy = vi.fn(async () => jsonResponse(200, { result: { name: 'Alignboard' } }));
    vi.stubGlobal('fetch', fetchSpy);

    const client = createApiClient({} as Window);

    expect(client.transport).toBe('http');
    expect(await client.call('app.info', {})).toEqual({ name: 'Alignboard' });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/app.info');
    expect(init.method).toBe('POST');
    expect(JSON.parse(init.body as string)).toEqual({});
  });
});

describe('the HTTP client', () => {
  it('throws the server error body as an ApiError naming the field', async () => {
    const client = createHttpClient({
      fetch: async () =>
        jsonResponse(400, {
          error: { code: 'invalid_input', message: 'amountMinor must not be negative', field: 'amountMinor' },
        }),
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const error = await client.call('deals.list', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'invalid_input',
      field: 'amountMinor',
      message: 'amountMinor must not be negative',
    });
  });

  it('tells a refused call and an unreachable server to the onCallError listeners', async () => {
    let down = false;
    const client = createHttpClient({
      fetch: async () => {
        if (down) throw new TypeError('Failed to fetch');
        return jsonResponse(403, { error: { code: 'forbidden', message: 'not from this machine' } });
      },
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const heard: [string, string][] = [];
    client.onCallError((error, method) => heard.push([method, error.code]));

    await expect(client.call('deals.delete', { id: 'd-1' })).rejects.toMatchObject({ code: 'forbidden' });
    down = true;
    await expect(client.call('app.info', {})).rejects.toMatchObject({ code: 'internal' });

    expect(heard).toEqual([
      ['deals.delete', 'forbidden'],
      ['app.info', 'internal'],
    ]);
  });

  it('reports an unreachable server and an unreadable reply as internal errors', async () => {
    const down = createHttpClient({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await expect(down.call('app.info', {})).rejects.toMatchObject({ code: 'internal' });
    const garbled = createHttpClient({ fetch: async () => new Response('<html>', { status: 502 }) });
    await expect(garbled.call('app.info', {})).rejects.toMatchObject({
      code: 'internal',
      message: expect.stringContaining('502'),
    });
  });

  it('delivers named SSE events to listeners and tracks the connection', () => {
    const client = createHttpClient({ EventSource: FakeEventSource as unknown as typeof EventSource });
    const states: ConnectionState[] = [];
    const received: ServerEvent[] = [];
    client.onConnection((state) => states.push(state));
    client.on((event) => received.push(event));

    expect(FakeEventSource.instances).toHaveLength(1);
    const source = FakeEventSource.instances[0]!;
    expect(source.url).toBe('/api/events');
    source.open();
    source.send('server.started', { bootId: 'b1', version: '0.1.0' });
    expect(received).toEqual([{ name: 'server.started', data: { bootId: 'b1', version: '0.1.0' } }]);

    // The browser retries by itself while CONNECTING: offline, but no new stream of ours.
    source.fail(FakeEventSource.CONNECTING);
    expect(client.connection).toBe('offline');
    expect(FakeEventSource.instances).toHaveLength(1);
    source.open();
    expect(states).toEqual(['online', 'offline', 'online']);
  });

  it('opens a new stream after a pause when the browser gave up (CLOSED)', () => {
    vi.useFakeTimers();
    const client = createHttpClient({ EventSource: FakeEventSource as unknown as typeof EventSource, retryMs: 1000 });
    client.on(() => undefined);
    FakeEventSource.instances[0]!.fail(FakeEventSource.CLOSED);
    expect(client.connection).toBe('offline');
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    FakeEventSource.instances[1]!.open();
    expect(client.connection).toBe('online');
  });
});

describe('reloadOnNewBoot and onReconnect', () => {
  it('reloads when server.started carries a bootId other than the first one seen', () => {
    const client = createHttpClient({ EventSource: FakeEventSource as unknown as typeof EventSource });
    const reload = vi.fn();
    reloadOnNewBoot(client, reload);
    const source = FakeEventSource.instances[0]!;
    source.send('server.started', { bootId: 'b1', version: '1' });
    source.send('server.started', { bootId: 'b1', version: '1' });
    expect(reload).not.toHaveBeenCalled();
    source.send('server.started', { bootId: 'b2', version: '2' });
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('calls back only when the stream comes back after a loss', () => {
    const client = createHttpClient({ EventSource: FakeEventSource as unknown as typeof EventSource });
    const back = vi.fn();
    onReconnect(client, back);
    const source = FakeEventSource.instances[0]!;
    source.open();
    expect(back).not.toHaveBeenCalled();
    source.fail(FakeEventSource.CONNECTING);
    source.open();
    expect(back).toHaveBeenCalledTimes(1);
  });
});
