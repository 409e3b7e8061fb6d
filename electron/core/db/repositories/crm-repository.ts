/**
 * SQL of CRM connections: the connection rows, each object's cursor, the CRM's stages and owners with the
 * mapping the admin confirmed, and the synced rows found by (external_source, external_id).
 */
import type Database from 'better-sqlite3';
import type { CrmVendor, EntryMatch, OwnerTeamRule, SyncObject, UnknownStage } from '@shared/connections';
import type { DealStatus, Team } from '@shared/domain';
import type { DealRecord } from './deals-repository';
import type { Lead } from './leads-repository';
import { prepared } from './statements';

/** A connection's row. */
export interface ConnectionRow {
  vendor: CrmVendor;
  baseUrl: string;
  pollIntervalSec: number;
  objects: SyncObject[];
  paused: boolean;
  stoppedReason: string | null;
  teamRule: OwnerTeamRule;
  mappingConfirmedAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  failingSince: number | null;
  allowance: string | null;
}

interface RawConnection {
  vendor: CrmVendor;
  base_url: string;
  poll_interval_sec: number;
  objects: string;
  paused: number;
  stopped_reason: string | null;
  team_rule: string;
  mapping_confirmed_at: number | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  failing_since: number | null;
  allowance: string | null;
}

function toConnection(row: RawConnection): ConnectionRow {
  return {
    vendor: row.vendor,
    baseUrl: row.base_url,
    pollIntervalSec: row.poll_interval_sec,
    objects: JSON.parse(row.objects) as SyncObject[],
    paused: row.paused === 1,
    stoppedReason: row.stopped_reason,
    teamRule: JSON.parse(row.team_rule) as OwnerTeamRule,
    mappingConfirmedAt: row.mapping_confirmed_at,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    failingSince: row.failing_since,
    allowance: row.allowance,
  };
}

/** Every connection, HubSpot first. */
export function listConnectionRows(db: Database.Database): ConnectionRow[] {
  return (prepared(db, `SELECT * FROM crm_connections ORDER BY vendor`).all() as RawConnection[]).map(toConnection);
}

/** One connection, or undefined. */
export function getConnectionRow(db: Database.Database, vendor: CrmVendor): ConnectionRow | undefined {
  const row = prepared(db, `SELECT * FROM crm_connections WHERE vendor = ?`).get(vendor) as RawConnection | undefined;
  return row === undefined ? undefined : toConnection(row);
}

