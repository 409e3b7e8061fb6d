/**
 * Per-caller counters for the methods that declare a rate in the contract (a PIN try, a recorded
 * stand-up). Each caller and method has one fixed window; the map holds at most `maxKeys` entries and
 * drops the least recently counted one beyond that, so memory stays bounded and each call costs O(1)
 * whatever a flood of addresses does.
 */
import type { CallRate } from '@shared/contract';

/** Options for {@link CallRates}. */
export interface CallRatesOptions {
  now?: () => number;
  /** the most callers remembered at once (default 10,000) */
  maxKeys?: number;
}

interface Window {
  startedAt: number;
  calls: number;
}

/** Counts calls per caller and method; see the file comment. */
export class CallRates {
  private readonly windows = new Map<string, Window>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(options: CallRatesOptions = {}) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /**
   * Counts one call of `method` by `caller` under `rate`. Returns 0 when it may go ahead, else the whole
   * seconds until its window ends (the call is then not counted).
   */
  take(method: string, caller: string, rate: CallRate): number {
    const key = `${method}\u0000${caller}`;
    const now = this.now();
    let window = this.windows.get(key);
    if (window === undefined || now - window.startedAt >= rate.perMs) window = { startedAt: now, calls: 0 };
    if (window.calls >= rate.calls) return Math.max(1, Math.ceil((window.startedAt + rate.perMs - now) / 1000));
    window.calls += 1;
    // Re-inserting keeps the map in order of last use, so the first key is the one to drop.
    this.windows.delete(key);
    this.windows.set(key, window);
    if (this.windows.size > this.maxKeys) this.windows.delete(this.windows.keys().next().value!);
    return 0;
  }

  /** how many callers are remembered */
  get size(): number {
    return this.windows.size;
  }
}
