/**
 * Reads the values of mapped rows: amounts into minor units, dates into epoch ms in the room's zone, stages
 * into pipeline or lifecycle stages, owners into references to be matched to people. Every value that cannot
 * be read exactly becomes a problem naming the line and the column; nothing is guessed.
 *
 * Two things depend on the whole file rather than one value, and are settled before any row is converted:
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
import { TZDate } from '@date-fns/tz';
import type { LeadStage, Team } from '@shared/domain';
import type { DateOrder, DecimalSeparator, ImportField, ImportMapping, ImportProblem } from '@shared/import-types';
import { FORMULA_START } from './export-service';
import { fieldValue, type RawRecord, type ResolvedMapping } from './map-rows';

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

const MAX_TEXT = 200;
const MAX_ID = 200;
/** The contract's limit for an amount in minor units. */
const MAX_AMOUNT_MINOR = 1e13;

// ---- evidence over the whole file ---------------------------------------------------------------------

interface Sighting {
  line: number;
  column: string;
  value: string;
}

/** What the file's amounts and dates show about its decimal style and date order, gathered row by row. */
export class StyleEvidence {
  private readonly decimalSeen: Partial<Record<DecimalSeparator, Sighting>> = {};
  private ambiguousAmount: Sighting | null = null;
  private pointSymbol = false;
  private readonly orderSeen: Partial<Record<DateOrder, Sighting>> = {};
  private ambiguousDate: Sighting | null = null;
  private currencyMarked: Sighting | null = null;
  private currencyColumnFilled = false;

  constructor(private readonly resolved: ResolvedMapping) {}

  /**
   * Where the amounts' currencies come from (see the top of this file). A currency column that is empty on
   * every row (HubSpot's, in a portal with one currency) names no currency.
   */
  currencySource(): CurrencySource {
    if (this.currencyColumnFilled) return { kind: 'column' };
    if (this.currencyMarked !== null) return { kind: 'amounts', first: this.currencyMarked };
    return { kind: 'none' };
  }

  /** Looks at one row's amount and dates. */
  observe(record: RawRecord): void {
    if (!this.currencyColumnFilled && this.resolved.indexes.currency !== undefined) {
      this.currencyColumnFilled = fieldValue(this.resolved, record, 'currency').trim() !== '';
    }
    const amount = fieldValue(this.resolved, record, 'amount');
    // Digits alone show no style; most amounts in most files are just that.
    if (amount !== '' && !PLAIN_DIGITS.test(amount)) {
      const cleaned = cleanAmount(amount);
      const style = decimalStyleOf(cleaned);
      if (style === 'ambiguous') this.ambiguousAmount ??= this.sighting(record, 'amount', amount);
      else if (style !== null) this.decimalSeen[style] ??= this.sighting(record, 'amount', amount);
      if (!this.pointSymbol && /[$£]/.test(amount)) this.pointSymbol = true;
      if (this.currencyMarked === null) {
        const marks = currencyMarks(amount);
        if (marks.code !== null || marks.symbol !== null) this.currencyMarked = this.sighting(record, 'amount', amount);
      }
    }
    for (const field of DATE_FIELDS) {
      if (this.resolved.indexes[field] === undefined) continue;
      const value = fieldValue(this.resolved, record, field);
      if (value === '') continue;
      const match = SLASH_DATE.exec(value);
      if (match === null) continue;
      const first = Number(match[1]);
      const second = Number(match[2]);
      if (first > 12 && second <= 12) this.orderSeen.DMY ??= this.sighting(record, field, value);
      else if (second > 12 && first <= 12) this.orderSeen.MDY ??= this.sighting(record, field, value);
      else if (first !== second && first <= 12 && second <= 12) {
        this.ambiguousDate ??= this.sighting(record, field, value);
      }
    }
  }

