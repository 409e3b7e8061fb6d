/**
 * The SQL of CSV import, export and JSON restore: matching imported rows to earlier imports by external id,
 * updating them, and reading or writing whole tables. Table and column names reach the SQL only from the
 * export whitelist (EXPORT_TABLES) and from `PRAGMA table_info`, never from input; values are always bound.
 */
import type Database from 'better-sqlite3';
import type { DealStatus, Team } from '@shared/domain';
import type { ExportTable } from '@shared/import-types';
import { prepared } from './statements';
import { journalRow } from './change-journal';
import type { NewLead } from './leads-repository';

/** A person as the import matches owners: by name or email. */
export interface MatchablePerson {
  id: string;
  name: string;
  email: string | null;
  team: Team;
}

/** Everyone not deleted, with their email. */
export function listMatchablePeople(db: Database.Database): MatchablePerson[] {
  return prepared(
    db,
    `SELECT id, name, email, team FROM people WHERE deleted_at IS NULL ORDER BY id`,
  ).all() as MatchablePerson[];
}

/** A deal an earlier import wrote, with what an update needs to know. */
export interface ImportedDeal {
  id: string;
  externalId: string;
  stageId: string;
  status: DealStatus;
  stageEnteredAt: number;
  /** the lead linked here (an import does not link leads; a person may have) */
  leadId: string | null;
  /** who closed it, as stored */
  closingRepId: string | null;
}

/** The deals imported from `source` earlier (soft-deleted ones included), by external id. */
export function importedDeals(db: Database.Database, source: string): Map<string, ImportedDeal> {
  const rows = prepared(
    db,
    `SELECT id, external_id AS externalId, stage_id AS stageId, status, stage_entered_at AS stageEnteredAt,
            lead_id AS leadId, closing_rep_id AS closingRepId
       FROM deals WHERE external_source = ?`,
  ).all(source) as ImportedDeal[];
  return new Map(rows.map((row) => [row.externalId, row]));
}

/** The leads imported from `source` earlier (soft-deleted ones included): external id → lead id. */
export function importedLeads(db: Database.Database, source: string): Map<string, string> {
  const rows = prepared(db, `SELECT id, external_id AS externalId FROM leads WHERE external_source = ?`).all(
    source,
  ) as {
    id: string;
    externalId: string;
  }[];
  return new Map(rows.map((row) => [row.externalId, row.id]));
}

/** A deal a CSV import adds: what the file says, and where it came from. */
export interface ImportedDealRow {
  id: string;
  title: string;
  amountMinor: number;
  currency: string;
  stageId: string;
  status: DealStatus;
  closingRepId: string | null;
  createdAt: number;
  stageEnteredAt: number;
  closedAt: number | null;
  externalSource: string;
  externalId: string;
}

const DEAL_INSERT_COLUMNS = `(id, title, amount_minor, currency, stage_id, status, closing_rep_id, created_at,
                        stage_entered_at, closed_at, external_source, external_id, updated_at)`;
/** Rows per INSERT statement of {@link ImportedDealWriter}: 13 values each, far below SQLite's 32,766. */
const DEAL_BATCH = 64;

function dealValues(deal: ImportedDealRow, at: number): unknown[] {
  return [
    deal.id,
    deal.title,
    deal.amountMinor,
    deal.currency,
    deal.stageId,
    deal.status,
    deal.closingRepId,
    deal.createdAt,
    deal.stageEnteredAt,
    deal.closedAt,
    deal.externalSource,
    deal.externalId,
    at,
  ];
}

/**
 * Adds the deals of an import, {@link DEAL_BATCH} to a statement: one statement per row costs more in
 * binding and stepping than SQLite takes to store the row. Leaner than deals-repository's insertDeal (only
 * the columns a file fills, nothing built to return). Call {@link ImportedDealWriter.flush} at the end,
 * inside the same transaction.
 */
export class ImportedDealWriter {
  private pending: unknown[] = [];
  private rows = 0;

  constructor(
    private readonly db: Database.Database,
    private readonly at: number,
  ) {}

  /** Queues a deal; a full batch is written at once. */
  add(deal: ImportedDealRow): void {
    journalRow(this.db, 'deals', deal.id);
    this.pending.push(...dealValues(deal, this.at));
    this.rows += 1;
    if (this.rows === DEAL_BATCH) this.flush();
  }

  /** Writes the deals still queued. */
  flush(): void {
    if (this.rows === 0) return;
    const tuple = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
    prepared(this.db, `INSERT INTO deals ${DEAL_INSERT_COLUMNS} VALUES ${Array(this.rows).fill(tuple).join(', ')}`).run(
      this.pending,
    );
    this.pending = [];
    this.rows = 0;
  }
}

/**
 * What a re-import sets on a deal; its lead, campaign, marketer and close note stay as they are. The amount
 * (with its currency) and the closing rep are set only when the file has their columns: a file without them
 * says nothing about them, and a stored amount is never replaced by zero.
 */
