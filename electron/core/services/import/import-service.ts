/**
 * CSV import from CRMs (issue 4): preview a file's start, then import the whole file in one transaction —
 * every row or none. The file is read in chunks with the event loop free in between (progress goes out as
 * 'import.progressed'), every value is checked, and only a file without a single problem is written.
 *
 * Choices made here, so that nothing is guessed silently:
 * - Re-importing updates: rows match earlier imports by (external_source, external_id), where the source is
 *   the CRM ('hubspot', 'salesforce') or the mapping's own name for a custom file ('csv' by default).
 *   A matched row that was deleted here stays deleted (its fields are updated, so an undo of the delete
 *   brings back the CRM's current data).
 * - Owners are matched to people (not deleted) by email, then by name, ignoring case. An owner that matches
 *   nobody is an error naming the line and column, unless the mapping sets `createOwners`: then each distinct
 *   unknown owner is added once, to the sales team (owners of deals and contacts are the reps). A name that
 *   matches two people is an error either way.
 * - Deals: the stage decides open/won/lost; a won or lost deal needs its close date (`closed_at`); an open
 *   deal's close date is an expected one and is not stored. An empty amount is 0. A file without an amount
 *   column brings no new deals (a deal needs its amount) and leaves the stored amounts of the deals it
 *   updates as they are; the same for owners. Amounts are stored in the room's currency only when the file
 *   names no currency at all, the preview said so, and the import was confirmed with that currency. The deal's stage entry time
 *   is its creation (open) or close (closed) time, and the import time when a re-import moves its stage.
 * - Leads: the lifecycle stage is the furthest of the reported one and those with a date; a reported stage
 *   needs its date. A follow-up logged here is kept when the CRM reports none, and every field whose column
 *   the file lacks keeps its stored value. Customer state follows the won deals here (customer-state.ts): a
 *   lead the file calls a customer is one only with a won deal, at its close time; otherwise it stays at
 *   the furthest stage before.
 * - The preview warns, before anything is stored, of what the import does that a person should know (a
 *   report footer skipped, text that looks like a formula, an assumed currency, several CRM stages becoming
 *   one, owners to be added: once per owner with their row count).
 * - The import appends one 'import.completed' activity event. Small imports (up to
 *   {@link UNDOABLE_ROW_LIMIT} rows) carry their row changes and can be undone like any command; a larger one
 *   is marked `undoable: false` (its changes would make an event of tens of megabytes).
 */
import { createHash, randomBytes } from 'node:crypto';
import { UUID, uuidv7 } from 'uuidv7';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import {
  MAX_IMPORT_BYTES,
  MAX_REPORTED_PROBLEMS,
  WARNING_LINES,
  describeImportProblem,
  type ImportFormat,
  type ImportMapping,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportProblem,
  type ImportProgress,
  type ImportResult,
  type SavedImportMapping,
} from '@shared/import-types';
import type { CoreContext } from '../../context';
import { withIndexesDeferred } from '../../db/repositories/bulk-load';
import { countDeals } from '../../db/repositories/deals-repository';
import { withFigureAggregatesDeferred } from '../../db/repositories/figure-aggregates-repository';
import {
  importedDeals,
  importedLeads,
  ImportedDealWriter,
  listMatchablePeople,
  updateImportedDeal,
  updateImportedLead,
  type ImportedLeadUpdate,
  type MatchablePerson,
} from '../../db/repositories/import-repository';
import { countLeads, insertLead } from '../../db/repositories/leads-repository';
import { insertPerson } from '../../db/repositories/people-repository';
import { listPipelineStages } from '../../db/repositories/pipeline-repository';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import { ChangeSet, runCommand } from '../support/activity-recorder';
import { followWonDealsInBulk } from '../support/customer-state';
import { getDisplaySettings } from '../support/settings-service';
import { detectFormat, externalSource, headerKey } from './detect-format';
import { fieldValue, missingColumn, resolveMapping, type RawRecord, type ResolvedMapping } from './map-rows';
import { readLayout, streamRows, trailingFooter, type CsvFooter, type CsvLayout } from './parse-csv';
import { importWarnings } from './preview-warnings';
import {
  RowNotes,
  StyleEvidence,
  toDealDraft,
  toLeadDraft,
  type DealDraft,
  type LeadDraft,
  type CurrencySource,
  type OwnerRef,
  type StageOption,
  type ValueSettings,
} from './validate-rows';

