/**
 * Applies a column mapping to parsed rows: checks that it fits the file (every mapped column exists, every
 * required field has a column) and turns a row's fields into the raw text of each mapped field.
 */
import {
  DEAL_FIELDS,
  FIELD_LABELS,
  LEAD_FIELDS,
  REQUIRED_FIELDS,
  type ImportField,
  type ImportMapping,
  type ImportProblem,
} from '@shared/import-types';
import { headerKey } from './detect-format';

/** A row's fields as parsed, and the line it starts on; {@link fieldValue} reads a mapped field from it. */
export interface RawRecord {
  line: number;
  fields: readonly string[];
}

/** A mapping resolved against the file's headers. */
export interface ResolvedMapping {
  mapping: ImportMapping;
  /** field → index of its column */
  indexes: Partial<Record<ImportField, number>>;
  /** field → the header a person sees in problems */
  headers: Partial<Record<ImportField, string>>;
}

/**
 * Resolves `mapping` against `headers`; problems (all on line 1, the header line) when a mapped column is
 * not in the file, a column is mapped to a field of the other target, or a required field has no column.
 */
export function resolveMapping(
  headers: readonly string[],
  mapping: ImportMapping,
): { resolved: ResolvedMapping; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const byKey = new Map(headers.map((header, index) => [headerKey(header), index]));
  const allowed: readonly ImportField[] = mapping.target === 'deals' ? DEAL_FIELDS : LEAD_FIELDS;
  const indexes: Partial<Record<ImportField, number>> = {};
  const names: Partial<Record<ImportField, string>> = {};
  for (const [field, header] of Object.entries(mapping.columns) as [ImportField, string | undefined][]) {
    if (header === undefined || header.trim() === '') continue;
    if (!allowed.includes(field)) {
      problems.push({
        line: 1,
        column: header,
        message: `"${FIELD_LABELS[field]}" is not a field of ${mapping.target}; leave it unmapped.`,
      });
      continue;
    }
    const index = byKey.get(headerKey(header));
    if (index === undefined) {
      problems.push({
        line: 1,
        column: header,
        message: `The mapping reads "${FIELD_LABELS[field]}" from this column, but the file has no such column.`,
      });
      continue;
    }
    indexes[field] = index;
    names[field] = headers[index]!;
  }
  for (const field of REQUIRED_FIELDS[mapping.target]) {
    if (indexes[field] === undefined && !problems.some((problem) => problem.column === mapping.columns[field])) {
      problems.push({
        line: 1,
        column: null,
        message: `No column is mapped to "${FIELD_LABELS[field]}", which every row needs; choose its column in the mapping.`,
      });
    }
  }
  if (
    mapping.target === 'leads' &&
    (['name', 'firstName', 'lastName', 'email'] as const).every((field) => indexes[field] === undefined)
  ) {
    problems.push({
      line: 1,
      column: null,
      message: 'No column is mapped to a name (full name, first or last name, or email); every lead needs one.',
    });
  }
  return { resolved: { mapping, indexes, headers: names }, problems };
}

/**
 * The raw text of a mapped field of a row, with surrounding spaces removed (tabs and the rest kept); '' for a
 * field the mapping leaves out. Read on demand rather than copied per row: a 100,000-row file is mostly
 * fields nobody reads twice.
 */
export function fieldValue(resolved: ResolvedMapping, record: RawRecord, field: ImportField): string {
  const index = resolved.indexes[field];
  return index === undefined ? '' : trimSpaces(record.fields[index] ?? '');
}

/**
 * Only spaces are trimmed: a cell that starts with a tab or a carriage return is a formula-injection
 * attempt that is stored exactly as written (and escaped on export), not silently repaired.
 */
function trimSpaces(value: string): string {
  let start = 0;
  let end = value.length;
  while (start < end && value.charCodeAt(start) === 32) start++;
  while (end > start && value.charCodeAt(end - 1) === 32) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}
