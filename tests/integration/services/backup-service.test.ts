import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServerEvent } from '@shared/contract';
import type { ActivityEvent } from '@shared/domain';
import type { PinCheck } from '@shared/methods/admin-methods';
import type { BackupInfo, RestoreResult } from '@shared/methods/backups-methods';
import { createCore, type Core } from '../../../electron/core/create-core';
import { openDatabase } from '../../../electron/core/db/open-database';
import { runMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { PIN_LOCKOUT } from '../../../electron/core/services/writes/admin-pin-service';
import {
  backupsFolder,
  createBackup,
  ensureDailyBackup,
  listBackups,
  restoreBackup,
  startBackupSchedule,
} from '../../../electron/core/services/writes/backup-service';
import { fixedClock } from '../../../electron/core/services/support/clock';

// Tuesday 2026-11-17, 10:00 in Berlin.
const NOW = Date.UTC(2026, 10, 17, 9, 0);
const DAY = 86_400_000;

/** The figures of the wall, as the displays fetch them. */
const WALL_METHODS = [
  'funnel.get',
  'kpi.get',
  'sla.get',
  'leadQuality.get',
  'sprints.current',
  'meetings.today',
  'glossary.list',
] as const;

interface TestCore {
  core: Core;
  dir: string;
  dbFile: string;
  clock: ReturnType<typeof fixedClock>;
}

let opened: TestCore[] = [];

function startCore(options: { demo?: boolean; dir?: string } = {}): TestCore {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-backup-'));
  const dbFile = path.join(dir, 'alignboard.db');
  const clock = fixedClock(NOW);
  const core = createCore({
    dbFile,
    clock,
    version: '0.0.0-test',
    demo: options.demo === false ? 'never' : 'if-empty',
    timezone: 'Europe/Berlin',
    backups: false,
  });
  const started = { core, dir, dbFile, clock };
  opened.push(started);
  return started;
}

afterEach(() => {
  for (const { core, dir } of opened) {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  opened = [];
});

async function call<T>(core: Core, method: string, input: unknown = {}): Promise<T> {
  const outcome = await core.dispatch(method, input, { role: 'admin' });
  if (!outcome.ok) throw new Error(`${method}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result as T;
}

async function callError(core: Core, method: string, input: unknown = {}) {
  const outcome = await core.dispatch(method, input, { role: 'admin' });
  if (outcome.ok) throw new Error(`${method} succeeded but should have failed`);
  return outcome.error;
}

/** Every figure of the wall, without the freshness line (a restore is itself a change of the data). */
async function wallFigures(core: Core): Promise<Record<string, unknown>> {
  const figures: Record<string, unknown> = {};
  for (const method of WALL_METHODS) {
    const result = await call<Record<string, unknown> | null>(core, method);
    if (result && typeof result === 'object' && 'freshness' in result) {
      const { freshness: _freshness, ...rest } = result;
      figures[method] = rest;
    } else {
      figures[method] = result;
    }
  }
  figures['deals.list'] = await call(core, 'deals.list', { limit: 200 });
  return figures;
}

/** integrity_check run by the test itself, on a read-only connection of its own. */
function integrityOf(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

function countRows(file: string, sql: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function backupPath(t: TestCore, fileName: string): string {
  return path.join(path.dirname(t.dbFile), 'backups', fileName);
}

/** A won deal through the API: changes the funnel, the KPI and the deal list. */
async function winADeal(core: Core, title: string): Promise<string> {
  const rep = core.ctx.db
    .prepare(`SELECT id FROM people WHERE team = 'sales' AND deleted_at IS NULL LIMIT 1`)
    .get() as {
    id: string;
  };
  const stages = core.ctx.db.prepare(`SELECT id, kind FROM pipeline_stages ORDER BY position`).all() as {
    id: string;
    kind: string;
  }[];
  const open = stages.find((stage) => stage.kind === 'open')!;
  const won = stages.find((stage) => stage.kind === 'won')!;
  const deal = await call<{ id: string }>(core, 'deals.create', {
    title,
    amountMinor: 4_321_000,
    currency: 'EUR',
    stageId: open.id,
    closingRepId: rep.id,
  });
  await call(core, 'deals.moveStage', { dealId: deal.id, stageId: won.id, reason: 'won_price' });
  return deal.id;
}

describe('backups', () => {
  it('takes a manual backup into backups/ beside the database that passes integrity_check', async () => {
    const t = startCore();
    const backup = await call<BackupInfo>(t.core, 'backups.create');
    expect(backup.kind).toBe('manual');
    expect(backup.fileName).toBe('alignboard-20261117-090000-manual.db');
    expect(backup.integrity).toBe('ok');
    const file = backupPath(t, backup.fileName);
    expect(integrityOf(file)).toBe('ok');
    expect(backup.sizeBytes).toBe(fs.statSync(file).size);
    expect(countRows(file, 'SELECT count(*) AS n FROM deals')).toBe(
      (t.core.ctx.db.prepare('SELECT count(*) AS n FROM deals').get() as { n: number }).n,
    );
    // Self-contained: no -wal/-shm next to it, and nothing half-written left behind.
    expect(fs.readdirSync(path.dirname(file))).toEqual([backup.fileName]);
    expect(await call<BackupInfo[]>(t.core, 'backups.list')).toEqual([
      { fileName: backup.fileName, createdAt: NOW, sizeBytes: backup.sizeBytes, kind: 'manual' },
    ]);
  });

  it('gives two backups in the same second different names', async () => {
    const t = startCore({ demo: false });
    const first = await createBackup(t.core.ctx);
    const second = await createBackup(t.core.ctx);
    expect(second.fileName).not.toBe(first.fileName);
    expect(listBackups(t.core.ctx)).toHaveLength(2);
  });

  it('takes a consistent backup while the same connection keeps writing between its steps', async () => {
    const t = startCore();
    const { db } = t.core.ctx;
    db.exec('CREATE TABLE backup_probe (n INTEGER NOT NULL, filler TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO backup_probe (n, filler) VALUES (?, ?)');
    let steps = 0;
    const backup = await createBackup(t.core.ctx, 'manual', {
      pagesPerStep: 50,
      onStep: () => {
        steps += 1;
        for (let i = 0; i < 3; i++) insert.run(steps * 100 + i, 'x'.repeat(500));
      },
    });
    expect(steps).toBeGreaterThan(3);
    const file = backupPath(t, backup.fileName);
    expect(integrityOf(file)).toBe('ok');
    // Writes of the backing-up connection are carried into the backup as it goes: none is half there.
    const written = (db.prepare('SELECT count(*) AS n FROM backup_probe').get() as { n: number }).n;
    expect(countRows(file, 'SELECT count(*) AS n FROM backup_probe')).toBe(written);
  });

  it('takes a consistent backup while a second connection writes between its steps', async () => {
    const t = startCore();
    t.core.ctx.db.exec('CREATE TABLE backup_probe (n INTEGER NOT NULL, filler TEXT NOT NULL)');
    const other = new Database(t.dbFile);
    other.pragma('busy_timeout = 5000');
    const insert = other.prepare('INSERT INTO backup_probe (n, filler) VALUES (?, ?)');
    let steps = 0;
    try {
      const backup = await createBackup(t.core.ctx, 'manual', {
        pagesPerStep: 5,
        onStep: () => {
          steps += 1;
          // Every write restarts the backup; the service finishes in one step after a few restarts.
          if (steps <= 12) insert.run(steps, 'y'.repeat(2000));
        },
      });
      const file = backupPath(t, backup.fileName);
      expect(integrityOf(file)).toBe('ok');
      const rows = countRows(file, 'SELECT count(*) AS n FROM backup_probe');
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(Math.min(steps, 12));
    } finally {
      other.close();
    }
  });

  it('keeps the last N daily backups, and manual ones while there are at most 2N in all', async () => {
    const t = startCore({ demo: false });
    t.core.ctx.db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('backups.keepDaily', '3', 0)`).run();
    const dailies: string[] = [];
    for (let day = 0; day < 5; day++) {
      const backup = await ensureDailyBackup(t.core.ctx);
      expect(backup?.kind).toBe('daily');
      dailies.push(backup!.fileName);
      // A second check on the same day takes none.
      expect(await ensureDailyBackup(t.core.ctx)).toBeNull();
      t.clock.advance(DAY);
    }
    const daily = listBackups(t.core.ctx).filter((backup) => backup.kind === 'daily');
    expect(daily.map((backup) => backup.fileName)).toEqual(dailies.slice(2).reverse());

    const manuals: string[] = [];
    for (let i = 0; i < 5; i++) {
      manuals.push((await createBackup(t.core.ctx, 'manual')).fileName);
      t.clock.advance(60_000);
    }
    const left = listBackups(t.core.ctx);
    expect(left).toHaveLength(6);
    expect(left.filter((backup) => backup.kind === 'daily')).toHaveLength(3);
    expect(left.filter((backup) => backup.kind === 'manual').map((backup) => backup.fileName)).toEqual(
      manuals.slice(2).reverse(),
    );
    expect(fs.readdirSync(backupsFolder(t.dbFile)).sort()).toEqual(left.map((backup) => backup.fileName).sort());
  });

  it('sets how many daily backups to keep, deletes nothing until the next daily backup, and can be undone', async () => {
    const t = startCore({ demo: false });
    expect(await call(t.core, 'backups.retention')).toEqual({ keepDaily: 14, isDefault: true });
    const dailies: string[] = [];
    for (let day = 0; day < 4; day++) {
      dailies.push((await ensureDailyBackup(t.core.ctx))!.fileName);
      t.clock.advance(DAY);
    }

    expect(await callError(t.core, 'backups.setRetention', { keepDaily: 0 })).toMatchObject({
      code: 'invalid_input',
      field: 'keepDaily',
    });
    expect(await call(t.core, 'backups.setRetention', { keepDaily: 2 })).toEqual({ keepDaily: 2, isDefault: false });
    const stored = t.core.ctx.db.prepare(`SELECT value FROM settings WHERE key = 'backups.keepDaily'`).pluck().get();
    expect(JSON.parse(String(stored))).toBe(2);
    // Nothing went yet: a slip can still be undone before any file is deleted.
    expect(listBackups(t.core.ctx).map((backup) => backup.fileName)).toEqual([...dailies].reverse());

    await call(t.core, 'history.undo', {});
    expect(await call(t.core, 'backups.retention')).toEqual({ keepDaily: 14, isDefault: true });

    await call(t.core, 'backups.setRetention', { keepDaily: 2 });
    const next = (await ensureDailyBackup(t.core.ctx))!.fileName;
    expect(listBackups(t.core.ctx).map((backup) => backup.fileName)).toEqual([next, dailies[3]]);
  });

  it('runs a schedule that takes one daily backup a day and stops with the core', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-backup-'));
    const clock = fixedClock(NOW);
    const core = createCore({
      dbFile: path.join(dir, 'alignboard.db'),
      clock,
      version: '0.0.0-test',
      demo: 'never',
      backups: { startDelayMs: 0, everyMs: 10 },
    });
    opened.push({ core, dir, dbFile: path.join(dir, 'alignboard.db'), clock });
    const dailies = () => listBackups(core.ctx).filter((backup) => backup.kind === 'daily');
    await expect.poll(() => dailies().length, { timeout: 5000 }).toBe(1);
    // Several more checks on the same day take no second backup.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dailies()).toHaveLength(1);
    clock.advance(DAY);
    await expect.poll(() => dailies().length, { timeout: 5000 }).toBe(2);
    core.close();
    clock.advance(DAY);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dailies()).toHaveLength(2);
  });

  it('drops a backup that the schedule stops half-way, leaving no partial file', async () => {
    const t = startCore();
    const schedule = startBackupSchedule(t.core.ctx, { startDelayMs: 0, onError: () => undefined });
    const folder = backupsFolder(t.dbFile);
    // Stop as soon as the first step has written the partial file.
    await expect.poll(() => fs.existsSync(folder) && fs.readdirSync(folder).length > 0, { timeout: 5000 }).toBe(true);
    schedule.stop();
    await schedule.idle();
    expect(fs.readdirSync(folder).filter((name) => name.endsWith('.partial'))).toEqual([]);
  });
});

