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
  type ImportFormat,
  type ImportMapping,
  type ImportProblem,
} from '@shared/import-types';
import { headerKey, knownHeader } from './detect-format';

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
 * not in the file or appears in it more than once, a column is mapped to a field of the other target, or a
 * required field has no column. A column of a recognised export is named as the CRM names it ("Deal
 * Stage"), next to the app's field. Columns the mapping does not read may repeat.
 */
export function resolveMapping(
  headers: readonly string[],
  mapping: ImportMapping,
  format: ImportFormat = 'custom',
): { resolved: ResolvedMapping; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const byKey = new Map<string, number[]>();
  headers.forEach((header, index) => byKey.set(headerKey(header), [...(byKey.get(headerKey(header)) ?? []), index]));
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
    const found = byKey.get(headerKey(header));
    if (found === undefined) {
      problems.push({
        line: 1,
        column: header,
        field,
        message: `The mapping reads "${FIELD_LABELS[field]}" from this column, but the file has no such column.`,
      });
      continue;
    }
    if (found.length > 1) {
      problems.push({
        line: 1,
        column: header,
        field,
        message:
          `This column name appears ${found.length === 2 ? 'twice' : `${found.length} times`} (columns ${found.map((index) => index + 1).join(' and ')}), ` +
          `and the mapping reads "${FIELD_LABELS[field]}" from it; rename one of them.`,
      });
      continue;
    }
    indexes[field] = found[0]!;
    names[field] = headers[found[0]!]!;
  }
  for (const field of REQUIRED_FIELDS[mapping.target]) {
    if (indexes[field] !== undefined || problems.some((problem) => problem.field === field)) continue;
    problems.push(missingColumn(format, field, 'which every row needs'));
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
 * A required column the file lacks, named as the user knows it: the CRM's column for a recognised export
 * ("Deal Stage"), with the app's field, and why it is needed.
 */
export function missingColumn(format: ImportFormat, field: ImportField, why: string, line = 1): ImportProblem {
  const known = knownHeader(format, field);
  const label = FIELD_LABELS[field];
  return known === null
    ? {
        line,
        column: null,
        field,
        message: `No column is mapped to "${label}", ${why}; choose its column in the mapping.`,
      }
    : {
        line,
        column: known,
        field,
        message:
          `The file has no "${known}" column (Alignboard's "${label}"), ${why}; export the file with that ` +
          'column, or choose another column for it in the mapping.',
      };
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
