/**
 * CSV import from CRMs: preview a file's start, then import the whole file in one transaction —
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
 *   `UNDOABLE_ROW_LIMIT` rows, store-rows.ts) carry their row changes and can be undone like any command; a larger one
 *   is marked `undoable: false` (its changes would make an event of tens of megabytes).
 */
import { ApiError, type MethodParsedInput } from '@shared/contract';
import { type ImportPreview, type ImportResult, MAX_IMPORT_BYTES } from '@shared/import-types';
import { uuidv7 } from 'uuidv7';
import type { CoreContext } from '../../context';
import { listMatchablePeople } from '../../db/repositories/import-repository';
import { analyse } from './analyse-file';
import { assumesCurrency, newDealWithoutAmount, unconfirmedCurrency } from './import-problems';
import { previewRow, progressReporter, refuse, report } from './import-report';
import { matchOwners, ownersOf } from './match-owners';
import { trailingFooter } from './parse-csv';
import { importWarnings } from './preview-warnings';
import { translateDatabaseErrors, writeImport } from './store-rows';

/** Rows the preview shows. */
const PREVIEW_ROWS = 10;

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
