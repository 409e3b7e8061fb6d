/**
 * Everything exported as JSON and restored into an empty database gives the same wall: every figure method
 * answers the same (apart from when it was computed). The source holds the demo quarter plus a CSV import,
 * so that imported rows with external ids travel too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateAccessTokens } from '../../../electron/core/secrets/access-tokens';
import { generateDemoData } from '../../../electron/core/services/demo-data';
import { SAME_TABLES_SINCE_SCHEMA } from '../../../electron/core/services/import/export-service';
import { fingerprint, fixtureText, importText, NOW, openHarness, type ImportHarness } from './import-support';

/** The wall's figure methods, as the kiosk calls them. */
const WALL_METHODS = [
  'funnel.get',
  'kpi.get',
  'sla.get',
  'sprints.current',
  'leadQuality.get',
  'glossary.list',
  'meetings.today',
] as const;

/** A result without its `computedAt` fields (the moment of computing is not part of the figures). */
function withoutComputedAt(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutComputedAt);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'computedAt')
        .map(([key, inner]) => [key, withoutComputedAt(inner)]),
    );
  }
  return value;
}

let source: ImportHarness;
let target: ImportHarness;
let json: string;

beforeAll(async () => {
  source = openHarness({ team: false });
  generateDemoData(source.core.ctx.db, {
    now: NOW - 3_600_000,
    timezone: 'Europe/Berlin',
    machineId: 'source-machine',
  });
  await source.call('import.run', (await importText(source, fixtureText('hubspot-contacts.csv'))).input);
  await source.call('import.run', (await importText(source, fixtureText('formula-injection.csv'))).input);
  ({ json } = await source.call<{ fileName: string; json: string }>('export.all'));
  target = openHarness({ team: false });
});
afterAll(() => {
  source.close();
  target.close();
});

describe('export.all → import.json', () => {
  it('restores into an empty database and every wall method answers the same', async () => {
    const restored = await target.call<{ tables: number; rows: number }>('import.json', { json });
    const sourceCounts = fingerprint(source.core).counts;
    // Every exported row arrives (the machine's own id setting stays behind, the restore adds its event).
    // The figure tables and the SLA's change journal are kept by triggers, not exported.
    expect(restored.rows).toBe(
      Object.entries(sourceCounts)
        .filter(([table]) => !table.startsWith('agg_') && table !== 'sla_lead_changes')
        .reduce((sum, [, n]) => sum + n, 0) - 1,
    );
    for (const method of WALL_METHODS) {
      const [before, after] = await Promise.all([source.call(method), target.call(method)]);
      expect(withoutComputedAt(after), method).toEqual(withoutComputedAt(before));
    }
    // The derived figure tables were rebuilt to the same counts the triggers kept in the source. Counter
    // buckets that a later change emptied again (a customer taken back) stay as zero rows in the source;
    // they count nothing, so only buckets that hold something are compared.
    const targetCounts = fingerprint(target.core).counts;
    const emptied: Record<string, string> = {
      agg_lead_entries: 'entered <> 0 OR converted <> 0 OR marketing <> 0',
      agg_lead_exit_buckets: 'total <> 0 OR before_anchor <> 0',
    };
    const held = (harness: ImportHarness, table: string) =>
      (harness.core.ctx.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${emptied[table]}`).get() as { n: number })
        .n;
    for (const table of Object.keys(sourceCounts).filter((name) => name.startsWith('agg_'))) {
      if (table in emptied) expect(held(target, table), table).toBe(held(source, table));
      else expect(targetCounts[table], table).toBe(sourceCounts[table]);
    }
    // Re-importing the CSV into the restored database updates the restored rows (external ids came along).
    const again = await target.call<{ imported: number; updated: number }>(
      'import.run',
      (await importText(target, fixtureText('hubspot-contacts.csv'))).input,
    );
    expect(again).toMatchObject({ imported: 0, updated: 8 });
  });

  it('leaves secrets behind: no admin PIN hash, no lockout, no LAN tokens, no machine id', async () => {
    const harness = openHarness({ team: false });
    try {
      await harness.call('admin.setPin', { pin: '4812' });
      // The LAN tokens are created the first time a server needs them; a real server would have them.
      const tokens = loadOrCreateAccessTokens(harness.core.ctx.secrets, NOW);
      // The PIN hash and the tokens are in the machine's secret store, not in the database at all.
      const stored = harness.core.ctx.db
        .prepare(`SELECT key FROM settings WHERE key IN ('admin.pin', 'http.tokens', 'machine.id')`)
        .pluck()
        .all();
      expect(stored).toEqual(['machine.id']);
      expect(harness.core.ctx.secrets.get('admin.pin')).toContain('scrypt');
      expect(harness.core.ctx.secrets.get('http.tokens')).toContain(tokens.admin);
      const exported = (await harness.call<{ json: string }>('export.all')).json;
      const keys = (JSON.parse(exported) as { tables: { settings: { key: string }[] } }).tables.settings.map(
        (row) => row.key,
      );
      expect(keys).not.toContain('admin.pin');
      expect(keys).not.toContain('admin.pinAttempts');
      expect(keys).not.toContain('http.tokens');
      expect(keys).not.toContain('machine.id');
      expect(exported).not.toContain(tokens.admin);
      expect(exported).not.toContain(tokens.viewer);
    } finally {
      harness.close();
    }
  });

  it('reads an export from an older schema whose tables are the same, and refuses others', async () => {
    const document = JSON.parse(json) as { schemaVersion: number };
    const current = document.schemaVersion;
    expect(current).toBeGreaterThan(SAME_TABLES_SINCE_SCHEMA);
    const at = (schemaVersion: number) => JSON.stringify({ ...document, schemaVersion });
    for (const schemaVersion of [SAME_TABLES_SINCE_SCHEMA - 1, current + 1]) {
      const fresh = openHarness({ team: false });
      try {
        expect(await fresh.failure('import.json', { json: at(schemaVersion) })).toMatchObject({
          code: 'invalid_input',
          message: expect.stringContaining(`made at schema version ${schemaVersion}`),
        });
      } finally {
        fresh.close();
      }
    }
    const older = openHarness({ team: false });
    try {
      const restored = await older.call<{ rows: number }>('import.json', { json: at(SAME_TABLES_SINCE_SCHEMA) });
      expect(restored.rows).toBeGreaterThan(0);
      expect(withoutComputedAt(await older.call('kpi.get'))).toEqual(withoutComputedAt(await source.call('kpi.get')));
    } finally {
      older.close();
    }
  });

  it('refuses a database that is not empty, and a file that is not an export', async () => {
    expect(await source.failure('import.json', { json })).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^The database is not empty \(people, campaigns, leads, … have rows\)/),
    });
    expect(await target.failure('import.json', { json: '{"tables":{}}' })).toMatchObject({
      code: 'invalid_input',
      message: 'The file is not an Alignboard export.',
    });
    expect(await target.failure('import.json', { json: 'not json' })).toMatchObject({
      message: 'The file is not valid JSON.',
    });
  });
});
