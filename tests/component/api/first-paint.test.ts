import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient, ConnectionState } from '../../../src/api/client';
import { FIRST_PAINT_FRESH_MS, takeFirstPaintReplies, withFirstPaintReplies } from '../../../src/api/first-paint';
import { ACTIVITY_FEED_LENGTH, FIRST_PAINT_ELEMENT_ID, type FirstPaintReply } from '@shared/first-paint';
import { ACTIVITY_KEEP } from '../../../src/stores/activity';

/**
 * A client that records every call that reaches the server and answers it with `{ from: 'server' }` (the
 * newest event: `newestSeq`), and whose event stream opens when `open()` is called.
 */
function recordingClient(newestSeq = 7) {
  const calls: Array<{ method: string; input: unknown }> = [];
  const listeners = new Set<(state: ConnectionState) => void>();
  const client = {
    transport: 'http' as const,
    calls,
    call: (method: string, input: unknown) => {
      calls.push({ method, input });
      if (method === 'activity.list' && JSON.stringify(input) === '{"limit":1}') {
        return Promise.resolve({ items: [{ seq: newestSeq }] });
      }
      return Promise.resolve({ from: 'server' });
    },
    on: () => () => undefined,
    get connection() {
      return 'online' as const;
    },
    onConnection: (listener: (state: ConnectionState) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    open: () => {
      for (const listener of [...listeners]) listener('online');
    },
    onCallError: () => () => undefined,
    close: () => undefined,
  };
  return client as typeof client & ApiClient;
}

const REPLIES: FirstPaintReply[] = [
  { method: 'kpi.get', input: {}, result: { from: 'page' } },
  { method: 'activity.list', input: { limit: 1 }, result: { items: [{ seq: 7 }] } },
  { method: 'activity.list', input: { limit: ACTIVITY_FEED_LENGTH }, result: [] },
];

afterEach(() => {
  document.body.innerHTML = '';
});

describe('the replies a wall page brings for its first paint', () => {
  it('are taken out of the page once, and a damaged block is no reply at all', () => {
    document.body.innerHTML = `<div id="app"></div><script type="application/json" id="${FIRST_PAINT_ELEMENT_ID}">${JSON.stringify(REPLIES)}</script>`;
    expect(takeFirstPaintReplies(document)).toEqual(REPLIES);
    expect(document.getElementById(FIRST_PAINT_ELEMENT_ID)).toBeNull();
    expect(takeFirstPaintReplies(document)).toEqual([]);

    document.body.innerHTML = `<script type="application/json" id="${FIRST_PAINT_ELEMENT_ID}">[{"method":</script>`;
    expect(takeFirstPaintReplies(document)).toEqual([]);
  });

  it('answer the same method and input once, without the server; anything else goes to the server', async () => {
    const server = recordingClient();
    const client = withFirstPaintReplies(server, REPLIES, () => 100);
    expect(await client.call('kpi.get', {})).toEqual({ from: 'page' });
    expect(server.calls).toEqual([]);
    // the second call (a refresh after a change) is the server's
    expect(await client.call('kpi.get', {})).toEqual({ from: 'server' });
    // another input is another read
    expect(await client.call('activity.list', { limit: 5 })).toEqual({ from: 'server' });
    expect(await client.call('activity.list', { limit: ACTIVITY_FEED_LENGTH })).toEqual([]);
    expect(server.calls).toEqual([
      { method: 'kpi.get', input: {} },
      { method: 'activity.list', input: { limit: 5 } },
    ]);
    // the rest of the client is the server's own
    expect(client.connection).toBe('online');
    expect(client.transport).toBe('http');
  });

  it('are not shown once the page has run for a while: a store first asked late gets fresh data', async () => {
    const server = recordingClient();
    let now = 100;
    const client = withFirstPaintReplies(server, REPLIES, () => now);
    now = FIRST_PAINT_FRESH_MS;
    expect(await client.call('kpi.get', {})).toEqual({ from: 'server' });
    now = 100;
    expect(await client.call('kpi.get', {})).toEqual({ from: 'server' });
  });

  it('ask for as many activity events as the activity store does', () => {
    expect(ACTIVITY_FEED_LENGTH).toBe(ACTIVITY_KEEP);
  });

  it('ask once, when the event stream opens, whether anything was written since the page was made', async () => {
    const heard = async (newestSeq: number) => {
      const server = recordingClient(newestSeq);
      const client = withFirstPaintReplies(server, REPLIES, () => 100);
      const states: ConnectionState[] = [];
      client.onConnection((state) => states.push(state));
      server.open();
      server.open();
      await new Promise((resolve) => setTimeout(resolve, 0));
      return { states, checks: server.calls.filter((call) => call.method === 'activity.list').length };
    };
    // nothing written meanwhile: the stores keep the page's data
    expect(await heard(7)).toEqual({ states: ['online', 'online'], checks: 1 });
    // a write meanwhile: the listeners hear a reconnection, on which every store refetches
    expect(await heard(8)).toEqual({ states: ['online', 'online', 'offline', 'online'], checks: 1 });
  });
});
