/**
 * Reads the values of mapped rows: amounts into minor units, dates into epoch ms in the room's zone, stages
 * into pipeline or lifecycle stages, owners into references to be matched to people. Every value that cannot
 * be read exactly becomes a problem naming the line and the column; nothing is guessed.
 *
 * What depends on the whole file rather than one value is settled before any row is converted
 * (style-evidence.ts):
 * - The decimal style of amounts. `1.234,56` and `1,234.56` show it; `1,200` alone could be 1200 or 1.2. The
 *   style is what the file's unambiguous amounts show (a `$` or `£` sign counts as the point style when
 *   nothing else does); a file that shows both styles, or shows none but has an ambiguous amount, is refused
 *   unless the mapping names the decimal separator.
 * - Whether the file names currencies at all: a currency column, or a code or symbol in its amounts
 *   ("EUR 1,200.00", "£950"). A file that names none has its amounts stored in the room's currency, which the
 *   preview says and the import must be confirmed with; a file that names some must name one for every amount.
 * - The order of slash dates. `25/03/2026` shows day-first and `03/25/2026` month-first; `03/04/2026` alone
 *   shows neither (`04/04/2026` needs no order). ISO dates (2026-04-03) and dotted dates (03.04.2026, always
 *   day first) need none.
 */
import type { LeadStage } from '@shared/domain';
import type { ImportField, ImportProblem } from '@shared/import-types';
import { FORMULA_START } from './export-service';
import { fieldValue, type RawRecord, type ResolvedMapping } from './map-rows';
import { currencyDigits, currencyMarks, isCurrencyCode, parseAmount, SYMBOLS } from './parse-amount';
import { parseDate } from './parse-date';
import { parseOwner, resolveDealStage, resolveLeadStage, sourceTeamOf } from './resolve-stages-owners';
import {
  type Converted,
  type DealDraft,
  type LeadDraft,
  type OwnerRef,
  RowNotes,
  type ValueSettings,
} from './row-drafts';

const MAX_TEXT = 200;
const MAX_ID = 200;

/** Collects the problems of one row; a row with any is not written (and the import is refused). */
class RowReader {
  readonly problems: ImportProblem[] = [];

  constructor(
    private readonly record: RawRecord,
    private readonly resolved: ResolvedMapping,
  ) {}

  raw(field: ImportField): string {
    return fieldValue(this.resolved, this.record, field);
  }

  column(field: ImportField): string {
    return this.resolved.headers[field] ?? field;
  }

  fail(field: ImportField | null, message: string): null {
    this.problems.push(
      field === null
        ? { line: this.record.line, column: null, message }
        : { line: this.record.line, column: this.column(field), field, message },
    );
    return null;
  }

  /** Text as written, counted when a spreadsheet would run it as a formula (kept as text, escaped on export). */
  noteFormula(notes: RowNotes, ...fields: ImportField[]): void {
    if (fields.some((field) => FORMULA_START.test(this.raw(field)))) notes.formulaLines.push(this.record.line);
  }

  id(): string | null {
    const value = this.raw('externalId').trim();
    if (value === '') return this.fail('externalId', 'is empty; every row needs an id, so that a re-import finds it.');
    if (value.length > MAX_ID) return this.fail('externalId', `is longer than ${MAX_ID} characters.`);
    return value;
  }

  text(field: ImportField, options: { required: boolean }): string | null {
    const value = this.raw(field);
    if (value.trim() === '') return options.required ? this.fail(field, 'is empty.') : null;
    if (value.length > MAX_TEXT)
      return this.fail(field, `is ${value.length} characters long; at most ${MAX_TEXT} fit.`);
    return value;
  }

  date(field: ImportField, settings: ValueSettings, options: { required: boolean; why?: string }): number | null {
    const value = this.raw(field).trim();
    if (value === '')
      return options.required ? this.fail(field, `is empty; ${options.why ?? 'every row needs this date'}.`) : null;
    const result = parseDate(value, settings.dateOrder, settings.timezone);
    return typeof result === 'number' ? result : this.fail(field, `"${value}" ${result}`);
  }

