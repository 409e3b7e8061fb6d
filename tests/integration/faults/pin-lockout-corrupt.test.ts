// A damaged database is open read-only, so it cannot record wrong PINs: the lockout must still hold, from
// the core's memory, or a brute force against the PIN would be unlimited exactly when the data is at risk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '@shared/domain';
import { createCore, type Core } from '../../../electron/core/create-core';
import { PIN_LOCKOUT } from '../../../electron/core/services/writes/admin-pin-service';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { damageDealsTable } from './damage-database';

const AT = Date.UTC(2026, 10, 27, 9, 0, 0);
const PIN = '2468';

let dir: string | undefined;
let core: Core | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function call(c: Core, method: string, input: unknown): Promise<unknown> {
  const outcome = await c.dispatch(method, input, { role: 'admin' });
  if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.message}`);
  return outcome.result;
}

describe('the PIN lockout on a damaged database', () => {
  it('locks out after five wrong PINs although nothing can be written, until the lockout passes', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-pin-corrupt-'));
    const file = path.join(dir, 'alignboard.db');
    const clock = fixedClock(AT);
    const first = createCore({ dbFile: file, clock, version: '0', demo: 'if-empty', backups: false });
    await call(first, 'admin.setPin', { pin: PIN });
    first.close();
    damageDealsTable(file);

    core = createCore({ dbFile: file, clock, version: '0', backups: false });
    expect(((await call(core, 'app.info', {})) as AppInfo).corrupt).not.toBeNull();
    const unchanged = fs.readFileSync(file);

    for (let left = PIN_LOCKOUT.maxFailures - 1; left > 0; left--) {
      expect(await call(core, 'admin.verifyPin', { pin: '0000' })).toEqual({ ok: false, attemptsLeft: left });
    }
    const lockout = PIN_LOCKOUT.lockoutMs / 1000;
    expect(await call(core, 'admin.verifyPin', { pin: '0000' })).toEqual({ ok: false, retryAfterSeconds: lockout });
    // The sixth try, with the right PIN, is not even checked.
    expect(await call(core, 'admin.verifyPin', { pin: PIN })).toEqual({ ok: false, retryAfterSeconds: lockout });
    clock.advance(PIN_LOCKOUT.lockoutMs - 1);
    expect(await call(core, 'admin.verifyPin', { pin: PIN })).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect(await call(core, 'admin.verifyPin', { pin: PIN })).toEqual({ ok: true });
    // The right PIN starts the count afresh, and the damaged file was never written.
    expect(await call(core, 'admin.verifyPin', { pin: '0000' })).toEqual({
      ok: false,
      attemptsLeft: PIN_LOCKOUT.maxFailures - 1,
    });
    expect(fs.readFileSync(file).equals(unchanged)).toBe(true);
  });

  it('counts wrong PINs in memory on a healthy database too, so a lost write cannot reset them', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-pin-memory-'));
    const clock = fixedClock(AT);
    core = createCore({ dbFile: path.join(dir, 'alignboard.db'), clock, version: '0', demo: 'never', backups: false });
    await call(core, 'admin.setPin', { pin: PIN });
    for (let i = 0; i < PIN_LOCKOUT.maxFailures; i++) await call(core, 'admin.verifyPin', { pin: '0000' });
    // Someone removes the stored count behind the core's back: the memory still holds the lockout.
    core.ctx.db.prepare(`DELETE FROM settings WHERE key = 'admin.pinAttempts'`).run();
    expect(await call(core, 'admin.verifyPin', { pin: PIN })).toEqual({
      ok: false,
      retryAfterSeconds: PIN_LOCKOUT.lockoutMs / 1000,
    });
  });
});
