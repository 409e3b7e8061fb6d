/**
 * A restored backup can change the data, never the machine: a file whose schema is not exactly what the
 * migrations make is refused before anything of it runs, and this machine's settings (LAN sharing, backup
 * retention, and any secret an old file still holds) are never taken from a backup or a JSON import.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '@shared/api-error';
import { createCore, type Core } from '../../../electron/core/create-core';
import { getSetting, setSetting } from '../../../electron/core/db/repositories/settings-repository';
import { backupsFolder, createBackup, restoreBackup } from '../../../electron/core/services/writes/backup-service';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { exportAll, importJson } from '../../../electron/core/services/import/export-service';

const NOW = Date.UTC(2026, 10, 17, 9, 0);
let dir: string;
let core: Core;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-restore-schema-'));
  core = createCore({
    dbFile: path.join(dir, 'alignboard.db'),
    clock: fixedClock(NOW),
    version: '1.0.0',
    demo: 'if-empty',
    timezone: 'Europe/Berlin',
    backups: false,
  });
});

afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Takes a backup and changes its file with `craft`, as someone handing over a "backup" could. */
async function craftedBackup(craft: (db: Database.Database) => void): Promise<string> {
  const backup = await createBackup(core.ctx, 'manual');
  const db = new Database(path.join(backupsFolder(core.ctx.dbFile), backup.fileName));
  try {
    craft(db);
  } finally {
    db.close();
  }
  return backup.fileName;
}

async function restoreError(fileName: string): Promise<ApiError> {
  const error = await restoreBackup(core.ctx, fileName).then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

const liveSchema = () => core.ctx.db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all();
const dealsTotal = () => core.ctx.db.prepare('SELECT count(*) FROM deals').pluck().get();

describe('restoring a backup whose schema is not the migrations’', () => {
  it('refuses a backup with a trigger, naming it, and changes nothing', async () => {
    const fileName = await craftedBackup((db) =>
      db.exec(`CREATE TRIGGER zero_every_deal AFTER INSERT ON deals BEGIN UPDATE deals SET amount_minor = 0; END`),
    );
    const schema = liveSchema();
    const deals = dealsTotal();
    const error = await restoreError(fileName);
    expect(error.code).toBe('conflict');
    expect(error.message).toBe(
      `The backup ${fileName} was not made by Alignboard: it holds a trigger "zero_every_deal" that Alignboard does not create. Nothing was changed.`,
    );
    expect(liveSchema()).toEqual(schema);
    expect(dealsTotal()).toBe(deals);
    // No safety backup was taken either: only the crafted file is in the folder.
    expect(fs.readdirSync(backupsFolder(core.ctx.dbFile))).toEqual([fileName]);
  });

  it('refuses a view, an extra table, an extra index and a changed trigger of our own', async () => {
    const cases: [string, (db: Database.Database) => void, string][] = [
      ['view', (db) => db.exec('CREATE VIEW everyone AS SELECT * FROM people'), 'a view "everyone"'],
      ['table', (db) => db.exec('CREATE TABLE notes (body TEXT)'), 'a table "notes"'],
      [
        'index',
        (db) => db.exec('CREATE INDEX deals_by_title ON deals (title)'),
        'an index "deals_by_title" that Alignboard does not create',
      ],
      [
        'changed trigger',
        (db) => {
          const trigger = db
            .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name LIMIT 1`)
            .get() as { name: string; sql: string };
          db.exec(`DROP TRIGGER "${trigger.name}"`);
          db.exec(trigger.sql.replace(/;\s*END\s*$/i, '; DELETE FROM people; END'));
        },
        'is not defined as Alignboard defines it',
      ],
    ];
    for (const [what, craft, words] of cases) {
      const fileName = await craftedBackup(craft);
      const error = await restoreError(fileName);
      expect(error.message, what).toContain(words);
      expect(error.message, what).toMatch(/Nothing was changed\.$/);
    }
  });

  it('still restores a backup as Alignboard made it', async () => {
    const backup = await createBackup(core.ctx, 'manual');
    await expect(restoreBackup(core.ctx, backup.fileName)).resolves.toMatchObject({ restoredFrom: backup.fileName });
  });
});

describe('machine settings', () => {
  it('are never taken from a backup: LAN sharing, retention, and secrets an older file holds', async () => {
    setSetting(core.ctx.db, 'lan.share', { enabled: false, host: 'loopback', port: 4173 }, NOW);
    setSetting(core.ctx.db, 'backups.keepDaily', 7, NOW);
    const fileName = await craftedBackup((db) => {
      setSetting(db, 'lan.share', { enabled: true, host: 'lan', port: 8080 }, NOW);
      setSetting(db, 'backups.keepDaily', 1, NOW);
      setSetting(db, 'http.tokens', { viewer: 'x'.repeat(43), admin: 'y'.repeat(43) }, NOW);
      setSetting(db, 'admin.pin', { scheme: 'scrypt', n: 2, r: 1, p: 1, salt: '', hash: '' }, NOW);
    });
    await restoreBackup(core.ctx, fileName);
    expect(getSetting(core.ctx.db, 'lan.share')).toEqual({ enabled: false, host: 'loopback', port: 4173 });
    expect(getSetting(core.ctx.db, 'backups.keepDaily')).toBe(7);
    expect(getSetting(core.ctx.db, 'http.tokens')).toBeUndefined();
    expect(getSetting(core.ctx.db, 'admin.pin')).toBeUndefined();
  });

  it('are neither exported nor taken from a JSON import', () => {
    setSetting(core.ctx.db, 'lan.share', { enabled: true, host: 'lan', port: 8080 }, NOW);
    setSetting(core.ctx.db, 'backups.keepDaily', 3, NOW);
    const exported = JSON.parse(exportAll(core.ctx).json) as { tables: { settings: { key: string }[] } };
    const keys = exported.tables.settings.map((row) => row.key);
    expect(keys).not.toContain('lan.share');
    expect(keys).not.toContain('backups.keepDaily');

    // A hand-edited export that names them anyway, into an empty database: they are left out.
    exported.tables.settings.push(
      { key: 'lan.share', value: JSON.stringify({ enabled: true, host: 'lan', port: 9999 }), updated_at: NOW } as never,
      {
        key: 'http.tokens',
        value: JSON.stringify({ viewer: 'x'.repeat(43), admin: 'y'.repeat(43) }),
        updated_at: NOW,
      } as never,
    );
    const empty = createCore({
      dbFile: path.join(dir, 'empty.db'),
      clock: fixedClock(NOW),
      version: '1.0.0',
      demo: 'never',
      backups: false,
    });
    try {
      importJson(empty.ctx, JSON.stringify(exported));
      expect(getSetting(empty.ctx.db, 'lan.share')).toBeUndefined();
      expect(getSetting(empty.ctx.db, 'http.tokens')).toBeUndefined();
    } finally {
      empty.close();
    }
  });
});
