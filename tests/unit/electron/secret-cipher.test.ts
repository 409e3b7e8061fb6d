import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ safeStorage: {} }));

const { keychainCipher } = await import('../../../electron/main/secret-cipher');

describe('keychainCipher', () => {
  it('encrypts and decrypts through safeStorage when the keychain is available', () => {
    const storage = {
      isEncryptionAvailable: () => true,
      encryptString: vi.fn((plain: string) => Buffer.from(plain, 'utf8').reverse()),
      decryptString: vi.fn((encrypted: Buffer) => Buffer.from(encrypted).reverse().toString('utf8')),
    };
    const cipher = keychainCipher(storage);
    const encrypted = cipher!.encrypt('token-123');
    expect(encrypted.toString('utf8')).not.toContain('token-123');
    expect(cipher!.decrypt(encrypted)).toBe('token-123');
    expect(storage.encryptString).toHaveBeenCalledExactlyOnceWith('token-123');
  });

  it('gives none where the OS has no keychain, so the file stays plain (owner-only)', () => {
    const storage = { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() };
    expect(keychainCipher(storage)).toBeUndefined();
    expect(storage.encryptString).not.toHaveBeenCalled();
  });
});
