/**
 * Every bad input is refused with an error that names the line and the column, and leaves the database
 * exactly as it was (row counts and a hash of every row of every table, figure aggregates included).
 * The database already holds an earlier import, so that "unchanged" is tested against real rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportFormat, ImportMapping, ImportPreview } from '@shared/import-types';
import { fingerprint, fixtureText, importText, openHarness, problemLines, type ImportHarness } from './import-support';

let h: ImportHarness;
let before: ReturnType<typeof fingerprint>;

beforeAll(async () => {
  h = openHarness();
  await h.call('import.run', (await importText(h, fixtureText('hubspot-deals.csv'))).input);
  before = fingerprint(h.core);
});
afterAll(() => h.close());

/** The HubSpot deals mapping, for files whose header is too broken to be recognised. */
const HUBSPOT_DEALS: { format: ImportFormat; mapping: ImportMapping } = {
  format: 'hubspot-deals',
  mapping: {
    target: 'deals',
    columns: {
      externalId: 'Record ID',
      title: 'Deal Name',
      stage: 'Deal Stage',
      amount: 'Amount',
      currency: 'Currency',
      createDate: 'Create Date',
      closeDate: 'Close Date',
      owner: 'Deal owner',
    },
  },
};

/** Runs the import of a fixture as the admin view would, and returns the refusal's problem lines. */
async function refused(name: string, mapping?: Partial<ImportMapping>): Promise<string[]> {
  const text = fixtureText(name);
  let input: Record<string, unknown>;
  try {
    input = (await importText(h, text, mapping)).input;
  } catch {
    // No usable preview (the header itself is broken): import with the HubSpot mapping all the same.
    input = { fileName: name, content: text, ...HUBSPOT_DEALS };
  }
  const error = await h.failure('import.run', input);
  expect(error.code).toBe('invalid_input');
  expect(error.message).toMatch(/^The file was not imported and nothing was stored: \d+ problems? in/);
  expect(fingerprint(h.core)).toEqual(before);
  return problemLines(error.message);
}