/** Imports of at most this many rows carry their row changes in the activity event, so undo can revert them. */
export const UNDOABLE_ROW_LIMIT = 500;
/** The setting that holds the saved column mappings. */
export const MAPPINGS_SETTING = 'import.mappings';
/** Saved mappings kept (the oldest go first). */
const MAX_SAVED_MAPPINGS = 50;
/** A progress event at most every this many rows. */
const PROGRESS_EVERY_ROWS = 2_000;
/** Characters parsed between two pauses of the import. */
const CHUNK_CHARS = 256 * 1024;
/** Rows the preview shows. */
const PREVIEW_ROWS = 10;
/**
 * From this many rows on, and when the import brings a good share of the rows leads and deals hold, the
 * target table's indexes and the figure aggregates are built once after the rows instead of row by row
 * (as the demo generator does): the rebuild costs as much as the tables hold, the row-by-row upkeep
 * several times more per row.
 */
const BULK_ROWS = 5_000;
/**
 * "A good share": at least one row in this many of those leads and deals hold. The rebuild per stored row
 * costs about a fourth of the upkeep per imported row, so a re-import of every row (all updates) is a bulk
 * load too.
 */
const BULK_SHARE = 4;

type Draft = DealDraft | LeadDraft;

/** Everything read from a file, before anything is written. */
interface Analysis {
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
interface OwnerAt {
  line: number;
  owner: OwnerRef;
}

/** Shows what an import of this file would do, from the start of the file; writes nothing. */
export async function previewImport(
  ctx: CoreContext,
  input: MethodParsedInput<'import.preview'>,
): Promise<ImportPreview> {
  const analysis = await analyse(ctx, input.sample, {
    truncated: !input.complete,
    ...(input.mapping === undefined ? {} : { mapping: { mapping: input.mapping } }),
  });
  const owners = matchOwners(ownersOf(analysis), listMatchablePeople(ctx.db), analysis.mapping, analysis.resolved);
  const newDeal = newDealWithoutAmount(ctx, analysis);
  const problems = report([...analysis.problems, ...owners.problems, ...(newDeal === null ? [] : [newDeal])]);
  const assumedCurrency = assumesCurrency(analysis) ? analysis.roomCurrency : null;
  return {
    format: analysis.format,
    delimiter: analysis.layout.delimiter,
    headers: analysis.layout.headers,
    suggestedMapping: analysis.mapping,
    ...(analysis.savedMapping === undefined ? {} : { savedMapping: analysis.savedMapping.mapping }),
    previewRows: analysis.drafts.slice(0, PREVIEW_ROWS).map((draft) => previewRow(draft, owners.names)),
    problems: problems.listed,
    warnings: importWarnings({
      target: analysis.mapping.target,
      // The start of a large file has no footer; its end, when the view sends it, may.
      footer:
        analysis.footer ??
        (input.tail === undefined || input.complete ? null : trailingFooter(input.tail, analysis.layout)),
      notes: analysis.notes,
      assumedCurrency,
      stages: analysis.stages,
      newOwners: owners.created,
    }),
    assumedCurrency,
    sampleRows: analysis.rows,
  };
}

/**
 * Imports a whole file: every row, or none and an `invalid_input` error whose message lists the problems
 * (the first {@link MAX_REPORTED_PROBLEMS}, each naming its line and column). A busy or full database is a
 * clear error too; the transaction then leaves nothing behind.
 */
export async function runImport(ctx: CoreContext, input: MethodParsedInput<'import.run'>): Promise<ImportResult> {
  const importId = input.importId ?? uuidv7();
  const text = input.content;
  const totalBytes = Buffer.byteLength(text, 'utf8');
  if (totalBytes > MAX_IMPORT_BYTES) {
    throw new ApiError(
      'invalid_input',
      `The file is ${(totalBytes / 1024 / 1024).toFixed(1)} MB; at most 100 MB can be imported. Split it and import the parts.`,
      'content',
    );
  }
  const progress = progressReporter(ctx, importId, text, totalBytes);
  const analysis = await analyse(ctx, text, { mapping: { format: input.format, mapping: input.mapping }, progress });
  if (assumesCurrency(analysis) && input.confirmedCurrency !== analysis.roomCurrency) {
    analysis.problems.push(unconfirmedCurrency(analysis));
  }
  const newDeal = newDealWithoutAmount(ctx, analysis);
  if (newDeal !== null) analysis.problems.push(newDeal);
  if (analysis.resolved === null || analysis.problems.length > 0) {
    // The owners are checked too, so that one attempt reports every problem the file has.
    const owners = matchOwners(ownersOf(analysis), listMatchablePeople(ctx.db), analysis.mapping, analysis.resolved);
    refuse(report([...analysis.problems, ...owners.problems]), analysis.rows);
  }
  progress.emit('writing', analysis.rows, totalBytes);
  // Let the 'writing' event leave before the transaction holds the event loop.
  await new Promise((resolve) => setImmediate(resolve));
  const result = translateDatabaseErrors(() =>
    writeImport(ctx, importId, input.fileName, analysis, input.format, analysis.resolved!),
  );
  progress.emit('done', analysis.rows, totalBytes);
  return result;
}

/** Whether the rows' amounts are stored in the room's currency because the file names none. */
function assumesCurrency(analysis: Analysis): boolean {
  return analysis.currencySource.kind === 'none' && analysis.notes.assumedCurrencyRows > 0;
}

function unconfirmedCurrency(analysis: Analysis): ImportProblem {
  return {
    line: 1,
    column: analysis.resolved?.headers.amount ?? null,
    field: 'amount',
    message:
      `The file names no currency, so its amounts would be stored in ${analysis.roomCurrency}, the room's ` +
      'currency; check the preview and import again to confirm that, or add a currency column.',
  };
}

/**
 * A file without an amount column may update deals (their amounts stay) but not add them: the first row
 * that would be a new deal, as a problem; null when there is none.
 */
function newDealWithoutAmount(ctx: CoreContext, analysis: Analysis): ImportProblem | null {
  if (analysis.mapping.target !== 'deals' || analysis.resolved === null) return null;
  if (analysis.resolved.indexes.amount !== undefined || analysis.drafts.length === 0) return null;
  const existing = importedDeals(ctx.db, externalSource(analysis.format, analysis.mapping));
  const first = analysis.drafts.find((draft) => !existing.has(draft.externalId));
  return first === undefined ? null : newDealProblem(analysis, first);
}

/** A won deal that the file names no closing rep for, and that has none stored. */
function wonWithoutRepProblem(draft: Draft): ImportProblem {
  return {
    line: draft.line,
    column: null,
    message: 'The deal is won, but no column is mapped to its owner (the closing rep), and it has none stored.',
  };
}

function newDealProblem(analysis: Analysis, draft: Draft): ImportProblem {
  return missingColumn(
    analysis.format,
    'amount',
    `which a new deal needs (the deal "${draft.externalId}" is not on the wall yet; deals already here keep ` +
      'their amounts)',
    draft.line,
  );
}

/** The saved column mappings, newest first. */
export function listImportMappings(ctx: CoreContext): SavedImportMapping[] {
  return Object.values(readMappings(ctx)).sort((a, b) => b.savedAt - a.savedAt);
}

/** Saves a mapping for a header signature (one transaction, recorded and undoable like any setting). */
export function saveImportMapping(
  ctx: CoreContext,
  input: MethodParsedInput<'import.saveMapping'>,
): SavedImportMapping {
  return runCommand(ctx, (record) => {
    const changes = new ChangeSet(ctx.db).track('settings', MAPPINGS_SETTING);
    const saved = storeMapping(ctx, input.headers, input.mapping);
    record({
      type: 'import.mapping_saved',
      entity: 'import',
      entityId: saved.signature,
      payload: { headers: saved.headers.length, target: saved.mapping.target },
      changes: changes.list(),
    });
    return saved;
  });
}

/** The signature of a header line: its names without case or punctuation, hashed. */
export function headerSignature(headers: readonly string[]): string {
  return createHash('sha256').update(headers.map(headerKey).join('\u001f')).digest('hex').slice(0, 32);
}

// ---- reading ----------------------------------------------------------------------------------------

interface AnalyseOptions {
  truncated?: boolean;
  /** the caller's mapping (and format); without them the format is detected and a mapping proposed */
  mapping?: { format?: ImportFormat; mapping: ImportMapping };
  progress?: ProgressReporter;
}

async function analyse(ctx: CoreContext, text: string, options: AnalyseOptions): Promise<Analysis> {
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

// ---- owners -----------------------------------------------------------------------------------------

/** How each owner text of the file resolves: a person's id, or a person to create. */
interface OwnerMatches {
  /** owner text → person id, or the person to add */
  byText: Map<string, string | { name: string; email: string | null }>;
  /** owner text → the name shown in the preview */
  names: Map<string, string>;
  /** the people to add, each once, with the rows that name them */
  created: { name: string; email: string | null; rows: number; lines: number[] }[];
  /** one per owner that matches nobody or several people, at the first line naming them */
  problems: ImportProblem[];
}

/** Every owner the file names, with the line that names it, in file order enough for reporting. */
function* ownersOf(analysis: Analysis): Iterable<OwnerAt> {
  for (const draft of analysis.drafts) if (draft.owner !== null) yield { line: draft.line, owner: draft.owner };
  yield* analysis.failedOwners;
}

/**
 * Matches each distinct owner once. A file of 10,000 rows names the same few owners thousands of times, so an
 * owner who matches nobody is one problem (or one person to add) with a row count, not one per row.
 */
function matchOwners(
  owners: Iterable<OwnerAt>,
  people: readonly MatchablePerson[],
  mapping: ImportMapping,
  resolved: ResolvedMapping | null,
): OwnerMatches {
  const byEmail = new Map<string, MatchablePerson[]>();
  const byName = new Map<string, MatchablePerson[]>();
  const add = (map: Map<string, MatchablePerson[]>, key: string, person: MatchablePerson) =>
    map.set(key, [...(map.get(key) ?? []), person]);
  for (const person of people) {
    if (person.email) add(byEmail, person.email.trim().toLowerCase(), person);
    add(byName, person.name.trim().toLowerCase(), person);
  }
  const column = resolved?.headers.owner ?? 'owner';
  const matches: OwnerMatches = { byText: new Map(), names: new Map(), created: [], problems: [] };
  /** owner text → the lines naming them, for owners that are not exactly one person */
  const unmatched = new Map<string, { owner: OwnerRef; found: number; lines: number[] }>();
  for (const { line, owner } of owners) {
    const known = matches.byText.get(owner.text);
    if (typeof known === 'string') continue;
    const seen = unmatched.get(owner.text);
    if (seen !== undefined) {
      seen.lines.push(line);
      continue;
    }
    const found = findPerson(owner, byEmail, byName);
    if (found.length === 1) {
      matches.byText.set(owner.text, found[0]!.id);
      matches.names.set(owner.text, found[0]!.name);
    } else {
      unmatched.set(owner.text, { owner, found: found.length, lines: [line] });
    }
  }
  for (const [text, { owner, found, lines }] of unmatched) {
    lines.sort((a, b) => a - b);
    if (found === 0 && mapping.createOwners === true) {
      const name = (owner.name ?? owner.email!).slice(0, 200);
      matches.byText.set(text, { name, email: owner.email });
      matches.names.set(text, `${name} (new)`);
      matches.created.push({ name, email: owner.email, rows: lines.length, lines: lines.slice(0, WARNING_LINES) });
    } else {
      matches.problems.push({ line: lines[0]!, column, field: 'owner', message: ownerProblem(owner, found, lines) });
    }
  }
  return matches;
}

function findPerson(
  owner: OwnerRef,
  byEmail: Map<string, MatchablePerson[]>,
  byName: Map<string, MatchablePerson[]>,
): MatchablePerson[] {
  if (owner.email !== null) {
    const found = byEmail.get(owner.email) ?? [];
    if (found.length > 0) return found;
  }
  return owner.name === null ? [] : (byName.get(owner.name.trim().toLowerCase()) ?? []);
}

function ownerProblem(owner: OwnerRef, matches: number, lines: readonly number[]): string {
  const rows = `${lines.length} row${lines.length === 1 ? '' : 's'}`;
  const where =
    lines.length === 1
      ? rows
      : `${rows}: lines ${lines.slice(0, WARNING_LINES).join(', ')}${lines.length > WARNING_LINES ? ', …' : ''}`;
  if (matches > 1) return `"${owner.text}" matches ${matches} people (${where}); name the owner by email address.`;
  return (
    `"${owner.text}" is nobody on the team (matched by name or email; ${where}); add the person first, ` +
    'or let the import add unknown owners (mapping option).'
  );
}

// ---- writing ----------------------------------------------------------------------------------------

function writeImport(
  ctx: CoreContext,
  importId: string,
  fileName: string,
  analysis: Analysis,
  format: ImportFormat,
  resolved: ResolvedMapping,
): ImportResult {
  const { db } = ctx;
  const mapping = analysis.mapping;
  const source = externalSource(format, mapping);
  return runCommand(ctx, (record) => {
    const now = ctx.clock.now();
    // Matched again inside the transaction: the people may have changed while the file was being read.
    const owners = matchOwners(ownersOf(analysis), listMatchablePeople(db), mapping, resolved);
    if (owners.problems.length > 0) refuse(report(owners.problems), analysis.rows);

    const changes = analysis.drafts.length <= UNDOABLE_ROW_LIMIT ? new ChangeSet(db) : null;
    let peopleCreated = 0;
    const ownerIds = new Map<string, string>();
    for (const [text, match] of owners.byText) {
      if (typeof match === 'string') {
        ownerIds.set(text, match);
        continue;
      }
      const person = insertPerson(db, { name: match.name, team: 'sales', email: match.email }, now);
      changes?.inserted('people', person.id);
      ownerIds.set(text, person.id);
      peopleCreated += 1;
    }
    const ownerOf = (draft: Draft) => (draft.owner === null ? null : (ownerIds.get(draft.owner.text) ?? null));
    // A column the file lacks says nothing about its field: stored values stay.
    const has = (field: keyof ResolvedMapping['indexes']) => resolved.indexes[field] !== undefined;

    let imported = 0;
    let updated = 0;
    /** leads whose customer state the written rows may move */
    const touchedLeads: string[] = [];
    const ids = new RowIds(now);
    const writeRows = () => {
      if (mapping.target === 'deals') {
        const existing = importedDeals(db, source);
        const inserts = new ImportedDealWriter(db, now);
        for (const draft of analysis.drafts as DealDraft[]) {
          const known = existing.get(draft.externalId);
          const entered = draft.closedAt ?? draft.createdAt;
          const needsRep = draft.status === 'won' && !has('owner') && (known?.closingRepId ?? null) === null;
          if (needsRep) refuse(report([wonWithoutRepProblem(draft)]), analysis.rows);
          if (known === undefined) {
            if (!has('amount')) refuse(report([newDealProblem(analysis, draft)]), analysis.rows);
            const id = ids.next();
            inserts.add({
              id,
              title: draft.title,
              amountMinor: draft.amountMinor,
              currency: draft.currency,
              stageId: draft.stageId,
              status: draft.status,
              closingRepId: ownerOf(draft),
              createdAt: draft.createdAt,
              stageEnteredAt: entered,
              closedAt: draft.closedAt,
              externalSource: source,
              externalId: draft.externalId,
            });
            changes?.inserted('deals', id);
            imported += 1;
          } else {
            if (known.leadId !== null) touchedLeads.push(known.leadId);
            changes?.track('deals', known.id);
            updateImportedDeal(
              db,
              known.id,
              {
                title: draft.title,
                ...(has('amount') ? { amountMinor: draft.amountMinor, currency: draft.currency } : {}),
                stageId: draft.stageId,
                status: draft.status,
                ...(has('owner') ? { closingRepId: ownerOf(draft) } : {}),
                createdAt: draft.createdAt,
                stageEnteredAt:
                  known.stageId === draft.stageId ? known.stageEnteredAt : draft.status === 'open' ? now : entered,
                closedAt: draft.closedAt,
              },
              now,
            );
            updated += 1;
          }
        }
        inserts.flush();
      } else {
        const existing = importedLeads(db, source);
        for (const draft of analysis.drafts as LeadDraft[]) {
          const knownId = existing.get(draft.externalId);
          const fields = {
            name: draft.name,
            company: draft.company,
            stage: draft.stage,
            sourceTeam: draft.sourceTeam,
            ownerId: ownerOf(draft),
            leadAt: draft.leadAt,
            mqlAt: draft.mqlAt,
            sqlAt: draft.sqlAt,
            opportunityAt: draft.opportunityAt,
            customerAt: draft.customerAt,
            firstFollowUpAt: draft.firstFollowUpAt,
          };
          if (knownId === undefined) {
            const lead = insertLead(
              db,
              { ...fields, id: ids.next(), externalSource: source, externalId: draft.externalId },
              now,
            );
            changes?.inserted('leads', lead.id);
            touchedLeads.push(lead.id);
            imported += 1;
          } else {
            changes?.track('leads', knownId);
            updateImportedLead(db, knownId, keptWhereMissing(fields, has), now);
            touchedLeads.push(knownId);
            updated += 1;
          }
        }
      }
    };
    const bulk =
      analysis.drafts.length >= BULK_ROWS && analysis.drafts.length * BULK_SHARE >= countLeads(db) + countDeals(db);
    if (bulk) withIndexesDeferred(db, [mapping.target], () => withFigureAggregatesDeferred(db, writeRows));
    else writeRows();
    // A file's customer stage or date does not make a customer; the lead's won deals here do.
    followWonDealsInBulk(db, changes, now, touchedLeads);

    changes?.track('settings', MAPPINGS_SETTING);
    storeMapping(ctx, analysis.layout.headers, mapping);
    const result: ImportResult = {
      importId,
      format,
      target: mapping.target,
      rows: analysis.drafts.length,
      imported,
      updated,
      skipped: 0,
      peopleCreated,
      footerLines: analysis.footer?.lines ?? 0,
    };
    record({
      type: 'import.completed',
      entity: 'import',
      entityId: importId,
      payload: {
        fileName,
        format,
        target: mapping.target,
        imported,
        updated,
        peopleCreated,
        undoable: changes !== null,
      },
      ...(changes === null ? {} : { changes: changes.list() }),
    });
    return result;
  });
}

/**
 * A lead's update without the fields whose columns the file lacks. The name counts as present when a name
 * column is (an email alone would replace a stored name); the stage when its column or a stage date's is.
 */
function keptWhereMissing(
  fields: Required<ImportedLeadUpdate>,
  has: (field: keyof ResolvedMapping['indexes']) => boolean,
): ImportedLeadUpdate {
  const kept: ImportedLeadUpdate = { leadAt: fields.leadAt, firstFollowUpAt: fields.firstFollowUpAt };
  if (has('name') || has('firstName') || has('lastName')) kept.name = fields.name;
  if (has('company')) kept.company = fields.company;
  if (has('source')) kept.sourceTeam = fields.sourceTeam;
  if (has('owner')) kept.ownerId = fields.ownerId;
  if (has('stage') || has('mqlDate') || has('sqlDate') || has('opportunityDate') || has('customerDate')) {
    kept.stage = fields.stage;
  }
  if (has('mqlDate')) kept.mqlAt = fields.mqlAt;
  if (has('sqlDate')) kept.sqlAt = fields.sqlAt;
  if (has('opportunityDate')) kept.opportunityAt = fields.opportunityAt;
  if (has('customerDate')) kept.customerAt = fields.customerAt;
  return kept;
}

/** Turns SQLite's busy and full errors into messages a person can act on; the transaction has rolled back. */
function translateDatabaseErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
      throw new ApiError(
        'conflict',
        'The database is busy (another program or a backup is writing to it); nothing was imported. Try again in a moment.',
      );
    }
    if (code === 'SQLITE_FULL') {
      throw new ApiError(
        'internal',
        'The disk is full, or the database has reached its size limit; nothing was imported. Free some space and try again.',
      );
    }
    throw error;
  }
}

