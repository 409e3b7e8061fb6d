/**
 * Commands that change deals. Each runs as one transaction through {@link runCommand}: every referenced row
 * is checked before anything is written, and every change appends an activity event whose payload is a
 * snapshot of what the wall shows (names included), so the feed renders without joins and old events keep
 * the names they had when they happened.
 */
import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import { CRM_VENDOR_LABELS } from '@shared/connections';
import type { ActivityEvent, Deal, DealStatus } from '@shared/domain';
import type { CustomerEventPayload, DealEventPayload, PartOfEvent } from '@shared/activity-events';
import type { CoreContext } from '../../context';
import { getCampaign } from '../../db/repositories/campaigns-repository';
import { syncedSources } from '../../db/repositories/crm-repository';
import {
  getDeal,
  insertDeal,
  setDealClosingRep,
  listDeals,
  softDeleteDeal,
  updateDealDetails,
  updateDealStage,
  type DealDetails,
  type DealRecord,
  type DealStageChange,
} from '../../db/repositories/deals-repository';
import { getLead, type Lead } from '../../db/repositories/leads-repository';
import { getPerson } from '../../db/repositories/people-repository';
import { getPipelineStage, getReasonCode } from '../../db/repositories/pipeline-repository';
import { runCommand, type RecordActivity } from '../support/activity-recorder';
import { followWonDeals, type CustomerStateChange } from '../support/customer-state';

/** Deals not deleted, newest first, each saying which connected CRM keeps it (deals.list). */
export function listDealsWithSource(
  ctx: Pick<CoreContext, 'db'>,
  options: { status?: DealStatus; limit: number },
): DealRecord[] {
  const deals = listDeals(ctx.db, options);
  const synced = syncedSources(
    ctx.db,
    'deals',
    deals.map((deal) => deal.id),
  );
  return deals.map((deal) => ({ ...deal, syncedFrom: synced.get(deal.id) ?? null }));
}

/**
 * Refuses a change to a deal that a connected CRM keeps: the next sync would undo it, so it is made in the
 * CRM ('conflict' naming the CRM).
 */
function refuseSynced(ctx: CoreContext, dealId: string): void {
  const vendor = syncedSources(ctx.db, 'deals', [dealId]).get(dealId);
  if (vendor !== undefined) {
    throw new ApiError('conflict', `This deal comes from ${CRM_VENDOR_LABELS[vendor]}: change it there.`, 'id');
  }
}

/** The names an event payload carries beside the deal's ids, resolved once when the event happens. */
export interface DealEventNames {
  fromStage: { id: string; name: string } | null;
  toStage: { id: string; name: string };
  closingRepName: string | null;
  sourcingMarketerName: string | null;
  campaignName: string | null;
  leadName: string | null;
  closeReasonLabel: string | null;
}

/**
 * The payload of a 'deal.*' event: the deal's snapshot with names, and for a change the changed columns
 * `before` and `after` (what an undo needs). Shared with the demo generator so that generated history reads
 * exactly like real history.
 */
export function dealEventPayload(
  deal: Pick<
    Deal,
    | 'id'
    | 'title'
    | 'amountMinor'
    | 'currency'
    | 'status'
    | 'closingRepId'
    | 'sourcingMarketerId'
    | 'campaignId'
    | 'leadId'
    | 'closeReason'
  >,
  names: DealEventNames,
  change?: { before: Record<string, unknown>; after: Record<string, unknown> },
): DealEventPayload {
  return {
    dealId: deal.id,
    title: deal.title,
    amountMinor: deal.amountMinor,
    currency: deal.currency,
    status: deal.status,
    fromStageId: names.fromStage?.id ?? null,
    fromStageName: names.fromStage?.name ?? null,
    toStageId: names.toStage.id,
    toStageName: names.toStage.name,
    closingRepId: deal.closingRepId,
    closingRepName: names.closingRepName,
    sourcingMarketerId: deal.sourcingMarketerId,
    sourcingMarketerName: names.sourcingMarketerName,
    campaignId: deal.campaignId,
    campaignName: names.campaignName,
    leadId: deal.leadId,
    leadName: names.leadName,
    closeReason: deal.closeReason,
    closeReasonLabel: names.closeReasonLabel,
    ...(change === undefined ? {} : { before: change.before, after: change.after }),
  };
}

