import { safeStorage } from 'electron';
import type { SecretCipher } from '../core/secrets/file-secret-store';

/** The part of Electron's `safeStorage` the cipher uses (a stand-in in tests). */
export type SafeStorage = Pick<typeof safeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString'>;

/**
 * The secret store's cipher from the operating system's keychain (Keychain, DPAPI, libsecret/kwallet),
 * or undefined where none is available: the file's owner-only mode is then its only protection, as under
 * `npm run serve`. Only after `app` is ready.
 */
export function keychainCipher(storage: SafeStorage = safeStorage): SecretCipher | undefined {
  if (!storage.isEncryptionAvailable()) return undefined;
  return {
    encrypt: (plain) => storage.encryptString(plain),
    decrypt: (encrypted) => storage.decryptString(encrypted),
  };
}
