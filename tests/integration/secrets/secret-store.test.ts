/**
 * The machine's secrets beside the database: an owner-only file, encrypted when a cipher is given, moved
 * out of the settings table of an older install at its first start, and never carried by a backup or an
 * export.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { openDatabase } from '../../../electron/core/db/open-database';
import { setSetting } from '../../../electron/core/db/repositories/settings-repository';
import { loadOrCreateAccessTokens } from '../../../electron/core/secrets/access-tokens';
import { hashPin, setPin } from '../../../electron/core/services/writes/admin-pin-service';
import { backupsFolder, createBackup } from '../../../electron/core/services/writes/backup-service';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { exportAll } from '../../../electron/core/services/import/export-service';
import {
  fileSecretStore,
  secretFileFor,
  SecretStoreError,
  type SecretCipher,
} from '../../../electron/core/secrets/file-secret-store';

const NOW = Date.UTC(2026, 10, 17, 9, 0);
const dirs: string[] = [];
const cores: Core[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-secrets-'));
  dirs.push(dir);
  return dir;
}

function start(dbFile: string, cipher?: SecretCipher): Core {
  const core = createCore({
    dbFile,
    clock: fixedClock(NOW),
    version: '1.0.0',
    demo: 'never',
    backups: false,
    secrets: fileSecretStore(secretFileFor(dbFile), cipher),
  });
  cores.push(core);
  return core;
}

afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A reversible stand-in for safeStorage; what it writes does not contain the plain text. */
const cipher: SecretCipher = {
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)),
  decrypt: (encrypted) => Buffer.from(encrypted.map((byte) => byte ^ 0x5a)).toString('utf8'),
};

describe('the file secret store', () => {
  it('writes an owner-only file beside the database and reads it back after a restart', () => {
    const file = path.join(tempDir(), 'alignboard.db.secrets.json');
    const store = fileSecretStore(file);
    expect(store.get('a')).toBeNull();
    store.set('a', 'one');
    store.set('b', 'two');
    store.delete('b');
    store.delete('never-stored');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const again = fileSecretStore(file);
    expect(again.get('a')).toBe('one');
    expect(again.get('b')).toBeNull();
    // No temporary file is left behind.
    expect(fs.readdirSync(path.dirname(file))).toEqual(['alignboard.db.secrets.json']);
  });

  it('narrows a file found with looser rights to its owner', () => {
    if (process.platform === 'win32') return;
    const file = path.join(tempDir(), 's.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, values: { a: { plain: 'x' } } }), { mode: 0o644 });
    expect(fileSecretStore(file).get('a')).toBe('x');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('encrypts every value with the cipher, and re-encrypts values written before it was there', () => {
    const file = path.join(tempDir(), 's.json');
    fileSecretStore(file).set('old', 'plain-secret');
    const store = fileSecretStore(file, cipher);
    expect(store.get('old')).toBe('plain-secret');
    store.set('new', 'fresh-secret');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain('plain-secret');
    expect(text).not.toContain('fresh-secret');
    expect(fileSecretStore(file, cipher).get('new')).toBe('fresh-secret');
  });

  it('refuses, with the file named, an encrypted file it cannot decrypt, and a file that is not JSON', () => {
    const file = path.join(tempDir(), 's.json');
    fileSecretStore(file, cipher).set('a', 'secret');
    expect(() => fileSecretStore(file)).toThrow(SecretStoreError);
    expect(() => fileSecretStore(file)).toThrow(/was encrypted by the Alignboard app/);
    fs.writeFileSync(file, '{ not json');
    expect(() => fileSecretStore(file, cipher)).toThrow(`the secret file ${file} is not valid JSON`);
  });
});

describe('an install from before the secret store', () => {
  it('moves its tokens, PIN hash and lockout out of the database at the first start, and keeps them working', async () => {
    const dbFile = path.join(tempDir(), 'alignboard.db');
    const old = openDatabase(dbFile);
    const tokens = { viewer: 'v'.repeat(43), admin: 'a'.repeat(43) };
    setSetting(old, 'http.tokens', tokens, NOW);
    setSetting(old, 'admin.pin', hashPin('2468'), NOW);
    setSetting(old, 'admin.pinAttempts', { failures: 2, lockedUntil: 0 }, NOW);
    old.close();

    const core = start(dbFile, cipher);
    const left = core.ctx.db
      .prepare(`SELECT key FROM settings WHERE key IN ('http.tokens', 'admin.pin', 'admin.pinAttempts')`)
      .all();
    expect(left).toEqual([]);
    expect(loadOrCreateAccessTokens(core.ctx.secrets, NOW)).toEqual(tokens);
    // The old count of wrong PINs came along: the third wrong one leaves two tries.
    expect(await core.dispatch('admin.verifyPin', { pin: '0000' }, { role: 'admin' })).toEqual({
      ok: true,
      result: { ok: false, attemptsLeft: 2 },
    });
    expect(await core.dispatch('admin.verifyPin', { pin: '2468' }, { role: 'admin' })).toEqual({
      ok: true,
      result: { ok: true },
    });
    const text = fs.readFileSync(secretFileFor(dbFile), 'utf8');
    expect(text).not.toContain(tokens.admin);

    // A second start finds nothing more to move, and the store still holds everything.
    core.close();
    const again = start(dbFile, cipher);
    expect(loadOrCreateAccessTokens(again.ctx.secrets, NOW)).toEqual(tokens);
    expect(again.ctx.secrets.get('admin.pin')).toContain('scrypt');
  });

  it('keeps what the store already holds when a crash left a secret in both places', () => {
    const dbFile = path.join(tempDir(), 'alignboard.db');
    const old = openDatabase(dbFile);
    setSetting(old, 'http.tokens', { viewer: 'o'.repeat(43), admin: 'p'.repeat(43) }, NOW);
    old.close();
    const store = fileSecretStore(secretFileFor(dbFile));
    const current = { viewer: 'n'.repeat(43), admin: 'm'.repeat(43) };
    store.set('http.tokens', JSON.stringify(current));
    const core = start(dbFile);
    expect(loadOrCreateAccessTokens(core.ctx.secrets, NOW)).toEqual(current);
    expect(core.ctx.db.prepare(`SELECT count(*) FROM settings WHERE key = 'http.tokens'`).pluck().get()).toBe(0);
  });
});

describe('backups and exports', () => {
  it('carry neither the tokens nor the PIN hash', async () => {
    const dbFile = path.join(tempDir(), 'alignboard.db');
    const core = start(dbFile, cipher);
    const tokens = loadOrCreateAccessTokens(core.ctx.secrets, NOW);
    setPin(core.ctx, { pin: '482913' });
    const stored = JSON.parse(core.ctx.secrets.get('admin.pin')!) as { hash: string; salt: string };

    const backup = await createBackup(core.ctx, 'manual');
    const bytes = fs.readFileSync(path.join(backupsFolder(dbFile), backup.fileName));
    for (const secret of [tokens.viewer, tokens.admin, stored.hash, stored.salt]) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    const copy = new Database(path.join(backupsFolder(dbFile), backup.fileName), { readonly: true });
    try {
      expect(copy.prepare(`SELECT key FROM settings WHERE key IN ('http.tokens', 'admin.pin')`).all()).toEqual([]);
    } finally {
      copy.close();
    }
    const json = exportAll(core.ctx).json;
    for (const secret of [tokens.viewer, tokens.admin, stored.hash, stored.salt]) expect(json).not.toContain(secret);
  });
});
