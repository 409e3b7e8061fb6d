/**
 * The admin PIN (issue 4): set on first use, then asked before the Electron admin may change anything.
 * Only a salted scrypt hash is stored (settings `admin.pin`), compared in constant time. Wrong PINs are
 * rate-limited: after {@link PIN_LOCKOUT}.maxFailures in a row no PIN is checked for lockoutMs; the
 * count lives in the database (`admin.pinAttempts`), so restarting the app does not reset it.
 *
 * The PIN is not written through runCommand: it is this machine's access, not data on the wall, and its
 * hash must not travel in the activity log (which is kept for ever and shared with other machines later).
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { ApiError } from '@shared/api-error';
import type { PinCheck, PinStatus } from '@shared/methods/backup-methods';
import type { CoreContext } from '../context';
import { deleteSetting, getSetting, setSetting } from '../db/repositories/settings-repository';
import { SETTING_KEYS } from './settings-service';

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

interface PinAttempts {
  /** wrong PINs in a row since the last right one or the last lockout */
  failures: number;
  /** epoch ms until which no PIN is checked; 0 when not locked out */
  lockedUntil: number;
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
export function getPinStatus(ctx: Pick<CoreContext, 'db'>): PinStatus {
  return { set: storedPin(ctx) !== undefined };
}

/**
 * Checks a PIN. While locked out, answers with the seconds left and checks nothing; the
 * {@link PIN_LOCKOUT}.maxFailures-th wrong PIN in a row starts a lockout. A right PIN clears the count.
 */
export function verifyPin(ctx: Pick<CoreContext, 'db' | 'clock'>, pin: string): PinCheck {
  const stored = storedPin(ctx);
  if (stored === undefined) throw new ApiError('conflict', 'No admin PIN is set yet; set one first.');
  const now = ctx.clock.now();
  const attempts = getSetting<PinAttempts>(ctx.db, SETTING_KEYS.adminPinAttempts) ?? { failures: 0, lockedUntil: 0 };
  if (attempts.lockedUntil > now) {
    return { ok: false, retryAfterSeconds: Math.ceil((attempts.lockedUntil - now) / 1000) };
  }
  if (pinMatches(stored, pin)) {
    if (attempts.failures > 0 || attempts.lockedUntil > 0) deleteSetting(ctx.db, SETTING_KEYS.adminPinAttempts);
    return { ok: true };
  }
  const failures = attempts.failures + 1;
  if (failures >= PIN_LOCKOUT.maxFailures) {
    const lockedUntil = now + PIN_LOCKOUT.lockoutMs;
    setSetting(ctx.db, SETTING_KEYS.adminPinAttempts, { failures: 0, lockedUntil } satisfies PinAttempts, now);
    return { ok: false, retryAfterSeconds: Math.ceil(PIN_LOCKOUT.lockoutMs / 1000) };
  }
  setSetting(ctx.db, SETTING_KEYS.adminPinAttempts, { failures, lockedUntil: 0 } satisfies PinAttempts, now);
  return { ok: false, attemptsLeft: PIN_LOCKOUT.maxFailures - failures };
}

/**
 * Sets the admin PIN. The first time, anyone at the machine may; once one is set, only with the current
 * PIN (which counts towards the lockout like any other try).
 */
export function setPin(ctx: Pick<CoreContext, 'db' | 'clock'>, input: { pin: string; currentPin?: string }): PinStatus {
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
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    setSetting(ctx.db, SETTING_KEYS.adminPin, hashPin(input.pin), now);
    deleteSetting(ctx.db, SETTING_KEYS.adminPinAttempts);
  })();
  return { set: true };
}

function storedPin(ctx: Pick<CoreContext, 'db'>): StoredPin | undefined {
  const stored = getSetting<StoredPin>(ctx.db, SETTING_KEYS.adminPin);
  return stored && stored.scheme === 'scrypt' ? stored : undefined;
}
