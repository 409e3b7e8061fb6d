/**
 * Reads CSV text row by row with papaparse's parser, a chunk at a time, so that a 50 MB file neither blocks
 * the process (the caller yields between chunks and reports progress) nor loses track of where it is: every
 * row carries the physical line it starts on, which is what a person looks for in a spreadsheet or editor.
 * Structural faults (broken quoting, wrong field counts, oversize fields, unreadable characters) become
 * problems naming the line and the column; the faulty row is not handed on.
 */
import Papa from 'papaparse';
import { MAX_FIELD_CHARS, type ImportProblem } from '@shared/import-types';

/** How the file is laid out: what separates fields and lines, and the column names. */
export interface CsvLayout {
  delimiter: string;
  newline: '\n' | '\r\n' | '\r';
  /** the header cells, trimmed */
  headers: string[];
  /** where the first data line starts in the text */
  bodyStart: number;
  /** problems with the header line itself (empty, duplicate or value-like names); the file cannot be mapped */
  problems: ImportProblem[];
}

/** One data row and where it starts. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Options of {@link streamRows}. */
export interface StreamOptions {
  /** the text is only the start of a file: its last line may be cut and is left out */
  truncated?: boolean;
  /** characters per chunk; between chunks `onChunk` runs and may pause the parse */
  chunkChars?: number;
  /** called after every chunk with the rows so far and how far the text is read (characters) */
  onChunk?: (rows: number, doneChars: number) => void | Promise<void>;
}

/** What {@link streamRows} read. */
export interface StreamSummary {
  /** data rows read, faulty ones included, blank lines not */
  rows: number;
  problems: ImportProblem[];
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
const DEFAULT_CHUNK_CHARS = 1024 * 1024;
/** A cell that reads as a number or a date is a value, not a column name: the header line is missing. */
const VALUE_LIKE = /^(?:[-+]?[\d.,]+(?:e[-+]?\d+)?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(?:[ T].*)?)$/i;

/**
 * Finds the delimiter, the line break and the column names. A byte-order mark is dropped (the text is
 * already decoded). Text that contains NUL in its first line was decoded with the wrong encoding (UTF-16
 * without a byte-order mark, most likely), which is reported as a problem of line 1.
 */
export function readLayout(text: string): CsvLayout {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const headerEnd = endOfFirstRecord(text, start);
  const firstLine = text.slice(start, headerEnd);
  const newline = detectNewline(text, headerEnd);
  const delimiter = detectDelimiter(firstLine);
  const bodyStart = Math.min(text.length, headerEnd + (headerEnd < text.length ? newline.length : 0));
  const layout: CsvLayout = { delimiter, newline, headers: [], bodyStart, problems: [] };

  if (firstLine.trim() === '') {
    layout.problems.push({
      line: 1,
      column: null,
      message: 'The file is empty: its first line must name the columns.',
    });
    return layout;
  }
  if (firstLine.includes('\u0000') || firstLine.includes('\ufffd')) {
    layout.problems.push({
      line: 1,
      column: null,
      message:
        'The file could not be read as text: it is probably UTF-16 without a byte-order mark, or in an ' +
        'encoding other than UTF-8. Save it as "CSV UTF-8" and import it again.',
    });
    return layout;
  }
  const parsed = new Papa.Parser({ delimiter, newline, quoteChar: '"' }).parse(firstLine, 0, false) as Papa.ParseResult<
    string[]
  >;
  const cells = parsed.data[0] ?? [];
  if (parsed.errors.length > 0) {
    layout.problems.push({
      line: 1,
      column: null,
      message: 'The header line has broken quoting: a quoted column name must end with a quote.',
    });
  }
  layout.headers = cells.map((cell) => cell.trim());
  const seen = new Map<string, number>();
  layout.headers.forEach((name, index) => {
    if (name === '') {
      layout.problems.push({
        line: 1,
        column: `column ${index + 1} (no header)`,
        message: 'This column has no name; every column needs a header.',
      });
      return;
    }
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      layout.problems.push({
        line: 1,
        column: name,
        message: `This column name appears twice (columns ${first + 1} and ${index + 1}); every column needs its own name.`,
      });
    } else {
      seen.set(key, index);
    }
    if (VALUE_LIKE.test(name)) {
      layout.problems.push({
        line: 1,
        column: name,
        message: 'This looks like a value, not a column name: the file must start with a line of column names.',
      });
    }
  });
  return layout;
}

/**
 * Reads the data rows after the header, calling `onRow` for each sound row in file order. Blank lines (and
 * lines of empty fields only, as spreadsheets leave them) are skipped. Between chunks `onChunk` runs and may
 * return a promise, so that the caller can yield to the event loop and report progress.
 */
