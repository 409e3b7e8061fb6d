/**
 * A zod issue in plain words, the same for every input a person or a program hands us: an API call's
 * input (dispatch.ts), an unattended install's config file (config-file.ts) and an admin form before it is
 * sent (form-validation.ts, which adds what only a form needs). The field is named by its dot path, e.g.
 * `setup.kpi.target must be at least 1`. Only zod's types are imported: the wall's bundle stays zod-free.
 */
import type { z } from 'zod';

/**
 * The field path and the words for one issue: an unknown key is named itself (a strict object reports
 * it at the object's own path), and a missing value is "required" whatever check failed on it.
 */
export function describeIssue(issue: z.core.$ZodIssue, input: unknown): { path: string[]; words: string } {
  if (issue.code === 'unrecognized_keys') {
    return { path: [...issue.path.map(String), issue.keys[0] ?? ''], words: 'is not a known field' };
  }
  if (issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined) {
    return { path: issue.path.map(String), words: 'is required' };
  }
  return { path: issue.path.map(String), words: issue.message };
}

/** The value at a zod issue's path, or undefined where the path leads nowhere. */
export function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/**
 * Messages for checks the contract left without one of its own; the contract's own messages
 * (e.g. 'must not be negative') take precedence over these.
 */
export function plainWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      if (issue.expected === 'int') return 'must be a whole number';
      return `must be ${withArticle(issue.expected)}`;
    case 'too_small':
      return bound(issue.origin, issue.minimum, issue.inclusive, 'least');
    case 'too_big':
      return bound(issue.origin, issue.maximum, issue.inclusive, 'most');
    case 'invalid_value':
      return `must be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'invalid_format':
      return 'is not in the expected format';
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}`;
    default:
      return 'is not valid';
  }
}

/** "must be at least 3 characters long", "must have at most 20 items", "must be greater than 0". */
function bound(origin: string, limit: unknown, inclusive: boolean | undefined, end: 'least' | 'most'): string {
  if (origin === 'string') return `must be at ${end} ${String(limit)} characters long`;
  if (origin === 'array') return `must have at ${end} ${String(limit)} items`;
  if (inclusive === false) return `must be ${end === 'least' ? 'greater' : 'less'} than ${String(limit)}`;
  return `must be at ${end} ${String(limit)}`;
}

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
