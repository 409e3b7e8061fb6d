/**
 * The pieces under the import: CSV rows with the physical line each starts on (quoted line breaks, CRLF,
 * rows cut by chunk boundaries), and the readers of amounts and dates.
 */
import { describe, expect, it } from 'vitest';
import { readLayout, streamRows, type CsvRow } from '../../../../electron/core/services/import/parse-csv';
import { parseAmount } from '../../../../electron/core/services/import/parse-amount';
import { parseDate } from '../../../../electron/core/services/import/parse-date';
import { parseOwner } from '../../../../electron/core/services/import/resolve-stages-owners';

async function rows(text: string, chunkChars?: number, truncated = false) {
  const layout = readLayout(text);
  const found: CsvRow[] = [];
  const summary = await streamRows(text, layout, (row) => found.push(row), { chunkChars, truncated });
  return { layout, found, problems: summary.problems };
}

describe('streamRows', () => {
  const text = 'id,name,note\r\n1,Ana,"two\r\nlines"\r\n\r\n2,"Jonas ""JW""",plain\r\n3,Mia,"a, b"\r\n';

  it.each([undefined, 1, 5, 7])('gives each row the line it starts on (chunks of %s characters)', async (chunk) => {
    const { layout, found, problems } = await rows(text, chunk);
    expect(layout).toMatchObject({ delimiter: ',', newline: '\r\n', headers: ['id', 'name', 'note'], problems: [] });
    expect(problems).toEqual([]);
    expect(found).toEqual([
      { line: 2, fields: ['1', 'Ana', 'two\r\nlines'] },
      { line: 5, fields: ['2', 'Jonas "JW"', 'plain'] },
      { line: 6, fields: ['3', 'Mia', 'a, b'] },
    ]);
  });

  it('leaves out the cut last line of a sample', async () => {
    const { found } = await rows('id,name\n1,Ana\n2,Jon', undefined, true);
    expect(found.map((row) => row.fields)).toEqual([['1', 'Ana']]);
  });

  it('finds semicolons and tabs, and drops a byte-order mark', async () => {
    expect(readLayout('\ufeffa;b;c\n1;2;3').headers).toEqual(['a', 'b', 'c']);
    expect(readLayout('a\tb,c\tx\n').delimiter).toBe('\t');
  });

  it('names the column of a quoting fault after other quoted fields', async () => {
    const { problems } = await rows('a,b,c\n"x","y "z" w",3\n', 4);
    expect(problems).toEqual([{ line: 2, column: 'b', message: expect.stringMatching(/^Broken quoting/) }]);
  });
});

describe('parseAmount', () => {
  it.each([
    ['1200', '.', 2, 120_000],
    ['$1,200', '.', 2, 120_000],
    ['1,234.56', '.', 2, 123_456],
    ['1.234,56', ',', 2, 123_456],
    ['EUR 980,5', ',', 2, 98_050],
    ["1'234.50", '.', 2, 123_450],
    ['12.500', '.', 0, 'has 3 decimals, more than the currency has (0).'],
    ['1200.000', '.', 2, 120_000],
    ['1e3', '.', 2, 100_000],
    ['1e309', '.', 2, 'is not a finite number.'],
    ['-5', '.', 2, 'is negative; amounts must not be negative.'],
    ['(1,200)', '.', 2, 'is negative; amounts must not be negative.'],
    ['$-3', '.', 2, 'is negative; amounts must not be negative.'],
    ['12 apples', '.', 2, 'is not an amount (expected e.g. 1200, 1,200.50 or $1,200).'],
    ['999999999999999', '.', 2, 'is too large (at most 100 billion).'],
  ] as const)('%s (decimal %s, %i digits) → %s', (value, decimal, digits, expected) => {
    expect(parseAmount(value, decimal, digits)).toBe(expected);
  });
});

describe('parseDate', () => {
  const tz = 'Europe/Berlin';
  it.each([
    ['2026-03-02', null, Date.UTC(2026, 2, 1, 23)],
    ['2026-03-02 09:15', null, Date.UTC(2026, 2, 2, 8, 15)],
    ['2026-07-02T09:15:30Z', null, Date.UTC(2026, 6, 2, 9, 15, 30)],
    ['2026-07-02T09:15+02:00', null, Date.UTC(2026, 6, 2, 7, 15)],
    ['02.03.2026', null, Date.UTC(2026, 2, 1, 23)],
    ['25/03/2026', null, Date.UTC(2026, 2, 24, 23)],
    ['3/4/2026 2:30 PM', 'MDY', Date.UTC(2026, 2, 4, 13, 30)],
    ['03/04/2026', 'DMY', Date.UTC(2026, 3, 2, 22)],
    ['04/04/2026', null, Date.UTC(2026, 3, 3, 22)],
  ] as const)('%s (%s) is read exactly', (value, order, expected) => {
    expect(parseDate(value, order, tz)).toBe(expected);
  });

  it.each([
    ['2026-02-30', 'is not a date in the calendar.'],
    ['2025-02-29', 'is not a date in the calendar.'],
    ['2026-03-02 24:00', 'is not a time of day.'],
    ['03/04/26', 'has a two-digit year; write the year with four digits (e.g. 2026).'],
    ['03/04/2026', 'could be read day first or month first; choose the date order in the mapping.'],
    ['soon', 'is not a date (expected e.g. 2026-04-03, 03.04.2026 or 04/03/2026).'],
  ])('%s is refused', (value, message) => {
    expect(parseDate(value, null, tz)).toBe(message);
  });
});

describe('parseOwner', () => {
  it('reads a name, an email, or both', () => {
    expect(parseOwner('Ana Lima')).toEqual({ text: 'Ana Lima', name: 'Ana Lima', email: null });
    expect(parseOwner('Ana.Lima@Example.com')).toMatchObject({ name: null, email: 'ana.lima@example.com' });
    expect(parseOwner('Ana Lima <ana@example.com>')).toMatchObject({ name: 'Ana Lima', email: 'ana@example.com' });
    expect(parseOwner('Ana Lima (ana@example.com)')).toMatchObject({ name: 'Ana Lima', email: 'ana@example.com' });
  });
});
