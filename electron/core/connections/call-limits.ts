/**
 * How every call to a CRM is made: with a time limit, retried a few times with growing, jittered waits when
 * the failure may pass (429, 5xx, network), never retried when the CRM refused the credential. Waits honour
 * what the CRM says (Retry-After, HubSpot's rate-limit window). A sync never retries in a storm: after the
 * last attempt the error goes to the engine, and the connection waits for its next poll (longer each time).
 */

/** What went wrong with a CRM call, in the engine's terms. */
export type CrmErrorKind = 'auth' | 'rate' | 'server' | 'network' | 'timeout' | 'invalid' | 'aborted';

/** A failed CRM call; `message` is written for the admin. */
export class CrmError extends Error {
  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    /** how long the CRM asked us to wait before trying again (ms), when it said */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'CrmError';
  }

  /** Whether trying again later may succeed. */
  get transient(): boolean {
    return this.kind === 'rate' || this.kind === 'server' || this.kind === 'network' || this.kind === 'timeout';
  }
}

/** Tuning of {@link callWithLimits}; tests shorten the waits. */
export interface CallLimits {
  /** a call that takes longer fails as 'timeout' */
  timeoutMs: number;
  /** attempts in all for a transient failure */
  attempts: number;
  /** the first backoff wait; doubled each attempt, with up to 50% jitter */
  backoffMs: number;
  /** the longest single wait (a Retry-After longer than this fails the call instead) */
  maxWaitMs: number;
  /** ends waits and further attempts when the sync is cancelled */
  signal?: AbortSignal;
  random?: () => number;
}

/** The defaults for real CRMs. */
export const DEFAULT_CALL_LIMITS: CallLimits = { timeoutMs: 30_000, attempts: 4, backoffMs: 1_000, maxWaitMs: 60_000 };

/**
 * Runs `call` under the limits; `classify` turns a thrown error into a {@link CrmError} (the vendor knows
 * its status codes and headers).
 */
export async function callWithLimits<T>(
  call: () => Promise<T>,
  classify: (error: unknown) => CrmError,
  limits: CallLimits,
): Promise<T> {
  const random = limits.random ?? Math.random;
  for (let attempt = 1; ; attempt += 1) {
    if (limits.signal?.aborted) throw new CrmError('aborted', 'the sync was stopped');
    let failure: CrmError;
    try {
      return await withTimeout(call(), limits.timeoutMs);
    } catch (error) {
      failure = error instanceof CrmError ? error : classify(error);
    }
    if (!failure.transient || attempt >= limits.attempts) throw failure;
    const backoff = limits.backoffMs * 2 ** (attempt - 1);
    const base = failure.retryAfterMs ?? backoff;
    if (base > limits.maxWaitMs) throw failure;
    // Jitter spreads the retries of several walls (or objects) that failed at the same moment.
    await sleep(base + base * 0.5 * random(), limits.signal);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CrmError('timeout', `the CRM did not answer within ${Math.round(ms / 1000)} s`)),
      ms,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Waits `ms`, or less when `signal` aborts (then throws an 'aborted' CrmError). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CrmError('aborted', 'the sync was stopped'));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new CrmError('aborted', 'the sync was stopped'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** A status code and headers, as a vendor client exposes them on an error. */
export interface HttpFailure {
  status: number | null;
  headers: Record<string, string | undefined>;
}

/**
 * The engine's reading of an HTTP failure: 401/403 refuse the credential (with the vendor's sentence),
 * 429 asks to wait (Retry-After, seconds), 5xx and a missing status (network) may pass.
 */
export function classifyHttpFailure(failure: HttpFailure, refusedMessage: string, detail: string): CrmError {
  const { status, headers } = failure;
  if (status === 401 || status === 403) return new CrmError('auth', refusedMessage);
  if (status === 429) {
    const seconds = Number(headers['retry-after']);
    const intervalMs = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
    const wait =
      Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : Number.isFinite(intervalMs) ? intervalMs : null;
    return new CrmError('rate', 'the CRM asked us to slow down (429)', wait);
  }
  if (status !== null && status >= 500) return new CrmError('server', `the CRM answered ${status}: ${detail}`);
  if (status === null) return new CrmError('network', `the CRM could not be reached: ${detail}`);
  return new CrmError('invalid', `the CRM refused the request (${status}): ${detail}`);
}
