/**
 * The warnings an import preview lists before anything is stored: what the import will do that changes what
 * is stored or how it is read, in words a person checks against their CRM. Each names its rows (counted over
 * the rows checked) and the first lines concerned.
 */
import { LEAD_STAGE_NAMES, type LeadStage } from '@shared/domain';
import { formatCount } from '@shared/format';
import { WARNING_LINES, type ImportTarget, type ImportWarning } from '@shared/import-types';
import type { CsvFooter } from './parse-csv';
import type { RowNotes, StageOption } from './row-drafts';

/** What the warnings are made from: the analysis of the rows checked. */
export interface WarningInputs {
  target: ImportTarget;
  footer: CsvFooter | null;
  notes: RowNotes;
  /** the room's currency when the file names none */
  assumedCurrency: string | null;
  stages: readonly StageOption[];
  /** owners the import will add, each once */
  newOwners: readonly { name: string; email: string | null; rows: number; lines: number[] }[];
}

/** The preview's warnings, in reading order: skipped lines, currency, stages, owners, formula-like text. */
export function importWarnings(inputs: WarningInputs): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  const { footer, notes } = inputs;
  if (footer !== null) {
    const where =
      footer.line === null
        ? `The last ${footer.lines} lines of the file are`
        : `Lines ${footer.line}–${footer.line + footer.lines - 1} after the data are`;
    warnings.push({
      kind: 'footer-skipped',
      message: `${where} the report's footer (${footer.text
        .slice(0, 3)
        .map((text) => `"${shorten(text)}"`)
        .join(', ')}${footer.text.length > 3 ? ', …' : ''}); they are skipped.`,
      rows: 0,
      lines: footer.line === null ? [] : [footer.line],
    });
  }
  if (inputs.assumedCurrency !== null) {
    const rows = notes.assumedCurrencyRows;
    warnings.push({
      kind: 'currency-assumed',
      message:
        `The file names no currency: the amounts of ${count(rows, 'row')} will be stored in ` +
        `${inputs.assumedCurrency}, the room's currency. Importing confirms this; if they are in another ` +
        'currency, add a currency column to the file.',
      rows,
      lines: [],
    });
  }
  warnings.push(...mergedStages(inputs));
  for (const owner of inputs.newOwners) {
    warnings.push({
      kind: 'owner-new',
      message:
        `"${owner.name}"${owner.email !== null && owner.email !== owner.name ? ` <${owner.email}>` : ''} is ` +
        `nobody on the team yet and will be added to the sales team (${count(owner.rows, 'row')}).`,
      rows: owner.rows,
      lines: owner.lines,
    });
  }
  if (notes.formulaLines.length > 0) {
    const rows = notes.formulaLines.length;
    warnings.push({
      kind: 'formula-cells',
      message:
        `${count(rows, 'row')} ${rows === 1 ? 'has' : 'have'} text that starts like a spreadsheet formula ` +
        '(=, +, -, @): it is stored as text, exactly as written, and escaped when exported.',
      rows,
      lines: notes.formulaLines.slice(0, WARNING_LINES),
    });
  }
  return warnings;
}

/** One warning per wall stage that several CRM stages become. */
function mergedStages(inputs: WarningInputs): ImportWarning[] {
  const byTarget = new Map<string, { text: string; rows: number }[]>();
  for (const [text, { rows, to }] of inputs.notes.stages) {
    byTarget.set(to, [...(byTarget.get(to) ?? []), { text, rows }]);
  }
  const name = (to: string) =>
    inputs.target === 'deals'
      ? (inputs.stages.find((stage) => stage.id === to)?.name ?? to)
      : (LEAD_STAGE_NAMES[to as LeadStage] ?? to);
  const warnings: ImportWarning[] = [];
  for (const [to, from] of byTarget) {
    if (from.length < 2) continue;
    const rows = from.reduce((sum, entry) => sum + entry.rows, 0);
    warnings.push({
      kind: 'stages-merged',
      message:
        `${from.length} CRM stages become the wall's stage ${name(to)}: ` +
        `${from.map((entry) => `"${shorten(entry.text)}" (${count(entry.rows, 'row')})`).join(', ')}.`,
      rows,
      lines: [],
    });
  }
  return warnings;
}

function count(n: number, noun: string): string {
  return `${formatCount(n)} ${noun}${n === 1 ? '' : 's'}`;
}

function shorten(value: string): string {
  return value.length > 60 ? `${value.slice(0, 59)}…` : value;
}