describe('refused inputs name the line and the column, and store nothing', () => {
  it('broken quoting', async () => {
    expect(await refused('broken-quoting.csv')).toEqual([
      expect.stringMatching(/^Line 3, column "Deal Name": Broken quoting/),
    ]);
  });

  it('a quote that is never closed', async () => {
    expect(await refused('unterminated-quote.csv')).toEqual([
      expect.stringMatching(/^Line 4, column "Deal Name": A quoted field is never closed/),
    ]);
  });

  it('a line with a missing field', async () => {
    expect(await refused('wrong-field-count.csv')).toEqual([
      'Line 5, column "Currency": This line has 8 fields but the header has 9; check for a missing or extra separator.',
    ]);
  });

  it('UTF-16 without a byte-order mark (read as UTF-8, it is full of NUL)', async () => {
    expect(await refused('utf16-no-bom.csv')).toEqual([
      expect.stringMatching(/^Line 1: The file could not be read as text: it is probably UTF-16/),
    ]);
  });

  it('bytes that are not UTF-8', async () => {
    expect(await refused('not-utf8.csv')).toEqual([
      expect.stringMatching(/^Line 4, column "Deal Name": This field holds characters that could not be read/),
    ]);
  });

  it('a column without a name', async () => {
    expect(await refused('missing-header.csv')).toEqual([
      'Line 1, column "column 5 (no header)": This column has no name; every column needs a header.',
    ]);
  });

  it('a file that starts with data instead of column names', async () => {
    const lines = await refused('no-header-line.csv');
    expect(lines[0]).toMatch(/^Line 1, column "9101": This looks like a value, not a column name/);
  });

  it('a column name that appears twice, when the mapping reads it', async () => {
    expect(await refused('duplicate-header.csv')).toEqual([
      'Line 1, column "Amount": This column name appears twice (columns 6 and 8), and the mapping reads "Amount" from it; rename one of them.',
    ]);
  });

  it('amounts that could be thousands or decimals', async () => {
    expect(await refused('ambiguous-amount.csv')).toEqual([
      expect.stringMatching(/^Line 2, column "Amount": "1,200" could be read two ways .* choose the decimal separator/),
    ]);
  });

  it('a decimal point and a decimal comma in one file', async () => {
    expect(await refused('mixed-decimal-styles.csv')).toEqual([
      'Line 4, column "Amount": "1.234,56" uses a decimal comma, but line 2 uses a decimal point ("1,200.50"); amounts in one file must use one style.',
    ]);
  });

  it('an amount that is not finite', async () => {
    expect(await refused('not-finite-amount.csv')).toEqual([
      'Line 3, column "Amount": "1e309" is not a finite number.',
    ]);
  });

  it('a negative amount', async () => {
    expect(await refused('negative-amount.csv')).toEqual([
      'Line 4, column "Amount": "-24000" is negative; amounts must not be negative.',
    ]);
  });

  it('slash dates that could be day first or month first', async () => {
    const lines = await refused('ambiguous-date.csv');
    expect(lines[0]).toMatch(
      /^Line 2, column "Create Date": "03\/04\/2026 09:15" could be 3 April or March 4, .* choose the date order/,
    );
  });

  it('a date that is not in the calendar', async () => {
    expect(await refused('impossible-date.csv')).toEqual([
      'Line 3, column "Create Date" (Created on): "2026-02-30 11:00" is not a date in the calendar.',
    ]);
  });

  it('an owner who is nobody on the team', async () => {
    expect(await refused('unknown-owner.csv')).toEqual([
      expect.stringMatching(/^Line 3, column "Deal owner" \(Owner\): "Zoe Unknown" is nobody on the team .*1 row\)/),
    ]);
  });

  it('the same record twice', async () => {
    expect(await refused('duplicate-id.csv')).toEqual([
      'Line 5, column "Record ID": "9102" appears again (first on line 3); each record may appear only once in a file.',
    ]);
  });

  it('a stage the pipeline does not have', async () => {
    expect(await refused('unknown-stage.csv')).toEqual([
      expect.stringMatching(
        /^Line 4, column "Deal Stage" \(Stage\): "Waiting for Godot" is not a stage of the pipeline/,
      ),
    ]);
  });

  it('a field over 10,000 characters', async () => {
    expect(await refused('oversize-field.csv')).toEqual([
      'Line 2, column "Deal Name": This field is 10,001 characters long; at most 10,000 are allowed.',
    ]);
  });

  it('a file over 100 MB', async () => {
    const header = fixtureText('hubspot-deals.csv').split('\r\n')[0]!;
    const row =
      '9999,Padding deal,Appointment Scheduled,2026-04-30,Ana Lima,1000,2026-03-02 09:00,Sales Pipeline,EUR\n';
    // 55 million characters, but 'ü' takes two bytes in UTF-8: 100 MB is passed in bytes, not characters.
    const big = `${header}\n${'ü'.repeat(55_000_000)}\n${row}`;
    const error = await h.failure('import.run', { fileName: 'big.csv', content: big, ...HUBSPOT_DEALS });
    expect(error).toMatchObject({ code: 'invalid_input', field: 'content' });
    expect(error.message).toMatch(/^The file is 104\.9 MB; at most 100 MB can be imported/);
    // More characters than 100 MB can hold is refused before the file is even read.
    const huge = await h.failure('import.run', {
      fileName: 'big.csv',
      content: 'x'.repeat(105_000_000),
      ...HUBSPOT_DEALS,
    });
    expect(huge).toMatchObject({ code: 'invalid_input', field: 'content', message: 'content is larger than 100 MB' });
    expect(fingerprint(h.core)).toEqual(before);
  });

  it('reports every problem of a file at once, in line order', async () => {
    const text = [
      fixtureText('hubspot-deals.csv').split('\r\n')[0],
      '9601,Good,Appointment Scheduled,2026-04-30,Ana Lima,100,2026-03-02,Sales Pipeline,EUR',
      '9602,,Appointment Scheduled,2026-04-30,Ana Lima,-5,2026-13-02,Sales Pipeline,EUR',
      '9603,Lost without a date,Closed Lost,,Nobody Here,100,2026-03-02,Sales Pipeline,EURO',
    ].join('\n');
    const error = await h.failure('import.run', { fileName: 'many.csv', content: text, ...HUBSPOT_DEALS });
    expect(problemLines(error.message)).toEqual([
      'Line 3, column "Deal Name": is empty.',
      'Line 3, column "Amount": "-5" is negative; amounts must not be negative.',
      'Line 3, column "Create Date" (Created on): "2026-13-02" is not a date in the calendar.',
      'Line 4, column "Currency": "EURO" is not a three-letter currency code such as EUR.',
      'Line 4, column "Close Date" (Closed on): is empty; a lost deal needs its close date.',
      expect.stringMatching(/^Line 4, column "Deal owner" \(Owner\): "Nobody Here" is nobody on the team/),
    ]);
    expect(fingerprint(h.core)).toEqual(before);
  });

  it('the preview shows the same problems from the start of the file', async () => {
    const preview = await h.call<ImportPreview>('import.preview', {
      fileName: 'negative-amount.csv',
      sample: fixtureText('negative-amount.csv'),
      complete: true,
    });
    expect(preview.problems).toEqual([
      { line: 4, column: 'Amount', field: 'amount', message: '"-24000" is negative; amounts must not be negative.' },
    ]);
    expect(preview.previewRows.map((row) => row.line)).toEqual([2, 3, 5]);
  });
});