  /** The decimal separator to read amounts with, or the problem that stops the import. */
  decimal(mapping: ImportMapping): { decimal: DecimalSeparator } | { problem: ImportProblem } {
    if (mapping.decimal) return { decimal: mapping.decimal };
    const point = this.decimalSeen['.'];
    const comma = this.decimalSeen[','];
    if (point && comma) {
      const [later, earlier] = point.line > comma.line ? [point, comma] : [comma, point];
      const style = (s: Sighting) => (s === point ? 'a decimal point' : 'a decimal comma');
      return {
        problem: {
          line: later.line,
          column: later.column,
          message:
            `"${later.value}" uses ${style(later)}, but line ${earlier.line} uses ${style(earlier)} ` +
            `("${earlier.value}"); amounts in one file must use one style.`,
        },
      };
    }
    if (point) return { decimal: '.' };
    if (comma) return { decimal: ',' };
    if (this.pointSymbol) return { decimal: '.' };
    if (this.ambiguousAmount) {
      const { line, column, value } = this.ambiguousAmount;
      return {
        problem: {
          line,
          column,
          message:
            `"${value}" could be read two ways (thousands or decimals) and no amount in the file settles it; ` +
            'choose the decimal separator in the mapping.',
        },
      };
    }
    return { decimal: '.' };
  }

  /** The order of slash dates, null when the file has none that needs one, or the stopping problem. */
  dateOrder(mapping: ImportMapping): { dateOrder: DateOrder | null } | { problem: ImportProblem } {
    if (mapping.dateOrder) return { dateOrder: mapping.dateOrder };
    const dmy = this.orderSeen.DMY;
    const mdy = this.orderSeen.MDY;
    if (dmy && mdy) {
      const [later, earlier] = dmy.line > mdy.line ? [dmy, mdy] : [mdy, dmy];
      const order = (s: Sighting) => (s === dmy ? 'day first' : 'month first');
      return {
        problem: {
          line: later.line,
          column: later.column,
          message:
            `"${later.value}" is written ${order(later)}, but line ${earlier.line} ("${earlier.value}") is ` +
            `written ${order(earlier)}; dates in one file must use one order.`,
        },
      };
    }
    if (dmy) return { dateOrder: 'DMY' };
    if (mdy) return { dateOrder: 'MDY' };
    if (this.ambiguousDate) {
      const { line, column, value } = this.ambiguousDate;
      const [a, b] = value.split(/[/-]/).map(Number) as [number, number];
      return {
        problem: {
          line,
          column,
          message:
            `"${value}" could be ${a} ${MONTHS[b - 1]} or ${MONTHS[a - 1]} ${b}, and no date in the file settles ` +
            'it; choose the date order (day first or month first) in the mapping.',
        },
      };
    }
    return { dateOrder: null };
  }

  private sighting(record: RawRecord, field: ImportField, value: string): Sighting {
    return { line: record.line, column: this.resolved.headers[field] ?? field, value };
  }
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const DATE_FIELDS = [
  'createDate',
  'closeDate',
  'mqlDate',
  'sqlDate',
  'opportunityDate',
  'customerDate',
  'followUpDate',
] as const satisfies readonly ImportField[];

// ---- conversion -------------------------------------------------------------------------------------

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

// ---- stages, teams, owners ------------------------------------------------------------------------------

/** HubSpot's and Salesforce's default deal stages, by the stage of the default pipeline they correspond to. */
const CRM_DEAL_STAGES: Record<string, string> = {
  appointmentscheduled: 'discovery',
  qualifiedtobuy: 'discovery',
  presentationscheduled: 'demo',
  decisionmakerboughtin: 'proposal',
  contractsent: 'negotiation',
  prospecting: 'discovery',
  qualification: 'discovery',
  needsanalysis: 'demo',
  valueproposition: 'demo',
  iddecisionmakers: 'proposal',
  perceptionanalysis: 'proposal',
  proposalpricequote: 'proposal',
  negotiationreview: 'negotiation',
};

function stageKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The pipeline stage a CSV value names: the mapping's own translation first, then a stage's id or name,
 * then the CRMs' default stages ("Closed Won" is the pipeline's won stage whatever its id).
 */
