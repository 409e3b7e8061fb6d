import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { LeadStage, Team } from '@shared/domain';
import { prepared } from './statements';
import { journalRow } from './change-journal';
import { softDeleteLiveRow, updateLiveRow } from './live-rows';

/** A lead and where it is in the lifecycle (METRICS: every stage entry is stored with its time). */
export interface Lead {
  id: string;
  name: string;
  company: string | null;
  /** latest reached stage, or 'disqualified' */
  stage: LeadStage;
  sourceTeam: Team;
  campaignId: string | null;
  marketerId: string | null;
  /** the sales rep who must follow up */
  ownerId: string | null;
  leadAt: number;
  mqlAt: number | null;
  sqlAt: number | null;
  opportunityAt: number | null;
  customerAt: number | null;
  disqualifiedAt: number | null;
  disqualifiedReason: string | null;
  firstFollowUpAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A lead to add; `id` defaults to a new UUIDv7, stage times default to null. */
export interface NewLead {
  id?: string;
  name: string;
  company?: string | null;
  stage: LeadStage;
  sourceTeam: Team;
  campaignId?: string | null;
  marketerId?: string | null;
  ownerId?: string | null;
  leadAt: number;
  mqlAt?: number | null;
  sqlAt?: number | null;
  opportunityAt?: number | null;
  customerAt?: number | null;
  disqualifiedAt?: number | null;
  disqualifiedReason?: string | null;
  firstFollowUpAt?: number | null;
  externalSource?: string | null;
  externalId?: string | null;
}

/** The lifecycle columns a command may change on an existing lead. */
export type LeadLifecyclePatch = Partial<
  Pick<
    NewLead,
    | 'stage'
    | 'ownerId'
    | 'mqlAt'
    | 'sqlAt'
    | 'opportunityAt'
    | 'customerAt'
    | 'disqualifiedAt'
    | 'disqualifiedReason'
    | 'firstFollowUpAt'
  >
>;

/** One lifecycle transition (the leads row keeps only the first entry per stage). */
export interface LeadTransition {
  id: string;
  leadId: string;
  fromStage: LeadStage | null;
  toStage: LeadStage;
  at: number;
  actorId: string | null;
}

interface LeadRow {
  id: string;
  name: string;
  company: string | null;
  stage: LeadStage;
  source_team: Team;
  campaign_id: string | null;
  marketer_id: string | null;
  owner_id: string | null;
  lead_at: number;
  mql_at: number | null;
  sql_at: number | null;
  opportunity_at: number | null;
  customer_at: number | null;
  disqualified_at: number | null;
  disqualified_reason: string | null;
  first_follow_up_at: number | null;
  created_at: number;
  updated_at: number;
}

function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    name: row.name,
    company: row.company,
    stage: row.stage,
    sourceTeam: row.source_team,
    campaignId: row.campaign_id,
    marketerId: row.marketer_id,
    ownerId: row.owner_id,
    leadAt: row.lead_at,
    mqlAt: row.mql_at,
    sqlAt: row.sql_at,
    opportunityAt: row.opportunity_at,
    customerAt: row.customer_at,
    disqualifiedAt: row.disqualified_at,
    disqualifiedReason: row.disqualified_reason,
    firstFollowUpAt: row.first_follow_up_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Adds a lead; `at` is its created/updated time. */
export function insertLead(db: Database.Database, lead: NewLead, at: number): Lead {
  const row: LeadRow = {
    id: lead.id ?? uuidv7(),
    name: lead.name,
    company: lead.company ?? null,
    stage: lead.stage,
    source_team: lead.sourceTeam,
    campaign_id: lead.campaignId ?? null,
    marketer_id: lead.marketerId ?? null,
    owner_id: lead.ownerId ?? null,
    lead_at: lead.leadAt,
    mql_at: lead.mqlAt ?? null,
    sql_at: lead.sqlAt ?? null,
    opportunity_at: lead.opportunityAt ?? null,
    customer_at: lead.customerAt ?? null,
    disqualified_at: lead.disqualifiedAt ?? null,
    disqualified_reason: lead.disqualifiedReason ?? null,
    first_follow_up_at: lead.firstFollowUpAt ?? null,
    created_at: at,
    updated_at: at,
  };
  journalRow(db, 'leads', row.id);
  prepared(
    db,
    `INSERT INTO leads (id, name, company, stage, source_team, campaign_id, marketer_id, owner_id, lead_at, mql_at,
                        sql_at, opportunity_at, customer_at, disqualified_at, disqualified_reason, first_follow_up_at,
                        external_source, external_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.id,
    row.name,
    row.company,
    row.stage,
    row.source_team,
    row.campaign_id,
    row.marketer_id,
    row.owner_id,
    row.lead_at,
    row.mql_at,
    row.sql_at,
    row.opportunity_at,
    row.customer_at,
    row.disqualified_at,
    row.disqualified_reason,
    row.first_follow_up_at,
    lead.externalSource ?? null,
    lead.externalId ?? null,
    row.created_at,
    row.updated_at,
  );
  return toLead(row);
}

/** One lead that is not deleted, or undefined. */
export function getLead(db: Database.Database, id: string): Lead | undefined {
  const row = prepared(db, `SELECT * FROM leads WHERE id = ? AND deleted_at IS NULL`).get(id) as LeadRow | undefined;
  return row === undefined ? undefined : toLead(row);
}

/** How many leads exist. */
export function countLeads(db: Database.Database): number {
  return (prepared(db, `SELECT count(*) AS n FROM leads`).get() as { n: number }).n;
}

// Whitelist: patch keys map to these columns only, so the dynamic SET list can never carry user text.
const PATCH_COLUMNS: Record<keyof LeadLifecyclePatch, string> = {
  stage: 'stage',
  ownerId: 'owner_id',
  mqlAt: 'mql_at',
  sqlAt: 'sql_at',
  opportunityAt: 'opportunity_at',
  customerAt: 'customer_at',
  disqualifiedAt: 'disqualified_at',
  disqualifiedReason: 'disqualified_reason',
  firstFollowUpAt: 'first_follow_up_at',
};

/** Changes lifecycle columns of a lead; returns whether a row changed. Keys left undefined are untouched. */
export function updateLeadLifecycle(db: Database.Database, id: string, patch: LeadLifecyclePatch, at: number): boolean {
  const keys = (Object.keys(PATCH_COLUMNS) as (keyof LeadLifecyclePatch)[]).filter((key) => patch[key] !== undefined);
  const columns = Object.fromEntries(keys.map((key) => [PATCH_COLUMNS[key], patch[key] ?? null]));
  return updateLiveRow(db, 'leads', id, columns, at);
}

/**
 * Makes a lead a customer at `at` unless it already is one (METRICS: a lead becomes a customer when its
 * first deal is won). Returns whether it changed.
 */
export function markLeadCustomer(db: Database.Database, id: string, at: number): boolean {
  journalRow(db, 'leads', id);
  const result = prepared(
    db,
    `UPDATE leads SET stage = 'customer', customer_at = ?, updated_at = ?
     WHERE id = ? AND customer_at IS NULL AND deleted_at IS NULL`,
  ).run(at, at, id);
  return result.changes > 0;
}

/** A transition to add; `id` defaults to a new UUIDv7. */
export type NewLeadTransition = Omit<LeadTransition, 'id' | 'actorId'> & { id?: string; actorId?: string | null };

/** Records one lifecycle transition. */
export function insertLeadTransition(db: Database.Database, transition: NewLeadTransition): LeadTransition {
  const row: LeadTransition = {
    id: transition.id ?? uuidv7(),
    leadId: transition.leadId,
    fromStage: transition.fromStage,
    toStage: transition.toStage,
    at: transition.at,
    actorId: transition.actorId ?? null,
  };
  journalRow(db, 'lead_transitions', row.id);
  prepared(
    db,
    `INSERT INTO lead_transitions (id, lead_id, from_stage, to_stage, at, actor_id) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(row.id, row.leadId, row.fromStage, row.toStage, row.at, row.actorId);
  return row;
}

/** A lead's transitions in time order. */
export function listLeadTransitions(db: Database.Database, leadId: string): LeadTransition[] {
  const rows = prepared(
    db,
    `SELECT id, lead_id, from_stage, to_stage, at, actor_id FROM lead_transitions WHERE lead_id = ? ORDER BY at, id`,
  ).all(leadId) as {
    id: string;
    lead_id: string;
    from_stage: LeadStage | null;
    to_stage: LeadStage;
    at: number;
    actor_id: string | null;
  }[];
  return rows.map((row) => ({
    id: row.id,
    leadId: row.lead_id,
    fromStage: row.from_stage,
    toStage: row.to_stage,
    at: row.at,
    actorId: row.actor_id,
  }));
}

/** What the lead form edits (the lifecycle moves through {@link updateLeadLifecycle}). */
export interface LeadDetails {
  name: string;
  company: string | null;
  sourceTeam: Team;
  campaignId: string | null;
  marketerId: string | null;
  ownerId: string | null;
}

/** Changes a lead's details; returns whether a lead that is not deleted matched. */
export function updateLeadDetails(db: Database.Database, id: string, fields: LeadDetails, at: number): boolean {
  const columns = {
    name: fields.name,
    company: fields.company,
    source_team: fields.sourceTeam,
    campaign_id: fields.campaignId,
    marketer_id: fields.marketerId,
    owner_id: fields.ownerId,
  };
  return updateLiveRow(db, 'leads', id, columns, at);
}

/** Marks a lead deleted (soft: its deals and reviews keep pointing at it); returns whether it changed. */
export function softDeleteLead(db: Database.Database, id: string, at: number): boolean {
  return softDeleteLiveRow(db, 'leads', id, at);
}

/**
 * Leads not deleted, newest arrival first, optionally only those in one stage and those whose name or
 * company contains `search` (case-insensitive for ASCII letters; `%` and `_` match themselves).
 */
export function listLeads(
  db: Database.Database,
  options: { stage?: LeadStage; search?: string; limit: number },
): Lead[] {
  const search = options.search?.trim() ?? '';
  const pattern = search === '' ? null : `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = prepared(
    db,
    `SELECT * FROM leads
     WHERE deleted_at IS NULL
       AND (@stage IS NULL OR stage = @stage)
       AND (@pattern IS NULL OR name LIKE @pattern ESCAPE '\\' OR company LIKE @pattern ESCAPE '\\')
     ORDER BY lead_at DESC, id DESC LIMIT @limit`,
  ).all({ stage: options.stage ?? null, pattern, limit: options.limit }) as LeadRow[];
  return rows.map(toLead);
}

/** A lead with the names a reviewer reads beside it. */
export interface LeadWithNames extends Lead {
  campaignName: string | null;
  ownerName: string | null;
}

/**
 * Leads not deleted that arrived in [from, to) (`lead_at`), oldest first, with their campaign's and owner's
 * names (deleted campaigns and people still name themselves), at most `limit` of them.
 */
export function listLeadsArrivedBetween(
  db: Database.Database,
  from: number,
  to: number,
  limit: number,
): LeadWithNames[] {
  const rows = prepared(
    db,
    `SELECT l.*, c.name AS campaign_name, p.name AS owner_name
       FROM leads l
       LEFT JOIN campaigns c ON c.id = l.campaign_id
       LEFT JOIN people p ON p.id = l.owner_id
      WHERE l.deleted_at IS NULL AND l.lead_at >= ? AND l.lead_at < ?
      ORDER BY l.lead_at, l.id LIMIT ?`,
  ).all(from, to, limit) as (LeadRow & { campaign_name: string | null; owner_name: string | null })[];
  return rows.map((row) => ({ ...toLead(row), campaignName: row.campaign_name, ownerName: row.owner_name }));
}

/** A lead's customer state as its won deals decide it. */
export interface WonDealCustomerState {
  /** close time of the lead's earliest won deal (not deleted), or null when it has none */
  firstWonAt: number | null;
  /** the id of that deal, or null */
  firstWonDealId: string | null;
}

/** The customer state a lead's won deals (not deleted) give it: the earliest one's close time. */
export function wonDealCustomerState(db: Database.Database, leadId: string): WonDealCustomerState {
  const row = prepared(
    db,
    `SELECT id, closed_at FROM deals
      WHERE lead_id = ? AND status = 'won' AND deleted_at IS NULL AND closed_at IS NOT NULL
      ORDER BY closed_at, id LIMIT 1`,
  ).get(leadId) as { id: string; closed_at: number } | undefined;
  return { firstWonAt: row?.closed_at ?? null, firstWonDealId: row?.id ?? null };
}

/**
 * The ids of leads (not deleted) whose `customer_at` differs from their earliest won deal's close time, or
 * whose stage says customer without a won deal (or the reverse).
 */
export function leadsOutOfStepWithWonDeals(db: Database.Database, leadIds?: readonly string[]): string[] {
  const firstWon = `(SELECT min(d.closed_at) FROM deals d
                      WHERE d.lead_id = l.id AND d.status = 'won' AND d.deleted_at IS NULL)`;
  const sql = `SELECT l.id FROM leads l
                WHERE l.deleted_at IS NULL
                  AND (l.customer_at IS NOT ${firstWon} OR (l.stage = 'customer') <> (${firstWon} IS NOT NULL))`;
  if (leadIds === undefined) return (prepared(db, sql).all() as { id: string }[]).map((row) => row.id);
  const wanted = new Set(leadIds);
  // One pass over the leads is cheaper than one query per id for an import of many rows.
  return (prepared(db, sql).all() as { id: string }[]).map((row) => row.id).filter((id) => wanted.has(id));
}
