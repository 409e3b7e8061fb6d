/**
 * Answers the wall's first reads from the data its page arrived with (electron/core/http/first-paint.ts),
 * so that the first slide paints without waiting for a request. Each reply answers one call with exactly
 * its method and input, once, and only while the page is starting: a store first asked later gets fresh
 * data from the server.
 */
import { FIRST_PAINT_ELEMENT_ID, sameRead, type FirstPaintReply } from '@shared/first-paint';
import type { ApiClient } from './client';

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
  // The client's other members (getters included) stay its own: only call is answered differently.
  return new Proxy(client, {
    get: (target, key, receiver) => (key === 'call' ? call : Reflect.get(target, key, receiver)),
  });
}