/**
 * The payload of a 'lead.became_customer' event: the lead, the deal whose win made it a customer (with the
 * deal's credit: rep, campaign, marketer), and the lead columns before and after.
 */
export function customerEventPayload(
  lead: Pick<Lead, 'id' | 'name' | 'stage' | 'customerAt'>,
  customerAt: number,
  dealPayload: DealEventPayload,
): CustomerEventPayload {
  // The lead's event carries the deal's credit, not the deal's own before/after.
  const deal = { ...dealPayload };
  delete deal.before;
  delete deal.after;
  return {
    ...deal,
    leadId: lead.id,
    leadName: lead.name,
    customerAt,
    before: { stage: lead.stage, customerAt: lead.customerAt },
    after: { stage: 'customer', customerAt },
  };
}

/**
 * Creates a deal. Ids it references must exist (else `not_found` naming the field, and nothing written).
 * With a lead and no campaign or marketer given, the deal inherits the lead's, so that sourced revenue is
 * credited without retyping (an explicit null keeps it empty). Created straight into a won or lost stage,
 * the deal is closed now; a won one needs its closing rep (`invalid_input` on 'closingRepId') and makes its
 * lead a customer if it is not one yet (customer-state.ts).
 * Events: 'deal.created', then 'deal.won'/'deal.lost' and 'lead.became_customer' where they apply.
 */
export function createDeal(ctx: CoreContext, input: MethodParsedInput<'deals.create'>): Deal {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const stage = getPipelineStage(db, input.stageId);
    if (stage === undefined) throw notFound('stageId', `there is no pipeline stage "${input.stageId}"`);
    const closingRep = input.closingRepId == null ? null : findPerson(db, input.closingRepId, 'closingRepId');
    if (stage.kind === 'won' && closingRep === null) throw closingRepMissing();
    const lead = input.leadId == null ? null : (getLead(db, input.leadId) ?? null);
    if (input.leadId != null && lead === null) throw notFound('leadId', `there is no lead "${input.leadId}"`);
    const marketerId = input.sourcingMarketerId === undefined ? (lead?.marketerId ?? null) : input.sourcingMarketerId;
    const marketer = marketerId === null ? null : findPerson(db, marketerId, 'sourcingMarketerId');
    const campaignId = input.campaignId === undefined ? (lead?.campaignId ?? null) : input.campaignId;
    const campaign = campaignId === null ? null : (getCampaign(db, campaignId) ?? null);
    if (campaignId !== null && campaign === null) throw notFound('campaignId', `there is no campaign "${campaignId}"`);

    const id = uuidv7();
    const deal = insertDeal(db, {
      id,
      title: input.title,
      leadId: lead?.id ?? null,
      amountMinor: input.amountMinor,
      currency: input.currency,
      stageId: stage.id,
      status: stage.kind,
      closingRepId: closingRep?.id ?? null,
      sourcingMarketerId: marketer?.id ?? null,
      campaignId: campaign?.id ?? null,
      createdAt: now,
      closedAt: stage.kind === 'open' ? null : now,
    });
    const names: DealEventNames = {
      fromStage: null,
      toStage: { id: stage.id, name: stage.name },
      closingRepName: closingRep?.name ?? null,
      sourcingMarketerName: marketer?.name ?? null,
      campaignName: campaign?.name ?? null,
      leadName: lead?.name ?? null,
      closeReasonLabel: null,
    };
    const payload = dealEventPayload(deal, names);
    // Every row is written before the first event, so that the first event carries the whole command's changes.
    const customers = followWonDeals(db, [lead?.id], now);
    const created = record({
      type: 'deal.created',
      entity: 'deal',
      entityId: deal.id,
      payload,
    });
    if (deal.status !== 'open') {
      record({
        type: `deal.${deal.status}`,
        entity: 'deal',
        entityId: deal.id,
        payload: { ...payload, partOf: partOf(created) },
      });
    }
    recordCustomers(record, customers, payload, { carrier: created });
    return deal;
  });
}

