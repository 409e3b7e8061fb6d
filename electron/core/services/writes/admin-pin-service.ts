/**
 * The admin PIN: set on first use, then asked before the Electron admin may change anything.
 * Only a salted scrypt hash is stored, in the machine's secret store (`admin.pin`, never in the database,
 * so that no backup or export carries it), compared in constant time. Wrong PINs are rate-limited: after
 * {@link PIN_LOCKOUT}.maxFailures in a row no PIN is checked for lockoutMs; the count lives in the secret
 * store too (`admin.pinAttempts`), so that neither a restart nor a restored backup resets it, and in this
 * process's memory (pin-attempts.ts), so that it holds even if the store cannot be written.
 *
 * The PIN is not written through runCommand: it is this machine's access, not data on the wall, and its
 * hash must not travel in the activity log (which is kept for ever and shared with other machines later).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { ApiError } from '@shared/api-error';
import type { PinCheck, PinStatus } from '@shared/methods/admin-methods';
import type { CoreContext } from '../../context';
import { getSecretJson, SECRET_NAMES, setSecretJson } from '../../secrets/machine-secrets';
import { NO_ATTEMPTS, pinMemoryOf, stricterAttempts, type PinAttempts } from '../support/pin-attempts';

/** Wrong PINs in a row before a lockout, and how long it lasts. */
export const PIN_LOCKOUT = { maxFailures: 5, lockoutMs: 30_000 } as const;

/** How a PIN is stored: scrypt's parameters with the salt and the hash (base64). */
export interface StoredPin {
  scheme: 'scrypt';
  n: number;
  r: number;
  p: number;
  salt: string;
  hash: string;
}

// N = 2^14 keeps one check near 50 ms and within Node's default scrypt memory limit; the parameters are
// stored with each hash, so a later version can raise them without locking anyone out.
const SCRYPT = { n: 16_384, r: 8, p: 1, keyLength: 32 } as const;

/** Hashes a PIN with a fresh random salt. */
export function hashPin(pin: string): StoredPin {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, SCRYPT.keyLength, { N: SCRYPT.n, r: SCRYPT.r, p: SCRYPT.p });
  return {
    scheme: 'scrypt',
    n: SCRYPT.n,
    r: SCRYPT.r,
    p: SCRYPT.p,
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
  };
}

/** Whether `pin` is the stored one; the comparison takes the same time wherever the hashes differ. */
export function pinMatches(stored: StoredPin, pin: string): boolean {
  const expected = Buffer.from(stored.hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(stored.salt, 'base64'), expected.length, {
    N: stored.n,
    r: stored.r,
    p: stored.p,
  });
  return timingSafeEqual(actual, expected);
}

/** Whether a PIN has been set on this machine. */
export function getPinStatus(ctx: Pick<CoreContext, 'secrets'>): PinStatus {
  return { set: storedPin(ctx) !== undefined };
}

/**
 * Checks a PIN. While locked out, answers with the seconds left and checks nothing; the
 * {@link PIN_LOCKOUT}.maxFailures-th wrong PIN in a row starts a lockout. A right PIN clears the count.
 */
export function verifyPin(ctx: PinContext, pin: string): PinCheck {
  const stored = storedPin(ctx);
  if (stored === undefined) throw new ApiError('conflict', 'No admin PIN is set yet; set one first.');
  const now = ctx.clock.now();
  const memory = pinMemoryOf(ctx);
  const persisted = storedAttempts(ctx);
  const attempts = stricterAttempts(memory.get(), persisted);
  if (attempts.lockedUntil > now) {
    return { ok: false, retryAfterSeconds: Math.ceil((attempts.lockedUntil - now) / 1000) };
  }
  if (pinMatches(stored, pin)) {
    memory.clear();
    if (persisted.failures > 0 || persisted.lockedUntil > 0) ctx.secrets.delete(SECRET_NAMES.adminPinAttempts);
    return { ok: true };
  }
  const failures = attempts.failures + 1;
  const locked = failures >= PIN_LOCKOUT.maxFailures;
  const next: PinAttempts = locked
    ? { failures: 0, lockedUntil: now + PIN_LOCKOUT.lockoutMs }
    : { failures, lockedUntil: 0 };
  memory.set(next);
  try {
    setSecretJson(ctx.secrets, SECRET_NAMES.adminPinAttempts, next);
  } catch (error) {
    // A store that cannot be written (a full disk) must not turn a wrong PIN into an error that skips the
    // count: the memory holds it for this process.
    console.error('cannot record a wrong PIN in the secret store:', error);
  }
  return locked
    ? { ok: false, retryAfterSeconds: Math.ceil(PIN_LOCKOUT.lockoutMs / 1000) }
    : { ok: false, attemptsLeft: PIN_LOCKOUT.maxFailures - failures };
}

/** What checking a PIN needs: the secret store, the time, the memory of wrong tries. */
type PinContext = Pick<CoreContext, 'secrets' | 'clock' | 'pinAttempts'>;

/** The lockout state the secret store holds. */
function storedAttempts(ctx: PinContext): PinAttempts {
  const stored = getSecretJson<PinAttempts>(ctx.secrets, SECRET_NAMES.adminPinAttempts);
  return typeof stored?.failures === 'number' && typeof stored.lockedUntil === 'number' ? stored : NO_ATTEMPTS;
}

/**
 * Sets the admin PIN. The first time, anyone at the machine may; once one is set, only with the current
 * PIN (which counts towards the lockout like any other try).
 */
export function setPin(ctx: PinContext, input: { pin: string; currentPin?: string }): PinStatus {
  if (storedPin(ctx) !== undefined) {
    if (input.currentPin === undefined) {
      throw new ApiError('invalid_input', 'currentPin is required to change the PIN', 'currentPin');
    }
    const check = verifyPin(ctx, input.currentPin);
    if (check.retryAfterSeconds !== undefined) {
      throw new ApiError(
        'forbidden',
        `Too many wrong PINs; try again in ${check.retryAfterSeconds} seconds.`,
        'currentPin',
      );
    }
    if (!check.ok) throw new ApiError('forbidden', 'currentPin is not the current PIN', 'currentPin');
  }
  storePinHash(ctx, hashPin(input.pin));
  return { set: true };
}

/** Stores a new PIN hash and forgets every wrong try (of the old PIN). */
export function storePinHash(ctx: PinContext, stored: StoredPin): void {
  setSecretJson(ctx.secrets, SECRET_NAMES.adminPin, stored);
  ctx.secrets.delete(SECRET_NAMES.adminPinAttempts);
  pinMemoryOf(ctx).clear();
}

function storedPin(ctx: Pick<CoreContext, 'secrets'>): StoredPin | undefined {
  const stored = getSecretJson<StoredPin>(ctx.secrets, SECRET_NAMES.adminPin);
  return stored && stored.scheme === 'scrypt' ? stored : undefined;
}
