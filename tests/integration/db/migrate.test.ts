import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { runMigrations } from '../../../electron/core/db/migrate';
import { migrations, type Migration } from '../../../electron/core/db/migrations';
import { openDatabase } from '../../../electron/core/db/open-database';
import { openTempDatabase, type TempDatabase } from './temp-database';

const EXPECTED_TABLES = [
  'action_items',
  'activity_events',
  'agg_anchors',
  'agg_close_reasons',
  'agg_lead_entries',
  'agg_lead_exit_buckets',
  'agg_lead_exits',
  'agg_lead_stages',
  'agg_lost_opportunities',
  'agg_open_deals',
  'agg_open_opportunities',
  'agg_opportunity_leads',
  'agg_reviewed_leads',
  'agg_reviews',
  'agg_sla_follow_ups',
  'campaigns',
  'crm_connections',
  'crm_owners',
  'crm_stages',
  'crm_sync_objects',
  'crm_unknown_stage_deals',
  'deals',
  'glossary_terms',
  'kpi_targets',
  'kpis',
  'lead_review_reasons',
  'lead_reviews',
  'lead_transitions',
  'leads',
  'lifecycle_stages',
  'meeting_runs',
  'meetings',
  'people',
  'pipeline_stages',
  'reason_codes',
  'report_sends',
  'retrospectives',
  'settings',
  'sla_lead_changes',
  'sla_terms',
  'sprint_goal_owners',
  'sprint_goal_progress',
  'sprint_goals',
  'sprints',
];

function tables(db: Database.Database): string[] {
  return (
    db
      .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}

function schemaSnapshot(db: Database.Database): unknown[] {
  return db.prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`).all();
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

const latest = migrations.at(-1)!.version;
const extra: Migration = {
  version: latest + 1,
  name: 'test_nickname',
  sql: `ALTER TABLE people ADD COLUMN nickname TEXT;
        CREATE TABLE test_things (id TEXT PRIMARY KEY);`,
};

let temp: TempDatabase | undefined;
afterEach(() => {
  temp?.cleanup();
  temp = undefined;
});

describe('migrations', () => {
  test('a fresh file is brought to the latest version with every table of the domain', () => {
    temp = openTempDatabase();
    expect(userVersion(temp.db)).toBe(latest);
    expect(tables(temp.db)).toEqual(EXPECTED_TABLES);
    // Every CREATE TABLE of the shipped files exists (catches a table added to SQL but not to the list above).
    const declared = migrations.flatMap((m) => [...m.sql.matchAll(/CREATE TABLE (\w+)/g)].map((match) => match[1]!));
    for (const name of declared) expect(tables(temp.db)).toContain(name);
    // Seed rows of the first migration are there.
    expect(temp.db.prepare('SELECT count(*) AS n FROM pipeline_stages').get()).toEqual({ n: 6 });
    expect(temp.db.prepare('SELECT count(*) AS n FROM lifecycle_stages').get()).toEqual({ n: 5 });
  });

  test('the shipped migrations are numbered 1, 2, 3 … and hold no BEGIN/COMMIT', () => {
    migrations.forEach((migration, index) => {
      expect(migration.version).toBe(index + 1);
      // A trigger body's BEGIN … END is fine; a transaction statement is not.
      expect(migration.sql).not.toMatch(
        /^\s*(BEGIN\s*(DEFERRED|IMMEDIATE|EXCLUSIVE)?\s*(TRANSACTION)?\s*;|COMMIT\b)/im,
      );
    });
  });

  test('a file at an older version is upgraded and keeps its rows', () => {
    temp = openTempDatabase({ migrate: false });
    const db = temp.db;
    expect(userVersion(db)).toBe(0);
    expect(runMigrations(db, migrations)).toEqual({
      from: 0,
      to: latest,
      applied: migrations.map((m) => `${String(m.version).padStart(4, '0')}_${m.name}`),
    });
    db.prepare(
      `INSERT INTO people (id, name, team, created_at, updated_at) VALUES ('p1', 'Ana Lima', 'sales', 1, 1)`,
    ).run();

    const report = runMigrations(db, [...migrations, extra]);

    expect(report).toEqual({
      from: latest,
      to: latest + 1,
      applied: [`${String(latest + 1).padStart(4, '0')}_test_nickname`],
    });
    expect(userVersion(db)).toBe(latest + 1);
    expect(db.prepare('SELECT id, name, nickname FROM people').all()).toEqual([
      { id: 'p1', name: 'Ana Lima', nickname: null },
    ]);
    expect(tables(db)).toContain('test_things');
    // Running again is a no-op.
    expect(runMigrations(db, [...migrations, extra]).applied).toEqual([]);
  });

  test('a file closed at an older version upgrades when opened again', () => {
    temp = openTempDatabase({ migrate: false });
    runMigrations(temp.db, migrations.slice(0, 1));
    temp.db.close();
    const db = openDatabase(temp.file);
    try {
      expect(userVersion(db)).toBe(latest);
      expect(tables(db)).toEqual(EXPECTED_TABLES);
    } finally {
      db.close();
    }
  });

  test('a migration that throws leaves the schema and user_version as they were', () => {
    temp = openTempDatabase();
    const before = schemaSnapshot(temp.db);
    const broken: Migration = {
      version: latest + 1,
      name: 'broken',
      sql: `CREATE TABLE half_done (id TEXT PRIMARY KEY);
            ALTER TABLE people ADD COLUMN half TEXT;
            INSERT INTO no_such_table VALUES (1);`,
    };

    expect(() => runMigrations(temp!.db, [...migrations, broken])).toThrow(
      /broken failed: no such table: no_such_table/,
    );

    expect(userVersion(temp.db)).toBe(latest);
    expect(schemaSnapshot(temp.db)).toEqual(before);
  });

  test('a file written by a newer Alignboard is refused and left untouched', () => {
    temp = openTempDatabase();
    temp.db.pragma(`user_version = ${latest + 5}`);
    temp.db.close();
    const sizeBefore = fs.statSync(temp.file).size;

    expect(() => openDatabase(temp!.file)).toThrow(/newer than this Alignboard knows/);

    const raw = new Database(temp.file, { readonly: true });
    try {
      expect(raw.pragma('user_version', { simple: true })).toBe(latest + 5);
    } finally {
      raw.close();
    }
    expect(fs.statSync(temp.file).size).toBe(sizeBefore);
  });

  test('a migration list with a gap is refused before anything runs', () => {
    temp = openTempDatabase({ migrate: false });
    expect(() => runMigrations(temp!.db, [{ ...extra, version: 2 }])).toThrow(/numbered 1, 2, 3/);
    expect(userVersion(temp.db)).toBe(0);
    expect(tables(temp.db)).toEqual([]);
  });

  test('the connection runs in WAL with foreign keys, synchronous FULL and a busy timeout', () => {
    temp = openTempDatabase();
    const { db } = temp;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(1000);
    // Foreign keys are enforced, not just switched on.
    expect(() =>
      db
        .prepare(
          `INSERT INTO deals (id, title, amount_minor, currency, stage_id, status, created_at, stage_entered_at, updated_at)
           VALUES ('d1', 'x', 1, 'EUR', 'no_such_stage', 'open', 1, 1, 1)`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});
