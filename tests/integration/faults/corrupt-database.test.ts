/**
 * A damaged database file at start: `quick_check` finds it, the core opens it read-only (no migrations, no
 * demo data, no writes), app.info says why, a backup can be restored, and the damaged bytes are kept aside
 * untouched.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '@shared/domain';
import type { BackupInfo, RestoreResult } from '@shared/methods/backups-methods';
import { createCore, type Core } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { damageDealsTable } from './damage-database';

const AT = Date.UTC(2026, 10, 27, 9, 0, 0);

let dir: string | undefined;
let core: Core | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function start(file: string): Core {
  return createCore({ dbFile: file, clock: fixedClock(AT), version: '0.0.0-test', backups: false });
}

async function ok<T>(c: Core, method: string, input: unknown = {}): Promise<T> {
  const outcome = await c.dispatch(method, input, { role: 'admin' });
  if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.message}`);
  return outcome.result as T;
}

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A real Alignboard database with demo data and one manual backup, closed (so it is all in the main file). */
async function preparedFile(): Promise<{ file: string; backup: BackupInfo; dealCount: number }> {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-corrupt-'));
  const file = path.join(dir, 'alignboard.db');
  const first = start(file);
  const backup = await ok<BackupInfo>(first, 'backups.create', {});
  const dealCount = (first.ctx.db.prepare('SELECT count(*) AS n FROM deals').get() as { n: number }).n;
  first.close();
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  return { file, backup, dealCount };
}

describe('a damaged database at start', () => {
  it('opens read-only with the reason in app.info, refuses writes, and a restore brings the backup back', async () => {
    const { file, backup, dealCount } = await preparedFile();
    damageDealsTable(file);
    const damagedHash = sha256(file);

    core = start(file);

    const info = await ok<AppInfo>(core, 'app.info');
    expect(info.corrupt).not.toBeNull();
    expect(info.corrupt!.reason.length).toBeGreaterThan(0);
    expect(core.ctx.db.readonly).toBe(true);
    // Writes are refused with words that say what to do, and nothing reaches the file.
    const write = await core.dispatch('people.save', { name: 'Ana Lima', team: 'sales' }, { role: 'admin' });
    expect(write).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!write.ok && write.error.message).toMatch(/damaged.*read-only.*Restore the last good backup/s);
    expect(sha256(file)).toBe(damagedHash);

    const restored = await ok<RestoreResult>(core, 'backups.restore', { fileName: backup.fileName });

    // The damaged file is kept aside byte for byte; the live file is the backup's data, writable again.
    expect(restored.safetyBackup).toMatch(/^alignboard\.db\.damaged-\d{8}-\d{6}$/);
    const keptAside = path.join(dir!, restored.safetyBackup);
    expect(sha256(keptAside)).toBe(damagedHash);
    expect(core.ctx.db.readonly).toBe(false);
    expect(core.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((await ok<AppInfo>(core, 'app.info')).corrupt).toBeNull();
    expect(core.ctx.db.prepare('SELECT count(*) AS n FROM deals').get()).toEqual({ n: dealCount });
    const saved = await core.dispatch('people.save', { name: 'Ana Lima', team: 'sales' }, { role: 'admin' });
    expect(saved.ok).toBe(true);
    expect(sha256(keptAside)).toBe(damagedHash);
  });

  it('adds no demo data and runs no migration on a damaged file', async () => {
    const { file } = await preparedFile();
    // An older schema version: a writable open would migrate it (and rewrite user_version).
    const raw = new Database(file);
    raw.pragma('user_version = 1');
    raw.close();
    damageDealsTable(file);
    const damagedHash = sha256(file);

    core = start(file);
    core.close();
    core = undefined;

    // Not a byte of the main file changed: no migration, no machine id, no demo quarter, no checkpoint.
    expect(sha256(file)).toBe(damagedHash);
  });

  it('opens a healthy file writable, with no damage reported', async () => {
    const { file } = await preparedFile();
    core = start(file);
    expect(core.ctx.db.readonly).toBe(false);
    expect((await ok<AppInfo>(core, 'app.info')).corrupt).toBeNull();
  });

  it('keeps a file that is not a database at all read-only and untouched', async () => {
    const { file } = await preparedFile();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.from('this is not an SQLite file....'), 0, 30, 0);
    fs.closeSync(fd);
    const damagedHash = sha256(file);

    core = start(file);
    const info = await ok<AppInfo>(core, 'app.info');
    expect(info.corrupt?.reason).toMatch(/not a database/);
    expect(sha256(file)).toBe(damagedHash);
  });
});
