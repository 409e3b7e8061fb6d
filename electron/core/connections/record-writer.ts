/**
 * Writes one page of CRM records into the wall's tables, as one command: the rows, the live events they
 * cause and the object's new cursor commit together, or not at all. Only CRM-owned columns are written;
 * what the room keeps itself (lead reviews, follow-ups, close reason codes, sprint goals) is never touched.
 *
 * In history mode (the first full read of a source) records are written without events: a quarter of won
 * deals appearing at once is not a quarter of celebrations. Afterwards every change of a deal's outcome is
 * a live event carrying the CRM's time of the change, with the same payload an entered deal's event has.
 *
 * The pages are written with `{ undoable: false }`: a synced record belongs to the CRM, which the next sync
 * would follow again, so none of its rows is offered for undo.
 */
import type Database from 'better-sqlite3';
import type { CrmVendor } from '@shared/connections';
import type { DealStatus, LeadStage } from '@shared/domain';
import type { CoreContext } from '../context';
import {
  clearUnknownStageDeal,
  crmStageLabel,
  findEnteredTwin,
  findSynced,
  listUnknownStages,
  mappedStage,
  noteUnknownStageDeal,
  ownerPerson,
  stampSynced,
  updateSyncedDeal,
  updateSyncedLead,
  type SyncedDealFields,
  type SyncedLeadFields,
} from '../db/repositories/crm-repository';
import { getCampaign, insertCampaign } from '../db/repositories/campaigns-repository';
import { getDeal, insertDeal } from '../db/repositories/deals-repository';
import { getLead, insertLead } from '../db/repositories/leads-repository';
import { getPipelineStage } from '../db/repositories/pipeline-repository';
import { runCommand, type RecordActivity } from '../services/support/activity-recorder';
import { followWonDeals } from '../services/support/customer-state';
import { dealEventPayload, recordCustomers, resolveNames } from '../services/writes/deal-commands';
import { getDisplaySettings } from '../services/support/settings-service';
import type { CrmCampaign, CrmDeal, CrmLead } from './crm-types';

/** How a page is written. */
export interface PageWrite {
  vendor: CrmVendor;
  /** false during the first full read: history, no events */
  live: boolean;
  /** runs inside the page's transaction after the rows (the cursor update) */
  andThen: (db: Database.Database) => void;
}

/** What a written page changed. */
export interface PageOutcome {
  written: number;
  /** deals left off the wall because their CRM stage is not mapped */
  unmapped: number;
}

const STAGE_ORDER: Exclude<LeadStage, 'disqualified'>[] = ['lead', 'mql', 'sql', 'opportunity', 'customer'];

/** The campaign row of a CRM campaign or source, created on first sight. */
export function ensureCampaign(ctx: CoreContext, vendor: CrmVendor, campaign: CrmCampaign | null): string | null {
  if (campaign === null) return null;
  const { db } = ctx;
  const found = findSynced(db, 'campaigns', vendor, campaign.crmId);
  if (found !== undefined) return found.id;
  const ownerId = campaign.ownerCrmId === null ? null : ownerPerson(db, vendor, campaign.ownerCrmId);
  const created = insertCampaign(
    db,
    {
      name: campaign.name.slice(0, 200),
      channel: campaign.channel,
      sourceTeam: campaign.sourceTeam,
      ownerId,
      externalSource: vendor,
      externalId: campaign.crmId,
    },
    ctx.clock.now(),
  );
  stampSynced(db, 'campaigns', created.id, vendor, campaign.crmId, campaign.modifiedAt);
  return created.id;
}

/** Writes a page of campaigns (Salesforce campaigns; HubSpot's sources arrive with their records). */
export function writeCampaignPage(ctx: CoreContext, campaigns: CrmCampaign[], write: PageWrite): PageOutcome {
  return runCommand(
    ctx,
    () => {
      for (const campaign of campaigns) ensureCampaign(ctx, write.vendor, campaign);
      write.andThen(ctx.db);
      return { written: campaigns.length, unmapped: 0 };
    },
    { undoable: false },
  );
}

