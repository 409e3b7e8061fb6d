/**
 * The problems that concern the whole file rather than one value: an assumed currency not confirmed, new
 * deals without an amount column, won deals without a closing rep.
 */
import type { ImportProblem } from '@shared/import-types';
import type { CoreContext } from '../../context';
import { importedDeals } from '../../db/repositories/import-repository';
import type { Analysis } from './analyse-file';
import type { Draft } from './row-drafts';
import { externalSource } from './detect-format';
import { missingColumn } from './map-rows';

/** Whether the rows' amounts are stored in the room's currency because the file names none. */
export function assumesCurrency(analysis: Analysis): boolean {
  return analysis.currencySource.kind === 'none' && analysis.notes.assumedCurrencyRows > 0;
}

/** The file names no currency and the import was not confirmed with the room's currency. */
export function unconfirmedCurrency(analysis: Analysis): ImportProblem {
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
export function newDealWithoutAmount(ctx: CoreContext, analysis: Analysis): ImportProblem | null {
  if (analysis.mapping.target !== 'deals' || analysis.resolved === null) return null;
  if (analysis.resolved.indexes.amount !== undefined || analysis.drafts.length === 0) return null;
  const existing = importedDeals(ctx.db, externalSource(analysis.format, analysis.mapping));
  const first = analysis.drafts.find((draft) => !existing.has(draft.externalId));
  return first === undefined ? null : newDealProblem(analysis, first);
}

/** A won deal that the file names no closing rep for, and that has none stored. */
export function wonWithoutRepProblem(draft: Draft): ImportProblem {
  return {
    line: draft.line,
    column: null,
    message: 'The deal is won, but no column is mapped to its owner (the closing rep), and it has none stored.',
  };
}

/** A deal the file would add although it has no amount column (a deal needs its amount). */
export function newDealProblem(analysis: Analysis, draft: Draft): ImportProblem {
  return missingColumn(
    analysis.format,
    'amount',
    `which a new deal needs (the deal "${draft.externalId}" is not on the wall yet; deals already here keep ` +
      'their amounts)',
    draft.line,
  );
}