describe('restore', () => {
  let t: TestCore;
  let events: ServerEvent[];

  beforeEach(() => {
    t = startCore();
    events = [];
    t.core.ctx.bus.subscribe((event) => events.push(event));
  });

  it('brings back the wall as it was at the backup, after a safety backup, without writing into the open live file', async () => {
    const backup = await call<BackupInfo>(t.core, 'backups.create');
    const before = await wallFigures(t.core);

    // The clock stands still: the figures depend on the time, and must differ only by the data.
    const dealId = await winADeal(t.core, 'Restore test deal');
    const changed = await wallFigures(t.core);
    expect(changed).not.toEqual(before);

    // A second name for the live file's inode: if anything wrote the backup into the live file in place,
    // this link would see it.
    const oldInode = path.join(t.dir, 'old-live.db');
    fs.linkSync(t.dbFile, oldInode);
    const oldConnection = t.core.ctx.db;

    const result = await call<RestoreResult>(t.core, 'backups.restore', { fileName: backup.fileName });
    expect(result.restoredFrom).toBe(backup.fileName);

    expect(await wallFigures(t.core)).toEqual(before);
    expect(t.core.ctx.db).not.toBe(oldConnection);
    expect(oldConnection.open).toBe(false);
    expect(fs.statSync(t.dbFile).ino).not.toBe(fs.statSync(oldInode).ino);
    // The old file was closed, never overwritten: it still holds the deal made after the backup, intact.
    expect(integrityOf(oldInode)).toBe('ok');
    expect(countRows(oldInode, `SELECT count(*) AS n FROM deals WHERE id = '${dealId}'`)).toBe(1);

    // The safety backup holds the data as it was just before the restore.
    const safety = listBackups(t.core.ctx).find((entry) => entry.fileName === result.safetyBackup);
    expect(safety?.kind).toBe('before-restore');
    const safetyFile = backupPath(t, result.safetyBackup);
    expect(integrityOf(safetyFile)).toBe('ok');
    expect(countRows(safetyFile, `SELECT count(*) AS n FROM deals WHERE id = '${dealId}'`)).toBe(1);
    // The backup restored from is unchanged and still listed.
    expect(integrityOf(backupPath(t, backup.fileName))).toBe('ok');

    // Every wall hears of it: one activity event, recorded in the restored database.
    const recorded = events
      .filter((event) => event.name === 'activity.recorded')
      .map((event) => event.data as ActivityEvent);
    expect(recorded.at(-1)).toMatchObject({ type: 'data.restored', entityId: backup.fileName });
    // The feed names the backup by the time the room read when it was taken (Swedish dates are ISO-like).
    const roomTime = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Europe/Berlin',
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(backup.createdAt);
    expect(recorded.at(-1)?.payload).toMatchObject({ backupTakenAt: roomTime });
    const latest = t.core.ctx.db.prepare('SELECT type FROM activity_events ORDER BY seq DESC LIMIT 1').get();
    expect(latest).toEqual({ type: 'data.restored' });
  });

  it('keeps working on the new connection: writes after a restore land in the live file', async () => {
    const backup = await call<BackupInfo>(t.core, 'backups.create');
    await call(t.core, 'backups.restore', { fileName: backup.fileName });
    const dealId = await winADeal(t.core, 'After the restore');
    t.core.close();
    expect(countRows(t.dbFile, `SELECT count(*) AS n FROM deals WHERE id = '${dealId}'`)).toBe(1);
    expect(integrityOf(t.dbFile)).toBe('ok');
  });

  it('migrates a backup from an older schema version on the way in', async () => {
    const folder = backupsFolder(t.dbFile);
    fs.mkdirSync(folder, { recursive: true });
    const oldFile = path.join(folder, 'alignboard-20260101-080000-manual.db');
    const old = openDatabase(oldFile, { migrate: false });
    runMigrations(old, migrations.slice(0, 1));
    old.pragma('journal_mode = DELETE');
    old.close();
    await call(t.core, 'backups.restore', { fileName: path.basename(oldFile) });
    expect(t.core.ctx.db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(await call(t.core, 'funnel.get')).toBeTruthy();
  });

  /** Copies a good backup under another backup name and damages the copy with `damage`. */
  async function damagedCopy(damage: (file: string, db: { pageSize: number; dealsRoot: number }) => void) {
    const good = await call<BackupInfo>(t.core, 'backups.create');
    const fileName = 'alignboard-20261116-080000-manual.db';
    const file = backupPath(t, fileName);
    fs.copyFileSync(backupPath(t, good.fileName), file);
    const probe = new Database(file, { readonly: true });
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    const dealsRoot = (
      probe.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'deals'`).get() as {
        rootpage: number;
      }
    ).rootpage;
    probe.close();
    damage(file, { pageSize, dealsRoot });
    return { fileName, file, bytes: fs.readFileSync(file) };
  }

  async function expectRefusedAndUntouched(fileName: string, file: string, bytes: Buffer) {
    const liveConnection = t.core.ctx.db;
    const inode = fs.statSync(t.dbFile).ino;
    const before = await wallFigures(t.core);
    const backupsBefore = listBackups(t.core.ctx).map((backup) => backup.fileName);

    const error = await callError(t.core, 'backups.restore', { fileName });
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(new RegExp(`^The backup ${fileName.replace(/\./g, '\\.')} is damaged: .+`));

    expect(t.core.ctx.db).toBe(liveConnection);
    expect(liveConnection.open).toBe(true);
    expect(fs.statSync(t.dbFile).ino).toBe(inode);
    expect(await wallFigures(t.core)).toEqual(before);
    // No safety backup was needed, nothing staged is left, and the damaged file is as it was.
    expect(listBackups(t.core.ctx).map((backup) => backup.fileName)).toEqual(backupsBefore);
    expect(fs.readdirSync(t.dir).filter((name) => name.includes('restoring'))).toEqual([]);
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(events.filter((event) => event.name === 'activity.recorded')).toEqual([]);
  }

  it('refuses a backup with overwritten bytes and leaves the live data alone', async () => {
    const { fileName, file, bytes } = await damagedCopy((target, { pageSize, dealsRoot }) => {
      const fd = fs.openSync(target, 'r+');
      fs.writeSync(fd, Buffer.alloc(pageSize, 0x41), 0, pageSize, (dealsRoot - 1) * pageSize);
      fs.closeSync(fd);
    });
    events.length = 0;
    await expectRefusedAndUntouched(fileName, file, bytes);
  });

  it('refuses a truncated backup and leaves the live data alone', async () => {
    const { fileName, file, bytes } = await damagedCopy((target) => {
      fs.truncateSync(target, Math.floor(fs.statSync(target).size / 2));
    });
    events.length = 0;
    await expectRefusedAndUntouched(fileName, file, bytes);
  });

  it('refuses an empty file posing as a backup', async () => {
    const fileName = 'alignboard-20261116-070000-daily.db';
    fs.mkdirSync(backupsFolder(t.dbFile), { recursive: true });
    const file = backupPath(t, fileName);
    fs.writeFileSync(file, '');
    await expectRefusedAndUntouched(fileName, file, Buffer.alloc(0));
  });

  it('refuses names outside the backups folder', async () => {
    const backup = await call<BackupInfo>(t.core, 'backups.create');
    for (const fileName of [
      '../alignboard.db',
      `../backups/${backup.fileName}`,
      `${backup.fileName}/../../alignboard.db`,
      '/etc/passwd',
      '..\\alignboard.db',
    ]) {
      const error = await callError(t.core, 'backups.restore', { fileName });
      expect(error, fileName).toMatchObject({ code: 'invalid_input', field: 'fileName' });
    }
    // The service checks on its own too, whatever the schema lets through.
    for (const fileName of ['..', 'alignboard.db', 'alignboard.db-wal', `${backup.fileName}.partial`]) {
      await expect(restoreBackup(t.core.ctx, fileName), fileName).rejects.toMatchObject({
        code: 'invalid_input',
        field: 'fileName',
      });
    }
  });

  it('refuses a link inside the backups folder that points at another file', async () => {
    const backup = await call<BackupInfo>(t.core, 'backups.create');
    const fileName = 'alignboard-20261116-060000-manual.db';
    fs.symlinkSync(t.dbFile, backupPath(t, fileName));
    expect(await callError(t.core, 'backups.restore', { fileName })).toMatchObject({ code: 'not_found' });
    expect(listBackups(t.core.ctx).map((entry) => entry.fileName)).toEqual([backup.fileName]);
  });

  it('says so when the backup does not exist', async () => {
    const error = await callError(t.core, 'backups.restore', { fileName: 'alignboard-20200101-000000-daily.db' });
    expect(error).toMatchObject({ code: 'not_found', field: 'fileName' });
  });
});

describe('admin PIN', () => {
  let t: TestCore;
  beforeEach(() => {
    t = startCore({ demo: false });
  });

  it('is set on first use, stored only as a salted hash, and verified', async () => {
    expect(await call(t.core, 'admin.pinStatus')).toEqual({ set: false });
    expect(await callError(t.core, 'admin.verifyPin', { pin: '2468' })).toMatchObject({ code: 'conflict' });
    expect(await call(t.core, 'admin.setPin', { pin: '2468' })).toEqual({ set: true });
    expect(await call(t.core, 'admin.pinStatus')).toEqual({ set: true });

    // In the machine's secret store, never in the database that backups copy.
    expect(t.core.ctx.db.prepare(`SELECT value FROM settings WHERE key = 'admin.pin'`).get()).toBeUndefined();
    const stored = t.core.ctx.secrets.get('admin.pin')!;
    expect(stored).not.toContain('2468');
    expect(JSON.parse(stored)).toMatchObject({
      scheme: 'scrypt',
      salt: expect.any(String),
      hash: expect.any(String),
    });

    expect(await call<PinCheck>(t.core, 'admin.verifyPin', { pin: '2468' })).toEqual({ ok: true });
    expect(await call<PinCheck>(t.core, 'admin.verifyPin', { pin: '2469' })).toEqual({
      ok: false,
      attemptsLeft: PIN_LOCKOUT.maxFailures - 1,
    });
  });

  it('gives the same PIN a different hash each time it is set', async () => {
    await call(t.core, 'admin.setPin', { pin: '2468' });
    const first = t.core.ctx.secrets.get('admin.pin');
    await call(t.core, 'admin.setPin', { pin: '2468', currentPin: '2468' });
    const second = t.core.ctx.secrets.get('admin.pin');
    expect(first).toContain('scrypt');
    expect(second).not.toEqual(first);
  });

  it('refuses PINs that are not 4 to 12 digits', async () => {
    for (const pin of ['123', '1234567890123', '12a4', ' 1234', '']) {
      expect(await callError(t.core, 'admin.setPin', { pin }), pin).toMatchObject({
        code: 'invalid_input',
        field: 'pin',
      });
    }
  });

  it('locks out after five wrong PINs for 30 seconds, checking no PIN meanwhile', async () => {
    await call(t.core, 'admin.setPin', { pin: '2468' });
    for (let left = PIN_LOCKOUT.maxFailures - 1; left > 0; left--) {
      expect(await call(t.core, 'admin.verifyPin', { pin: '0000' })).toEqual({ ok: false, attemptsLeft: left });
    }
    expect(await call(t.core, 'admin.verifyPin', { pin: '0000' })).toEqual({ ok: false, retryAfterSeconds: 30 });
    // Even the right PIN is not checked during the lockout.
    expect(await call(t.core, 'admin.verifyPin', { pin: '2468' })).toEqual({ ok: false, retryAfterSeconds: 30 });
    t.clock.advance(29_001);
    expect(await call(t.core, 'admin.verifyPin', { pin: '2468' })).toEqual({ ok: false, retryAfterSeconds: 1 });
    t.clock.advance(999);
    expect(await call(t.core, 'admin.verifyPin', { pin: '2468' })).toEqual({ ok: true });
    // A right PIN starts the count afresh.
    expect(await call(t.core, 'admin.verifyPin', { pin: '0000' })).toEqual({
      ok: false,
      attemptsLeft: PIN_LOCKOUT.maxFailures - 1,
    });
  });

  it('keeps the lockout across a restart of the app', async () => {
    await call(t.core, 'admin.setPin', { pin: '2468' });
    for (let i = 0; i < PIN_LOCKOUT.maxFailures; i++) await call(t.core, 'admin.verifyPin', { pin: '0000' });
    t.core.close();
    const again = createCore({ dbFile: t.dbFile, clock: t.clock, version: '0', demo: 'never', backups: false });
    try {
      expect(await call(again, 'admin.verifyPin', { pin: '2468' })).toEqual({ ok: false, retryAfterSeconds: 30 });
    } finally {
      again.close();
    }
  });

  it('asks for the current PIN to change it once one is set', async () => {
    await call(t.core, 'admin.setPin', { pin: '2468' });
    expect(await callError(t.core, 'admin.setPin', { pin: '1357' })).toMatchObject({
      code: 'invalid_input',
      field: 'currentPin',
    });
    expect(await callError(t.core, 'admin.setPin', { pin: '1357', currentPin: '9999' })).toMatchObject({
      code: 'forbidden',
      field: 'currentPin',
    });
    expect(await call(t.core, 'admin.setPin', { pin: '1357', currentPin: '2468' })).toEqual({ set: true });
    expect(await call(t.core, 'admin.verifyPin', { pin: '1357' })).toEqual({ ok: true });
    expect(await call<PinCheck>(t.core, 'admin.verifyPin', { pin: '2468' })).toMatchObject({ ok: false });
  });

  it('counts wrong current PINs towards the lockout', async () => {
    await call(t.core, 'admin.setPin', { pin: '2468' });
    for (let i = 0; i < PIN_LOCKOUT.maxFailures; i++) {
      await callError(t.core, 'admin.setPin', { pin: '1357', currentPin: '0000' });
    }
    const error = await callError(t.core, 'admin.setPin', { pin: '1357', currentPin: '2468' });
    expect(error).toMatchObject({ code: 'forbidden', field: 'currentPin' });
    expect(error.message).toMatch(/try again in 30 seconds/);
    expect(await call(t.core, 'admin.verifyPin', { pin: '1357' })).toMatchObject({ ok: false });
  });

  it('stays as it is when older data is restored', async () => {
    const backup = await createBackup(t.core.ctx);
    await call(t.core, 'admin.setPin', { pin: '2468' });
    await restoreBackup(t.core.ctx, backup.fileName);
    expect(await call(t.core, 'admin.pinStatus')).toEqual({ set: true });
    expect(await call(t.core, 'admin.verifyPin', { pin: '2468' })).toEqual({ ok: true });
  });
});