/** Writes a page of leads; a lead the sync already holds at this CRM version is left alone. */
export function writeLeadPage(ctx: CoreContext, leads: CrmLead[], write: PageWrite): PageOutcome {
  return runCommand(
    ctx,
    () => {
      const { db } = ctx;
      const now = ctx.clock.now();
      const writtenIds: string[] = [];
      for (const lead of leads) {
        const existing = findSynced(db, 'leads', write.vendor, lead.crmId);
        if (isCurrent(existing, lead.modifiedAt)) continue;
        const fields = leadFields(ctx, write.vendor, lead);
        const id =
          existing?.id ?? insertLead(db, { ...fields, externalSource: write.vendor, externalId: lead.crmId }, now).id;
        if (existing !== undefined) updateSyncedLead(db, id, fields, now);
        stampSynced(db, 'leads', id, write.vendor, lead.crmId, lead.modifiedAt);
        writtenIds.push(id);
      }
      // The CRM's own "customer" stage counts only with a won deal on the wall (METRICS: customer state
      // follows the deals): each written lead is brought in line with its won deals.
      followWonDeals(db, writtenIds, now);
      const written = writtenIds.length;
      write.andThen(db);
      return { written, unmapped: 0 };
    },
    { undoable: false },
  );
}

function leadFields(ctx: CoreContext, vendor: CrmVendor, lead: CrmLead): SyncedLeadFields {
  const { db } = ctx;
  const campaignId = ensureCampaign(ctx, vendor, lead.campaign);
  const campaign = campaignId === null ? undefined : getCampaign(db, campaignId);
  const reached = STAGE_ORDER.filter((stage) => lead.entered[stage] !== undefined).at(-1) ?? 'lead';
  return {
    name: lead.name,
    company: lead.company,
    stage: lead.disqualifiedAt !== null ? 'disqualified' : reached,
    sourceTeam: lead.campaign?.sourceTeam ?? 'marketing',
    campaignId,
    // The marketer credited with a lead is its campaign's owner, where the CRM names one.
    marketerId: campaign?.ownerId ?? null,
    ownerId: lead.ownerCrmId === null ? null : ownerPerson(db, vendor, lead.ownerCrmId),
    leadAt: lead.entered.lead ?? lead.createdAt,
    mqlAt: lead.entered.mql ?? null,
    sqlAt: lead.entered.sql ?? null,
    opportunityAt: lead.entered.opportunity ?? null,
    customerAt: lead.entered.customer ?? null,
    disqualifiedAt: lead.disqualifiedAt,
    disqualifiedReason: lead.disqualifiedReason,
  };
}

/**
 * Writes a page of deals. A deal in a CRM stage without a confirmed mapping is noted as such and left off
 * the wall (or left as it was). A new CRM deal identical to an entered one (title, amount, currency) takes
 * that entered deal over instead of counting twice.
 */
export function writeDealPage(ctx: CoreContext, deals: CrmDeal[], write: PageWrite): PageOutcome {
  return runCommand(
    ctx,
    (record) => {
      const { db } = ctx;
      const now = ctx.clock.now();
      const roomCurrency = getDisplaySettings(ctx).currency;
      let written = 0;
      let unmapped = 0;
      // Most syncs have no deal waiting in an unknown stage: then there is nothing to clear per deal.
      const waiting = listUnknownStages(db, write.vendor).length > 0;
      for (const deal of deals) {
        const stage = mappedStage(db, write.vendor, deal.crmStageId);
        if (stage === undefined) {
          noteUnknownStageDeal(
            db,
            write.vendor,
            {
              crmStageId: deal.crmStageId,
              crmDealId: deal.crmId,
              label: crmStageLabel(db, write.vendor, deal.crmStageId),
            },
            now,
          );
          unmapped += 1;
          continue;
        }
        if (waiting) clearUnknownStageDeal(db, write.vendor, deal.crmId);
        const existing = findSynced(db, 'deals', write.vendor, deal.crmId);
        if (isCurrent(existing, deal.modifiedAt)) continue;
        let id = existing?.id;
        let before = existing === undefined || existing.deleted ? undefined : getDeal(db, existing.id);
        let fields = dealFields(ctx, write.vendor, deal, stage, roomCurrency);
        if (id === undefined) {
          id = findEnteredTwin(db, fields);
          before = id === undefined ? undefined : getDeal(db, id);
        }
        // A deal that stays in its stage keeps the time it entered it (and closed).
        if (before?.stageId === stage.id)
          fields = { ...fields, stageEnteredAt: before.stageEnteredAt, closedAt: before.closedAt };
        if (id === undefined) {
          id = insertDeal(db, {
            ...fields,
            createdAt: deal.createdAt,
            externalSource: write.vendor,
            externalId: deal.crmId,
          }).id;
        } else {
          updateSyncedDeal(db, id, fields, now);
        }
        stampSynced(db, 'deals', id, write.vendor, deal.crmId, deal.modifiedAt);
        written += 1;
        // History needs settling only where the deal's leads may change their customer state.
        if (write.live || fields.leadId !== null || (before?.leadId ?? null) !== null)
          settleDeal(ctx, record, id, before, deal, write);
      }
      write.andThen(db);
      return { written, unmapped };
    },
    { undoable: false },
  );
}

