/**
 * The two secrets of the LAN server: a viewer token (read methods and the event stream) and an admin
 * token (everything, writes included). Each is 32 random bytes in base64url. They are kept in the
 * settings table (`http.tokens`) so that a screen paired once keeps working after a restart, and a
 * restore carries them over like the other machine settings (they belong to this machine, not to the data).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type Database from 'better-sqlite3';
import { getSetting, setSetting } from '../db/repositories/settings-repository';
import { SETTING_KEYS } from '../services/settings-service';

/** The two tokens of one server. */
export interface AccessTokens {
  viewer: string;
  admin: string;
}

/** What a token lets its bearer do. */
export type AccessRole = 'viewer' | 'admin';

/** 32 random bytes, base64url: 256 bits that nobody guesses, and safe in a URL without escaping. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

function isTokens(value: unknown): value is AccessTokens {
  const tokens = value as Partial<AccessTokens> | undefined;
  return (
    typeof tokens?.viewer === 'string' &&
    typeof tokens.admin === 'string' &&
    tokens.viewer.length >= 32 &&
    tokens.admin.length >= 32 &&
    tokens.viewer !== tokens.admin
  );
}

/** The stored tokens, created and stored on first use (also when the stored value is damaged). */
export function loadOrCreateAccessTokens(db: Database.Database, now: number): AccessTokens {
  const stored = getSetting<unknown>(db, SETTING_KEYS.httpTokens);
  if (isTokens(stored)) return { viewer: stored.viewer, admin: stored.admin };
  return rotateAccessTokens(db, now);
}

/** Replaces both tokens with new ones (every paired screen must pair again) and returns them. */
export function rotateAccessTokens(db: Database.Database, now: number): AccessTokens {
  const tokens = { viewer: newToken(), admin: newToken() };
  setSetting(db, SETTING_KEYS.httpTokens, tokens, now);
  return tokens;
}

/** Compares in constant time for equal lengths, so that the answer time gives no prefix away. */
function sameSecret(presented: string, secret: string): boolean {
  const a = Buffer.from(presented, 'utf8');
  const b = Buffer.from(secret, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The role a presented token grants, or undefined when it is neither token. */
export function roleOfToken(tokens: AccessTokens, presented: string): AccessRole | undefined {
  // Both comparisons run every time, so the answer time does not tell which token came close.
  const admin = sameSecret(presented, tokens.admin);
  const viewer = sameSecret(presented, tokens.viewer);
  if (admin) return 'admin';
  return viewer ? 'viewer' : undefined;
}
