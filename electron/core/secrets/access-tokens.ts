/**
 * The two secrets of the LAN server: a viewer token (read methods and the event stream) and an admin
 * token (everything, writes included). Each is 32 random bytes in base64url. They are kept in the
 * machine's secret store (`http.tokens`), never in the database, so that a screen paired once keeps
 * working after a restart while backups, exports and a copied database never carry them.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { getSecretJson, SECRET_NAMES, setSecretJson } from './machine-secrets';
import type { SecretStore } from './secret-store';

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
export function loadOrCreateAccessTokens(secrets: SecretStore, now: number): AccessTokens {
  const stored = getSecretJson<unknown>(secrets, SECRET_NAMES.httpTokens);
  if (isTokens(stored)) return { viewer: stored.viewer, admin: stored.admin };
  return rotateAccessTokens(secrets, now);
}

/** Replaces both tokens with new ones (every paired screen must pair again) and returns them. */
export function rotateAccessTokens(secrets: SecretStore, now: number): AccessTokens {
  const tokens = { viewer: newToken(), admin: newToken() };
  setSecretJson(secrets, SECRET_NAMES.httpTokens, { ...tokens, rotatedAt: now });
  return tokens;
}

/** When the stored tokens were made (ms), or null when unknown (none yet, or moved from an old install). */
export function accessTokensRotatedAt(secrets: SecretStore): number | null {
  const stored = getSecretJson<{ rotatedAt?: unknown }>(secrets, SECRET_NAMES.httpTokens);
  return typeof stored?.rotatedAt === 'number' ? stored.rotatedAt : null;
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
