/**
 * CSV import from CRMs and JSON/CSV export. Every method here is for admins only, also the ones
 * that only read: a preview shows people's data and an export hands out the whole database.
 */
import { z } from 'zod';
import {
  EXPORT_TABLES,
  IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  PREVIEW_SAMPLE_BYTES,
  type ImportPreview,
  type ImportResult,
  type SavedImportMapping,
} from '../import-types';
import { none, read, write } from './define';

/**
 * A whole file as a JSON string: up to {@link MAX_IMPORT_BYTES} of CSV, whose quotes and line breaks
 * escaping can double.
 */
const FILE_INPUT = { maxInputBytes: 2 * MAX_IMPORT_BYTES + 1024 * 1024 } as const;

const fileName = z.string().trim().max(255, 'must be at most 255 characters').default('import.csv');
const header = z.string().max(200, 'must be at most 200 characters');
/** A column name of a file: long ones are fine as long as the mapping does not read them. */
const fileHeader = z.string().max(10_000, 'must be at most 10,000 characters');

/** A column mapping as the admin view sends it (see ImportMapping in import-types.ts). */
export const importMappingInput = z
  .object({
    target: z.enum(['deals', 'leads'], { error: 'must be deals or leads' }),
    columns: z.partialRecord(z.enum(IMPORT_FIELDS), header),
    dateOrder: z.enum(['DMY', 'MDY'], { error: 'must be DMY or MDY' }).nullable().optional(),
    decimal: z.enum(['.', ','], { error: 'must be . or ,' }).nullable().optional(),
    createOwners: z.boolean().optional(),
    stageMap: z.record(header, z.string().max(64, 'must be at most 64 characters')).optional(),
    source: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be a short lower-case name such as pipedrive')
      .optional(),
  })
  .strict();

export const importPreviewInput = z
  .object({
    fileName,
    /** the first ≤ 256 KB of the file, decoded */
    sample: z.string().max(PREVIEW_SAMPLE_BYTES, 'must be at most 256 KB (send the start of the file)'),
    /** whether `sample` is the whole file (else its last, maybe cut, line is left out) */
    complete: z.boolean().default(false),
    /** the last few KB of a file larger than the sample, decoded: where a report's footer is */
    tail: z
      .string()
      .max(16 * 1024, 'must be at most 16 KB (send the end of the file)')
      .optional(),
    /** a mapping to check instead of the detected or saved one (the mapping step's "check again") */
    mapping: importMappingInput.optional(),
  })
  .strict();

export const importRunInput = z
  .object({
    fileName,
    /** the whole file, decoded (the UI decodes UTF-16 after sniffing its byte-order mark) */
    content: z.string().max(MAX_IMPORT_BYTES, 'is larger than 100 MB'),
    format: z.enum(['hubspot-deals', 'hubspot-contacts', 'salesforce-opportunities', 'custom'], {
      error: 'must be hubspot-deals, hubspot-contacts, salesforce-opportunities or custom',
    }),
    mapping: importMappingInput,
    /**
     * the currency the preview said a file without currencies is stored in (its `assumedCurrency`): sending
     * it back is the person's confirmation; without it such a file is refused
     */
    confirmedCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR')
      .optional(),
    /** chosen by the caller so that it can follow the 'import.progressed' events of this very import */
    importId: z.uuid('must be a UUID').optional(),
  })
  .strict();

export const importMappingSaveInput = z
  .object({
    headers: z.array(fileHeader).min(1, 'must name at least one column').max(2_000),
    mapping: importMappingInput,
  })
  .strict();

export const exportTableInput = z
  .object({ table: z.enum(EXPORT_TABLES, { error: `must be one of ${EXPORT_TABLES.join(', ')}` }) })
  .strict();

export const importJsonInput = z.object({ json: z.string().min(2, 'is empty') }).strict();

export const importExportMethods = {
  /** detects the format of the start of a file and shows its first rows as they would be stored */
  'import.preview': read<ImportPreview>('admin')(importPreviewInput),
  /** imports a whole file in one transaction: every row or none (then the error lists the problems) */
  'import.run': write<ImportResult>('admin', FILE_INPUT)(importRunInput),
  /** the saved column mappings, newest first */
  'import.mappings': read<SavedImportMapping[]>('admin')(none),
  /** saves a column mapping for a header signature (a successful import saves its own too) */
  'import.saveMapping': write<SavedImportMapping>('admin')(importMappingSaveInput),
  /** one table as CSV; cells that a spreadsheet would run as a formula are escaped with a quote */
  'export.table': read<{ fileName: string; csv: string }>('admin')(exportTableInput),
  /** every table as one JSON document (derived figure tables are left out and rebuilt on import) */
  'export.all': read<{ fileName: string; json: string }>('admin')(none),
  /** loads an `export.all` document into an empty database */
  'import.json': write<{ tables: number; rows: number }>('admin', FILE_INPUT)(importJsonInput),
} as const;