  /**
   * The row's currency: its currency column, else the code or symbol in its amount, else (a file that names
   * no currency anywhere) the room's. A symbol must agree with the code; '$' alone is US dollars unless the
   * room counts in another dollar, and a symbol several currencies share is refused.
   */
  currency(settings: ValueSettings): string | null {
    const amount = this.raw('amount').trim();
    const marks = currencyMarks(amount);
    const source = settings.currencySource;
    let code: string | null = null;
    let from: ImportField = 'amount';
    const written = this.raw('currency').trim();
    if (written !== '') {
      code = written.toUpperCase();
      from = 'currency';
      if (!/^[A-Z]{3}$/.test(code))
        return this.fail('currency', `"${written}" is not a three-letter currency code such as EUR.`);
    }
    if (marks.code !== null) {
      if (!isCurrencyCode(marks.code)) return this.fail('amount', `"${amount}": ${marks.code} is not a currency code.`);
      if (code !== null && marks.code !== code) {
        return this.fail('amount', `"${amount}" is in ${marks.code}, but "${this.column('currency')}" says ${code}.`);
      }
      code = marks.code;
    }
    if (marks.symbol !== null) {
      const readsAs = SYMBOLS[marks.symbol];
      if (readsAs === undefined) {
        return this.fail(
          'amount',
          `"${amount}" has the currency symbol ${marks.symbol}, which the import does not read; write the ` +
            'currency as a code (e.g. EUR) or add a currency column.',
        );
      }
      if (code !== null) {
        if (!readsAs.includes(code)) {
          return this.fail(
            from === 'currency' ? 'currency' : 'amount',
            `says ${code}, but the amount "${amount}" is written with ${marks.symbol} (${readsAs.join(' or ')}).`,
          );
        }
      } else if (marks.symbol === '$' && settings.currency !== 'USD' && readsAs.includes(settings.currency)) {
        return this.fail(
          'amount',
          `"${amount}" could be US dollars or ${settings.currency} (the room's currency); add a currency column.`,
        );
      } else if (readsAs.length > 1 && marks.symbol !== '$') {
        return this.fail(
          'amount',
          `"${amount}" could be ${readsAs.join(' or ')}; add a currency column or write the code (e.g. ${readsAs[0]}).`,
        );
      } else {
        code = readsAs[0]!;
      }
    }
    if (code !== null) return code;
    if (amount === '') return settings.currency;
    if (source.kind === 'column') {
      return this.fail('currency', `is empty, but the amount "${amount}" needs its currency.`);
    }
    if (source.kind === 'amounts') {
      return this.fail(
        'amount',
        `"${amount}" names no currency, but line ${source.first.line} does ("${source.first.value}"); write ` +
          'the currency with every amount, or add a currency column.',
      );
    }
    settings.notes.assumedCurrencyRows += 1;
    return settings.currency;
  }

  amount(settings: ValueSettings, currency: string): number | null {
    const value = this.raw('amount');
    if (value.trim() === '') return 0;
    const result = parseAmount(value, settings.decimal, currencyDigits(currency));
    return typeof result === 'number' ? result : this.fail('amount', `"${value.trim()}" ${result}`);
  }

  flag(field: 'won' | 'closed'): boolean | null {
    const value = this.raw(field).trim().toLowerCase();
    if (value === '') return null;
    if (['true', 'yes', 'y', '1', 'wahr', 'ja'].includes(value)) return true;
    if (['false', 'no', 'n', '0', 'falsch', 'nein'].includes(value)) return false;
    this.fail(field, `"${this.raw(field).trim()}" is not yes or no (expected true, false, 1 or 0).`);
    return null;
  }

  owner(cache: Map<string, OwnerRef>): OwnerRef | null {
    const value = this.raw('owner').trim();
    if (value === '') return null;
    // A file names the same few owners on every row: one object each.
    let owner = cache.get(value);
    if (owner === undefined) {
      owner = parseOwner(value);
      cache.set(value, owner);
    }
    return owner;
  }
}

/** Converts one mapped row into a deal; problems name the row's line and the column. */
export function toDealDraft(
  record: RawRecord,
  resolved: ResolvedMapping,
  settings: ValueSettings,
): Converted<DealDraft> {
  const row = new RowReader(record, resolved);
  const externalId = row.id();
  const title = row.text('title', { required: true });
  const stageText = row.raw('stage').trim();
  const won = row.flag('won');
  const closed = row.flag('closed');
  let stage = settings.dealStages.get(stageText);
  if (stage === undefined) {
    stage = resolveDealStage(stageText, settings.stages, resolved.mapping.stageMap);
    settings.dealStages.set(stageText, stage);
  }
  if (stage === null && stageText === '' && closed !== null) {
    // No stage but the flags say how it ended (Salesforce reports carry Won and Closed).
    stage = closed ? (settings.stages.find((s) => s.kind === (won ? 'won' : 'lost')) ?? null) : null;
  }
  if (stage === null) {
    row.fail(
      'stage',
      stageText === ''
        ? 'is empty; every deal needs a stage.'
        : `"${shorten(stageText)}" is not a stage of the pipeline (${settings.stages.map((s) => s.name).join(', ')}); ` +
            'map it to one in the mapping step.',
    );
  } else {
    if (closed !== null && closed !== (stage.kind !== 'open')) {
      row.fail(
        'closed',
        `says ${closed ? 'closed' : 'open'}, but the stage "${stageText}" is ${stage.kind === 'open' ? 'open' : stage.kind}.`,
      );
    } else if (won !== null && won !== (stage.kind === 'won')) {
      row.fail(
        'won',
        `says ${won ? 'won' : 'not won'}, but the stage "${stageText}" is ${stage.kind === 'open' ? 'open' : stage.kind}.`,
      );
    }
  }
  if (stage !== null) settings.notes.stage(stageText, stage.id);
  row.noteFormula(settings.notes, 'externalId', 'title', 'owner');
  const currency = row.currency(settings) ?? settings.currency;
  const amountMinor = row.amount(settings, currency);
  const createdAt = row.date('createDate', settings, { required: true });
  const closedAt =
    stage !== null && stage.kind !== 'open'
      ? resolved.indexes.closeDate === undefined
        ? row.fail(null, `The deal is ${stage.kind}, but no column is mapped to its close date.`)
        : row.date('closeDate', settings, { required: true, why: `a ${stage.kind} deal needs its close date` })
      : null;
  const owner = row.owner(settings.owners);
  // A win is celebrated with the person who closed it, so a won deal cannot arrive without one. A file
  // without the owner column may still update a won deal that has one: the import checks that as it writes.
  if (owner === null && stage?.kind === 'won' && resolved.indexes.owner !== undefined) {
    row.fail('owner', 'is empty; a won deal needs its closing rep.');
  }
  if (row.problems.length > 0) return { draft: null, owner, problems: row.problems };
  return {
    owner,
    draft: {
      line: record.line,
      externalId: externalId!,
      title: title!,
      stageId: stage!.id,
      status: stage!.kind,
      amountMinor: amountMinor!,
      currency,
      createdAt: createdAt!,
      closedAt,
      owner,
    },
    problems: [],
  };
}