export function resolveDealStage(
  value: string,
  stages: readonly StageOption[],
  stageMap: Record<string, string> | undefined,
): StageOption | null {
  if (value === '') return null;
  const key = stageKey(value);
  const mapped =
    stageMap === undefined ? undefined : Object.entries(stageMap).find(([from]) => stageKey(from) === key)?.[1];
  if (mapped !== undefined) return stages.find((stage) => stage.id === mapped) ?? null;
  const direct = stages.find((stage) => stageKey(stage.id) === key || stageKey(stage.name) === key);
  if (direct !== undefined) return direct;
  if (key === 'closedwon' || key === 'won') return stages.find((stage) => stage.kind === 'won') ?? null;
  if (key === 'closedlost' || key === 'lost') return stages.find((stage) => stage.kind === 'lost') ?? null;
  const alias = CRM_DEAL_STAGES[key];
  return alias === undefined ? null : (stages.find((stage) => stage.id === alias && stage.kind === 'open') ?? null);
}

const LEAD_STAGES: Record<string, LeadStage> = {
  subscriber: 'lead',
  lead: 'lead',
  marketingqualifiedlead: 'mql',
  mql: 'mql',
  salesqualifiedlead: 'sql',
  sql: 'sql',
  opportunity: 'opportunity',
  customer: 'customer',
  evangelist: 'customer',
};

/** The lifecycle stage a CSV value names (HubSpot's names included), or null. */
export function resolveLeadStage(value: string, stageMap: Record<string, string> | undefined): LeadStage | null {
  const key = stageKey(value);
  const mapped =
    stageMap === undefined ? undefined : Object.entries(stageMap).find(([from]) => stageKey(from) === key)?.[1];
  const stage = mapped !== undefined ? LEAD_STAGES[stageKey(mapped)] : LEAD_STAGES[key];
  return stage ?? null;
}

/**
 * Who sourced a lead (METRICS: source_team). 'sales' or 'marketing' are taken as written; HubSpot's
 * "Offline Sources" (contacts a rep created or imported) and "outbound" mean sales; every other source
 * (organic and paid search, email, social, referral sites, direct traffic, campaigns) and an empty one
 * mean marketing.
 */
export function sourceTeamOf(value: string): Team {
  const key = stageKey(value);
  return key === 'sales' || key === 'offlinesources' || key === 'offline' || key === 'outbound' ? 'sales' : 'marketing';
}

/** "Ana Lima", "ana@example.com", "Ana Lima <ana@example.com>" or "Ana Lima (ana@example.com)". */
export function parseOwner(text: string): OwnerRef {
  const bracketed = /^(.*?)\s*[<(]\s*([^<>()\s]+@[^<>()\s]+)\s*[>)]$/.exec(text);
  if (bracketed) return { text, name: bracketed[1]!.trim() || null, email: bracketed[2]!.toLowerCase() };
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { text, name: null, email: text.toLowerCase() };
  return { text, name: text, email: null };
}

// ---- amounts ------------------------------------------------------------------------------------------

/** Currency symbols and the currencies each may mean; the first is what it means alone. */
const SYMBOLS: Record<string, readonly string[]> = {
  $: ['USD', 'CAD', 'AUD', 'NZD', 'HKD', 'SGD', 'MXN'],
  US$: ['USD'],
  C$: ['CAD'],
  CA$: ['CAD'],
  A$: ['AUD'],
  AU$: ['AUD'],
  NZ$: ['NZD'],
  HK$: ['HKD'],
  S$: ['SGD'],
  '€': ['EUR'],
  '£': ['GBP'],
  '¥': ['JPY', 'CNY'],
  '₹': ['INR'],
};

/** The ISO code ("EUR 1,200.00", "1.200,00 EUR") and the symbol ("$1,200", "US$ 950") an amount carries. */
export function currencyMarks(value: string): { code: string | null; symbol: string | null } {
  const code = /^([A-Z]{3})\s*[\d.,\p{Sc}]|[\d.,]\s*([A-Z]{3})$/u.exec(value);
  const symbol = /(?:US|CA|C|AU|A|NZ|HK|S)?\$|\p{Sc}/u.exec(value);
  return { code: code === null ? null : (code[1] ?? code[2])!, symbol: symbol === null ? null : symbol[0] };
}

