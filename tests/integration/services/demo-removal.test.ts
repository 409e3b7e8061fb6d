import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '@shared/domain';
import type { DemoRemovalResult } from '@shared/methods/demo-methods';
import { createCore, type Core } from '../../../electron/core/create-core';
import { setSetting } from '../../../electron/core/db/repositories/settings-repository';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { SETTING_KEYS } from '../../../electron/core/services/support/settings-service';

// Tuesday 2026-11-17, 10:00 in Berlin.
const NOW = Date.UTC(2026, 10, 17, 9, 0);

/** The tables of the room's data, as an independent list: every one must be empty after the removal. */
const ROOM_TABLES = [
  'people',
  'campaigns',
  'leads',
  'lead_transitions',
  'deals',
  'glossary_terms',
  'sprints',
  'sprint_goals',
  'sprint_goal_owners',
  'sprint_goal_progress',
  'retrospectives',
  'action_items',
  'lead_reviews',
  'lead_review_reasons',
  'sla_terms',
  'kpi_targets',
  'meetings',
  'meeting_runs',
];

let opened: { core: Core; dir: string }[] = [];

function startCore(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-demo-removal-')), demo = true) {
  const dbFile = path.join(dir, 'alignboard.db');
  const core = createCore({
    dbFile,
    clock: fixedClock(NOW),
    version: '0.0.0-test',
    demo: demo ? 'if-empty' : 'never',
    timezone: 'Europe/Berlin',
    backups: false,
  });
  opened.push({ core, dir });
  return { core, dir, dbFile };
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

function countIn(file: string, table: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('removing the demo data', () => {
  it('backs the demo up, then empties every table of the room and drops the demo label', async () => {
    const { core, dir, dbFile } = startCore();
    expect((await call<AppInfo>(core, 'app.info')).demo).toBe(true);
    const before = Object.fromEntries(ROOM_TABLES.map((table) => [table, countIn(dbFile, table)]));
    expect(before.deals).toBeGreaterThan(100);
    const stages = countIn(dbFile, 'pipeline_stages');

    const result = await call<DemoRemovalResult>(core, 'demo.remove');

    // The backup holds the demo as it was: restoring it brings the demo back.
    const backupFile = path.join(dir, 'backups', result.backup.fileName);
    for (const table of ROOM_TABLES) expect(countIn(backupFile, table), table).toBe(before[table]);
    for (const table of ROOM_TABLES) expect(countIn(dbFile, table), table).toBe(0);
    // activity_events keeps only the removal itself
    expect(result.removedRows).toBeGreaterThan(Object.values(before).reduce((sum, n) => sum + n, 0));
    expect(countIn(dbFile, 'pipeline_stages'), 'the reference rows stay').toBe(stages);

    expect((await call<AppInfo>(core, 'app.info')).demo).toBe(false);
    const kpi = await call<{ figure: { actual: number }; freshness: { source: string } }>(core, 'kpi.get');
    expect(kpi.figure.actual).toBe(0);
    expect(kpi.freshness.source).toBe('Local database');
    // The wall's feed is left empty; the removal is bookkeeping, in the admin's history.
    const events = await call<{ items: { type: string }[] }>(core, 'activity.list', { limit: 10 });
    expect(events.items).toEqual([]);
    const log = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      expect(log.prepare('SELECT type FROM activity_events').pluck().all()).toEqual(['data.demo_removed']);
    } finally {
      log.close();
    }
  });

  it('does not bring the demo back at the next start', async () => {
    const first = startCore();
    await call(first.core, 'demo.remove');
    first.core.close();
    const again = startCore(first.dir);
    expect(countIn(again.dbFile, 'deals')).toBe(0);
    expect((await call<AppInfo>(again.core, 'app.info')).demo).toBe(false);
  });

  it('is refused on a database without demo data, which keeps everything it holds', async () => {
    const { core, dbFile } = startCore(undefined, false);
    await call(core, 'people.save', { name: 'Ana Lima', team: 'sales' });
    const outcome = await core.dispatch('demo.remove', {}, { role: 'admin' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('conflict');
      expect(outcome.error.message).toContain('no demo data');
    }
    expect(countIn(dbFile, 'people')).toBe(1);
  });

  it('labels the data as demo only while demo rows exist', async () => {
    const { core } = startCore(undefined, false);
    setSetting(core.ctx.db, SETTING_KEYS.demo, true, NOW);
    expect((await call<AppInfo>(core, 'app.info')).demo, 'flag set, but no rows').toBe(false);
    await call(core, 'people.save', { name: 'Ana Lima', team: 'sales' });
    expect((await call<AppInfo>(core, 'app.info')).demo).toBe(true);
  });
});
