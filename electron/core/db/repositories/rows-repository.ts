/**
 * Whole rows of any table a command changes, addressed by table name and key: what the undo convention
 * (activity-recorder.ts) snapshots before and after a command, and what undo writes back.
 *
 * The SQL here is built from names, so only names from a whitelist ever reach it: a table must be one of
 * {@link UNDOABLE_TABLES}, and a column one that `PRAGMA table_info` reports for that table. A payload
 * read back from the activity log can therefore never smuggle an identifier into a statement; values are
 * always bound parameters.
 *
 * Row ids: a table's primary-key values in key order, joined by '|' — a plain id for most tables, the key
 * for `settings` ('room.currency'), the code for `reason_codes`, and `<goal_id>|<person_id>`,
 * `<review_id>|<code>`, `<goal_id>|<on_date>` for the tables with a composite key.
 */
import type Database from 'better-sqlite3';
import { prepared } from './statements';

/**
 * Every table of the domain schema (0001_initial.sql) whose rows commands write, and therefore undo may
 * restore. Left out on purpose: `activity_events` (append-only: the log undo reads, never rewrites) and the
 * derived `agg_*` tables (their triggers follow every write to these tables, undo's included).
 */
export const UNDOABLE_TABLES = [
  'people',
  'campaigns',
  'lifecycle_stages',
  'leads',
  'lead_transitions',
  'pipeline_stages',
  'reason_codes',
  'deals',
  'glossary_terms',
  'sprints',
  'sprint_goals',
  'sprint_goal_owners',
  'sprint_goal_progress',
  'retrospectives',
  'action_items',
  'lead_reviews',
  'lead_review_reasons',
  'sla_terms',
  'kpis',
  'kpi_targets',
  'meetings',
  'meeting_runs',
  'settings',
] as const;

/** A table undo can restore rows of. */
export type UndoableTable = (typeof UNDOABLE_TABLES)[number];

/** A row as `SELECT *` returns it: snake_case column → value. */
export type DbRow = Record<string, unknown>;

/** A foreign key from a column of one table to a column of another. */
interface ForeignKey {
  table: string;
  column: string;
  parentTable: string;
  parentColumn: string;
}

interface TableShape {
  name: string;
  /** every column, in table order */
  columns: string[];
  /** primary-key columns, in key order */
  key: string[];
  /** this table's foreign keys (single-column ones) */
  parents: ForeignKey[];
}

interface Schema {
  tables: Map<string, TableShape>;
  /** for each table, the foreign keys of any table (whitelisted or not) that point at it */
  children: Map<string, ForeignKey[]>;
}

const schemas = new WeakMap<Database.Database, Schema>();

