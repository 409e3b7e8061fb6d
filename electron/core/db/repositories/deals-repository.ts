import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { Deal, DealStatus } from '@shared/domain';
import { prepared } from './statements';
import { journalRow } from './change-journal';
import { softDeleteLiveRow, updateLiveRow } from './live-rows';

/** A deal with the columns the wall does not show. */
export interface DealRecord extends Deal {
  /** when the deal entered its current stage */
  stageEnteredAt: number;
  closeNote: string | null;
  updatedAt: number;
}

/** A deal to add; `id` defaults to a new UUIDv7, `stageEnteredAt` and `updatedAt` to `createdAt`. */
export interface NewDeal {
  id?: string;
  title: string;
  leadId?: string | null;
  amountMinor: number;
  currency: string;
  stageId: string;
  status: DealStatus;
  closingRepId?: string | null;
  sourcingMarketerId?: string | null;
  campaignId?: string | null;
  createdAt: number;
  stageEnteredAt?: number;
  closedAt?: number | null;
  closeReason?: string | null;
  closeNote?: string | null;
  updatedAt?: number;
  externalSource?: string | null;
  externalId?: string | null;
}

/** The columns a stage move writes. */
export interface DealStageChange {
  stageId: string;
  status: DealStatus;
  stageEnteredAt: number;
  closedAt: number | null;
  closeReason: string | null;
}

interface DealRow {
  id: string;
  title: string;
  lead_id: string | null;
  amount_minor: number;
  currency: string;
  stage_id: string;
  status: DealStatus;
  closing_rep_id: string | null;
  sourcing_marketer_id: string | null;
  campaign_id: string | null;
  created_at: number;
  stage_entered_at: number;
  closed_at: number | null;
  close_reason: string | null;
  close_note: string | null;
  updated_at: number;
}

const COLUMNS = `id, title, lead_id, amount_minor, currency, stage_id, status, closing_rep_id, sourcing_marketer_id,
  campaign_id, created_at, stage_entered_at, closed_at, close_reason, close_note, updated_at`;

function toDeal(row: DealRow): DealRecord {
  return {
    id: row.id,
    title: row.title,
    leadId: row.lead_id,
    amountMinor: row.amount_minor,
    currency: row.currency,
    stageId: row.stage_id,
    status: row.status,
    closingRepId: row.closing_rep_id,
    sourcingMarketerId: row.sourcing_marketer_id,
    campaignId: row.campaign_id,
    createdAt: row.created_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    stageEnteredAt: row.stage_entered_at,
    closeNote: row.close_note,
    updatedAt: row.updated_at,
  };
}

/** Adds a deal and returns it. */
export function insertDeal(db: Database.Database, deal: NewDeal): DealRecord {
  const row: DealRow = {
    id: deal.id ?? uuidv7(),
    title: deal.title,
    lead_id: deal.leadId ?? null,
    amount_minor: deal.amountMinor,
    currency: deal.currency,
    stage_id: deal.stageId,
    status: deal.status,
    closing_rep_id: deal.closingRepId ?? null,
    sourcing_marketer_id: deal.sourcingMarketerId ?? null,
    campaign_id: deal.campaignId ?? null,
    created_at: deal.createdAt,
    stage_entered_at: deal.stageEnteredAt ?? deal.createdAt,
    closed_at: deal.closedAt ?? null,
    close_reason: deal.closeReason ?? null,
    close_note: deal.closeNote ?? null,
    updated_at: deal.updatedAt ?? deal.createdAt,
  };
  journalRow(db, 'deals', row.id);
  prepared(
    db,
    `INSERT INTO deals (id, title, lead_id, amount_minor, currency, stage_id, status, closing_rep_id,
                        sourcing_marketer_id, campaign_id, created_at, stage_entered_at, closed_at, close_reason,
                        close_note, external_source, external_id, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    row.id,
    row.title,
    row.lead_id,
    row.amount_minor,
    row.currency,
    row.stage_id,
    row.status,
    row.closing_rep_id,
    row.sourcing_marketer_id,
    row.campaign_id,
    row.created_at,
    row.stage_entered_at,
    row.closed_at,
    row.close_reason,
    row.close_note,
    deal.externalSource ?? null,
    deal.externalId ?? null,
    row.updated_at,
  );
  return toDeal(row);
}

/** One deal that is not deleted, or undefined. */
export function getDeal(db: Database.Database, id: string): DealRecord | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM deals WHERE id = ? AND deleted_at IS NULL`).get(id) as
    DealRow | undefined;
  return row === undefined ? undefined : toDeal(row);
}

/** Deals not deleted, newest first (by creation), optionally of one status. */
export function listDeals(db: Database.Database, options: { status?: DealStatus; limit: number }): DealRecord[] {
  const rows = (
    options.status === undefined
      ? prepared(
          db,
          `SELECT ${COLUMNS} FROM deals WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?`,
        ).all(options.limit)
      : prepared(
          db,
          `SELECT ${COLUMNS} FROM deals WHERE deleted_at IS NULL AND status = ?
           ORDER BY created_at DESC, id DESC LIMIT ?`,
        ).all(options.status, options.limit)
  ) as DealRow[];
  return rows.map(toDeal);
}

/** A lead's deals, oldest first. */
export function listDealsForLead(db: Database.Database, leadId: string): DealRecord[] {
  const rows = prepared(
    db,
    `SELECT ${COLUMNS} FROM deals WHERE lead_id = ? AND deleted_at IS NULL ORDER BY created_at, id`,
  ).all(leadId) as DealRow[];
  return rows.map(toDeal);
}

/** How many deals exist. */
export function countDeals(db: Database.Database): number {
  return (prepared(db, `SELECT count(*) AS n FROM deals`).get() as { n: number }).n;
}

/** Writes a stage move; returns whether the deal existed. */
export function updateDealStage(db: Database.Database, id: string, change: DealStageChange, at: number): boolean {
  const columns = {
    stage_id: change.stageId,
    status: change.status,
    stage_entered_at: change.stageEnteredAt,
    closed_at: change.closedAt,
    close_reason: change.closeReason,
  };
  return updateLiveRow(db, 'deals', id, columns, at);
}

/** Sets who closed a deal (a win names its closing rep); returns whether a deal that is not deleted matched. */
export function setDealClosingRep(db: Database.Database, id: string, closingRepId: string, at: number): boolean {
  return updateLiveRow(db, 'deals', id, { closing_rep_id: closingRepId }, at);
}

/** What the deal form edits (the stage moves through {@link updateDealStage}). */
export interface DealDetails {
  title: string;
  amountMinor: number;
  currency: string;
  closingRepId: string | null;
  sourcingMarketerId: string | null;
  campaignId: string | null;
  leadId: string | null;
}

/** Changes a deal's details; returns whether a deal that is not deleted matched. */
export function updateDealDetails(db: Database.Database, id: string, fields: DealDetails, at: number): boolean {
  const columns = {
    title: fields.title,
    amount_minor: fields.amountMinor,
    currency: fields.currency,
    closing_rep_id: fields.closingRepId,
    sourcing_marketer_id: fields.sourcingMarketerId,
    campaign_id: fields.campaignId,
    lead_id: fields.leadId,
  };
  return updateLiveRow(db, 'deals', id, columns, at);
}

/** Marks a deal deleted (soft: the row stays, so that undo can bring it back); returns whether it changed. */
export function softDeleteDeal(db: Database.Database, id: string, at: number): boolean {
  return softDeleteLiveRow(db, 'deals', id, at);
}