/** Adds a connection with its defaults. */
export function insertConnectionRow(db: Database.Database, vendor: CrmVendor, baseUrl: string, at: number): void {
  prepared(db, `INSERT INTO crm_connections (vendor, base_url, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(
    vendor,
    baseUrl,
    at,
    at,
  );
}

/** The columns of a connection that change. */
export type ConnectionPatch = Partial<Omit<ConnectionRow, 'vendor'>>;

const PATCH_COLUMNS: Record<keyof ConnectionPatch, string> = {
  baseUrl: 'base_url',
  pollIntervalSec: 'poll_interval_sec',
  objects: 'objects',
  paused: 'paused',
  stoppedReason: 'stopped_reason',
  teamRule: 'team_rule',
  mappingConfirmedAt: 'mapping_confirmed_at',
  lastSuccessAt: 'last_success_at',
  lastError: 'last_error',
  lastErrorAt: 'last_error_at',
  failingSince: 'failing_since',
  allowance: 'allowance',
};

/** Changes the given columns of a connection. */
export function updateConnectionRow(
  db: Database.Database,
  vendor: CrmVendor,
  patch: ConnectionPatch,
  at: number,
): void {
  const keys = (Object.keys(patch) as (keyof ConnectionPatch)[]).filter((key) => patch[key] !== undefined);
  if (keys.length === 0) return;
  const values = keys.map((key) => {
    const value = patch[key];
    if (key === 'objects' || key === 'teamRule') return JSON.stringify(value);
    if (key === 'paused') return value ? 1 : 0;
    return value;
  });
  // Column names come from PATCH_COLUMNS, never from the caller.
  prepared(
    db,
    `UPDATE crm_connections SET ${keys.map((key) => `${PATCH_COLUMNS[key]} = ?`).join(', ')}, updated_at = ? WHERE vendor = ?`,
  ).run(...values, at, vendor);
}

/** Forgets a connection and everything about it that is not a synced record. */
export function deleteConnectionRows(db: Database.Database, vendor: CrmVendor): void {
  for (const table of ['crm_sync_objects', 'crm_stages', 'crm_unknown_stage_deals', 'crm_owners', 'crm_connections']) {
    prepared(db, `DELETE FROM ${table} WHERE vendor = ?`).run(vendor);
  }
}

/** Where one kind of record of a connection stands. */
export interface SyncObjectRow {
  object: SyncObject;
  cursorMs: number | null;
  resumeToken: string | null;
  fullStartedAt: number | null;
  initialDone: boolean;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  /** when records deleted in the CRM were last looked for */
  deletionsCheckedAt: number | null;
}

interface RawSyncObject {
  object: SyncObject;
  cursor_ms: number | null;
  resume_token: string | null;
  full_started_at: number | null;
  initial_done: number;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  deletions_checked_at: number | null;
}

/** Every object state of a connection. */
export function listSyncObjects(db: Database.Database, vendor: CrmVendor): SyncObjectRow[] {
  const rows = prepared(db, `SELECT * FROM crm_sync_objects WHERE vendor = ?`).all(vendor) as RawSyncObject[];
  return rows.map((row) => ({
    object: row.object,
    cursorMs: row.cursor_ms,
    resumeToken: row.resume_token,
    fullStartedAt: row.full_started_at,
    initialDone: row.initial_done === 1,
    lastSuccessAt: row.last_success_at,
    lastError: row.last_error,
    lastErrorAt: row.last_error_at,
    deletionsCheckedAt: row.deletions_checked_at,
  }));
}

/** One object's state; a fresh one before its first sync. */
export function getSyncObject(db: Database.Database, vendor: CrmVendor, object: SyncObject): SyncObjectRow {
  return (
    listSyncObjects(db, vendor).find((row) => row.object === object) ?? {
      object,
      cursorMs: null,
      resumeToken: null,
      fullStartedAt: null,
      initialDone: false,
      lastSuccessAt: null,
      lastError: null,
      lastErrorAt: null,
      deletionsCheckedAt: null,
    }
  );
}

/** Stores an object's state. */
export function saveSyncObject(db: Database.Database, vendor: CrmVendor, row: SyncObjectRow): void {
  prepared(
    db,
    `INSERT INTO crm_sync_objects (vendor, object, cursor_ms, resume_token, full_started_at, initial_done,
                                   last_success_at, last_error, last_error_at, deletions_checked_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (vendor, object) DO UPDATE SET cursor_ms = excluded.cursor_ms, resume_token = excluded.resume_token,
       full_started_at = excluded.full_started_at, initial_done = excluded.initial_done,
       last_success_at = excluded.last_success_at, last_error = excluded.last_error,
       last_error_at = excluded.last_error_at, deletions_checked_at = excluded.deletions_checked_at`,
  ).run(
    vendor,
    row.object,
    row.cursorMs,
    row.resumeToken,
    row.fullStartedAt,
    row.initialDone ? 1 : 0,
    row.lastSuccessAt,
    row.lastError,
    row.lastErrorAt,
    row.deletionsCheckedAt,
  );
}

/** Starts an object over: the next sync reads it in full again, as history. */
export function resetSyncObject(db: Database.Database, vendor: CrmVendor, object: SyncObject): void {
  prepared(
    db,
    `UPDATE crm_sync_objects SET cursor_ms = NULL, resume_token = NULL, full_started_at = NULL, initial_done = 0
     WHERE vendor = ? AND object = ?`,
  ).run(vendor, object);
}

/** A CRM stage with the wall stage it maps to (null: not mapped). */
export interface CrmStageRow {
  crmStageId: string;
  label: string;
  pipelineLabel: string;
  position: number;
  probability: number | null;
  isClosed: boolean;
  isWon: boolean;
  stageId: string | null;
}

/** The CRM's stages as last read, in pipeline order. */
export function listCrmStages(db: Database.Database, vendor: CrmVendor): CrmStageRow[] {
  const rows = prepared(
    db,
    `SELECT crm_stage_id, label, pipeline_label, position, probability, is_closed, is_won, stage_id
     FROM crm_stages WHERE vendor = ? ORDER BY pipeline_label, position, crm_stage_id`,
  ).all(vendor) as {
    crm_stage_id: string;
    label: string;
    pipeline_label: string;
    position: number;
    probability: number | null;
    is_closed: number;
    is_won: number;
    stage_id: string | null;
  }[];
  return rows.map((row) => ({
    crmStageId: row.crm_stage_id,
    label: row.label,
    pipelineLabel: row.pipeline_label,
    position: row.position,
    probability: row.probability,
    isClosed: row.is_closed === 1,
    isWon: row.is_won === 1,
    stageId: row.stage_id,
  }));
}

/** Stores a CRM stage's metadata, keeping the wall stage it is mapped to. */
export function upsertCrmStage(db: Database.Database, vendor: CrmVendor, stage: Omit<CrmStageRow, 'stageId'>): void {
  prepared(
    db,
    `INSERT INTO crm_stages (vendor, crm_stage_id, label, pipeline_label, position, probability, is_closed, is_won)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (vendor, crm_stage_id) DO UPDATE SET label = excluded.label, pipeline_label = excluded.pipeline_label,
       position = excluded.position, probability = excluded.probability, is_closed = excluded.is_closed,
       is_won = excluded.is_won`,
  ).run(
    vendor,
    stage.crmStageId,
    stage.label,
    stage.pipelineLabel,
    stage.position,
    stage.probability,
    stage.isClosed ? 1 : 0,
    stage.isWon ? 1 : 0,
  );
}

/** Maps a CRM stage to a wall stage. */
export function setCrmStageMapping(
  db: Database.Database,
  vendor: CrmVendor,
  crmStageId: string,
  stageId: string,
): void {
  prepared(db, `UPDATE crm_stages SET stage_id = ? WHERE vendor = ? AND crm_stage_id = ?`).run(
    stageId,
    vendor,
    crmStageId,
  );
}

/** The wall stage (id, kind) a CRM stage maps to, or undefined when it is not mapped. */
export function mappedStage(
  db: Database.Database,
  vendor: CrmVendor,
  crmStageId: string,
): { id: string; kind: DealStatus } | undefined {
  return prepared(
    db,
    `SELECT p.id, p.kind FROM crm_stages c JOIN pipeline_stages p ON p.id = c.stage_id
     WHERE c.vendor = ? AND c.crm_stage_id = ?`,
  ).get(vendor, crmStageId) as { id: string; kind: DealStatus } | undefined;
}

/** A CRM stage's label as last read, or its id when its metadata was never read. */
export function crmStageLabel(db: Database.Database, vendor: CrmVendor, crmStageId: string): string {
  const row = prepared(db, `SELECT label FROM crm_stages WHERE vendor = ? AND crm_stage_id = ?`).get(
    vendor,
    crmStageId,
  ) as { label: string } | undefined;
  return row?.label ?? crmStageId;
}

/** Notes a deal left off the wall because its stage is not mapped. */
export function noteUnknownStageDeal(
  db: Database.Database,
  vendor: CrmVendor,
  deal: { crmStageId: string; crmDealId: string; label: string },
  at: number,
): void {
  prepared(
    db,
    `INSERT INTO crm_unknown_stage_deals (vendor, crm_stage_id, crm_deal_id, label, first_seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (vendor, crm_deal_id) DO UPDATE SET crm_stage_id = excluded.crm_stage_id, label = excluded.label`,
  ).run(vendor, deal.crmStageId, deal.crmDealId, deal.label, at);
}

/** Forgets that a deal was in an unknown stage (it moved to a mapped one, or was deleted). */
export function clearUnknownStageDeal(db: Database.Database, vendor: CrmVendor, crmDealId: string): void {
  prepared(db, `DELETE FROM crm_unknown_stage_deals WHERE vendor = ? AND crm_deal_id = ?`).run(vendor, crmDealId);
}

/** Forgets every unknown-stage note of a connection (before a full re-read). */
export function clearUnknownStages(db: Database.Database, vendor: CrmVendor): void {
  prepared(db, `DELETE FROM crm_unknown_stage_deals WHERE vendor = ?`).run(vendor);
}

/** The unknown stages with how many deals wait in each. */
export function listUnknownStages(db: Database.Database, vendor: CrmVendor): UnknownStage[] {
  return prepared(
    db,
    `SELECT crm_stage_id AS crmStageId, max(label) AS label, count(*) AS deals, min(first_seen_at) AS firstSeenAt
     FROM crm_unknown_stage_deals WHERE vendor = ? GROUP BY crm_stage_id ORDER BY crm_stage_id`,
  ).all(vendor) as UnknownStage[];
}

/** A CRM owner and the person they are. */
export interface CrmOwnerRow {
  crmOwnerId: string;
  name: string;
  email: string | null;
  crmTeams: string[];
  personId: string | null;
}

/** Every CRM owner of a connection, by name. */
export function listCrmOwners(db: Database.Database, vendor: CrmVendor): CrmOwnerRow[] {
  const rows = prepared(
    db,
    `SELECT crm_owner_id, name, email, crm_teams, person_id FROM crm_owners WHERE vendor = ? ORDER BY name, crm_owner_id`,
  ).all(vendor) as {
    crm_owner_id: string;
    name: string;
    email: string | null;
    crm_teams: string;
    person_id: string | null;
  }[];
  return rows.map((row) => ({
    crmOwnerId: row.crm_owner_id,
    name: row.name,
    email: row.email,
    crmTeams: JSON.parse(row.crm_teams) as string[],
    personId: row.person_id,
  }));
}

/** Stores a CRM owner's details, keeping the person they are matched to. */
export function upsertCrmOwner(
  db: Database.Database,
  vendor: CrmVendor,
  owner: { crmOwnerId: string; name: string; email: string | null; crmTeams: string[] },
): void {
  prepared(
    db,
    `INSERT INTO crm_owners (vendor, crm_owner_id, name, email, crm_teams) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (vendor, crm_owner_id) DO UPDATE SET name = excluded.name, email = excluded.email,
       crm_teams = excluded.crm_teams`,
  ).run(vendor, owner.crmOwnerId, owner.name, owner.email, JSON.stringify(owner.crmTeams));
}

/** Matches a CRM owner to a person. */
export function setCrmOwnerPerson(
  db: Database.Database,
  vendor: CrmVendor,
  crmOwnerId: string,
  personId: string,
): void {
  prepared(db, `UPDATE crm_owners SET person_id = ? WHERE vendor = ? AND crm_owner_id = ?`).run(
    personId,
    vendor,
    crmOwnerId,
  );
}

/** The person a CRM owner is, or null. */
export function ownerPerson(db: Database.Database, vendor: CrmVendor, crmOwnerId: string): string | null {
  const row = prepared(db, `SELECT person_id FROM crm_owners WHERE vendor = ? AND crm_owner_id = ?`).get(
    vendor,
    crmOwnerId,
  ) as { person_id: string | null } | undefined;
  return row?.person_id ?? null;
}

/** A person (not deleted) with this email, compared case-insensitively; the oldest when several share it. */
export function findPersonByEmail(
  db: Database.Database,
  email: string,
): { id: string; name: string; team: Team } | undefined {
  return prepared(
    db,
    `SELECT id, name, team FROM people WHERE deleted_at IS NULL AND email IS NOT NULL AND lower(trim(email)) = lower(trim(?))
     ORDER BY created_at, id LIMIT 1`,
  ).get(email) as { id: string; name: string; team: Team } | undefined;
}

/** A synced row's local id, its CRM last-modified time and whether it is deleted. */
export interface SyncedRef {
  id: string;
  externalModifiedAt: number | null;
  deleted: boolean;
}

type SyncedTable = 'deals' | 'leads' | 'campaigns' | 'people';

/** The local row that holds a CRM record, deleted or not. */
export function findSynced(
  db: Database.Database,
  table: SyncedTable,
  source: CrmVendor,
  externalId: string,
): SyncedRef | undefined {
  const row = prepared(
    db,
    `SELECT id, external_modified_at, deleted_at FROM ${table} WHERE external_source = ? AND external_id = ?`,
  ).get(source, externalId) as
    { id: string; external_modified_at: number | null; deleted_at: number | null } | undefined;
  return row === undefined
    ? undefined
    : { id: row.id, externalModifiedAt: row.external_modified_at, deleted: row.deleted_at !== null };
}

/** Stamps a row with its CRM identity and last-modified time, and brings it back if it was deleted. */
export function stampSynced(
  db: Database.Database,
  table: SyncedTable,
  id: string,
  source: CrmVendor,
  externalId: string,
  modifiedAt: number,
): void {
  prepared(
    db,
    `UPDATE ${table} SET external_source = ?, external_id = ?, external_modified_at = ?, deleted_at = NULL WHERE id = ?`,
  ).run(source, externalId, modifiedAt, id);
}

/** Soft-deletes the rows of CRM records deleted there; returns how many were on the wall. */
export function softDeleteSynced(
  db: Database.Database,
  table: 'deals' | 'leads',
  source: CrmVendor,
  externalIds: string[],
  at: number,
): string[] {
  const removed: string[] = [];
  const statement = prepared(
    db,
    `UPDATE ${table} SET deleted_at = ?, updated_at = ? WHERE external_source = ? AND external_id = ? AND deleted_at IS NULL
     RETURNING id`,
  );
  for (const externalId of externalIds) {
    const row = statement.get(at, at, source, externalId) as { id: string } | undefined;
    if (row !== undefined) removed.push(row.id);
  }
  return removed;
}

/** The leads (ids) that the source's deals of `externalIds` are linked to. */
export function leadsOfSyncedDeals(db: Database.Database, source: CrmVendor, externalIds: string[]): string[] {
  const statement = prepared(
    db,
    'SELECT lead_id FROM deals WHERE external_source = ? AND external_id = ? AND lead_id IS NOT NULL',
  ).pluck();
  return externalIds.flatMap((externalId) => statement.all(source, externalId) as string[]);
}

/** How many rows of a table a source holds on the wall. */
export function countSynced(db: Database.Database, table: SyncedTable, source: CrmVendor): number {
  return (
    prepared(db, `SELECT count(*) AS n FROM ${table} WHERE external_source = ? AND deleted_at IS NULL`).get(source) as {
      n: number;
    }
  ).n;
}

/** The lifecycle and detail columns a sync writes on a lead (local columns such as follow-ups are left alone). */
export type SyncedLeadFields = Omit<Lead, 'id' | 'firstFollowUpAt' | 'createdAt' | 'updatedAt'>;

/** Writes a synced lead's CRM-owned columns. */
export function updateSyncedLead(db: Database.Database, id: string, fields: SyncedLeadFields, at: number): void {
  prepared(
    db,
    `UPDATE leads SET name = ?, company = ?, stage = ?, source_team = ?, campaign_id = ?, marketer_id = ?, owner_id = ?,
       lead_at = ?, mql_at = ?, sql_at = ?, opportunity_at = ?, customer_at = ?, disqualified_at = ?,
       disqualified_reason = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    fields.name,
    fields.company,
    fields.stage,
    fields.sourceTeam,
    fields.campaignId,
    fields.marketerId,
    fields.ownerId,
    fields.leadAt,
    fields.mqlAt,
    fields.sqlAt,
    fields.opportunityAt,
    fields.customerAt,
    fields.disqualifiedAt,
    fields.disqualifiedReason,
    at,
    id,
  );
}

/** The columns a sync writes on a deal (a close reason code chosen here stays). */
export type SyncedDealFields = Omit<DealRecord, 'id' | 'createdAt' | 'closeReason' | 'updatedAt'>;

/** Writes a synced deal's CRM-owned columns (a local close reason code stays while the deal stays closed). */
export function updateSyncedDeal(db: Database.Database, id: string, fields: SyncedDealFields, at: number): void {
  prepared(
    db,
    `UPDATE deals SET title = ?, lead_id = ?, amount_minor = ?, currency = ?, stage_id = ?, status = ?, closing_rep_id = ?,
       sourcing_marketer_id = ?, campaign_id = ?, stage_entered_at = ?, closed_at = ?, close_note = ?,
       close_reason = CASE WHEN ? = 'open' THEN NULL ELSE close_reason END, updated_at = ?
     WHERE id = ?`,
  ).run(
    fields.title,
    fields.leadId,
    fields.amountMinor,
    fields.currency,
    fields.stageId,
    fields.status,
    fields.closingRepId,
    fields.sourcingMarketerId,
    fields.campaignId,
    fields.stageEnteredAt,
    fields.closedAt,
    fields.closeNote,
    fields.status,
    at,
    id,
  );
}

/**
 * An entered deal (no CRM identity, not deleted) with the same title, amount and currency as a CRM deal:
 * the one a sync adopts instead of adding a second copy. The oldest when several match.
 */
export function findEnteredTwin(
  db: Database.Database,
  deal: { title: string; amountMinor: number; currency: string },
): string | undefined {
  const row = prepared(
    db,
    `SELECT id FROM deals WHERE external_source IS NULL AND deleted_at IS NULL AND lower(trim(title)) = lower(trim(?))
       AND amount_minor = ? AND currency = ? ORDER BY created_at, id LIMIT 1`,
  ).get(deal.title, deal.amountMinor, deal.currency) as { id: string } | undefined;
  return row?.id;
}

/** Entered deals whose title matches a synced deal of `source` (their amounts differ, or they would be linked). */
export function listEnteredLookalikes(db: Database.Database, source: CrmVendor, limit: number): EntryMatch[] {
  return prepared(
    db,
    `SELECT e.id AS enteredDealId, e.title AS enteredTitle, e.amount_minor AS enteredAmountMinor, s.id AS syncedDealId,
            s.title AS syncedTitle, s.amount_minor AS syncedAmountMinor, s.currency AS currency
     FROM deals e JOIN deals s ON lower(trim(s.title)) = lower(trim(e.title)) AND s.external_source = ?
     WHERE e.external_source IS NULL AND e.deleted_at IS NULL AND s.deleted_at IS NULL
     ORDER BY e.created_at, e.id LIMIT ?`,
  ).all(source, limit) as never;
}

/** Marks an entered deal deleted: a synced deal replaces it. */
export function deleteDealRow(db: Database.Database, id: string, at: number): void {
  prepared(db, `UPDATE deals SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`).run(at, at, id);
}

/**
 * Makes an entered deal the synced one: it takes the synced deal's CRM identity and CRM-owned columns (so
 * the CRM stays the source), keeps its own id and its lead when the CRM names none; the synced copy goes.
 */
export function adoptSyncedIdentity(db: Database.Database, enteredId: string, syncedId: string, at: number): void {
  const synced = prepared(db, `SELECT * FROM deals WHERE id = ?`).get(syncedId) as Record<string, unknown>;
  prepared(
    db,
    `UPDATE deals SET external_source = NULL, external_id = NULL, deleted_at = ?, updated_at = ? WHERE id = ?`,
  ).run(at, at, syncedId);
  prepared(
    db,
    `UPDATE deals SET title = ?, amount_minor = ?, currency = ?, stage_id = ?, status = ?, closing_rep_id = ?,
       sourcing_marketer_id = ?, campaign_id = ?, lead_id = coalesce(?, lead_id), stage_entered_at = ?, closed_at = ?,
       close_note = ?, external_source = ?, external_id = ?, external_modified_at = ?, updated_at = ?
     WHERE id = ?`,
  ).run(
    synced.title,
    synced.amount_minor,
    synced.currency,
    synced.stage_id,
    synced.status,
    synced.closing_rep_id,
    synced.sourcing_marketer_id,
    synced.campaign_id,
    synced.lead_id,
    synced.stage_entered_at,
    synced.closed_at,
    synced.close_note,
    synced.external_source,
    synced.external_id,
    synced.external_modified_at,
    at,
    enteredId,
  );
}

/** The CRM source of a deal that is not deleted (null: entered here), or undefined when there is none. */
export function dealSource(db: Database.Database, id: string): { source: string | null } | undefined {
  const row = prepared(db, `SELECT external_source FROM deals WHERE id = ? AND deleted_at IS NULL`).get(id) as
    { external_source: string | null } | undefined;
  return row === undefined ? undefined : { source: row.external_source };
}

/** The campaigns a source created, with how many of its leads and deals name each. */
export function listSyncedCampaigns(
  db: Database.Database,
  source: CrmVendor,
): { crmId: string; name: string; records: number }[] {
  return prepared(
    db,
    `SELECT c.external_id AS crmId, c.name AS name,
            (SELECT count(*) FROM leads l WHERE l.campaign_id = c.id AND l.deleted_at IS NULL)
            + (SELECT count(*) FROM deals d WHERE d.campaign_id = c.id AND d.deleted_at IS NULL) AS records
     FROM campaigns c WHERE c.external_source = ? AND c.deleted_at IS NULL ORDER BY c.name`,
  ).all(source) as { crmId: string; name: string; records: number }[];
}

/**
 * Which of these rows a connected CRM keeps (synced, not just imported from its CSV export, and its
 * connection still there): id → vendor. Rows left out are the room's own.
 */
export function syncedSources(
  db: Database.Database,
  table: 'deals' | 'leads',
  ids: readonly string[],
): Map<string, CrmVendor> {
  if (ids.length === 0) return new Map();
  const rows = prepared(
    db,
    `SELECT id, external_source FROM ${table}
     WHERE id IN (SELECT value FROM json_each(?)) AND external_modified_at IS NOT NULL
       AND external_source IN (SELECT vendor FROM crm_connections)`,
  ).all(JSON.stringify(ids)) as { id: string; external_source: CrmVendor }[];
  return new Map(rows.map((row) => [row.id, row.external_source]));
}
