/**
 * CRM exports imported exactly as users export them: a Salesforce opportunity report with its footer, a
 * HubSpot deals export with every default column, currencies wherever a file writes them, required columns
 * named as the CRM names them, re-imports of files that lack a column, unused columns that repeat or are
 * long, and the warnings the preview lists before anything is stored. Stored rows are read back with plain
 * SQL; every refusal leaves the database exactly as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PREVIEW_SAMPLE_BYTES, type ImportPreview, type ImportResult, type ImportWarning } from '@shared/import-types';
import { HUBSPOT_DEAL_EXPORT_COLUMNS, hubspotDealsExport } from '../../fixtures/import/hubspot-deals-export';
import {
  NOW,
  fingerprint,
  fixtureText,
  importText,
  openHarness,
  problemLines,
  type ImportHarness,
} from './import-support';

let h: ImportHarness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

interface StoredDeal {
  id: string;
  title: string;
  stage: string;
  status: string;
  amount: number;
  currency: string;
  rep: string | null;
}

function storedDeals(source: string): Map<string, StoredDeal> {
  const rows = h.core.ctx.db
    .prepare(
      `SELECT external_id AS id, title, stage_id AS stage, status, amount_minor AS amount, currency,
              closing_rep_id AS rep
         FROM deals WHERE external_source = ? ORDER BY external_id`,
    )
    .all(source) as StoredDeal[];
  return new Map(rows.map((row) => [row.id, row]));
}

/** Previews and imports a text; the import must succeed. */
async function imported(text: string, changes = {}): Promise<{ preview: ImportPreview; result: ImportResult }> {
  const { preview, input } = await importText(h, text, changes);
  return { preview, result: await h.call<ImportResult>('import.run', input) };
}

/** Previews and imports a text that must be refused; returns its problem lines and checks nothing changed. */
async function refusedLines(text: string, changes = {}): Promise<string[]> {
  const before = fingerprint(h.core);
  const { input } = await importText(h, text, changes);
  const error = await h.failure('import.run', input);
  expect(error.code).toBe('invalid_input');
  expect(error.message).toMatch(/^The file was not imported and nothing was stored/);
  expect(fingerprint(h.core)).toEqual(before);
  return problemLines(error.message);
}

function kinds(warnings: readonly ImportWarning[]): string[] {
  return warnings.map((warning) => warning.kind);
}

const DEALS_HEADER = 'Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date';

