/**
 * Numbers and money in the room's locale: few characters, no false precision. A room in Germany reads
 * "1.240" and "42 %", one in the UK "1,240" and "42%". Currencies show their narrow symbol ("$", not
 * "US$"): a room knows which dollar it counts in.
 */
import type { MoneyAmount } from '../domain';
import { numberFormat } from './intl';
import { DEFAULT_LOCALE } from './room';

/** A whole count, grouped: 1,240. */
export function formatCount(value: number, locale: string = DEFAULT_LOCALE): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/**
 * A figure with at most `digits` decimals (two unless told) and at least `minDigits` (none unless told),
 * grouped: 1,240, 12.5, or with one fixed decimal 4.0.
 */
export function formatDecimal(value: number, locale: string = DEFAULT_LOCALE, digits = 2, minDigits = 0): string {
  return numberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: minDigits }).format(value);
}

/** A share as a whole percentage: 0.423 → "42%" ("42 %" in de-DE). */
export function formatPercent(ratio: number, locale: string = DEFAULT_LOCALE): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** Digits after the decimal point of a currency's major unit (EUR 2, JPY 0); 2 for unknown codes. */
export function currencyExponent(currency: string): number {
  try {
    return numberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Money for the wall: compact ("€601K") unless `exact` ("€601,250.00"). Amounts are minor units; an
 * unknown currency code is shown as the code in front of the number rather than failing.
 */
export function formatMoney(amount: MoneyAmount, options: { exact?: boolean; locale?: string } = {}): string {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const major = amount.amountMinor / 10 ** currencyExponent(amount.currency);
  try {
    return numberFormat(locale, {
      style: 'currency',
      currency: amount.currency,
      currencyDisplay: 'narrowSymbol',
      // three significant digits read at a glance: €601K, €2.73M, $49.2K
      ...(options.exact ? {} : { notation: 'compact', maximumSignificantDigits: 3 }),
    }).format(major);
  } catch {
    return `${amount.currency} ${formatCount(major, locale)}`;
  }
}

/**
 * An amount in minor units in its own currency as the feed and the report write it: 1_200_000 EUR →
 * "€12,000" and 1_050 USD → "$10.50", no decimals for a whole amount. An unknown currency code falls back
 * to "12000.00 XYZ" rather than failing the whole feed.
 */
export function formatMinorAmount(amountMinor: number, currency: string, locale: string = DEFAULT_LOCALE): string {
  try {
    const digits = currencyExponent(currency);
    const scale = 10 ** digits;
    const fraction = amountMinor % scale === 0 ? 0 : digits;
    return numberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: fraction,
      maximumFractionDigits: fraction,
    }).format(amountMinor / scale);
  } catch {
    return `${(amountMinor / 100).toFixed(2)} ${currency}`;
  }
}

/**
 * Reads an amount typed in major units ("1200", "1,200.50", "1200,5") as minor units.
 * Returns null when the text is not an amount. A lone comma or dot followed by 1–2 digits (or as many
 * as the currency has) is the decimal separator; other commas, dots and spaces group thousands.
 */
export function parseMajorToMinor(text: string, currency: string): number | null {
  const exponent = currencyExponent(currency);
  const compact = text.trim().replace(/[\s\u00a0']/g, '');
  if (!/^\d[\d.,]*$/.test(compact)) return null;
  let integer = compact;
  let fraction = '';
  const decimal = /^(.*\d)[.,](\d+)$/.exec(compact);
  if (decimal && decimal[2]!.length <= Math.max(exponent, 2) && decimal[2]!.length !== 3) {
    integer = decimal[1]!;
    fraction = decimal[2]!;
  }
  // What is left may only group thousands: 1,200,000 or 1.200.000, never 12,00.
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(integer)) return null;
  if (fraction.length > exponent) return null;
  const digits = integer.replace(/[.,]/g, '') + fraction.padEnd(exponent, '0');
  const value = Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}
