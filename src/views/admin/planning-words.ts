/**
 * Words and number handling the planning sections share: how dates, instants and amounts read in the
 * admin forms, and how a typed number becomes what the contract's schemas check.
 */
import type { Team } from '@shared/domain';
import type { MeetingKind } from '@shared/figures';

const DAY_MS = 86_400_000;

export const TEAM_WORDS: Record<Team | 'joint', string> = { sales: 'Sales', marketing: 'Marketing', joint: 'Joint' };

export const MEETING_KIND_WORDS: Record<MeetingKind, string> = {
  standup: 'Stand-up',
  lead_review: 'Lead review',
  retro: 'Retrospective',
  planning: 'Planning',
  other: 'Other',
};

/** ISO weekdays 1 (Monday) … 7 with their short and long names. */
export const WEEKDAYS = [
  { day: 1, short: 'Mon', long: 'Monday' },
  { day: 2, short: 'Tue', long: 'Tuesday' },
  { day: 3, short: 'Wed', long: 'Wednesday' },
  { day: 4, short: 'Thu', long: 'Thursday' },
  { day: 5, short: 'Fri', long: 'Friday' },
  { day: 6, short: 'Sat', long: 'Saturday' },
  { day: 7, short: 'Sun', long: 'Sunday' },
] as const;

function utc(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
}

/** A calendar day as a person reads it: "Tue 24 Nov 2026" (in the browser's language). */
export function formatDate(date: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(utc(date));
}

/** An instant in the room's zone: "24 Nov 2026, 10:30". */
export function formatInstant(at: number, timeZone?: string, locale?: string): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(at);
  }
}

/** A figure with at most two decimals, grouped: 1,240 or 12.5. */
export function formatAmount(value: number, locale?: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** The date `days` after a 'YYYY-MM-DD' date. */
export function addDays(date: string, days: number): string {
  return new Date(utc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from one date to another (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS);
}

/**
 * A typed number as the schemas should see it: empty → undefined (so "is required" or the default
 * applies), a decimal comma accepted, anything else → NaN (so "must be a number" speaks).
 */
export function typedNumber(text: string | number): number | undefined {
  if (typeof text === 'number') return text;
  const trimmed = text.trim().replace(/\s/g, '');
  if (trimmed === '') return undefined;
  const normalised = /^-?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  return /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(normalised) ? Number(normalised) : Number.NaN;
}

/** A number for a text box: "" for none, no trailing zeros. */
export function numberText(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '' : String(value);
}
