/**
 * Client-side validation for the admin forms: runs the SAME zod schema the API uses on a form's values
 * and turns its issues into one plain sentence per field, e.g. `{ amountMinor: "Amount must not be
 * negative." }`. A server error ({@link ApiError} with a `field`) maps to the same shape, so a form shows
 * both next to the field they concern.
 *
 * Only zod *types* are imported here: the schema object brings zod's runtime with it, so this module adds
 * nothing to a bundle that does not already validate.
 */
import type { z } from 'zod';
import { ApiError } from '@shared/api-error';
import { plainWords, valueAt } from '@shared/issue-words';

/** Field path (dot-joined, e.g. `amountMinor` or `goals.0.title`) → one plain sentence. */
export type FieldErrors = Record<string, string>;

/** Field path → the label a person sees; fields without one are named by a split-up path. */
export type FieldLabels = Readonly<Record<string, string>>;

/** The key under which an error that belongs to no field is stored. */
export const FORM_ERROR = '';

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Validates form values with a contract schema. On success returns the parsed data (defaults filled in,
 * strings trimmed as the schema says); on failure one plain sentence per field, the first issue of each
 * field winning.
 */
export function validateForm<S extends z.ZodType>(
  schema: S,
  values: unknown,
  labels: FieldLabels = {},
): ValidationResult<z.output<S>> {
  const parsed = schema.safeParse(values, { error: formWords });
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    let path = issue.path.map(String);
    let words = issue.message;
    if (issue.code === 'unrecognized_keys') {
      // A strict object reports an extra key at its own path; that is a programming slip, not the user's.
      path = [];
      words = `has an unknown field ${issue.keys.join(', ')}`;
    } else if (isMissing(valueAt(values, issue.path))) {
      // An empty field is "required", whatever the check that failed on it (an enum, a pattern).
      words = 'is required';
    }
    const field = path.join('.');
    if (errors[field] !== undefined) continue;
    errors[field] = plainMessage(field, words, labels);
  }
  return { ok: false, errors };
}

/**
 * Turns an error from a method call into field errors: an {@link ApiError} with a `field` lands next to
 * that field in plain words; anything else is a form-level message under {@link FORM_ERROR}.
 */
export function serverErrors(error: unknown, labels: FieldLabels = {}): FieldErrors {
  if (error instanceof ApiError && error.field) {
    const field = error.field;
    const words = error.message.startsWith(`${field} `) ? error.message.slice(field.length + 1) : error.message;
    return { [field]: plainMessage(field, words, labels) };
  }
  const message = error instanceof Error && error.message ? error.message : 'The change could not be saved.';
  return { [FORM_ERROR]: sentence(message) };
}

/**
 * One sentence from a field and what is wrong with it: ("amountMinor", "must not be negative") with the
 * label "Amount" → "Amount must not be negative."; a message that is already a sentence is kept.
 */
export function plainMessage(field: string, words: string, labels: FieldLabels = {}): string {
  const label = labels[field] ?? labelFromPath(field);
  const text = words.trim();
  if (/^[A-Z]/.test(text) || label === '') return sentence(text);
  return sentence(`${label} ${text}`);
}

/** "sourcingMarketerId" → "Sourcing marketer"; "goals.0.title" → "Title". */
function labelFromPath(field: string): string {
  const last =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? '';
  const words = last
    .replace(/Id$/, '')
    .replace(/Minor$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

/**
 * The server's words ({@link plainWords}), except where a form knows more: an empty box (null, '' or a
 * one-character minimum) is "required", a number box left unreadable is "must be a number", and the
 * choices of a list are named without quotes.
 */
function formWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === null || issue.input === '') return 'is required';
      if (issue.expected === 'number' && Number.isNaN(issue.input)) return 'must be a number';
      break;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) <= 1) return 'is required';
      break;
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => String(value)).join(', ')}`;
  }
  return plainWords(issue);
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
