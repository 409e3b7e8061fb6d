/**
 * Reads a whole file before anything is written: its layout and format, the mapping that applies, and every
 * row converted into a draft or its problems, in chunks with the event loop free in between.
 */
import type { ImportFormat, ImportMapping, ImportProblem, SavedImportMapping } from '@shared/import-types';
import type { CoreContext } from '../../context';
import { listPipelineStages } from '../../db/repositories/pipeline-repository';
import { getDisplaySettings } from '../support/settings-service';
import { detectFormat } from './detect-format';
import type { ProgressReporter } from './import-report';
import { fieldValue, type RawRecord, type ResolvedMapping, resolveMapping } from './map-rows';
import { type CsvFooter, type CsvLayout, readLayout, streamRows } from './parse-csv';
import {
  type CurrencySource,
  type Draft,
  type OwnerRef,
  RowNotes,
  type StageOption,
  type ValueSettings,
} from './row-drafts';
import { headerSignature, readMappings } from './saved-mappings';
import { StyleEvidence } from './style-evidence';
import { toDealDraft, toLeadDraft } from './validate-rows';

/** Characters parsed between two pauses of the import. */
const CHUNK_CHARS = 256 * 1024;

/** Everything read from a file, before anything is written. */
export interface Analysis {
  layout: CsvLayout;
  format: ImportFormat;
  mapping: ImportMapping;
  savedMapping: SavedImportMapping | undefined;
  resolved: ResolvedMapping | null;
  drafts: Draft[];
  /** the owners of rows with problems, so that unknown owners are reported with the rest */
  failedOwners: OwnerAt[];
  problems: ImportProblem[];
  rows: number;
  /** a report's footer skipped after the data */
  footer: CsvFooter | null;
  /** where the amounts' currencies come from */
  currencySource: CurrencySource;
  /** what the rows showed that the preview warns of */
  notes: RowNotes;
  /** the room's currency and the pipeline, as the rows were read with them */
  roomCurrency: string;
  stages: StageOption[];
}

/** An owner named on a line. */
export interface OwnerAt {
  line: number;
  owner: OwnerRef;
}

interface AnalyseOptions {
  truncated?: boolean;
  /** the caller's mapping (and format); without them the format is detected and a mapping proposed */
  mapping?: { format?: ImportFormat; mapping: ImportMapping };
  progress?: ProgressReporter;
}

/** Reads and converts the rows of `text` (a preview passes only the file's start: `truncated`); writes nothing. */
export async function analyse(ctx: CoreContext, text: string, options: AnalyseOptions): Promise<Analysis> {
  const layout = readLayout(text);
  const detected = layout.problems.length === 0 ? detectFormat(layout.headers) : null;
  const savedMapping = detected === null ? undefined : readMappings(ctx)[headerSignature(layout.headers)];
  const format = options.mapping?.format ?? detected?.format ?? 'custom';
  const mapping = options.mapping?.mapping ??
    savedMapping?.mapping ??
    detected?.mapping ?? { target: 'deals', columns: {} };
  const analysis: Analysis = {
    layout,
    format,
    mapping,
    savedMapping,
    resolved: null,
    drafts: [],
    failedOwners: [],
    problems: [...layout.problems],
    rows: 0,
    footer: null,
    currencySource: { kind: 'none' },
    notes: new RowNotes(),
    roomCurrency: getDisplaySettings(ctx).currency,
    stages: listPipelineStages(ctx.db).map(({ id, name, kind }) => ({ id, name, kind })),
  };
  if (layout.problems.length > 0) return analysis;

  const { resolved: inFile, problems: mappingProblems } = resolveMapping(layout.headers, mapping, format);
  if (mappingProblems.length > 0) {
    analysis.problems.push(...mappingProblems);
    return analysis;
  }
  // A row keeps only the fields the mapping reads: an export with every column has sixty, of which nine are
  // read, and 100,000 rows of sixty strings each would be kept alive until the last row is checked.
  const { resolved, columns } = compactMapping(inFile);
  analysis.resolved = resolved;

  const records: RawRecord[] = [];
  const evidence = new StyleEvidence(resolved);
  const seenIds = new Map<string, number>();
  const idColumn = resolved.headers.externalId ?? 'id';
  const summary = await streamRows(
    text,
    layout,
    ({ line, fields }) => {
      const record: RawRecord = { line, fields: columns.map((index) => fields[index]!) };
      const id = fieldValue(resolved, record, 'externalId').trim();
      const first = id === '' ? undefined : seenIds.get(id);
      if (first !== undefined) {
        analysis.problems.push({
          line,
          column: idColumn,
          message: `"${id}" appears again (first on line ${first}); each record may appear only once in a file.`,
        });
        return;
      }
      if (id !== '') seenIds.set(id, line);
      evidence.observe(record);
      records.push(record);
    },
    {
      truncated: options.truncated === true,
      chunkChars: CHUNK_CHARS,
      limitedColumns: new Set(columns),
      onChunk:
        options.progress === undefined ? undefined : (rows, doneChars) => options.progress!.parsed(rows, doneChars),
    },
  );
  analysis.rows = summary.rows;
  analysis.footer = summary.footer;
  analysis.problems.push(...summary.problems);
  if (summary.rows === 0 && !options.truncated) {
    analysis.problems.push({ line: 2, column: null, message: 'The file has no rows below its header line.' });
  }

  const decimal = evidence.decimal(mapping);
  const dateOrder = evidence.dateOrder(mapping);
  if ('problem' in decimal) analysis.problems.push(decimal.problem);
  if ('problem' in dateOrder) analysis.problems.push(dateOrder.problem);
  const room = getDisplaySettings(ctx);
  analysis.currencySource = evidence.currencySource();
  const settings: ValueSettings = {
    timezone: room.timezone,
    currency: room.currency,
    stages: analysis.stages,
    decimal: 'decimal' in decimal ? decimal.decimal : '.',
    dateOrder: 'dateOrder' in dateOrder ? dateOrder.dateOrder : null,
    owners: new Map(),
    dealStages: new Map(),
    currencySource: analysis.currencySource,
    notes: analysis.notes,
  };
  const convert = mapping.target === 'deals' ? toDealDraft : toLeadDraft;
  for (const record of records) {
    const { draft, owner, problems } = convert(record, resolved, settings);
    if (draft !== null) analysis.drafts.push(draft);
    else {
      analysis.problems.push(...problems);
      // Rows written carry their owner in the draft; rows with problems keep it here, to report it too.
      if (owner !== null) analysis.failedOwners.push({ line: record.line, owner });
    }
  }
  return analysis;
}

/** The mapping with each field's index into a row's kept fields, and the file's columns those are. */
function compactMapping(inFile: ResolvedMapping): { resolved: ResolvedMapping; columns: number[] } {
  const columns = [...new Set(Object.values(inFile.indexes))].sort((a, b) => a - b);
  const indexes = Object.fromEntries(
    Object.entries(inFile.indexes).map(([field, index]) => [field, columns.indexOf(index)]),
  ) as ResolvedMapping['indexes'];
  return { resolved: { ...inFile, indexes }, columns };
}