/**
 * Moves a deal to another stage. A won or lost stage closes the deal now (with an optional reason code of
 * the same kind, else `invalid_input` on 'reason'); an open stage reopens a closed deal and clears its close
 * time and reason. A move to the stage the deal is already in changes nothing and records nothing. A win
 * needs a closing rep: the deal's own, or `closingRepId` (which replaces it; `invalid_input` on
 * 'closingRepId' when there is neither, or when it is given for a move that is not a win). The lead then
 * follows its won deals (customer-state.ts): a win makes it a customer, a reopened win takes that back
 * unless another won deal holds it, and `customer_at` is always the earliest win's close time.
 * Events: 'deal.won', 'deal.lost' or 'deal.stage_changed', then 'lead.became_customer' where it applies;
 * each carries `before`/`after` of the changed columns.
 */
export function moveDealStage(ctx: CoreContext, input: MethodParsedInput<'deals.moveStage'>): Deal {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const deal = getDeal(db, input.dealId);
    if (deal === undefined) throw notFound('dealId', `there is no deal "${input.dealId}"`);
    refuseSynced(ctx, deal.id);
    const to = getPipelineStage(db, input.stageId);
    if (to === undefined) throw notFound('stageId', `there is no pipeline stage "${input.stageId}"`);
    const reasonCode = input.reason == null || input.reason.trim() === '' ? null : input.reason.trim();
    const reason = reasonCode === null ? null : getReasonCode(db, reasonCode);
    if (reasonCode !== null) {
      if (to.kind === 'open') {
        throw new ApiError('invalid_input', 'only a move to a won or lost stage takes a reason', 'reason');
      }
      if (reason === undefined || reason === null || reason.kind !== to.kind) {
        throw new ApiError('invalid_input', `"${reasonCode}" is not a reason code for a ${to.kind} deal`, 'reason');
      }
    }
    const closingRep = input.closingRepId === undefined ? null : findPerson(db, input.closingRepId, 'closingRepId');
    if (closingRep !== null && to.kind !== 'won') {
      throw new ApiError('invalid_input', 'only a move to a won stage names the closing rep', 'closingRepId');
    }
    if (to.kind === 'won' && closingRep === null && deal.closingRepId === null) throw closingRepMissing();
    if (deal.stageId === to.id) return deal;
    const newRep = closingRep !== null && closingRep.id !== deal.closingRepId ? closingRep.id : null;

    const from = getPipelineStage(db, deal.stageId, { includeArchived: true });
    const before: DealStageChange = {
      stageId: deal.stageId,
      status: deal.status,
      stageEnteredAt: deal.stageEnteredAt,
      closedAt: deal.closedAt,
      closeReason: deal.closeReason,
    };
    const after: DealStageChange = {
      stageId: to.id,
      status: to.kind,
      stageEnteredAt: now,
      // A deal that stays closed with the same outcome keeps the time it closed.
      closedAt: to.kind === 'open' ? null : to.kind === deal.status ? deal.closedAt : now,
      closeReason: to.kind === 'open' ? null : (reason?.code ?? null),
    };
    updateDealStage(db, deal.id, after, now);
    if (newRep !== null) setDealClosingRep(db, deal.id, newRep, now);
    const moved = getDeal(db, deal.id)!;

    const lead = moved.leadId === null ? null : (getLead(db, moved.leadId) ?? null);
    const customers = followWonDeals(db, [lead?.id], now);
    const payload = dealEventPayload(
      moved,
      resolveNames(db, moved, from ?? null, to, lead, reason?.label ?? null),
      diff(before, after),
    );
    const moveEvent = record({
      type: eventType(deal.status, to.kind),
      entity: 'deal',
      entityId: deal.id,
      payload,
    });
    recordCustomers(record, customers, payload, { carrier: moveEvent });
    return moved;
  });
}

