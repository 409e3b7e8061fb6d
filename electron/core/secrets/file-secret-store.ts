/**
 * The machine-local secret store on disk: one JSON file beside the database (`<db>.secrets.json`),
 * readable and writable only by its owner (mode 0600), written whole to a temporary file and renamed over
 * the old one so that a crash never leaves half a file. In the Electron app each value is encrypted with
 * the operating system's keychain (`safeStorage`), handed in as an {@link SecretCipher}: this module runs
 * under plain Node too and never imports Electron.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SecretStore } from './secret-store';

/** Encrypts and decrypts one value (Electron's `safeStorage.encryptString` / `decryptString`). */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

/** One stored value: plain text, or base64 of what the cipher made of it. */
type StoredValue = { plain: string } | { encrypted: string };

interface SecretFile {
  version: 1;
  values: Record<string, StoredValue>;
}

/** The file that holds the secrets of the database `dbFile`. */
export function secretFileFor(dbFile: string): string {
  return `${dbFile}.secrets.json`;
}

/** A secret file that cannot be used: its words say which file and why. */
export class SecretStoreError extends Error {
  override name = 'SecretStoreError';
}

/**
 * Opens (or starts) the secret file at `file`. With a `cipher`, every value is written encrypted, and
 * plain values found in the file are encrypted at the next write; without one, values are written plain
 * (the file's mode is then the only protection, as for `npm run serve`). A file whose values this process
 * cannot decrypt is refused with a {@link SecretStoreError} rather than silently replaced.
 */
export function fileSecretStore(file: string, cipher?: SecretCipher): SecretStore {
  const values = readSecretFile(file, cipher);

  function write(): void {
    const stored: SecretFile = { version: 1, values: {} };
    for (const [name, value] of values) {
      stored.values[name] = cipher ? { encrypted: cipher.encrypt(value).toString('base64') } : { plain: value };
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    // Created owner-only, so that the secrets are never readable by others, not even for a moment.
    const fd = fs.openSync(temporary, 'w', 0o600);
    try {
      fs.writeFileSync(fd, `${JSON.stringify(stored, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
    restrictToOwner(file);
  }

  return {
    get: (name) => values.get(name) ?? null,
    set(name, value) {
      values.set(name, value);
      write();
    },
    delete(name) {
      if (!values.delete(name)) return;
      write();
    },
  };
}

function readSecretFile(file: string, cipher: SecretCipher | undefined): Map<string, string> {
  const values = new Map<string, string>();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return values;
    throw new SecretStoreError(`cannot read the secret file ${file}: ${(error as Error).message}`);
  }
  // A file copied in with looser rights is narrowed at once.
  restrictToOwner(file);
  let parsed: Partial<SecretFile>;
  try {
    parsed = JSON.parse(text) as Partial<SecretFile>;
  } catch {
    throw new SecretStoreError(`the secret file ${file} is not valid JSON; move it aside to start with new secrets`);
  }
  for (const [name, stored] of Object.entries(parsed.values ?? {})) {
    if (typeof stored !== 'object' || stored === null) continue;
    if ('plain' in stored && typeof stored.plain === 'string') values.set(name, stored.plain);
    else if ('encrypted' in stored && typeof stored.encrypted === 'string') {
      if (!cipher) {
        throw new SecretStoreError(
          `the secret file ${file} was encrypted by the Alignboard app with this computer's keychain; start the app, or move the file aside to start with new secrets`,
        );
      }
      try {
        values.set(name, cipher.decrypt(Buffer.from(stored.encrypted, 'base64')));
      } catch (error) {
        throw new SecretStoreError(`cannot decrypt "${name}" in ${file}: ${(error as Error).message}`);
      }
    }
  }
  return values;
}

/** Owner-only read and write; on Windows, where modes mean little, the user profile's ACL protects it. */
function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  fs.chmodSync(file, 0o600);
}
