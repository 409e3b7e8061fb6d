import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ADMIN_TOKEN_STORAGE_KEY,
  captureToken,
  createHttpClient,
  settleTokens,
  storeToken,
  TOKEN_STORAGE_KEY,
} from '../../../src/api/client';

/** Records the URL each EventSource was opened with; nothing else is needed here. */
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

afterEach(() => {
  window.localStorage.clear();
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
  RecordingEventSource.urls = [];
});

describe('the access token of a paired browser', () => {
  it('is taken from the wall’s pairing link, kept in localStorage and removed from the address bar', () => {
    window.history.replaceState(null, '', '/?slide=kpi&token=abc_DEF-123#top');
    const token = captureToken(window);
    expect(token()).toBe('abc_DEF-123');
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe('/?slide=kpi#top');
    // a reload (no token in the address any more) is still paired
    expect(captureToken(window)()).toBe('abc_DEF-123');
  });

  it('keeps the admin token to the admin page and this tab: the wall of the same browser runs with the viewer’s', () => {
    window.localStorage.setItem(TOKEN_STORAGE_KEY, 'viewer-token');
    window.history.replaceState(null, '', '/admin?section=deals&token=admin-token#top');
    const token = captureToken(window);
    expect(token()).toBe('admin-token');
    expect(window.sessionStorage.getItem(ADMIN_TOKEN_STORAGE_KEY)).toBe('admin-token');
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBe('viewer-token');
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe(
      '/admin?section=deals#top',
    );
    // The same browser opens its wall: the admin token is nowhere it could be sent from there.
    window.history.replaceState(null, '', '/');
    expect(token()).toBe('viewer-token');
    expect(captureToken(window)()).toBe('viewer-token');
    expect(JSON.stringify({ ...window.localStorage })).not.toContain('admin-token');
  });

  it('replaces an admin token an older version kept for the wall with the viewer token', async () => {
    window.localStorage.setItem(TOKEN_STORAGE_KEY, 'admin-token');
    window.history.replaceState(null, '', '/');
    const sent: string[] = [];
    const fetchSpy = vi.fn(async (_url: string, init?: RequestInit) => {
      sent.push((init?.headers as Record<string, string>).authorization ?? '');
      return new Response(
        JSON.stringify({
          result: {
            viewer: { url: 'http://127.0.0.1:4173/?token=viewer-token', svg: '' },
            admin: { url: 'http://127.0.0.1:4173/admin?token=admin-token', svg: '' },
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    });
    const client = createHttpClient({
      fetch: fetchSpy as unknown as typeof fetch,
      token: captureToken(window),
      keepToken: (next) => storeToken(window, next),
      EventSource: RecordingEventSource as unknown as typeof EventSource,
    });
    await settleTokens(client, window);
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBe('viewer-token');
    await client.call('app.info', {});
    expect(sent.at(-1)).toBe('Bearer viewer-token');
    client.close();
  });

  it('leaves the viewer token for the wall when the admin link was the first one this browser opened', async () => {
    window.history.replaceState(null, '', '/admin?token=admin-token');
    const fetchSpy = vi.fn(
      async () =>
        new Response(
          JSON.stringify({
            result: {
              viewer: { url: 'http://127.0.0.1:4173/?token=viewer-token', svg: '' },
              admin: { url: 'http://127.0.0.1:4173/admin?token=admin-token', svg: '' },
            },
          }),
          { headers: { 'content-type': 'application/json' } },
        ),
    );
    const client = createHttpClient({ fetch: fetchSpy as unknown as typeof fetch, token: captureToken(window) });
    await settleTokens(client, window);
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBe('viewer-token');
    expect(window.sessionStorage.getItem(ADMIN_TOKEN_STORAGE_KEY)).toBe('admin-token');
  });

  it('is sent as a Bearer header on every call, and in the query of the event stream', async () => {
    const fetchSpy = vi.fn(
      async () =>
        new Response(JSON.stringify({ result: { ok: 1 } }), { headers: { 'content-type': 'application/json' } }),
    );
    const client = createHttpClient({
      fetch: fetchSpy,
      token: () => 'tok en',
      EventSource: RecordingEventSource as unknown as typeof EventSource,
    });
    await client.call('app.info', {});
    const [, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok en');
    client.on(() => undefined);
    expect(RecordingEventSource.urls).toEqual(['/api/events?token=tok%20en']);
    client.close();
  });

  it('is left out when the browser was never paired', async () => {
    const fetchSpy = vi.fn(
      async () => new Response(JSON.stringify({ result: 1 }), { headers: { 'content-type': 'application/json' } }),
    );
    const client = createHttpClient({
      fetch: fetchSpy,
      token: captureToken(window),
      EventSource: RecordingEventSource as unknown as typeof EventSource,
    });
    await client.call('app.info', {});
    const [, init] = fetchSpy.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.headers as Record<string, string>).not.toHaveProperty('authorization');
    client.on(() => undefined);
    expect(RecordingEventSource.urls).toEqual(['/api/events']);
    client.close();
  });
});
