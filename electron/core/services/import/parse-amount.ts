/**
 * Reads amounts into minor units: currency codes and symbols, thousands separators and the decimal style,
 * never guessing an amount that reads two ways.
 */
import type { DecimalSeparator } from '@shared/import-types';

/** The contract's limit for an amount in minor units. */
const MAX_AMOUNT_MINOR = 1e13;

/** Currency symbols and the currencies each may mean; the first is what it means alone. */
export const SYMBOLS: Record<string, readonly string[]> = {
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
export function isCurrencyCode(code: string): boolean {
  currencyCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return currencyCodes.has(code);
}

/** An amount of digits only, which reads the same in every style. */
export const PLAIN_DIGITS = /^\d{1,15}$/;

/** Currency symbols and spaces of every kind, and apostrophes used as thousands separators (1'234.50). */
export function cleanAmount(value: string): string {
  return value
    .trim()
    .replace(/^\+/, '')
    .replace(/^[A-Z]{3}\s*|\s*[A-Z]{3}$/g, '')
    .replace(/(?:US|CA|C|AU|A|NZ|HK|S)(?=\$)/, '')
    .replace(/[\p{Sc}\s'’]/gu, '');
}

/** The decimal style one cleaned amount shows: '.', ',', 'ambiguous' (1,200), or null (nothing to show). */
export function decimalStyleOf(cleaned: string): DecimalSeparator | 'ambiguous' | null {
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
