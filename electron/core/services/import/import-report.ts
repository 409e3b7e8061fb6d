/** What an import tells while and after it reads: its problems in file order, its progress, the preview's rows. */
import { ApiError } from '@shared/contract';
import {
  describeImportProblem,
  type ImportPreviewRow,
  type ImportProblem,
  type ImportProgress,
  MAX_REPORTED_PROBLEMS,
} from '@shared/import-types';
import type { CoreContext } from '../../context';
import type { Draft } from './row-drafts';

/** A progress event at most every this many rows. */
const PROGRESS_EVERY_ROWS = 2_000;

interface ProblemReport {
  listed: ImportProblem[];
  total: number;
}

/** Problems in file order, one per line and column, the first {@link MAX_REPORTED_PROBLEMS} listed. */
export function report(problems: readonly ImportProblem[]): ProblemReport {
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
export function refuse({ listed, total }: ProblemReport, rows: number): never {
  const more = total > listed.length ? ` (the first ${listed.length} are listed)` : '';
  const head =
    `The file was not imported and nothing was stored: ${total} problem${total === 1 ? '' : 's'} in ` +
    `${rows.toLocaleString('en-US')} row${rows === 1 ? '' : 's'}${more}.`;
  throw new ApiError('invalid_input', [head, ...listed.map(describeImportProblem)].join('\n'));
}

/** Counts the rows read, sends the progress events and pauses between chunks. */
export interface ProgressReporter {
  parsed(rows: number, doneChars: number): Promise<void>;
  emit(phase: ImportProgress['phase'], rows: number, doneBytes: number): void;
}

/** Sends 'import.progressed' every {@link PROGRESS_EVERY_ROWS} rows and lets the event loop run in between. */
export function progressReporter(
  ctx: CoreContext,
  importId: string,
  text: string,
  totalBytes: number,
): ProgressReporter {
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

/** A draft as the preview's table shows it, owners by name. */
export function previewRow(draft: Draft, names: Map<string, string>): ImportPreviewRow {
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
