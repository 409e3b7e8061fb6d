/**
 * Helpers of the import tests: a real database file in a temp dir behind a real core (demo data off), a
 * small team written with plain INSERTs (not the app's repositories), the fixture files, and a fingerprint
 * of every table that tells whether a refused import left the database exactly as it was.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ImportFormat, ImportMapping, ImportPreview } from '@shared/import-types';
import { createCore, type Core } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { decodeText } from '../../../src/lib/decode-text';

/** Friday 2026-03-20, 12:00 in Berlin: the fixtures' dates lie in this quarter. */
export const NOW = Date.UTC(2026, 2, 20, 11, 0);
export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/import');

/** A core over a fresh database file with the room in Berlin (EUR, months) and three people. */
export interface ImportHarness {
  core: Core;
  clock: ReturnType<typeof fixedClock>;
  dir: string;
  file: string;
  call<T = unknown>(method: string, input?: unknown): Promise<T>;
  /** the error message of a call that must fail */
  failure(method: string, input?: unknown): Promise<{ code: string; message: string; field?: string }>;
  close(): void;
}

export function openHarness(options: { team?: boolean } = {}): ImportHarness {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-import-'));
  const file = path.join(dir, 'alignboard.db');
  const clock = fixedClock(NOW);
  const core = createCore({ dbFile: file, clock, version: 'test', demo: 'never', timezone: 'Europe/Berlin' });
  const put = core.ctx.db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  );
  put.run('room.timezone', JSON.stringify('Europe/Berlin'));
  put.run('room.currency', JSON.stringify('EUR'));
  put.run('room.periodKind', JSON.stringify('month'));
  if (options.team !== false) {
    const person = core.ctx.db.prepare(
      `INSERT INTO people (id, name, team, email, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)`,
    );
    person.run('p-ana', 'Ana Lima', 'sales', 'ana.lima@example.com');
    person.run('p-jonas', 'Jonas Weber', 'sales', 'jonas.weber@example.com');
    person.run('p-tom', 'Tom Berg', 'marketing', 'tom.berg@example.com');
  }
  const call = async <T>(method: string, input: unknown = {}): Promise<T> => {
    const outcome = await core.dispatch(method, input, { role: 'admin' });
    if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.message}`);
    return outcome.result as T;
  };
  return {
    core,
    clock,
    dir,
    file,
    call,
    async failure(method, input = {}) {
      const outcome = await core.dispatch(method, input, { role: 'admin' });
      if (outcome.ok) throw new Error(`${method} should have failed`);
      return outcome.error;
    },
    close() {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fixture decoded the way the admin view decodes a chosen file (byte-order mark sniffed first). */
export function fixtureText(name: string): string {
  return decodeText(new Uint8Array(fs.readFileSync(path.join(FIXTURES, name)))).text;
}

/**
 * Previews a text and makes the input of its import as the admin view would: the suggested format and
 * mapping (or the given changes to it), and the currency the preview assumed, if it did.
 */
export async function importText(
  harness: ImportHarness,
  text: string,
  changes: Partial<ImportMapping> = {},
  fileName = 'import.csv',
): Promise<{ preview: ImportPreview; input: Record<string, unknown> }> {
  const preview = await harness.call<ImportPreview>('import.preview', {
    fileName,
    sample: text.slice(0, 256 * 1024),
    complete: text.length <= 256 * 1024,
  });
  const input = {
    fileName,
    content: text,
    format: preview.format as ImportFormat,
    mapping: { ...preview.suggestedMapping, ...changes },
    // Importing after a preview that said which currency a file without one is stored in confirms it.
    ...(preview.assumedCurrency === null ? {} : { confirmedCurrency: preview.assumedCurrency }),
  };
  return { preview, input };
}

/** Row counts and a hash of the schema and of every row of every table (figure aggregates included). */
export function fingerprint(core: Core): { counts: Record<string, number>; hash: string } {
  const { db } = core.ctx;
  const tables = (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[]
  ).map((row) => row.name);
  const hash = createHash('sha256');
  // The schema too: a bulk import drops indexes and triggers for a while, and a rollback must restore them.
  hash.update(JSON.stringify(db.prepare(`SELECT type, name, sql FROM sqlite_master ORDER BY type, name`).all()));
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = (db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[])
      .map((row) => JSON.stringify(row))
      .sort();
    counts[table] = rows.length;
    hash.update(`${table}\n${rows.join('\n')}\n`);
  }
  return { counts, hash: hash.digest('hex') };
}

/** The first line of an import error says what happened; each further line is one problem. */
export function problemLines(message: string): string[] {
  return message.split('\n').slice(1);
}
