/**
 * The names this machine's own secrets go by in the {@link SecretStore}, JSON values on top of its
 * strings, and the move of secrets that older versions kept in the database's settings table.
 */
import type Database from 'better-sqlite3';
import { deleteSetting, getSetting } from '../db/repositories/settings-repository';
import type { SecretStore } from './secret-store';

/**
 * Secrets of this machine. The values of the first three were once settings rows under the same keys,
 * which {@link moveSecretsOutOfDatabase} takes out of the database.
 */
export const SECRET_NAMES = {
  /** the LAN server's viewer and admin tokens, with when they were made */
  httpTokens: 'http.tokens',
  /** the admin PIN's salted scrypt hash */
  adminPin: 'admin.pin',
  /** wrong PINs in a row and the lockout: machine state, which a restore must not reset */
  adminPinAttempts: 'admin.pinAttempts',
} as const;

/** A JSON value from the store, or undefined when none is stored or it is not JSON. */
export function getSecretJson<T>(secrets: SecretStore, name: string): T | undefined {
  const text = secrets.get(name);
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Stores a JSON value (written through before it returns). */
export function setSecretJson(secrets: SecretStore, name: string, value: unknown): void {
  secrets.set(name, JSON.stringify(value));
}

/**
 * Moves every secret still kept in the settings table into the store (an install from before the store
 * existed): copied first, then deleted from the database, so that a crash between the two leaves the
 * secret in both places and the next start finishes the move. A value already in the store wins. A
 * read-only (damaged) database keeps its rows; they are copied and deleted at the first start after a
 * restore or repair.
 */
export function moveSecretsOutOfDatabase(db: Database.Database, secrets: SecretStore, readOnly: boolean): string[] {
  const moved: string[] = [];
  for (const name of Object.values(SECRET_NAMES)) {
    let value: unknown;
    try {
      value = getSetting<unknown>(db, name);
    } catch (error) {
      if (readOnly) continue;
      throw error;
    }
    if (value === undefined) continue;
    if (secrets.get(name) === null) setSecretJson(secrets, name, value);
    moved.push(name);
  }
  if (!readOnly && moved.length > 0) {
    db.transaction(() => {
      for (const name of moved) deleteSetting(db, name);
    })();
  }
  return moved;
}
