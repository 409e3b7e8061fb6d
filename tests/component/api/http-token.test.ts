import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureToken, createHttpClient, TOKEN_STORAGE_KEY } from '../../../src/api/client';

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
  window.history.replaceState(null, '', '/');
  RecordingEventSource.urls = [];
});

describe('the access token of a paired browser', () => {
  it('is taken from the pairing link, kept in localStorage and removed from the address bar', () => {
    window.history.replaceState(null, '', '/admin?section=deals&token=abc_DEF-123#top');
    const token = captureToken(window);
    expect(token()).toBe('abc_DEF-123');
    expect(window.localStorage.getItem(TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    expect(`${window.location.pathname}${window.location.search}${window.location.hash}`).toBe(
      '/admin?section=deals#top',
    );
    // a reload (no token in the address any more) is still paired
    expect(captureToken(window)()).toBe('abc_DEF-123');
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
