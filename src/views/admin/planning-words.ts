/**
 * Words and number handling the planning sections share: team, meeting kind and weekday names, and how a
 * typed number becomes what the contract's schemas check. Dates and amounts are worded in @shared/format.
 */
import type { Team } from '@shared/domain';
import type { MeetingKind } from '@shared/figures';

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