describe('a Salesforce opportunity report export', () => {
  it('skips the footer after the data, says so in the preview, and reads the amount currency column', async () => {
    const text = fixtureText('salesforce-opportunity-report.csv');
    const { preview, result } = await imported(text);
    expect(preview.format).toBe('salesforce-opportunities');
    expect(preview.suggestedMapping.columns.currency).toBe('Amount Currency');
    expect(preview.problems).toEqual([]);
    expect(preview.assumedCurrency).toBeNull();
    const footer = preview.warnings.find((warning) => warning.kind === 'footer-skipped')!;
    // Line 12 is the blank line after the ten rows; the copyright line, the last, is line 19.
    expect(footer.message).toBe(
      `Lines 12–19 after the data are the report's footer ("Grand Totals (10 records)", ` +
        `"Opportunity Pipeline – Q1/Q2 2026", "Alignboard Demo GmbH", …); they are skipped.`,
    );
    expect(result).toMatchObject({ rows: 10, imported: 10, footerLines: 8 });

    const deals = storedDeals('salesforce');
    expect(deals.size).toBe(10);
    expect(deals.get('0065g00000Xk1AAAA3')).toMatchObject({ amount: 745_000, currency: 'USD', stage: 'demo' });
    expect(deals.get('0065g00000Xk1AAAA5')).toMatchObject({ amount: 1_850_000, currency: 'GBP', stage: 'proposal' });
    expect(deals.get('0065g00000Xk1AAAA8')).toMatchObject({ amount: 2_240_000, currency: 'EUR', status: 'won' });
    expect(deals.get('0065g00000Xk1AAAB0')).toMatchObject({ status: 'lost', rep: 'p-jonas' });
  });

  it('warns that several Salesforce stages become one wall stage, with their row counts', async () => {
    const { preview } = await importText(h, fixtureText('salesforce-opportunity-report.csv'));
    const merged = preview.warnings.filter((warning) => warning.kind === 'stages-merged').map((w) => w.message);
    expect(merged).toEqual([
      `2 CRM stages become the wall's stage Discovery: "Prospecting" (1 row), "Qualification" (1 row).`,
      `2 CRM stages become the wall's stage Demo: "Needs Analysis" (1 row), "Value Proposition" (1 row).`,
      `2 CRM stages become the wall's stage Proposal: "Id. Decision Makers" (1 row), "Proposal/Price Quote" (1 row).`,
    ]);
  });

  it('finds the footer of a report larger than the preview sample in the end of the file', async () => {
    const report = fixtureText('salesforce-opportunity-report.csv');
    const end = report.indexOf('\r\n\r\n');
    const [data, footer] = [report.slice(0, end), report.slice(end + 4)];
    const [header, ...rows] = data.split('\r\n');
    // 3,000 opportunities: the same ten rows with their own ids, about 650 KB.
    const many = Array.from({ length: 300 }, (_, copy) =>
      rows.map((row) => row.replace(/"0065g00000Xk1AAA(\w\w)"$/, `"0065g0000${String(copy).padStart(4, '0')}$1"`)),
    ).flat();
    const text = [header, ...many].join('\r\n') + `\r\n\r\n${footer}`;
    expect(text.length).toBeGreaterThan(2 * PREVIEW_SAMPLE_BYTES);
    const preview = await h.call<ImportPreview>('import.preview', {
      fileName: 'big-report.csv',
      sample: text.slice(0, PREVIEW_SAMPLE_BYTES),
      complete: false,
      tail: text.slice(-8 * 1024),
    });
    expect(preview.warnings.find((warning) => warning.kind === 'footer-skipped')).toEqual({
      kind: 'footer-skipped',
      message:
        `The last 8 lines of the file are the report's footer ("Grand Totals (10 records)", ` +
        `"Opportunity Pipeline – Q1/Q2 2026", "Alignboard Demo GmbH", …); they are skipped.`,
      rows: 0,
      lines: [],
    });
    const result = await h.call<ImportResult>('import.run', {
      fileName: 'big-report.csv',
      content: text,
      format: preview.format,
      mapping: preview.suggestedMapping,
    });
    expect(result).toMatchObject({ rows: 3_000, imported: 3_000, footerLines: 8 });
  });

  it('reads lines after a blank line as data when they are not a footer', async () => {
    const text = fixtureText('salesforce-opportunity-report.csv').split('\r\n\r\n')[0]!;
    const lines = text.split('\r\n');
    // A blank line in the middle of the data, then more data: nothing is skipped.
    const withGap = [...lines.slice(0, 6), '', ...lines.slice(6)].join('\r\n');
    const { preview, result } = await imported(withGap);
    expect(kinds(preview.warnings)).not.toContain('footer-skipped');
    expect(result).toMatchObject({ imported: 10, footerLines: 0 });
  });

  it('reads a last row after a blank line as data when it only starts like a total', async () => {
    const text = [
      'Deal Name,Record ID,Deal Stage,Close Date,Deal owner,Amount,Create Date,Currency',
      'Nordwind,1,Contract Sent,,Ana Lima,5,2026-03-02,EUR',
      '',
      'Total Energies – renewal,2,Contract Sent,,Ana Lima,7,2026-03-02,EUR',
    ].join('\r\n');
    const { preview, result } = await imported(text);
    expect(kinds(preview.warnings)).not.toContain('footer-skipped');
    expect(result).toMatchObject({ imported: 2, footerLines: 0 });
    expect(storedDeals('hubspot').get('2')!.title).toBe('Total Energies – renewal');
  });
});