function isCurrent(
  existing: { externalModifiedAt: number | null; deleted: boolean } | undefined,
  modifiedAt: number,
): boolean {
  return (
    existing !== undefined &&
    !existing.deleted &&
    existing.externalModifiedAt !== null &&
    existing.externalModifiedAt >= modifiedAt
  );
}

function dealFields(
  ctx: CoreContext,
  vendor: CrmVendor,
  deal: CrmDeal,
  stage: { id: string; kind: DealStatus },
  roomCurrency: string,
): SyncedDealFields {
  const { db } = ctx;
  const lead = deal.leadCrmId === null ? undefined : findSynced(db, 'leads', vendor, deal.leadCrmId);
  const leadRow = lead === undefined || lead.deleted ? undefined : getLead(db, lead.id);
  const campaignId = ensureCampaign(ctx, vendor, deal.campaign) ?? leadRow?.campaignId ?? null;
  const campaign = campaignId === null ? undefined : getCampaign(db, campaignId);
  const closedAt = stage.kind === 'open' ? null : (deal.closedAt ?? deal.modifiedAt);
  return {
    title: deal.title.slice(0, 200),
    leadId: leadRow?.id ?? null,
    amountMinor: deal.amount === null ? 0 : Math.max(0, Math.round(deal.amount * 100)),
    currency: deal.currency ?? roomCurrency,
    stageId: stage.id,
    status: stage.kind,
    closingRepId: deal.ownerCrmId === null ? null : ownerPerson(db, vendor, deal.ownerCrmId),
    // Marketer credit as for an entered deal: the lead's marketer, else its campaign's owner.
    sourcingMarketerId: leadRow?.marketerId ?? campaign?.ownerId ?? null,
    campaignId,
    // The CRM's time of the change is when the deal entered its stage; a deal that stays keeps its time.
    stageEnteredAt: stage.kind === 'open' ? deal.modifiedAt : (closedAt ?? deal.modifiedAt),
    closedAt,
    closeNote: deal.closeReason,
  };
}

/**
 * After a deal's row is written: its leads (now and before) follow their won deals (METRICS: a lead is a
 * customer through its first won deal, and no longer one when none is left), and in live mode the change
 * becomes the event an entered deal's change would have been, at the CRM's time.
 */
function settleDeal(
  ctx: CoreContext,
  record: RecordActivity,
  id: string,
  before: { stageId: string; status: DealStatus; leadId: string | null } | undefined,
  crm: CrmDeal,
  write: PageWrite,
): void {
  const { db } = ctx;
  const deal = getDeal(db, id)!;
  const lead = deal.leadId === null ? null : (getLead(db, deal.leadId) ?? null);
  const customers = followWonDeals(db, [deal.leadId, before?.leadId], crm.modifiedAt);
  if (!write.live) return;
  if (before !== undefined && before.stageId === deal.stageId) return;
  const from = before === undefined ? null : (getPipelineStage(db, before.stageId, { includeArchived: true }) ?? null);
  const to = getPipelineStage(db, deal.stageId, { includeArchived: true }) ?? { id: deal.stageId, name: deal.stageId };
  const payload = {
    ...dealEventPayload(deal, resolveNames(db, deal, from, to, lead, null)),
    closeNote: deal.closeNote,
    source: write.vendor,
  };
  const at = crm.modifiedAt;
  if (before === undefined) {
    record({ type: 'deal.created', entity: 'deal', entityId: id, payload, at });
    if (deal.status !== 'open') record({ type: `deal.${deal.status}`, entity: 'deal', entityId: id, payload, at });
  } else {
    const type =
      deal.status !== 'open' && deal.status !== before.status ? (`deal.${deal.status}` as const) : 'deal.stage_changed';
    record({ type, entity: 'deal', entityId: id, payload, at });
  }
  recordCustomers(record, customers, payload, { at });
}
