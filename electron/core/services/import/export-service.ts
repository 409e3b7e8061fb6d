/**
 * Export of any table to CSV and of everything to one JSON document, and the restore of such a document
 * into an empty database: the same rows give the same wall, because every figure is computed from
 * them (the derived figure tables are left out of the export and rebuilt on restore).
 *
 * CSV cells that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage return)
 * are written with a leading single quote, so that opening an export never runs what an import stored as
 * text (OWASP "CSV injection").
 */
import Papa from 'papaparse';
import { ApiError } from '@shared/contract';
import { EXPORT_TABLES, type ExportTable } from '@shared/import-types';
import type { CoreContext } from '../../context';
import { withFigureAggregatesDeferred } from '../../db/repositories/figure-aggregates-repository';
import {
  clearTable,
  countTableRows,
  deleteSettings,
  insertTableRows,
  tableColumns,
  tableRows,
} from '../../db/repositories/import-repository';
import { runCommand } from '../support/activity-recorder';
import { leadExitAnchorAt } from '../support/figure-maintenance';
import { MACHINE_SETTING_KEYS } from '../support/settings-service';

/** Marks a JSON document as an Alignboard export. */
export const EXPORT_FORMAT = 'alignboard-export';
/** The version of the document's own layout (the schema version travels separately). */
export const EXPORT_VERSION = 1;
/**
 * The oldest schema version whose tables and columns are the current ones: an export made at it or later
 * restores as it is. 0003 only added an index. Raise this with every migration that changes a table.
 */
export const SAME_TABLES_SINCE_SCHEMA = 2;

/** The JSON document `export.all` writes. */
export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  /** the database's schema version (PRAGMA user_version); a restore needs the same */
  schemaVersion: number;
  exportedAt: string;
  /** table → rows as `SELECT *` returns them */
  tables: Partial<Record<ExportTable, Record<string, unknown>[]>>;
}

/**
 * Text a spreadsheet would run as a formula. Papaparse's own pattern (`^[=+\-@\t\r].*$`) misses a formula
 * with a line break in it, since `.` stops at the break; only the first character matters.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;
/** Tables a fresh database already holds rows of (seeded by the migrations); a restore replaces them. */
const SEEDED_TABLES: readonly ExportTable[] = ['lifecycle_stages', 'pipeline_stages', 'reason_codes', 'kpis'];
/**
 * Settings never exported or imported: this machine's own (its id, LAN sharing, backup retention), and
 * secrets an older version kept in the settings table, since an export file travels by mail.
 */
const MACHINE_SETTINGS = new Set<string>(MACHINE_SETTING_KEYS);

/** One table as CSV (header line of column names, then every row, deleted ones included). */
export function exportTable(ctx: CoreContext, table: ExportTable): { fileName: string; csv: string } {
  const columns = tableColumns(ctx.db, table);
  const rows = exportableRows(ctx, table).map((row) => columns.map((column) => row[column] ?? null));
  const csv = Papa.unparse({ fields: columns, data: rows }, { escapeFormulae: FORMULA_START, newline: '\r\n' });
  return { fileName: `alignboard-${table}-${stamp(ctx)}.csv`, csv: `${csv}\r\n` };
}

/** Every table in one JSON document. */
export function exportAll(ctx: CoreContext): { fileName: string; json: string } {
  const { db } = ctx;
  const document = db
    .transaction((): ExportDocument => {
      const tables: ExportDocument['tables'] = {};
      for (const table of EXPORT_TABLES) tables[table] = exportableRows(ctx, table);
      return {
        format: EXPORT_FORMAT,
        version: EXPORT_VERSION,
        schemaVersion: db.pragma('user_version', { simple: true }) as number,
        exportedAt: new Date(ctx.clock.now()).toISOString(),
        tables,
      };
    })
    .deferred();
  return { fileName: `alignboard-export-${stamp(ctx)}.json`, json: JSON.stringify(document) };
}

/**
 * Loads an {@link exportAll} document into an empty database in one transaction. "Empty" means no row in
 * any table people fill (the seeded reference tables and this machine's settings do not count); a database
 * with the demo data is not empty — start with `--no-demo` (or a fresh data folder) to restore into.
 */