describe('a HubSpot deals export with every default column', () => {
  it('has all the columns of a real export and imports in full', async () => {
    const text = fixtureText('hubspot-deals-full-export.csv');
    // The fixture is what the benchmark's generator writes, so the benchmark imports the same columns.
    expect(text).toBe(
      hubspotDealsExport({ rows: 14, owners: ['Ana Lima', 'Jonas Weber', 'ana.lima@example.com'], now: NOW }),
    );
    const { preview, result } = await imported(text);
    expect(preview.headers).toEqual(HUBSPOT_DEAL_EXPORT_COLUMNS);
    expect(preview.headers.length).toBeGreaterThan(60);
    expect(preview.format).toBe('hubspot-deals');
    expect(preview.problems).toEqual([]);
    expect(result).toMatchObject({ rows: 14, imported: 14 });
    // Line 11 (record 9000109): a USD deal in Qualified To Buy of 1008.08 dollars, owned by Ana (by email).
    expect(storedDeals('hubspot').get('9000109')).toMatchObject({
      currency: 'USD',
      amount: 100_808,
      stage: 'discovery',
      rep: 'p-ana',
    });
  });

  it('warns of text that starts like a formula, stores it as written, and escapes it on export', async () => {
    const { preview } = await imported(fixtureText('hubspot-deals-full-export.csv'));
    const formula = preview.warnings.find((warning) => warning.kind === 'formula-cells')!;
    // Rows i = 2 and i = 10 name "@Home Furnishings" (lines 4 and 12).
    expect(formula).toMatchObject({ rows: 2, lines: [4, 12] });
    expect(formula.message).toBe(
      '2 rows have text that starts like a spreadsheet formula (=, +, -, @): it is stored as text, exactly as ' +
        'written, and escaped when exported.',
    );
    expect(storedDeals('hubspot').get('9000103')!.title).toBe('@Home Furnishings – 12 seats');
    const { csv } = await h.call<{ csv: string }>('export.table', { table: 'deals' });
    expect(csv).toContain(`"'@Home Furnishings – 12 seats"`);
  });
});

