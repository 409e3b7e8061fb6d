/**
 * The admin PIN that unlocks the app's admin pages. The result types live here too, so that the admin view
 * imports them as types only.
 */
import { z } from 'zod';
import { none, read, write } from './define';

/** Whether an admin PIN has been set on this machine. */
export interface PinStatus {
  set: boolean;
}

/**
 * The answer to a PIN: `ok`, or not, with how many tries are left before a lockout, or how long the
 * lockout still lasts (while locked out, no PIN is checked at all, not even the right one).
 */
export interface PinCheck {
  ok: boolean;
  attemptsLeft?: number;
  retryAfterSeconds?: number;
}

/** An admin PIN: 4 to 12 digits. */
export const pin = z.string().regex(/^\d{4,12}$/, 'must be 4 to 12 digits');

/** Input of `admin.setPin`: the new PIN, and the current one once a PIN is set. */
export const pinSetInput = z.object({ pin, currentPin: pin.optional() }).strict();

/** Input of `admin.verifyPin`. Any string up to 64 characters: a malformed PIN is simply a wrong one. */
export const pinVerifyInput = z.object({ pin: z.string().max(64, 'is too long') }).strict();

/** PIN tries one caller may make in a minute, apart from the lockout after wrong ones in a row. */
export const PIN_TRY_RATE = { calls: 20, perMs: 60_000 } as const;

/** The admin domain: name (domain.verb) → kind, input schema, result type. */
export const adminMethods = {
  'admin.pinStatus': read<PinStatus>('viewer')(none),
  /** the first PIN needs no unlock (there is none yet); a change asks for the current PIN */
  'admin.setPin': write<PinStatus>('kiosk')(pinSetInput),
  /**
   * A write: a wrong PIN counts towards the lockout. Only the app's own window (and the admin token) may
   * try, never a viewer, so that the wall's QR code can neither guess the PIN nor lock the admin out.
   */
  'admin.verifyPin': write<PinCheck>('kiosk', { rate: PIN_TRY_RATE, whileDamaged: true })(pinVerifyInput),
} as const;
