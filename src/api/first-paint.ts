/**
 * Answers the wall's first reads from the data its page arrived with (electron/core/http/first-paint.ts),
 * so that the first slide paints without waiting for a request. Each reply answers one call with exactly
 * its method and input, once, and only while the page is starting: a store first asked later gets fresh
 * data from the server.
 */
import {
  FIRST_PAINT_ELEMENT_ID,
  NEWEST_EVENT_READ,
  newestEventSeq,
  sameRead,
  type FirstPaintReply,
} from '@shared/first-paint';
import type { ApiClient, ConnectionListener } from './client';

/** After this long since the page started, a reply the page brought is too old to show. */
export const FIRST_PAINT_FRESH_MS = 10_000;

/** Takes the replies out of the page (once: the element is removed); none when the page brought none. */
export function takeFirstPaintReplies(doc: Pick<Document, 'getElementById'> | undefined): FirstPaintReply[] {
  const element = doc?.getElementById(FIRST_PAINT_ELEMENT_ID);
  if (!element) return [];
  element.remove();
  try {
    const replies: unknown = JSON.parse(element.textContent ?? '');
    return Array.isArray(replies) ? (replies as FirstPaintReply[]) : [];
  } catch {
    // A damaged block costs only the head start: every read then goes to the server.
    return [];
  }
}

/**
 * The client with `replies` answered from memory. `now` is the time since the page started (ms), as
 * `performance.now()` gives it.
 *
 * A write between the moment the server made the page and the moment the event stream opened would never
 * be heard: when the stream first opens, the newest event is asked for once, and if it is not the one the
 * page knew, the connection's listeners hear it as a reconnection, after which every store refetches what
 * it shows (src/stores/live.ts), as after any gap in the events.
 */
export function withFirstPaintReplies(
  client: ApiClient,
  replies: readonly FirstPaintReply[],
  now: () => number = () => performance.now(),
): ApiClient {
  if (replies.length === 0) return client;
  const waiting = [...replies];
  const call: ApiClient['call'] = (method, input, options) => {
    const at = now() < FIRST_PAINT_FRESH_MS ? waiting.findIndex((reply) => sameRead(reply, { method, input })) : -1;
    if (at === -1) {
      if (waiting.length > 0 && now() >= FIRST_PAINT_FRESH_MS) waiting.length = 0;
      return client.call(method, input, options);
    }
    const [reply] = waiting.splice(at, 1);
    return Promise.resolve(reply!.result as never);
  };

  const listeners = new Set<ConnectionListener>();
  const known = replies.find((reply) => sameRead(reply, NEWEST_EVENT_READ));
  let checked = known === undefined;
  const stopChecking = client.onConnection((state) => {
    if (state !== 'online' || checked) return;
    checked = true;
    stopChecking();
    client.call(NEWEST_EVENT_READ.method, NEWEST_EVENT_READ.input).then(
      (result) => {
        if (newestEventSeq(result) === newestEventSeq(known!.result)) return;
        for (const listener of [...listeners]) {
          listener('offline');
          listener('online');
        }
      },
      // Not answered: the stream's own reconnection handling covers a server that went away.
      () => undefined,
    );
  });
  const onConnection: ApiClient['onConnection'] = (listener) => {
    listeners.add(listener);
    const off = client.onConnection(listener);
    return () => {
      listeners.delete(listener);
      off();
    };
  };

  // The client's other members (getters included) stay its own.
  return new Proxy(client, {
    get: (target, key, receiver) =>
      key === 'call' ? call : key === 'onConnection' ? onConnection : Reflect.get(target, key, receiver),
  });
}
