/**
 * An unattended install: a config file read from disk and applied by createCore at start, on a
 * real database file, as `serve` and the app do it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { MethodInput, MethodName, MethodResult } from '@shared/contract';
import { CONFIG_FILE_NAME, loadConfigFile, locateConfigFile } from '../../../electron/core/config-file';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { fingerprint } from '../faults/db-fingerprint';

const NOW = Date.parse('2026-11-20T08:00:00Z');

let dir: string;
let core: Core | undefined;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-config-setup-'));
});
afterEach(() => {
  core?.close();
  core = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Writes the config file into the data folder, where serve and the app look for it by default. */
function writeConfig(content: unknown): void {
  fs.writeFileSync(path.join(dir, CONFIG_FILE_NAME), JSON.stringify(content, null, 2));
}

/** Starts the core as serve does: find and check the config first, then open the database with it. */
function start(demo: CoreOptions['demo']): Core {
  core?.close();
  const config = loadConfigFile(locateConfigFile({ env: {}, dataDir: dir }));
  core = createCore({
    dbFile: path.join(dir, 'alignboard.db'),
    clock: fixedClock(NOW),
    version: '0.0.0-test',
    demo,
    timezone: 'Europe/Berlin',
    backups: false,
    config,
  });
  return core;
}

async function ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const reply = await core!.dispatch(method, input, { role: 'admin' });
  if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
  return reply.result as MethodResult<M>;
}

function setting(key: string): unknown {
  const value = core!.ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return value === undefined ? undefined : JSON.parse(value);
}

const SETUP = {
  data: 'empty',
  adminPin: '97531',
  teamNames: { sales: 'Field sales', marketing: 'Demand gen' },
  kpi: { target: 12 },
  slides: ['kpi', 'activity'],
};

describe('a config file at start', () => {
  test('sets up an empty database waiting for setup, and stores the sharing setting', async () => {
    writeConfig({ setup: SETUP, share: { enabled: true, host: 'lan' } });
    start('setup');

    expect(core!.configApplied).toEqual({ setup: true, share: true });
    expect(await ok('setup.status', {})).toEqual({ needed: false, completedAt: NOW });
    expect((await ok('settings.display', {})).teamNames).toEqual(SETUP.teamNames);
    expect(await ok('kpi.targets', {})).toEqual([
      { kpiId: 'new_paying_customers', periodKind: 'month', periodStart: '2026-11-01', target: 12 },
    ]);
    expect(await ok('admin.verifyPin', { pin: SETUP.adminPin })).toEqual({ ok: true });
    expect(setting('lan.share')).toEqual({ enabled: true, host: 'lan', port: 4173 });
    const types = core!.ctx.db.prepare('SELECT type FROM activity_events ORDER BY seq').pluck().all();
    expect(types).toEqual(['setup.completed', 'sharing.changed']);
  });

  test('decides what an empty database holds also where demo data would be filled in', async () => {
    writeConfig({ setup: SETUP });
    start('if-empty');
    expect(core!.configApplied.setup).toBe(true);
    expect(await ok('app.info', {})).toMatchObject({ demo: false });
    expect(await ok('people.list', {})).toEqual([]);

    writeConfig({ setup: { ...SETUP, data: 'demo' } });
    fs.rmSync(path.join(dir, 'alignboard.db'));
    start('never');
    expect(await ok('app.info', {})).toMatchObject({ demo: true });
  });

  test('is for the first start: a later start changes nothing, and a later admin choice of sharing stays', async () => {
    writeConfig({ setup: SETUP, share: { enabled: true } });
    start('setup');
    await ok('settings.save', { teamNames: { sales: 'Renamed', marketing: 'Demand gen' } });
    core!.ctx.db
      .prepare(`UPDATE settings SET value = ? WHERE key = 'lan.share'`)
      .run(JSON.stringify({ enabled: false }));
    const before = fingerprint(core!.ctx.db);

    start('setup');
    expect(core!.configApplied).toEqual({ setup: false, share: false });
    expect(fingerprint(core!.ctx.db)).toBe(before);
    expect((await ok('settings.display', {})).teamNames.sales).toBe('Renamed');
  });

  test('leaves a database that already holds data alone', async () => {
    start('if-empty');
    const before = fingerprint(core!.ctx.db);
    writeConfig({ setup: SETUP });

    start('setup');
    expect(core!.configApplied).toEqual({ setup: false, share: false });
    expect(fingerprint(core!.ctx.db)).toBe(before);
  });

  test('that cannot be applied stops the start and stores nothing, not even its share part', async () => {
    start('setup');
    await ok('admin.setPin', { pin: '1111' });
    core!.close();
    core = undefined;
    writeConfig({ setup: SETUP, share: { enabled: true } });
    const db = new Database(path.join(dir, 'alignboard.db'));
    const before = fingerprint(db);
    db.close();

    // A PIN was set in the admin before: the file's different PIN must not replace it.
    expect(() => start('setup')).toThrow(/adminPin is not the admin PIN already set/);
    core = undefined;

    const after = new Database(path.join(dir, 'alignboard.db'));
    expect(fingerprint(after)).toBe(before);
    after.close();
  });
});
