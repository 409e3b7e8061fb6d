/**
 * Machine-local secrets: LAN tokens, the admin PIN's hash, CRM credentials, the SMTP password. They live
 * outside the database file so that backups, exports and a copied database never carry them.
 */
export interface SecretStore {
  /** the stored value, or null when none is stored under that name */
  get(name: string): string | null;
  /** stores (or replaces) a value; written through before it returns */
  set(name: string, value: string): void;
  /** forgets a value; no error when none was stored */
  delete(name: string): void;
}

/** A store that forgets everything when the process ends: for an in-memory database and for tests. */
export function memorySecretStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: (name) => values.get(name) ?? null,
    set: (name, value) => void values.set(name, value),
    delete: (name) => void values.delete(name),
  };
}
