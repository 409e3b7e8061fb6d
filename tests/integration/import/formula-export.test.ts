/**
 * Cells a spreadsheet would run as formulas are imported as plain text, exactly as written, and come out of
 * a CSV export with a leading single quote, so that opening the export never runs them.
 */
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixtureText, importText, openHarness, type ImportHarness } from './import-support';

let h: ImportHarness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

const TITLES = [
  '=HYPERLINK("http://evil.example","Click")',
  '+SUM(1+1)',
  '-2+3 discount deal',
  "@cmd|' /C calc'!A0",
  '\t=1+2 tab first',
  '\r=1+2 return first',
];

describe('formula-injection cells', () => {
  it('are stored as the text they are', async () => {
    const result = await h.call<{ imported: number }>(
      'import.run',
      (await importText(h, fixtureText('formula-injection.csv'))).input,
    );
    expect(result.imported).toBe(6);
    const titles = (
      h.core.ctx.db.prepare(`SELECT title FROM deals ORDER BY external_id`).all() as { title: string }[]
    ).map((row) => row.title);
    expect(titles).toEqual(TITLES);
  });

  it('are escaped with a leading quote in the CSV export', async () => {
    await h.call('import.run', (await importText(h, fixtureText('formula-injection.csv'))).input);
    const exported = await h.call<{ fileName: string; csv: string }>('export.table', { table: 'deals' });
    expect(exported.fileName).toMatch(/^alignboard-deals-2026-03-20T1100\.csv$/);
    const parsed = Papa.parse<Record<string, string>>(exported.csv.trimEnd(), { header: true });
    expect(parsed.errors).toEqual([]);
    const byId = new Map(parsed.data.map((row) => [row.external_id, row]));
    expect(['9401', '9402', '9403', '9404', '9405', '9406'].map((id) => byId.get(id)!.title)).toEqual(
      TITLES.map((title) => `'${title}`),
    );
    // Numbers are not text: they stay as they are.
    expect(byId.get('9401')!.amount_minor).toBe('100000');
  });

  it('escape text in any table, and leave ordinary text alone', async () => {
    h.core.ctx.db
      .prepare(`INSERT INTO people (id, name, team, created_at, updated_at) VALUES ('p-x', '=1+1', 'sales', 0, 0)`)
      .run();
    const { csv } = await h.call<{ csv: string }>('export.table', { table: 'people' });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,name,team,email,external_source,external_id,created_at,updated_at,deleted_at,external_modified_at',
    );
    expect(lines).toContain(`p-x,"'=1+1",sales,,,,0,0,,`);
    expect(lines).toContain('p-ana,Ana Lima,sales,ana.lima@example.com,,,0,0,,');
  });
});
