/**
 * Settles what depends on the whole file rather than one value, before any row is converted: the decimal
 * style of its amounts, whether it names currencies, and the order of its slash dates (see validate-rows.ts).
 */
import type { DateOrder, DecimalSeparator, ImportField, ImportMapping, ImportProblem } from '@shared/import-types';
import { fieldValue, type RawRecord, type ResolvedMapping } from './map-rows';
import { cleanAmount, currencyMarks, decimalStyleOf, PLAIN_DIGITS } from './parse-amount';
import { SLASH_DATE } from './parse-date';
import type { CurrencySource } from './row-drafts';

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