export interface ImportedDealUpdate {
  title: string;
  amountMinor?: number;
  currency?: string;
  stageId: string;
  status: DealStatus;
  closingRepId?: string | null;
  createdAt: number;
  stageEnteredAt: number;
  closedAt: number | null;
}

const DEAL_COLUMNS: Record<keyof ImportedDealUpdate, string> = {
  title: 'title',
  amountMinor: 'amount_minor',
  currency: 'currency',
  stageId: 'stage_id',
  status: 'status',
  closingRepId: 'closing_rep_id',
  createdAt: 'created_at',
  stageEnteredAt: 'stage_entered_at',
  closedAt: 'closed_at',
};

/** Updates a deal from a re-import; a deal whose outcome changed loses its close reason. */
export function updateImportedDeal(db: Database.Database, id: string, deal: ImportedDealUpdate, at: number): void {
  journalRow(db, 'deals', id);
  prepared(
    db,
    `UPDATE deals SET close_reason = CASE WHEN status = @status THEN close_reason END,
            ${assignments(DEAL_COLUMNS, deal)}, updated_at = @at
      WHERE id = @id`,
  ).run({ ...deal, id, at });
}

/**
 * What a re-import sets on a lead; its campaign, marketer and disqualification stay as they are. Fields
 * left out are kept: the file has no column for them.
 */
export type ImportedLeadUpdate = Pick<NewLead, 'leadAt'> &
  Partial<
    Pick<
      NewLead,
      'name' | 'company' | 'stage' | 'sourceTeam' | 'ownerId' | 'mqlAt' | 'sqlAt' | 'opportunityAt' | 'customerAt'
    >
  > & {
    /** null keeps a follow-up logged here: the CRM not knowing of one does not undo it */
    firstFollowUpAt?: number | null;
  };

const LEAD_COLUMNS: Record<keyof ImportedLeadUpdate, string> = {
  name: 'name',
  company: 'company',
  stage: 'stage',
  sourceTeam: 'source_team',
  ownerId: 'owner_id',
  leadAt: 'lead_at',
  mqlAt: 'mql_at',
  sqlAt: 'sql_at',
  opportunityAt: 'opportunity_at',
  customerAt: 'customer_at',
  firstFollowUpAt: 'first_follow_up_at',
};

/** Updates a lead from a re-import. */
export function updateImportedLead(db: Database.Database, id: string, lead: ImportedLeadUpdate, at: number): void {
  const sets = assignments(LEAD_COLUMNS, lead).replace(
    'first_follow_up_at = @firstFollowUpAt',
    'first_follow_up_at = COALESCE(@firstFollowUpAt, first_follow_up_at)',
  );
  journalRow(db, 'leads', id);
  prepared(db, `UPDATE leads SET ${sets}, updated_at = @at WHERE id = @id`).run({ ...lead, id, at });
}

/**
 * `column = @key` for each key present in `values`, in the fixed order of `columns`: column names come only
 * from that fixed map, and each set of keys is one cached statement.
 */
function assignments<K extends string>(columns: Record<K, string>, values: Partial<Record<K, unknown>>): string {
  return (Object.keys(columns) as K[])
    .filter((key) => values[key] !== undefined)
    .map((key) => `${columns[key]} = @${key}`)
    .join(', ');
}

const quote = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/** The column names of a table, in table order. */
export function tableColumns(db: Database.Database, table: ExportTable): string[] {
  // PRAGMA takes no bound parameters; `table` is one of the export whitelist's names.
  return (db.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((column) => column.name);
}

/** Every row of a table as `SELECT *` returns it, in primary-key (or insertion) order. */
export function tableRows(db: Database.Database, table: ExportTable): Record<string, unknown>[] {
  return db.prepare(`SELECT * FROM ${quote(table)}`).all() as Record<string, unknown>[];
}

/** How many rows a table has. */
export function countTableRows(db: Database.Database, table: ExportTable): number {
  return (prepared(db, `SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: number }).n;
}

/** Removes every row of a table (the seeded reference tables, before a restore brings its own). */
export function clearTable(db: Database.Database, table: ExportTable): void {
  db.prepare(`DELETE FROM ${quote(table)}`).run();
}

/**
 * Inserts rows into a table; `columns` must be columns of the table (the caller checked them against
 * {@link tableColumns}). Returns how many rows were inserted.
 */
export function insertTableRows(
  db: Database.Database,
  table: ExportTable,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): number {
  const statement = db.prepare(
    `INSERT INTO ${quote(table)} (${columns.map(quote).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  let count = 0;
  for (const row of rows) {
    statement.run(...row);
    count += 1;
  }
  return count;
}

/** Removes settings by key. */
export function deleteSettings(db: Database.Database, keys: readonly string[]): void {
  const statement = prepared(db, 'DELETE FROM settings WHERE key = ?');
  for (const key of keys) statement.run(key);
}