describe('currencies', () => {
  it('reads ISO codes written in the amounts when the file has no currency column', async () => {
    const text = [
      DEALS_HEADER,
      '1,A,Contract Sent,,Ana Lima,"EUR 1,200.00",2026-03-02',
      '2,B,Contract Sent,,Ana Lima,950.50 CHF,2026-03-02',
    ].join('\n');
    const { preview } = await imported(text);
    expect(preview.assumedCurrency).toBeNull();
    expect(kinds(preview.warnings)).not.toContain('currency-assumed');
    const deals = storedDeals('hubspot');
    expect(deals.get('1')).toMatchObject({ amount: 120_000, currency: 'EUR' });
    expect(deals.get('2')).toMatchObject({ amount: 95_050, currency: 'CHF' });
  });

  it('reads €, £ and $ as euros, pounds and US dollars', async () => {
    const text = [
      DEALS_HEADER,
      '1,A,Contract Sent,,Ana Lima,"€1,200.00",2026-03-02',
      '2,B,Contract Sent,,Ana Lima,£950,2026-03-02',
      '3,C,Contract Sent,,Ana Lima,"$4,000",2026-03-02',
      '4,D,Contract Sent,,Ana Lima,US$ 12,2026-03-02',
    ].join('\n');
    await imported(text);
    const deals = storedDeals('hubspot');
    expect([...deals.values()].map((deal) => [deal.amount, deal.currency])).toEqual([
      [120_000, 'EUR'],
      [95_000, 'GBP'],
      [400_000, 'USD'],
      [1_200, 'USD'],
    ]);
  });

  it('refuses a symbol that names no single currency, or disagrees with the currency column, naming the line', async () => {
    expect(
      await refusedLines(
        [
          DEALS_HEADER,
          '1,A,Contract Sent,,Ana Lima,"€1,200.00",2026-03-02',
          '2,B,Contract Sent,,Ana Lima,¥5000,2026-03-02',
        ].join('\n'),
      ),
    ).toEqual([
      'Line 3, column "Amount": "¥5000" could be JPY or CNY; add a currency column or write the code (e.g. JPY).',
    ]);
    expect(await refusedLines([DEALS_HEADER, '1,A,Contract Sent,,Ana Lima,₩5000,2026-03-02'].join('\n'))).toEqual([
      'Line 2, column "Amount": "₩5000" has the currency symbol ₩, which the import does not read; write the currency as a code (e.g. EUR) or add a currency column.',
    ]);
    expect(
      await refusedLines(
        [
          `${DEALS_HEADER},Currency`,
          '1,A,Contract Sent,,Ana Lima,£950,2026-03-02,EUR',
          '2,B,Contract Sent,,Ana Lima,"$1,000",2026-03-02,CAD',
        ].join('\n'),
      ),
    ).toEqual(['Line 2, column "Currency": says EUR, but the amount "£950" is written with £ (GBP).']);
  });

  it('refuses $ alone when the room counts in another dollar', async () => {
    h.core.ctx.db.prepare(`UPDATE settings SET value = ? WHERE key = 'room.currency'`).run(JSON.stringify('CAD'));
    expect(await refusedLines([DEALS_HEADER, '1,A,Contract Sent,,Ana Lima,$950,2026-03-02'].join('\n'))).toEqual([
      `Line 2, column "Amount": "$950" could be US dollars or CAD (the room's currency); add a currency column.`,
    ]);
  });

  it('refuses an amount without a currency in a file whose other amounts name one', async () => {
    const text = [
      DEALS_HEADER,
      '1,A,Contract Sent,,Ana Lima,€950,2026-03-02',
      '2,B,Contract Sent,,Ana Lima,1200,2026-03-02',
    ].join('\n');
    expect(await refusedLines(text)).toEqual([
      'Line 3, column "Amount": "1200" names no currency, but line 2 does ("€950"); write the currency with every amount, or add a currency column.',
    ]);
    const withColumn = [
      `${DEALS_HEADER},Currency`,
      '1,A,Contract Sent,,Ana Lima,950,2026-03-02,',
      '2,B,Contract Sent,,Ana Lima,950,2026-03-02,USD',
    ].join('\n');
    expect(await refusedLines(withColumn)).toEqual([
      'Line 2, column "Currency": is empty, but the amount "950" needs its currency.',
    ]);
  });

  it('takes a currency column that is empty on every row (one-currency HubSpot portals) as no currency', async () => {
    const text = [`${DEALS_HEADER},Currency`, '1,A,Contract Sent,,Ana Lima,950,2026-03-02,'].join('\n');
    const { preview, input } = await importText(h, text);
    expect(preview.assumedCurrency).toBe('EUR');
    expect(kinds(preview.warnings)).toEqual(['currency-assumed']);
    await h.call('import.run', input);
    expect(storedDeals('hubspot').get('1')).toMatchObject({ amount: 95_000, currency: 'EUR' });
  });

  it("stores amounts in the room's currency only when the file names none, the preview said so and the import confirms it", async () => {
    const text = [
      DEALS_HEADER,
      '1,A,Contract Sent,,Ana Lima,950,2026-03-02',
      '2,B,Contract Sent,,Ana Lima,,2026-03-02',
    ].join('\n');
    const { preview, input } = await importText(h, text);
    expect(preview.assumedCurrency).toBe('EUR');
    expect(preview.warnings).toEqual([
      {
        kind: 'currency-assumed',
        message:
          "The file names no currency: the amounts of 1 row will be stored in EUR, the room's currency. Importing " +
          'confirms this; if they are in another currency, add a currency column to the file.',
        rows: 1,
        lines: [],
      },
    ]);
    const before = fingerprint(h.core);
    const { confirmedCurrency: _confirmed, ...unconfirmed } = input;
    const error = await h.failure('import.run', unconfirmed);
    expect(problemLines(error.message)).toEqual([
      `Line 1, column "Amount": The file names no currency, so its amounts would be stored in EUR, the room's currency; check the preview and import again to confirm that, or add a currency column.`,
    ]);
    // A confirmation for another currency (the room's changed since the preview) is no confirmation.
    expect((await h.failure('import.run', { ...input, confirmedCurrency: 'USD' })).code).toBe('invalid_input');
    expect(fingerprint(h.core)).toEqual(before);
    await h.call('import.run', input);
    expect(storedDeals('hubspot').get('1')).toMatchObject({ amount: 95_000, currency: 'EUR' });
  });
});

