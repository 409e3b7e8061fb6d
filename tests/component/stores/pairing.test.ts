// An admin page in a browser that replaces the tokens must not lock itself out: the store hands the new
// admin token from the answer to the HTTP client, which sends it from then on, keeps it for the next page
// load, and reopens the event stream with it.
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SharingStatus } from '@shared/methods/sharing-methods';
import {
  ADMIN_TOKEN_STORAGE_KEY,
  captureToken,
  createHttpClient,
  setApi,
  storeToken,
  TOKEN_STORAGE_KEY,
} from '../../../src/api';
import { usePairingStore } from '../../../src/stores/pairing';

const SVG = '<svg xmlns="http://www.w3.org/2000/svg"/>';

/** Records the URL each EventSource was opened with. */
class RecordingEventSource {
  static readonly CLOSED = 2;
  static urls: string[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(url: string) {
    RecordingEventSource.urls.push(url);
  }
  addEventListener(): void {}
  close(): void {}
}

/** A server that knows one pair of tokens at a time, as the real one does. */
function fakeServer() {
  const tokens = { viewer: 'v1', admin: 'a1' };
  const status = (): SharingStatus => ({
    configurable: true,
    enabled: true,
    host: 'loopback',
    port: 4173,
    running: true,
    problem: null,
    viewer: [{ url: `http://127.0.0.1:4173/?token=${tokens.viewer}`, svg: SVG }],
    admin: [{ url: `http://127.0.0.1:4173/admin?token=${tokens.admin}`, svg: SVG }],
    tokensRotatedAt: null,
  });
  const json = (body: unknown, statusCode = 200) =>
    new Response(JSON.stringify(body), { status: statusCode, headers: { 'content-type': 'application/json' } });
  const fetch = async (url: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const auth = (init?.headers as Record<string, string>).authorization;
    if (auth !== `Bearer ${tokens.admin}`) return json({ error: { code: 'forbidden', message: 'not valid' } }, 401);
    if (String(url).endsWith('/sharing.rotateTokens')) {
      tokens.viewer = 'v2';
      tokens.admin = 'a2';
    }
    return json({ result: status() });
  };
  return { tokens, fetch: fetch as typeof globalThis.fetch };
}

beforeEach(() => {
  setActivePinia(createPinia());
  // The admin page of a browser, with the admin token it was opened with (kept for this tab).
  window.history.replaceState(null, '', '/admin');
  window.sessionStorage.setItem(ADMIN_TOKEN_STORAGE_KEY, 'a1');
  RecordingEventSource.urls = [];
});
afterEach(() => {
  setApi(undefined);
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('new tokens from a browser admin page', () => {
  it('switches the page to the new admin token, so its next calls and its event stream still work', async () => {
    const server = fakeServer();
    const client = createHttpClient({
      fetch: server.fetch,
      token: captureToken(window),
      keepToken: (token) => storeToken(window, token),
      EventSource: RecordingEventSource as unknown as typeof EventSource,
    });
    setApi(client);
    client.on(() => undefined);
    const pairing = usePairingStore();

    await pairing.loadStatus();
    expect(pairing.statusError).toBeNull();
    const rotated = await pairing.rotateTokens();
    expect(rotated.viewer[0]!.url).toContain('token=v2');

    // The next call carries the new token (the fake server refuses the old one with 401).
    await pairing.loadStatus();
    expect(pairing.statusError).toBeNull();
    expect(window.sessionStorage.getItem(ADMIN_TOKEN_STORAGE_KEY)).toBe('a2');
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBeNull();
    expect(RecordingEventSource.urls).toEqual(['/api/events?token=a1', '/api/events?token=a2']);
    client.close();
  });

  it('locks the page out without the switch (the check above is not vacuous)', async () => {
    const server = fakeServer();
    const client = createHttpClient({ fetch: server.fetch, token: captureToken(window) });
    setApi(client);
    await client.call('sharing.rotateTokens', {});
    const pairing = usePairingStore();
    await pairing.loadStatus();
    expect(pairing.statusError).toBe('not valid');
  });
});
