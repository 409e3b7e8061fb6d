/**
 * Wrong admin PINs as this process remembers them. The database keeps the count across restarts, but a
 * damaged database is open read-only and records nothing: without this memory a brute force would then be
 * unlimited. Both are consulted on every check and the stricter one wins.
 */

/** The state of the PIN lockout: wrong PINs in a row, and until when no PIN is checked. */
export interface PinAttempts {
  /** wrong PINs in a row since the last right one or the last lockout */
  failures: number;
  /** epoch ms until which no PIN is checked; 0 when not locked out */
  lockedUntil: number;
}

/** No wrong PIN yet. */
export const NO_ATTEMPTS: PinAttempts = { failures: 0, lockedUntil: 0 };

/** The stricter of two states: the longer lockout and the longer run of wrong PINs. */
export function stricterAttempts(a: PinAttempts, b: PinAttempts): PinAttempts {
  return { failures: Math.max(a.failures, b.failures), lockedUntil: Math.max(a.lockedUntil, b.lockedUntil) };
}

/** One core's memory of wrong PINs (see the file comment). */
export class PinAttemptMemory {
  private state: PinAttempts = NO_ATTEMPTS;

  /** The remembered state. */
  get(): PinAttempts {
    return this.state;
  }

  /** Remembers a new state (after a wrong PIN or a lockout). */
  set(state: PinAttempts): void {
    this.state = { failures: state.failures, lockedUntil: state.lockedUntil };
  }

  /** Forgets every wrong PIN (a right PIN was given, or a new PIN was set). */
  clear(): void {
    this.state = NO_ATTEMPTS;
  }
}

// Contexts built without createCore (tests, tools) still get one memory each.
const fallback = new WeakMap<object, PinAttemptMemory>();

/** The memory of a context: its own `pinAttempts`, or one kept for that context object. */
export function pinMemoryOf(ctx: { pinAttempts?: PinAttemptMemory }): PinAttemptMemory {
  if (ctx.pinAttempts) return ctx.pinAttempts;
  let memory = fallback.get(ctx);
  if (!memory) {
    memory = new PinAttemptMemory();
    fallback.set(ctx, memory);
  }
  return memory;
}