export function importJson(ctx: CoreContext, json: string): { tables: number; rows: number } {
  const document = parseDocument(ctx, json);
  const { db } = ctx;
  const filled = EXPORT_TABLES.filter(
    (table) => !SEEDED_TABLES.includes(table) && table !== 'settings' && countTableRows(db, table) > 0,
  );
  if (filled.length > 0) {
    throw new ApiError(
      'conflict',
      `The database is not empty (${filled.slice(0, 3).join(', ')}${filled.length > 3 ? ', …' : ''} have rows); ` +
        'an export is restored into an empty database only.',
    );
  }
  return runCommand(ctx, (record) => {
    // Rows arrive table by table; references are checked once, at commit.
    db.pragma('defer_foreign_keys = ON');
    let rows = 0;
    let tables = 0;
    withFigureAggregatesDeferred(
      db,
      () => {
        for (const table of EXPORT_TABLES) {
          const list = document.tables[table];
          if (list === undefined) continue;
          tables += 1;
          if (SEEDED_TABLES.includes(table)) clearTable(db, table);
          const incoming = table === 'settings' ? list.filter((row) => !MACHINE_SETTINGS.has(String(row.key))) : list;
          // Settings a fresh database wrote on its first start give way to the document's.
          if (table === 'settings')
            deleteSettings(
              db,
              incoming.map((row) => String(row.key)),
            );
          rows += insertRows(db, table, incoming);
        }
      },
      { anchorAt: leadExitAnchorAt(ctx.clock.now()) },
    );
    record({
      type: 'data.restored',
      entity: 'data',
      entityId: document.exportedAt,
      payload: { exportedAt: document.exportedAt, tables, rows },
    });
    return { tables, rows };
  });
}

function exportableRows(ctx: CoreContext, table: ExportTable): Record<string, unknown>[] {
  const rows = tableRows(ctx.db, table);
  return table === 'settings' ? rows.filter((row) => !MACHINE_SETTINGS.has(String(row.key))) : rows;
}

function insertRows(db: CoreContext['db'], table: ExportTable, rows: readonly Record<string, unknown>[]): number {
  if (rows.length === 0) return 0;
  const columns = tableColumns(db, table);
  const known = new Set(columns);
  for (const row of rows) {
    const unknown = Object.keys(row).find((key) => !known.has(key));
    if (unknown !== undefined) {
      throw new ApiError(
        'invalid_input',
        `The export's table ${table} has a column "${unknown}" this database does not know.`,
        'json',
      );
    }
  }
  return insertTableRows(
    db,
    table,
    columns,
    rows.map((row) => columns.map((column) => sqlValue(row[column]))),
  );
}

/** JSON gives back what SQLite stored: text, numbers, null (booleans do not occur; objects are refused). */
function sqlValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  throw new ApiError('invalid_input', 'The export holds a value that is not text, a number or empty.', 'json');
}

function parseDocument(ctx: CoreContext, json: string): ExportDocument {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    throw new ApiError('invalid_input', 'The file is not valid JSON.', 'json');
  }
  const candidate = document as Partial<ExportDocument> | null;
  if (candidate === null || typeof candidate !== 'object' || candidate.format !== EXPORT_FORMAT) {
    throw new ApiError('invalid_input', 'The file is not an Alignboard export.', 'json');
  }
  if (candidate.version !== EXPORT_VERSION) {
    throw new ApiError(
      'invalid_input',
      `The export has layout version ${String(candidate.version)}; this Alignboard reads ${EXPORT_VERSION}.`,
      'json',
    );
  }
  const schemaVersion = ctx.db.pragma('user_version', { simple: true }) as number;
  const readable =
    typeof candidate.schemaVersion === 'number' &&
    candidate.schemaVersion >= SAME_TABLES_SINCE_SCHEMA &&
    candidate.schemaVersion <= schemaVersion;
  if (!readable) {
    throw new ApiError(
      'invalid_input',
      `The export was made at schema version ${String(candidate.schemaVersion)}; this database is at ${schemaVersion}. Restore it with the Alignboard version that made it.`,
      'json',
    );
  }
  if (candidate.tables === null || typeof candidate.tables !== 'object') {
    throw new ApiError('invalid_input', 'The export has no tables.', 'json');
  }
  for (const [table, rows] of Object.entries(candidate.tables)) {
    if (!(EXPORT_TABLES as readonly string[]).includes(table)) {
      throw new ApiError('invalid_input', `The export has a table "${table}" this database does not know.`, 'json');
    }
    if (!Array.isArray(rows) || rows.some((row) => row === null || typeof row !== 'object' || Array.isArray(row))) {
      throw new ApiError('invalid_input', `The export's table ${table} is not a list of rows.`, 'json');
    }
  }
  return candidate as ExportDocument;
}

/** A file-name-safe time stamp, e.g. 2026-03-18T1030. */
function stamp(ctx: CoreContext): string {
  return new Date(ctx.clock.now()).toISOString().slice(0, 16).replace(':', '');
}