let currencyCodes: Set<string> | null = null;

/** Whether Intl knows the code as a currency (ISO 4217). */
function isCurrencyCode(code: string): boolean {
  currencyCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return currencyCodes.has(code);
}

/** An amount of digits only, which reads the same in every style. */
const PLAIN_DIGITS = /^\d{1,15}$/;

/** Currency symbols and spaces of every kind, and apostrophes used as thousands separators (1'234.50). */
function cleanAmount(value: string): string {
  return value
    .trim()
    .replace(/^\+/, '')
    .replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, '')
    .replace(/(?:US|CA|C|AU|A|NZ|HK|S)(?=\$)/, '')
    .replace(/[\p{Sc}\s'’]/gu, '');
}

/** The decimal style one cleaned amount shows: '.', ',', 'ambiguous' (1,200), or null (nothing to show). */
function decimalStyleOf(cleaned: string): DecimalSeparator | 'ambiguous' | null {
  if (/e/i.test(cleaned)) return null;
  const point = cleaned.lastIndexOf('.');
  const comma = cleaned.lastIndexOf(',');
  if (point !== -1 && comma !== -1) return point > comma ? '.' : ',';
  const separator = point !== -1 ? '.' : comma !== -1 ? ',' : null;
  if (separator === null) return null;
  const other: DecimalSeparator = separator === '.' ? ',' : '.';
  const parts = cleaned.split(separator);
  // Two or more of the same separator can only be thousands: the other one is the decimal separator.
  if (parts.length > 2) return other;
  const [whole, fraction] = parts as [string, string];
  if (fraction.length !== 3 || whole.length > 3 || whole === '0' || whole === '') return separator;
  return 'ambiguous';
}

/**
 * An amount in minor units, or why it cannot be read. Empty means 0. Negative amounts, amounts that are
 * not finite (1e309), with more decimals than the currency has, or over the contract's limit are refused.
 */
export function parseAmount(value: string, decimal: DecimalSeparator, digits: number): number | string {
  if (PLAIN_DIGITS.test(value)) {
    const minor = Number(value) * 10 ** digits;
    return minor > MAX_AMOUNT_MINOR ? 'is too large (at most 100 billion).' : minor;
  }
  const trimmed = value.trim();
  if (/^[-−(]|-$|\)$/.test(trimmed.replace(/^[A-Z]{3}\s*|[\p{Sc}\s]/gu, ''))) {
    return 'is negative; amounts must not be negative.';
  }
  const cleaned = cleanAmount(trimmed);
  if (/^\d+(\.\d+)?e[-+]?\d+$/i.test(cleaned)) {
    const number = Number(cleaned);
    if (!Number.isFinite(number)) return 'is not a finite number.';
    const minor = Math.round(number * 10 ** digits);
    if (minor > MAX_AMOUNT_MINOR) return 'is too large (at most 100 billion).';
    return minor;
  }
  const pattern =
    decimal === '.' ? /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/ : /^(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?$/;
  const match = pattern.exec(cleaned);
  if (match === null) {
    return decimal === '.'
      ? 'is not an amount (expected e.g. 1200, 1,200.50 or $1,200).'
      : "is not an amount in this file's style (expected e.g. 1200, 1.200,50 or 1200,50).";
  }
  const thousands = decimal === '.' ? ',' : '.';
  const [whole, fraction = ''] = cleaned.split(decimal) as [string, string?];
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > digits) {
    return `has ${fraction.length} decimals, more than the currency has (${digits}).`;
  }
  const wholeDigits = whole
    .split(thousands)
    .join('')
    .replace(/^0+(?=\d)/, '');
  if (wholeDigits.length > 14) return 'is too large (at most 100 billion).';
  const minor = Number(wholeDigits) * 10 ** digits + Number(significant.padEnd(digits, '0') || '0');
  if (minor > MAX_AMOUNT_MINOR) return 'is too large (at most 100 billion).';
  return minor;
}

const digitCache = new Map<string, number>();

/** The currency's minor-unit exponent (EUR 2, JPY 0), as Intl knows it; 2 for a code it does not know. */
export function currencyDigits(currency: string): number {
  let digits = digitCache.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    digitCache.set(currency, digits);
  }
  return digits;
}

