/**
 * The SQL of CSV import, export and JSON restore: matching imported rows to earlier imports by external id,
 * updating them, and reading or writing whole tables. Table and column names reach the SQL only from the
 * export whitelist (EXPORT_TABLES) and from `PRAGMA table_info`, never from input; values are always bound.
 */
import type Database from 'better-sqlite3';
import type { DealStatus, LeadStage, Team } from '@shared/domain';
import type { ExportTable } from '@shared/import-types';
import { prepared } from './statements';

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
}

/** The deals imported from `source` earlier (soft-deleted ones included), by external id. */
export function importedDeals(db: Database.Database, source: string): Map<string, ImportedDeal> {
  const rows = prepared(
    db,
    `SELECT id, external_id AS externalId, stage_id AS stageId, status, stage_entered_at AS stageEnteredAt,
            lead_id AS leadId
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

/**
 * Adds a deal from an import. Leaner than deals-repository's insertDeal (only the columns a file fills, and
 * nothing built to return): at 100,000 rows the difference shows.
 */
export function insertImportedDeal(db: Database.Database, deal: ImportedDealRow, at: number): void {
  prepared(
    db,
    `INSERT INTO deals (id, title, amount_minor, currency, stage_id, status, closing_rep_id, created_at,
                        stage_entered_at, closed_at, external_source, external_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
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
  );
}

/** What a re-import sets on a deal; its lead, campaign, marketer and close note stay as they are. */
export interface ImportedDealUpdate {
  title: string;
  amountMinor: number;
  currency: string;
  stageId: string;
  status: DealStatus;
  closingRepId: string | null;
  createdAt: number;
  stageEnteredAt: number;
  closedAt: number | null;
}

/** Updates a deal from a re-import; a deal whose outcome changed loses its close reason. */
export function updateImportedDeal(db: Database.Database, id: string, deal: ImportedDealUpdate, at: number): void {
  prepared(
    db,
    `UPDATE deals SET title = @title, amount_minor = @amountMinor, currency = @currency, stage_id = @stageId,
            close_reason = CASE WHEN status = @status THEN close_reason END, status = @status,
            closing_rep_id = @closingRepId, created_at = @createdAt, stage_entered_at = @stageEnteredAt,
            closed_at = @closedAt, updated_at = @at
      WHERE id = @id`,
  ).run({ ...deal, id, at });
}

/** What a re-import sets on a lead; its campaign, marketer and disqualification stay as they are. */
export interface ImportedLeadUpdate {
  name: string;
  company: string | null;
  stage: LeadStage;
  sourceTeam: Team;
  ownerId: string | null;
  leadAt: number;
  mqlAt: number | null;
  sqlAt: number | null;
  opportunityAt: number | null;
  customerAt: number | null;
  /** null keeps a follow-up logged here: the CRM not knowing of one does not undo it */
  firstFollowUpAt: number | null;
}

/** Updates a lead from a re-import. */
export function updateImportedLead(db: Database.Database, id: string, lead: ImportedLeadUpdate, at: number): void {
  prepared(
    db,
    `UPDATE leads SET name = @name, company = @company, stage = @stage, source_team = @sourceTeam,
            owner_id = @ownerId, lead_at = @leadAt, mql_at = @mqlAt, sql_at = @sqlAt,
            opportunity_at = @opportunityAt, customer_at = @customerAt,
            first_follow_up_at = COALESCE(@firstFollowUpAt, first_follow_up_at), updated_at = @at
      WHERE id = @id`,
  ).run({ ...lead, id, at });
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