const LIFECYCLE_ORDER: readonly LeadStage[] = ['lead', 'mql', 'sql', 'opportunity', 'customer'];

const STAGE_DATE_FIELD: Record<Exclude<LeadStage, 'lead' | 'disqualified'>, ImportField> = {
  mql: 'mqlDate',
  sql: 'sqlDate',
  opportunity: 'opportunityDate',
  customer: 'customerDate',
};

/** Converts one mapped row into a lead; problems name the row's line and the column. */
export function toLeadDraft(
  record: RawRecord,
  resolved: ResolvedMapping,
  settings: ValueSettings,
): Converted<LeadDraft> {
  const row = new RowReader(record, resolved);
  const externalId = row.id();
  const name = leadName(row);
  const company = row.text('company', { required: false });
  const leadAt = row.date('createDate', settings, { required: true });
  const dates: Record<'mql' | 'sql' | 'opportunity' | 'customer', number | null> = {
    mql: row.date('mqlDate', settings, { required: false }),
    sql: row.date('sqlDate', settings, { required: false }),
    opportunity: row.date('opportunityDate', settings, { required: false }),
    customer: row.date('customerDate', settings, { required: false }),
  };
  const firstFollowUpAt = row.date('followUpDate', settings, { required: false });
  const stageText = row.raw('stage').trim();
  const reported = stageText === '' ? 'lead' : resolveLeadStage(stageText, resolved.mapping.stageMap);
  if (reported === null) {
    row.fail(
      'stage',
      `"${shorten(stageText)}" is not a lifecycle stage (lead, MQL, SQL, opportunity, customer); map it in the mapping step.`,
    );
  } else if (reported !== 'lead' && reported !== 'disqualified' && dates[reported] === null && !row.problems.length) {
    const dateField = STAGE_DATE_FIELD[reported];
    row.fail(
      'stage',
      `is "${stageText}", but ${resolved.indexes[dateField] === undefined ? `no column is mapped to "${dateField}"` : `"${row.column(dateField)}" is empty`}; ` +
        'the wall needs the date each stage was reached.',
    );
  }
  // The furthest stage reached: a CRM that set a contact back still shows the dates it reached.
  let stage: LeadStage = reported ?? 'lead';
  for (const candidate of LIFECYCLE_ORDER) {
    if (candidate !== 'lead' && dates[candidate as keyof typeof dates] !== null) {
      if (LIFECYCLE_ORDER.indexOf(candidate) > LIFECYCLE_ORDER.indexOf(stage)) stage = candidate;
    }
  }
  if (reported !== null && stageText !== '') settings.notes.stage(stageText, reported);
  row.noteFormula(settings.notes, 'externalId', 'name', 'firstName', 'lastName', 'email', 'company', 'owner');
  const sourceTeam = sourceTeamOf(row.raw('source'));
  const owner = row.owner(settings.owners);
  if (row.problems.length > 0) return { draft: null, owner, problems: row.problems };
  return {
    owner,
    draft: {
      line: record.line,
      externalId: externalId!,
      name: name!,
      company,
      stage,
      sourceTeam,
      leadAt: leadAt!,
      mqlAt: dates.mql,
      sqlAt: dates.sql,
      opportunityAt: dates.opportunity,
      customerAt: dates.customer,
      firstFollowUpAt,
      owner,
    },
    problems: [],
  };
}

function leadName(row: RowReader): string | null {
  const full = row.raw('name');
  const joined = [row.raw('firstName'), row.raw('lastName')].filter((part) => part.trim() !== '').join(' ');
  const email = row.raw('email').trim();
  const name = full.trim() !== '' ? full : joined !== '' ? joined : email;
  const field: ImportField = full.trim() !== '' ? 'name' : joined !== '' ? 'firstName' : 'email';
  if (name === '') {
    return row.fail(null, 'The lead has no name: its name, first name, last name and email are all empty.');
  }
  if (name.length > MAX_TEXT)
    return row.fail(field, `makes a name of ${name.length} characters; at most ${MAX_TEXT} fit.`);
  return name;
}

/** A value as a message quotes it: at most 80 characters (a field may hold thousands). */
function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 79)}…` : value;
}