describe('required columns are named as the CRM names them', () => {
  it('a HubSpot export without its "Deal Stage" column', async () => {
    const text = [
      'Record ID,Deal Name,Close Date,Deal owner,Amount,Create Date,Currency',
      '1,A,,Ana Lima,5,2026-03-02,EUR',
    ].join('\n');
    const { preview } = await importText(h, text);
    expect(preview.format).toBe('hubspot-deals');
    expect(preview.problems).toEqual([
      {
        line: 1,
        column: 'Deal Stage',
        field: 'stage',
        message:
          `The file has no "Deal Stage" column (Alignboard's "Stage"), which every row needs; export the file ` +
          'with that column, or choose another column for it in the mapping.',
      },
    ]);
    expect(await refusedLines(text)).toEqual([
      expect.stringMatching(/^Line 1, column "Deal Stage" \(Stage\): The file has no "Deal Stage" column/),
    ]);
  });

  it('a HubSpot export without "Amount" brings no new deals', async () => {
    const text = [
      'Record ID,Deal Name,Deal Stage,Close Date,Create Date',
      '1,A,Contract Sent,,2026-03-02',
      '2,B,Contract Sent,,2026-03-02',
    ].join('\n');
    expect(await refusedLines(text)).toEqual([
      `Line 2, column "Amount": The file has no "Amount" column (Alignboard's "Amount"), which a new deal needs (the deal "1" is not on the wall yet; deals already here keep their amounts); export the file with that column, or choose another column for it in the mapping.`,
    ]);
  });

  it('a Salesforce report without its "Opportunity ID" column', async () => {
    const text = fixtureText('salesforce-opportunity-report.csv').replace(/,"Opportunity ID"|,"0065g[^"]*"/g, '');
    const lines = await refusedLines(text);
    expect(lines).toEqual([
      expect.stringMatching(
        /^Line 1, column "Opportunity ID" \(Record id\): The file has no "Opportunity ID" column \(Alignboard's "Record id"\)/,
      ),
    ]);
  });
});

describe('re-importing a file that lacks a column', () => {
  it('keeps the stored amounts, currencies and owners of deals; applies what the file does say', async () => {
    await imported(fixtureText('hubspot-deals-full-export.csv'));
    const before = storedDeals('hubspot');
    // The same deals, exported with fewer columns: no Amount, no Currency, no owner; 9000101 has moved on.
    const text = [
      'Record ID,Deal Name,Deal Stage,Close Date,Create Date',
      ...[...before.values()].map((deal) => {
        const stage =
          deal.id === '9000101'
            ? 'Contract Sent'
            : deal.status === 'won'
              ? 'Closed Won'
              : deal.status === 'lost'
                ? 'Closed Lost'
                : stageLabel(deal.stage);
        return `${deal.id},"${deal.title}",${stage},2026-03-10,2025-03-20 10:00`;
      }),
    ].join('\n');
    const { preview, result } = await imported(text);
    expect(preview.assumedCurrency).toBeNull();
    expect(result).toMatchObject({ imported: 0, updated: 14 });
    const after = storedDeals('hubspot');
    for (const [id, deal] of before) {
      expect(after.get(id)).toMatchObject({ amount: deal.amount, currency: deal.currency, rep: deal.rep });
    }
    expect(after.get('9000101')!.stage).toBe('negotiation');
    expect(before.get('9000101')!.amount).toBeGreaterThan(0);
  });

  it('keeps the stored company, owner and stage dates of leads', async () => {
    await imported(fixtureText('hubspot-contacts.csv'));
    const read = () =>
      h.core.ctx.db
        .prepare(
          `SELECT external_id AS id, name, company, owner_id AS owner, mql_at AS mql, stage FROM leads ORDER BY external_id`,
        )
        .all();
    const before = read();
    // HubSpot's contacts export with only the columns a quick export has: no owner, stage or stage dates.
    const text = [
      'Record ID,First Name,Last Name,Email,Create Date',
      '502,Ben,Bauer,ben.bauer@bluefield.example,2026-02-25 10:00',
    ].join('\n');
    await imported(text);
    expect(read()).toEqual(before);
  });
});

describe('columns the mapping does not read', () => {
  it('may repeat and be long without refusing the file', async () => {
    const longHeader = `Notes ${'x'.repeat(300)}`;
    const text = [
      `${DEALS_HEADER},Currency,Notes,Notes,${longHeader}`,
      `1,A,Contract Sent,,Ana Lima,5,2026-03-02,EUR,first,second,"${'long text, '.repeat(2_000)}"`,
    ].join('\n');
    const { preview, result } = await imported(text);
    expect(preview.problems).toEqual([]);
    expect(result).toMatchObject({ imported: 1 });
  });

  it('a mapped column that repeats is refused, naming both', async () => {
    const text = [`${DEALS_HEADER},Currency,Deal Name`, '1,A,Contract Sent,,Ana Lima,5,2026-03-02,EUR,B'].join('\n');
    expect(await refusedLines(text)).toEqual([
      'Line 1, column "Deal Name": This column name appears twice (columns 2 and 9), and the mapping reads "Deal name" from it; rename one of them.',
    ]);
  });
});

describe('owners the team does not know', () => {
  const text = [
    `${DEALS_HEADER},Currency`,
    ...Array.from(
      { length: 7 },
      (_, i) =>
        `${i + 1},Deal ${i},Contract Sent,,${i % 2 === 0 ? 'Zoe Unknown' : i === 3 ? 'Max Neu' : 'Ana Lima'},5,2026-03-02,EUR`,
    ),
  ].join('\n');

  it('are one problem per owner with their row count, not one per row', async () => {
    expect(await refusedLines(text)).toEqual([
      'Line 2, column "Deal owner" (Owner): "Zoe Unknown" is nobody on the team (matched by name or email; 4 rows: lines 2, 4, 6, 8); add the person first, or let the import add unknown owners (mapping option).',
      'Line 5, column "Deal owner" (Owner): "Max Neu" is nobody on the team (matched by name or email; 1 row); add the person first, or let the import add unknown owners (mapping option).',
    ]);
  });

  it('are listed once each in the preview when the import adds them', async () => {
    const { preview, input } = await importText(h, text, { createOwners: true });
    const check = await h.call<ImportPreview>('import.preview', {
      fileName: 'x.csv',
      sample: text,
      complete: true,
      mapping: input.mapping,
    });
    expect(preview.problems).toHaveLength(2);
    expect(check.problems).toEqual([]);
    expect(check.warnings).toEqual([
      {
        kind: 'owner-new',
        message: '"Zoe Unknown" is nobody on the team yet and will be added to the sales team (4 rows).',
        rows: 4,
        lines: [2, 4, 6, 8],
      },
      {
        kind: 'owner-new',
        message: '"Max Neu" is nobody on the team yet and will be added to the sales team (1 row).',
        rows: 1,
        lines: [5],
      },
    ]);
    const result = await h.call<ImportResult>('import.run', input);
    expect(result.peopleCreated).toBe(2);
  });
});

function stageLabel(stageId: string): string {
  return (
    {
      discovery: 'Qualified To Buy',
      demo: 'Presentation Scheduled',
      proposal: 'Decision Maker Bought-In',
      negotiation: 'Contract Sent',
    }[stageId] ?? stageId
  );
}