/**
 * Changes a deal's details (its stage moves through {@link moveDealStage}); `not_found` on 'id' when there
 * is no such deal, and on each referenced id that names nothing. Leaving a reference out keeps it; null
 * clears it, except a won deal's closing rep (`invalid_input` on 'closingRepId'). Moving a WON deal to
 * another lead moves the win: both leads follow their won deals (customer-state.ts). An update that
 * changes nothing records nothing. Events: 'deal.updated' (carrying every changed row), then
 * 'lead.became_customer' where it applies.
 */
export function updateDeal(ctx: CoreContext, input: MethodParsedInput<'deals.update'>): Deal {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const deal = getDeal(db, input.id);
    if (deal === undefined) throw notFound('id', `there is no deal "${input.id}"`);
    refuseSynced(ctx, deal.id);
    const keep = <K extends 'closingRepId' | 'sourcingMarketerId' | 'campaignId' | 'leadId'>(key: K) =>
      input[key] === undefined ? deal[key] : (input[key] ?? null);
    // Only references the input names are checked: a kept one whose row was deleted since stays as it is.
    if (input.closingRepId != null) findPerson(db, input.closingRepId, 'closingRepId');
    if (input.sourcingMarketerId != null) findPerson(db, input.sourcingMarketerId, 'sourcingMarketerId');
    if (input.campaignId != null && getCampaign(db, input.campaignId) === undefined) {
      throw notFound('campaignId', `there is no campaign "${input.campaignId}"`);
    }
    if (input.leadId != null && getLead(db, input.leadId) === undefined) {
      throw notFound('leadId', `there is no lead "${input.leadId}"`);
    }
    if (deal.status === 'won' && keep('closingRepId') === null) throw closingRepMissing();
    const details: DealDetails = {
      title: input.title,
      amountMinor: input.amountMinor,
      currency: input.currency,
      closingRepId: keep('closingRepId'),
      sourcingMarketerId: keep('sourcingMarketerId'),
      campaignId: keep('campaignId'),
      leadId: keep('leadId'),
    };
    if ((Object.keys(details) as (keyof DealDetails)[]).every((key) => deal[key] === details[key])) return deal;

    updateDealDetails(db, deal.id, details, now);
    const updated = getDeal(db, deal.id)!;
    const lead = updated.leadId === null ? null : (getLead(db, updated.leadId) ?? null);
    // The lead the deal had before loses this deal's win; the lead it has now gains it.
    const customers = followWonDeals(db, [deal.leadId, updated.leadId], now);
    const stage = getPipelineStage(db, updated.stageId, { includeArchived: true });
    const reasonLabel = updated.closeReason === null ? null : (getReasonCode(db, updated.closeReason)?.label ?? null);
    const payload = {
      ...dealEventPayload(
        updated,
        resolveNames(db, updated, null, stage ?? { id: updated.stageId, name: updated.stageId }, lead, reasonLabel),
      ),
      changed: (Object.keys(details) as (keyof DealDetails)[]).filter((key) => deal[key] !== details[key]),
    };
    const updateEvent = record({
      type: 'deal.updated',
      entity: 'deal',
      entityId: deal.id,
      payload,
    });
    recordCustomers(record, customers, payload, { carrier: updateEvent });
    return updated;
  });
}

/**
 * Deletes a deal softly (`not_found` on 'id' when there is none): it leaves the pipeline and every figure,
 * and undo brings it back. A won deal's lead stops being a customer unless another won deal holds it
 * (customer-state.ts). Event: 'deal.deleted'.
 */