// ---- dates --------------------------------------------------------------------------------------------

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const YMD_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASH_DATE = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const DOT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SHORT_YEAR = /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}(?:\D.*)?$/;

/**
 * A date (with or without a time) as epoch ms, or the words that say why not. Times without an offset are
 * in the room's zone; a date alone is the start of that day there.
 */
export function parseDate(value: string, order: DateOrder | null, timezone: string): number | string {
  let y: number, m: number, d: number, h: number, mi: number, s: number;
  let ms = 0;
  let offsetMinutes: number | null = null;
  let match: RegExpExecArray | null;
  if ((match = ISO_DATE.exec(value))) {
    [y, m, d, h, mi, s] = sixNumbers(match);
    ms = match[7] === undefined ? 0 : Math.floor(Number(`0.${match[7]}`) * 1000);
    if (match[8] !== undefined) offsetMinutes = parseOffset(match[8]);
  } else if ((match = YMD_SLASH.exec(value))) {
    [y, m, d, h, mi, s] = sixNumbers(match);
  } else if ((match = DOT_DATE.exec(value))) {
    [d, m, y, h, mi, s] = sixNumbers(match);
  } else if ((match = SLASH_DATE.exec(value))) {
    let a: number, b: number;
    [a, b, y, h, mi, s] = sixNumbers(match);
    // The file-wide order; a date whose two numbers are equal reads the same either way.
    const effective = order ?? (a > 12 ? 'DMY' : b > 12 ? 'MDY' : a === b ? 'DMY' : null);
    if (effective === null) return 'could be read day first or month first; choose the date order in the mapping.';
    [d, m] = effective === 'DMY' ? [a, b] : [b, a];
    const meridiem = match[7]?.toLowerCase();
    if (meridiem !== undefined) {
      if (h < 1 || h > 12) return 'is not a time of day (an AM/PM hour runs from 1 to 12).';
      h = (h % 12) + (meridiem === 'pm' ? 12 : 0);
    }
  } else if (SHORT_YEAR.test(value)) {
    return 'has a two-digit year; write the year with four digits (e.g. 2026).';
  } else {
    return 'is not a date (expected e.g. 2026-04-03, 03.04.2026 or 04/03/2026).';
  }
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return 'is not a date in the calendar.';
  if (h > 23 || mi > 59 || s > 59) return 'is not a time of day.';
  if (offsetMinutes !== null) return Date.UTC(y, m - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
  return localTime(y, m, d, h, timezone) + mi * 60_000 + s * 1000 + ms;
}

/** The first six groups of a match as numbers; a group that took no part (no time given) is 0. */
function sixNumbers(match: RegExpExecArray): [number, number, number, number, number, number] {
  const group = (index: number) => Number(match[index] ?? 0);
  return [group(1), group(2), group(3), group(4), group(5), group(6)];
}

function parseOffset(text: string): number {
  if (text.toUpperCase() === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// The zone's offset is looked up once per local hour: a file of 100,000 rows has a few thousand distinct hours.
const hourCache = new Map<string, Map<number, number>>();

/** Epoch ms of the local hour y-m-d h:00 in `timezone`. */
function localTime(y: number, m: number, d: number, h: number, timezone: string): number {
  let cache = hourCache.get(timezone);
  if (cache === undefined) {
    cache = new Map();
    hourCache.set(timezone, cache);
  }
  const key = ((y * 100 + m) * 100 + d) * 100 + h;
  let at = cache.get(key);
  if (at === undefined) {
    at = new TZDate(y, m - 1, d, h, 0, 0, 0, timezone).getTime();
    if (cache.size > 200_000) cache.clear();
    cache.set(key, at);
  }
  return at;
}