/** Reads the shapes of the whitelisted tables once per connection (they change only with a migration). */
function schemaOf(db: Database.Database): Schema {
  const cached = schemas.get(db);
  if (cached !== undefined) return cached;
  const allTables = (
    prepared(
      db,
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
    ).all() as {
      name: string;
    }[]
  ).map((row) => row.name);
  const existing = new Set(allTables);
  const tables = new Map<string, TableShape>();
  for (const name of UNDOABLE_TABLES) {
    if (!existing.has(name)) continue;
    // PRAGMA takes no bound parameters; `name` comes from the constant list above, not from input.
    const info = db.pragma(`table_info("${name}")`) as { name: string; pk: number }[];
    tables.set(name, {
      name,
      columns: info.map((column) => column.name),
      key: info
        .filter((column) => column.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((column) => column.name),
      parents: [],
    });
  }
  const children = new Map<string, ForeignKey[]>();
  for (const table of allTables) {
    // `table` comes from sqlite_master; quoting keeps an odd but legal name harmless.
    const keys = db.pragma(`foreign_key_list("${table.replaceAll('"', '""')}")`) as {
      id: number;
      table: string;
      from: string;
      to: string | null;
    }[];
    const byId = new Map<number, typeof keys>();
    for (const key of keys) byId.set(key.id, [...(byId.get(key.id) ?? []), key]);
    for (const parts of byId.values()) {
      // Composite foreign keys do not occur in the schema; a single column is all undo has to check.
      if (parts.length !== 1) continue;
      const part = parts[0]!;
      const parentColumn = part.to ?? tables.get(part.table)?.key[0];
      if (parentColumn === undefined) continue;
      const fk: ForeignKey = { table, column: part.from, parentTable: part.table, parentColumn };
      tables.get(table)?.parents.push(fk);
      children.set(part.table, [...(children.get(part.table) ?? []), fk]);
    }
  }
  const schema = { tables, children };
  schemas.set(db, schema);
  return schema;
}

function shapeOf(db: Database.Database, table: string): TableShape {
  const shape = schemaOf(db).tables.get(table);
  if (shape === undefined) throw new Error(`"${table}" is not a table whose rows can be snapshot or restored`);
  return shape;
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/** Whether `table` is a whitelisted table that exists in this database. */
export function isUndoableTable(db: Database.Database, table: string): table is UndoableTable {
  return schemaOf(db).tables.has(table);
}

/** The column names of a whitelisted table, in table order. */
export function columnsOf(db: Database.Database, table: UndoableTable): readonly string[] {
  return shapeOf(db, table).columns;
}

/** The id of `row` in `table`: its primary-key values joined by '|'. */
export function rowId(db: Database.Database, table: UndoableTable, row: DbRow): string {
  return shapeOf(db, table)
    .key.map((column) => String(row[column]))
    .join('|');
}

/** Splits an id into the table's key values: the first key columns never contain '|', the last may. */
function keyValues(shape: TableShape, id: string): string[] {
  const values: string[] = [];
  let rest = id;
  for (let i = 0; i < shape.key.length - 1; i += 1) {
    const cut = rest.indexOf('|');
    if (cut < 0) throw new Error(`"${id}" is not an id of ${shape.name}: it needs ${shape.key.length} parts`);
    values.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1);
  }
  values.push(rest);
  return values;
}

function whereKey(shape: TableShape): string {
  return shape.key.map((column) => `${quote(column)} = ?`).join(' AND ');
}

/**
 * The whole row of `table` with id `id` (see the module comment for composite ids) exactly as
 * `SELECT *` returns it, soft-deleted rows included; null when there is none. Commands take this
 * snapshot before and after they write (change-journal.ts).
 */
export function rowOf(db: Database.Database, table: UndoableTable, id: string): DbRow | null {
  const shape = shapeOf(db, table);
  const row = prepared(db, `SELECT * FROM ${quote(shape.name)} WHERE ${whereKey(shape)}`).get(
    ...keyValues(shape, id),
  ) as DbRow | undefined;
  return row ?? null;
}

/** Columns of `row` that the table does not have, e.g. from a payload written for an older schema. */
export function unknownColumns(db: Database.Database, table: UndoableTable, row: DbRow): string[] {
  const columns = new Set(shapeOf(db, table).columns);
  return Object.keys(row).filter((key) => !columns.has(key));
}

function checkedColumns(shape: TableShape, row: DbRow): string[] {
  const known = new Set(shape.columns);
  const keys = Object.keys(row);
  const unknown = keys.find((key) => !known.has(key));
  if (unknown !== undefined) throw new Error(`${shape.name} has no column "${unknown}"`);
  return keys;
}

/**
 * Inserts `row` as it is (every key must be a column of the table; columns it lacks take their defaults).
 * Used by undo to bring back a row a command removed.
 */
export function insertRow(db: Database.Database, table: UndoableTable, row: DbRow): void {
  const shape = shapeOf(db, table);
  const columns = checkedColumns(shape, row);
  prepared(
    db,
    `INSERT INTO ${quote(shape.name)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  ).run(...columns.map((column) => row[column]));
}

/**
 * Sets every non-key column present in `row` on the row with id `id`; returns whether a row matched.
 * Used by undo to put a changed row back as it was.
 */
export function updateRow(db: Database.Database, table: UndoableTable, id: string, row: DbRow): boolean {
  const shape = shapeOf(db, table);
  const key = new Set(shape.key);
  const columns = checkedColumns(shape, row).filter((column) => !key.has(column));
  if (columns.length === 0) return rowOf(db, table, id) !== null;
  return (
    prepared(
      db,
      `UPDATE ${quote(shape.name)} SET ${columns.map((column) => `${quote(column)} = ?`).join(', ')}
       WHERE ${whereKey(shape)}`,
    ).run(...columns.map((column) => row[column]), ...keyValues(shape, id)).changes > 0
  );
}

/** Deletes the row with id `id` for good; returns whether it existed. Used by undo to take back an insert. */
export function deleteRow(db: Database.Database, table: UndoableTable, id: string): boolean {
  const shape = shapeOf(db, table);
  return (
    prepared(db, `DELETE FROM ${quote(shape.name)} WHERE ${whereKey(shape)}`).run(...keyValues(shape, id)).changes > 0
  );
}

/** Rows elsewhere that refer to a row, by referring table. */
export interface RowReference {
  table: string;
  count: number;
}

/**
 * Rows of any table (soft-deleted ones and the activity log included) whose foreign keys point at `row` of
 * `table`: a row with any cannot be deleted. `except` leaves out rows that are about to be rewritten too
 * (`{ table, id }` pairs; their new values are checked by the caller), so that undoing the insert of a lead
 * together with its first transition works.
 */
export function referencesTo(
  db: Database.Database,
  table: UndoableTable,
  row: DbRow,
  except: readonly { table: string; id: string }[] = [],
): RowReference[] {
  const schema = schemaOf(db);
  const references: RowReference[] = [];
  for (const fk of schema.children.get(table) ?? []) {
    const value = row[fk.parentColumn];
    if (value === null || value === undefined) continue;
    const childShape = schema.tables.get(fk.table);
    const going = new Set(except.filter((item) => item.table === fk.table).map((item) => item.id));
    let count: number;
    if (childShape === undefined || going.size === 0) {
      count = (
        prepared(db, `SELECT count(*) AS n FROM ${quote(fk.table)} WHERE ${quote(fk.column)} = ?`).get(value) as {
          n: number;
        }
      ).n;
    } else {
      // Few rows refer to one row; read their ids and drop the ones that are being rewritten as well.
      const { key } = childShape;
      const rows = prepared(
        db,
        `SELECT ${key.map(quote).join(', ')} FROM ${quote(fk.table)} WHERE ${quote(fk.column)} = ?`,
      ).all(value) as DbRow[];
      count = rows.filter((child) => !going.has(key.map((column) => String(child[column])).join('|'))).length;
    }
    if (count > 0) {
      const existing = references.find((reference) => reference.table === fk.table);
      if (existing === undefined) references.push({ table: fk.table, count });
      else existing.count += count;
    }
  }
  return references;
}

/** A foreign key of a row and whether the row it points at exists. */
export interface ForeignKeyTarget {
  column: string;
  parentTable: string;
  /** the id of the row pointed at (foreign keys of the schema point at primary keys) */
  parentId: string;
  exists: boolean;
}

/**
 * The rows that `row` (to be written into `table`) points at through its foreign keys, and whether each
 * exists now; null keys point at nothing and are left out. Soft-deleted targets exist (the row stays).
 */
export function foreignKeyTargets(db: Database.Database, table: UndoableTable, row: DbRow): ForeignKeyTarget[] {
  const targets: ForeignKeyTarget[] = [];
  for (const fk of shapeOf(db, table).parents) {
    const value = row[fk.column];
    if (value === null || value === undefined) continue;
    const found = prepared(
      db,
      `SELECT 1 AS found FROM ${quote(fk.parentTable)} WHERE ${quote(fk.parentColumn)} = ? LIMIT 1`,
    ).get(value);
    targets.push({
      column: fk.column,
      parentTable: fk.parentTable,
      parentId: String(value),
      exists: found !== undefined,
    });
  }
  return targets;
}

/**
 * Whether two snapshots of a row hold the same values in the columns `expected` names (a value read back
 * from JSON compares equal to the stored one: numbers by value, text exactly, null as null).
 */
export function sameRow(actual: DbRow | null, expected: DbRow | null): boolean {
  if (actual === null || expected === null) return actual === expected;
  return Object.keys(expected).every((column) => sameValue(actual[column], expected[column]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'bigint' || typeof b === 'bigint') return String(a) === String(b);
  return false;
}