export function deleteDeal(ctx: CoreContext, input: MethodParsedInput<'deals.delete'>): { id: string } {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const deal = getDeal(db, input.id);
    if (deal === undefined) throw notFound('id', `there is no deal "${input.id}"`);
    refuseSynced(ctx, deal.id);
    softDeleteDeal(db, deal.id, ctx.clock.now());
    // A won deal that goes takes its lead's customer state with it, unless another won deal holds it.
    followWonDeals(db, [deal.leadId], ctx.clock.now());
    const lead = deal.leadId === null ? null : (getLead(db, deal.leadId) ?? null);
    const stage = getPipelineStage(db, deal.stageId, { includeArchived: true });
    const payload = dealEventPayload(
      deal,
      resolveNames(db, deal, null, stage ?? { id: deal.stageId, name: deal.stageId }, lead, null),
    );
    record({ type: 'deal.deleted', entity: 'deal', entityId: deal.id, payload });
    return { id: deal.id };
  });
}

function eventType(fromStatus: DealStatus, toKind: DealStatus): 'deal.won' | 'deal.lost' | 'deal.stage_changed' {
  if (toKind !== 'open' && toKind !== fromStatus) return `deal.${toKind}`;
  return 'deal.stage_changed';
}

/**
 * Records 'lead.became_customer' for each lead a deal's write made a customer. In a command it carries no
 * `changes`: the deal's event of the same command (`carrier`) carries the lead's rows, so that one undo takes
 * back the win and the customer together; `partOf` names that event, so that the feed drops both when it is
 * undone. A CRM sync has no carrier and records at the CRM's time `at`.
 */
export function recordCustomers(
  record: RecordActivity,
  customers: readonly CustomerStateChange[],
  dealPayload: DealEventPayload,
  companion: { carrier: ActivityEvent } | { at: number },
): void {
  for (const change of customers) {
    if (!change.became || change.after.customerAt === null) continue;
    const payload = customerEventPayload(change.before, change.after.customerAt, dealPayload);
    record({
      type: 'lead.became_customer',
      entity: 'lead',
      entityId: change.after.id,
      ...('carrier' in companion
        ? { payload: { ...payload, partOf: partOf(companion.carrier) } }
        : { payload, at: companion.at }),
    });
  }
}

/** The reference a companion event keeps to the event of its command that carries the changes. */
function partOf(carrier: ActivityEvent): PartOfEvent {
  return { eventId: carrier.id, entity: carrier.entity, entityId: carrier.entityId };
}

/** The names a deal's event carries, read now for its references. */
export function resolveNames(
  db: Database.Database,
  deal: DealRecord,
  from: { id: string; name: string } | null,
  to: { id: string; name: string },
  lead: Lead | null,
  closeReasonLabel: string | null,
): DealEventNames {
  return {
    fromStage: from === null ? null : { id: from.id, name: from.name },
    toStage: { id: to.id, name: to.name },
    closingRepName: deal.closingRepId === null ? null : (getPerson(db, deal.closingRepId)?.name ?? null),
    sourcingMarketerName:
      deal.sourcingMarketerId === null ? null : (getPerson(db, deal.sourcingMarketerId)?.name ?? null),
    campaignName: deal.campaignId === null ? null : (getCampaign(db, deal.campaignId)?.name ?? null),
    leadName: lead?.name ?? null,
    closeReasonLabel,
  };
}

/** The columns that differ, before and after. */
function diff(
  before: DealStageChange,
  after: DealStageChange,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const changedBefore: Record<string, unknown> = {};
  const changedAfter: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof DealStageChange)[]) {
    if (before[key] !== after[key]) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
  }
  return { before: changedBefore, after: changedAfter };
}

function findPerson(db: Database.Database, id: string, field: string): { id: string; name: string } {
  const person = getPerson(db, id);
  if (person === undefined) throw notFound(field, `there is no person "${id}"`);
  return person;
}

/** The error for a win without the person who closed it: a celebration names a person, never "the team". */
function closingRepMissing(): ApiError {
  return new ApiError('invalid_input', 'A won deal needs its closing rep: choose who closed it.', 'closingRepId');
}

function notFound(field: string, message: string): ApiError {
  return new ApiError('not_found', message, field);
}
