/**
 * The api client the stores use. It is created on first use and can be replaced (tests inject a fake),
 * so that nothing but the stores needs to know which transport carries the calls.
 */
import { createApiClient, type ApiClient } from './client';
import { takeFirstPaintReplies, withFirstPaintReplies } from './first-paint';

export * from './client';

let current: ApiClient | undefined;

/** Replaces the client every store gets from now on (tests); `undefined` goes back to the real one. */
export function setApi(client: ApiClient | undefined): void {
  current = client;
}

/**
 * The client: the IPC bridge inside Alignboard's window, HTTP + SSE in any other browser; the first reads
 * are answered from the page when it brought their data.
 */
export function useApi(): ApiClient {
  current ??= withFirstPaintReplies(createApiClient(window), takeFirstPaintReplies(document));
  return current;
}
