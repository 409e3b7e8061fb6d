/**
 * A zod issue in plain words, the same for every input a person or a program hands us: an API call's
 * input (dispatch.ts) and an unattended install's config file (config-file.ts). The field is named by its
 * dot path, e.g. `setup.kpi.target must be at least 1`.
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

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
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
      return issue.origin === 'string'
        ? `must be at least ${issue.minimum} characters long`
        : issue.origin === 'array'
          ? `must have at least ${issue.minimum} items`
          : `must be ${issue.inclusive === false ? 'greater than' : 'at least'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters long`
        : issue.origin === 'array'
          ? `must have at most ${issue.maximum} items`
          : `must be ${issue.inclusive === false ? 'less than' : 'at most'} ${issue.maximum}`;
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

function withArticle(noun: string): string {
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