export async function streamRows(
  text: string,
  layout: CsvLayout,
  onRow: (row: CsvRow) => void,
  options: StreamOptions = {},
): Promise<StreamSummary> {
  const { delimiter, newline, headers } = layout;
  const chunkChars = options.chunkChars ?? DEFAULT_CHUNK_CHARS;
  const problems: ImportProblem[] = [];
  // Checking every field for unreadable characters costs little, and nothing at all for clean text.
  const suspicious = text.includes('\u0000') || text.includes('\ufffd');
  let rows = 0;

  // Line counting: `countedTo` is a position in the text and `lineAt` the line it is on.
  let countedTo = 0;
  let lineAt = 1;
  const lineOf = (position: number): number => {
    let next = text.indexOf(newline, countedTo);
    while (next !== -1 && next < position) {
      lineAt += 1;
      countedTo = next + newline.length;
      next = text.indexOf(newline, countedTo);
    }
    return lineAt;
  };

  let rowStart = layout.bodyStart;
  // Papaparse reports a quoting fault by its position in the chunk it was given, which starts here.
  let chunkBase = layout.bodyStart;
  const step = (results: Papa.ParseStepResult<string[]>): void => {
    // The bare parser hands each row wrapped in a one-row array.
    const fields = (results.data as unknown as string[][])[0] ?? [];
    const start = rowStart;
    const line = lineOf(start);
    rowStart = results.meta.cursor;
    if (results.errors.length === 0 && fields.every((field) => field === '')) return;
    rows += 1;
    const problem = rowProblem(text, start, chunkBase, results, fields, headers, delimiter, suspicious);
    if (problem !== null) problems.push({ line, ...problem });
    else onRow({ line, fields });
  };

  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"', step });
  // The same loop as papaparse's own string streamer, with a pause point between chunks: the text from the
  // end of the last complete row to the chunk's end is parsed, and an incomplete last row waits for the next.
  // A truncated sample ends wherever the bytes ran out, so its last line is never taken as complete.
  let base = layout.bodyStart;
  let end = base;
  while (end < text.length) {
    end = Math.min(text.length, Math.max(end, base) + chunkChars);
    const finished = end >= text.length;
    chunkBase = base;
    const result = parser.parse(
      text.slice(base, end),
      base,
      !finished || options.truncated === true,
    ) as Papa.ParseResult<string[]>;
    base = result.meta.cursor;
    if (!finished) await options.onChunk?.(rows, base);
  }
  await options.onChunk?.(rows, text.length);
  return { rows, problems };
}

/** The fault of one parsed row, if it has one. */
function rowProblem(
  text: string,
  rowStart: number,
  chunkBase: number,
  results: Papa.ParseStepResult<string[]>,
  fields: string[],
  headers: string[],
  delimiter: string,
  suspicious: boolean,
): Omit<ImportProblem, 'line'> | null {
  const quoteError = results.errors[0];
  if (quoteError !== undefined) {
    const column = columnName(headers, fieldIndexAt(text, rowStart, chunkBase + (quoteError.index ?? 0), delimiter));
    return quoteError.code === 'MissingQuotes'
      ? { column, message: 'A quoted field is never closed: the quote that opens it runs to the end of the file.' }
      : {
          column,
          message:
            'Broken quoting: a quoted field must end with a quote right before the next separator or line end ' +
            '(a quote inside it is written twice, "").',
        };
  }
  if (fields.length !== headers.length) {
    const column =
      fields.length < headers.length ? headers[fields.length]! : `column ${headers.length + 1} (no header)`;
    return {
      column,
      message: `This line has ${fields.length} field${fields.length === 1 ? '' : 's'} but the header has ${headers.length}; check for a missing or extra separator.`,
    };
  }
  for (let index = 0; index < fields.length; index++) {
    const field = fields[index]!;
    if (field.length > MAX_FIELD_CHARS) {
      return {
        column: columnName(headers, index),
        message: `This field is ${field.length.toLocaleString('en-US')} characters long; at most ${MAX_FIELD_CHARS.toLocaleString('en-US')} are allowed.`,
      };
    }
    if (suspicious && (field.includes('\u0000') || field.includes('\ufffd'))) {
      return {
        column: columnName(headers, index),
        message:
          'This field holds characters that could not be read: the file is not UTF-8 text. Save it as ' +
          '"CSV UTF-8" (or UTF-16 with a byte-order mark) and import it again.',
      };
    }
  }
  return null;
}

function columnName(headers: string[], index: number): string {
  return headers[index] || `column ${index + 1} (no header)`;
}

/**
 * Papaparse reports a quoting fault by its position, relative to the text it was given; the row's fields are
 * then counted from the row's start to there, outside quotes.
 */
function fieldIndexAt(text: string, rowStart: number, position: number, delimiter: string): number {
  let index = 0;
  let quoted = false;
  for (let i = rowStart; i < position && i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && text.startsWith(delimiter, i)) index += 1;
  }
  return index;
}

/** The end of the first record (the header), where the first line break outside quotes is. */
function endOfFirstRecord(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) return i;
  }
  return text.length;
}

function detectNewline(text: string, headerEnd: number): CsvLayout['newline'] {
  if (text[headerEnd] === '\r') return text[headerEnd + 1] === '\n' ? '\r\n' : '\r';
  return '\n';
}

/** The candidate that occurs most often in the header line outside quotes; a comma when none does. */
function detectDelimiter(line: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const [delimiter, count] of counts) {
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}
