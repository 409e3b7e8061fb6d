/**
 * What the import's rows become before anything is written: deal and lead drafts, the owners they name,
 * and what the converters need and notice along the way.
 */
import type { LeadStage, Team } from '@shared/domain';
import type { DateOrder, DecimalSeparator, ImportProblem } from '@shared/import-types';

/** A deal as it will be written, before its owner is matched to a person. */
export interface DealDraft {
  line: number;
  externalId: string;
  title: string;
  stageId: string;
  status: 'open' | 'won' | 'lost';
  amountMinor: number;
  currency: string;
  createdAt: number;
  closedAt: number | null;
  owner: OwnerRef | null;
}

/** A lead as it will be written, before its owner is matched to a person. */
export interface LeadDraft {
  line: number;
  externalId: string;
  name: string;
  company: string | null;
  stage: LeadStage;
  sourceTeam: Team;
  leadAt: number;
  mqlAt: number | null;
  sqlAt: number | null;
  opportunityAt: number | null;
  customerAt: number | null;
  firstFollowUpAt: number | null;
  owner: OwnerRef | null;
}

/** A row as it will be written. */
export type Draft = DealDraft | LeadDraft;

/** One converted row: the record to write, or its problems; the owner either way, to be matched. */
export interface Converted<D> {
  draft: D | null;
  owner: OwnerRef | null;
  problems: ImportProblem[];
}

/** An owner as the file names them: a name, an email, or both ("Ana Lima <ana@example.com>"). */
export interface OwnerRef {
  text: string;
  name: string | null;
  email: string | null;
}

/** A pipeline stage a deal can be in. */
export interface StageOption {
  id: string;
  name: string;
  kind: 'open' | 'won' | 'lost';
}

/** What the converters need besides the row: the room's zone and currency, the pipeline, the styles. */
export interface ValueSettings {
  timezone: string;
  currency: string;
  stages: readonly StageOption[];
  decimal: DecimalSeparator;
  dateOrder: DateOrder | null;
  /** owner text → its parsed reference, filled as rows are read */
  owners: Map<string, OwnerRef>;
  /** stage text → the pipeline stage it names, filled as rows are read (a file has a handful of stages) */
  dealStages: Map<string, StageOption | null>;
  /** where the amounts' currencies come from: a column, codes or symbols in the amounts, or nowhere */
  currencySource: CurrencySource;
  /** what the rows showed that the preview warns of, filled as rows are read */
  notes: RowNotes;
}

/** Where a file's currencies come from; 'none' means the room's currency is assumed. */
export type CurrencySource =
  { kind: 'column' } | { kind: 'amounts'; first: { line: number; value: string } } | { kind: 'none' };

/** Rows the preview warns of: text cells that look like formulas, and how often each stage text appears. */
export class RowNotes {
  /** rows with a text cell that a spreadsheet would run as a formula */
  readonly formulaLines: number[] = [];
  /** stage text as written → rows and what it became (a pipeline stage's id or a lifecycle stage) */
  readonly stages = new Map<string, { rows: number; to: string }>();
  /** rows with an amount stored in the room's currency because the file names none */
  assumedCurrencyRows = 0;

  /** Counts a row whose stage text `text` became `to`. */
  stage(text: string, to: string): void {
    const seen = this.stages.get(text);
    if (seen === undefined) this.stages.set(text, { rows: 1, to });
    else seen.rows += 1;
  }
}