/**
 * UUIDv7 ids for the rows of one import, stamped with the import's time and made strictly increasing by a
 * counter in the bits after the timestamp (RFC 9562, method 1), with a random tail: rows append to the
 * primary-key B-tree instead of landing all over it, and drawing the randomness in one piece saves a
 * system call per row.
 */
class RowIds {
  private counter = 0;
  private random = randomBytes(0);

  constructor(private readonly at: number) {}

  next(): string {
    const n = this.counter++;
    const slot = n % 4096;
    if (slot === 0) this.random = randomBytes(4 * 4096);
    return UUID.fromFieldsV7(
      this.at,
      Math.floor(n / 0x40000000) & 0xfff,
      n % 0x40000000,
      this.random.readUInt32LE(slot * 4),
    ).toString();
  }
}

// ---- problems, progress, mappings -------------------------------------------------------------------

interface ProblemReport {
  listed: ImportProblem[];
  total: number;
}

/** Problems in file order, one per line and column, the first {@link MAX_REPORTED_PROBLEMS} listed. */
function report(problems: readonly ImportProblem[]): ProblemReport {
  const seen = new Set<string>();
  const unique = [...problems]
    .sort((a, b) => a.line - b.line)
    .filter((problem) => {
      const key = `${problem.line}\u0000${problem.column ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { listed: unique.slice(0, MAX_REPORTED_PROBLEMS), total: unique.length };
}

/** Stops the import: the message's first line says what happened, then one line per problem. */
function refuse({ listed, total }: ProblemReport, rows: number): never {
  const more = total > listed.length ? ` (the first ${listed.length} are listed)` : '';
  const head =
    `The file was not imported and nothing was stored: ${total} problem${total === 1 ? '' : 's'} in ` +
    `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}${more}.`;
  throw new ApiError('invalid_input', [head, ...listed.map(describeImportProblem)].join('\n'));
}

interface ProgressReporter {
  parsed(rows: number, doneChars: number): Promise<void>;
  emit(phase: ImportProgress['phase'], rows: number, doneBytes: number): void;
}

/** Sends 'import.progressed' every {@link PROGRESS_EVERY_ROWS} rows and lets the event loop run in between. */
function progressReporter(ctx: CoreContext, importId: string, text: string, totalBytes: number): ProgressReporter {
  let bytes = 0;
  let chars = 0;
  let lastRows = -PROGRESS_EVERY_ROWS;
  const emit = (phase: ImportProgress['phase'], rows: number, doneBytes: number) =>
    ctx.bus.emit('import.progressed', { importId, phase, rows, totalBytes, doneBytes });
  return {
    emit,
    async parsed(rows, doneChars) {
      // Bytes, not characters, so that the bar matches the file's size; counted piece by piece.
      bytes += Buffer.byteLength(text.slice(chars, doneChars), 'utf8');
      chars = doneChars;
      if (rows - lastRows >= PROGRESS_EVERY_ROWS) {
        lastRows = rows;
        emit('parsing', rows, bytes);
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

function readMappings(ctx: CoreContext): Record<string, SavedImportMapping> {
  return getSetting<Record<string, SavedImportMapping>>(ctx.db, MAPPINGS_SETTING) ?? {};
}

/** Writes a mapping under its header signature; runs inside the caller's transaction. */
function storeMapping(ctx: CoreContext, headers: readonly string[], mapping: ImportMapping): SavedImportMapping {
  const saved: SavedImportMapping = {
    signature: headerSignature(headers),
    headers: [...headers],
    mapping,
    savedAt: ctx.clock.now(),
  };
  const all = { ...readMappings(ctx), [saved.signature]: saved };
  const kept = Object.values(all)
    .sort((a, b) => b.savedAt - a.savedAt)
    .slice(0, MAX_SAVED_MAPPINGS);
  setSetting(
    ctx.db,
    MAPPINGS_SETTING,
    Object.fromEntries(kept.map((entry) => [entry.signature, entry])),
    saved.savedAt,
  );
  return saved;
}

function previewRow(draft: Draft, names: Map<string, string>): ImportPreviewRow {
  const owner = draft.owner === null ? null : (names.get(draft.owner.text) ?? draft.owner.text);
  if ('title' in draft) {
    return {
      target: 'deals',
      line: draft.line,
      externalId: draft.externalId,
      title: draft.title,
      stageId: draft.stageId,
      status: draft.status,
      amountMinor: draft.amountMinor,
      currency: draft.currency,
      owner,
      createdAt: draft.createdAt,
      closedAt: draft.closedAt,
    };
  }
  return {
    target: 'leads',
    line: draft.line,
    externalId: draft.externalId,
    name: draft.name,
    company: draft.company,
    stage: draft.stage,
    sourceTeam: draft.sourceTeam,
    owner,
    leadAt: draft.leadAt,
    mqlAt: draft.mqlAt,
    sqlAt: draft.sqlAt,
    opportunityAt: draft.opportunityAt,
    customerAt: draft.customerAt,
  };
}
