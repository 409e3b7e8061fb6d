/**
 * How numbers, money and times read on the wall: few characters, no false precision.
 * `locale` defaults to the browser's, so a room in Germany reads "1.240" and one in the UK "1,240".
 */
import type { MoneyAmount } from '@shared/domain';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A whole count, grouped: 1,240. */
export function formatCount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A share as a whole percentage: 0.423 → "42%". */
export function formatPercent(ratio: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** Digits after the decimal point of a currency's major unit (EUR 2, JPY 0); 2 for unknown codes. */
export function currencyExponent(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Money for the wall: compact ("€601K") unless `exact`. Amounts are minor units; an unknown currency
 * code is shown as the code in front of the number rather than failing.
 */
export function formatMoney(amount: MoneyAmount, options: { exact?: boolean; locale?: string } = {}): string {
  const major = amount.amountMinor / 10 ** currencyExponent(amount.currency);
  try {
    return new Intl.NumberFormat(options.locale, {
      style: 'currency',
      currency: amount.currency,
      // three significant digits read at a glance: €601K, €2.73M, $49.2K
      ...(options.exact ? {} : { notation: 'compact', maximumSignificantDigits: 3 }),
    }).format(major);
  } catch {
    return `${amount.currency} ${formatCount(major, options.locale)}`;
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

/** How long ago, in the fewest words: "just now", "3 min ago", "2 h ago", "yesterday", "4 days ago". */
export function formatRelative(at: number, now: number): string {
  const age = now - at;
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.floor(age / MINUTE)} min ago`;
  if (age < DAY) return `${Math.floor(age / HOUR)} h ago`;
  if (age < 2 * DAY) return 'yesterday';
  return `${Math.floor(age / DAY)} days ago`;
}

/** The wall clock, "14:05", in the room's time zone (the machine's when the zone is unknown). */
export function formatClock(at: number, timeZone?: string, locale?: string): string {
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(at);
  }
}
