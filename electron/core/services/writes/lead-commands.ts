/**
 * Commands for leads and their lifecycle (METRICS: lifecycle funnel, SLA). Each is one transaction through
 * {@link runCommand} that records one event carrying every row it changed (the undo convention in
 * activity-recorder.ts): the lead, and for a stage move its new `lead_transitions` row.
 *
 * Lifecycle rules (`moveLeadStage`):
 * - A move FORWARD, past the furthest stage the lead has ever reached, sets that stage's entry time
 *   (`mql_at`, …) to `at`. Skipping is allowed: the stages in between keep no time (METRICS: "a lead can
 *   skip a stage"), so they are never counted as entered.
 * - A move BACK (to a stage at or before the furthest reached one) sets `stage` only and keeps every entry
 *   time: the times are the lead's history, which the flow counts ("entered in period") and the cohorts
 *   read; a mistaken move is taken back with undo, which restores the row exactly.
 * - 'customer' is never a move: a lead becomes one, and stops being one, only through its won deals
 *   (customer-state.ts). A move to 'customer', and any move of a lead that has a won deal, is refused with
 *   `invalid_input` on 'stage' naming the deal.
 * - 'disqualified' sets `disqualified_at` = `at` and the reason (free text), and ends the journey; the
 *   entry times stay. Moving a disqualified lead to a lifecycle stage qualifies it again: `disqualified_at`
 *   and the reason are cleared (so the SLA no longer counts the disqualification as its follow-up) and the
 *   forward/back rule above applies.
 * - `at` may not lie in the future nor before the latest entry time the lead has (times stay in order).
 * - A move to the stage the lead is in changes nothing and records nothing.
 * Every move appends a `lead_transitions` row (from, to, at).
 */
import type Database from 'better-sqlite3';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { uuidv7 } from 'uuidv7';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import { LIFECYCLE_STAGES, type LeadStage, type LifecycleStage } from '@shared/domain';
import type { LeadRecord } from '@shared/records';
import { syncedSources } from '../../db/repositories/crm-repository';
import type { CoreContext } from '../../context';
import { listLifecycleStages } from '../../db/repositories/funnel-repository';
import {
  getLead,
  insertLead,
  insertLeadTransition,
  listLeads,
  softDeleteLead,
  updateLeadDetails,
  updateLeadLifecycle,
  wonDealCustomerState,
  type Lead,
  type LeadDetails,
  type LeadLifecyclePatch,
} from '../../db/repositories/leads-repository';
import { getCampaign } from '../../db/repositories/campaigns-repository';
import { getDeal } from '../../db/repositories/deals-repository';
import { getPerson } from '../../db/repositories/people-repository';
import { runCommand } from '../support/activity-recorder';
import { optionalCampaign, optionalPerson, requireLead } from '../support/references';
import { getDisplaySettings } from '../support/settings-service';

/** The entry-time field of each lifecycle stage. */
const ENTRY: Record<LifecycleStage, keyof Lead & `${string}At`> = {
  lead: 'leadAt',
  mql: 'mqlAt',
  sql: 'sqlAt',
  opportunity: 'opportunityAt',
  customer: 'customerAt',
};

/** The entry-time column a move past the furthest stage sets. */
const LATER_ENTRY: Record<Exclude<LifecycleStage, 'lead' | 'customer'>, 'mqlAt' | 'sqlAt' | 'opportunityAt'> = {
  mql: 'mqlAt',
  sql: 'sqlAt',
  opportunity: 'opportunityAt',
};

/** What a lead form and list show for a lead. */
export function toLeadRecord(lead: Lead): LeadRecord {
  return {
    id: lead.id,
    name: lead.name,
    company: lead.company,
    stage: lead.stage,
    sourceTeam: lead.sourceTeam,
    campaignId: lead.campaignId,
    marketerId: lead.marketerId,
    ownerId: lead.ownerId,
    leadAt: lead.leadAt,
    mqlAt: lead.mqlAt,
    sqlAt: lead.sqlAt,
    opportunityAt: lead.opportunityAt,
    customerAt: lead.customerAt,
    disqualifiedAt: lead.disqualifiedAt,
    firstFollowUpAt: lead.firstFollowUpAt,
  };
}

/** Leads not deleted, newest arrival first, filtered by stage and by a search in name and company. */
export function listLeadRecords(ctx: Pick<CoreContext, 'db'>, input: MethodParsedInput<'leads.list'>): LeadRecord[] {
  const options: Parameters<typeof listLeads>[1] = { limit: input.limit };
  if (input.stage !== undefined) options.stage = input.stage;
  if (input.search !== undefined) options.search = input.search;
  const leads = listLeads(ctx.db, options);
  const synced = syncedSources(
    ctx.db,
    'leads',
    leads.map((lead) => lead.id),
  );
  return leads.map((lead) => ({ ...toLeadRecord(lead), syncedFrom: synced.get(lead.id) ?? null }));
}

/**
 * Adds a lead (no `id`: it arrives now, in stage 'lead') or changes one's details (`id`; `not_found` on
 * 'id' when there is none). Campaign, marketer and owner must exist (`not_found` naming the field); in an
 * update, leaving one out keeps it and null clears it. The lifecycle moves only through
 * {@link moveLeadStage}. Events: 'lead.created' or 'lead.updated'; an update that changes nothing records
 * nothing.
 */
export function saveLead(ctx: CoreContext, input: MethodParsedInput<'leads.save'>): LeadRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const existing = input.id == null ? null : requireLead(db, input.id, 'id');
    // Only ids the input names are checked: a kept reference to a since-deleted row stays as it is.
    const pick = (key: 'campaignId' | 'marketerId' | 'ownerId'): string | null =>
      input[key] === undefined ? (existing?.[key] ?? null) : (input[key] ?? null);
    if (input.campaignId !== undefined) optionalCampaign(db, input.campaignId, 'campaignId');
    if (input.marketerId !== undefined) optionalPerson(db, input.marketerId, 'marketerId');
    if (input.ownerId !== undefined) optionalPerson(db, input.ownerId, 'ownerId');
    const details: LeadDetails = {
      name: input.name,
      company: input.company?.trim() ? input.company.trim() : null,
      sourceTeam: input.sourceTeam,
      campaignId: pick('campaignId'),
      marketerId: pick('marketerId'),
      ownerId: pick('ownerId'),
    };

    if (existing === null) {
      const lead = insertLead(db, { id: uuidv7(), ...details, stage: 'lead', leadAt: now }, now);
      record({ type: 'lead.created', ...leadEvent(db, lead) });
      return toLeadRecord(lead);
    }
    const unchanged = (Object.keys(details) as (keyof LeadDetails)[]).every((key) => existing[key] === details[key]);
    if (unchanged) return toLeadRecord(existing);
    updateLeadDetails(db, existing.id, details, now);
    const lead = getLead(db, existing.id)!;
    record({ type: 'lead.updated', ...leadEvent(db, lead) });
    return toLeadRecord(lead);
  });
}

/**
 * Moves a lead to a lifecycle stage or disqualifies it, by the rules in the module comment. `at` defaults
 * to now. Errors: `not_found` on 'leadId'; `invalid_input` on 'at' (in the future, or before the lead's
 * latest entry time), on 'reason' (given for anything but 'disqualified') and on 'stage' (a move to
 * 'customer', or a lead held as a customer by a won deal). Events: 'lead.stage_changed' or 'lead.disqualified'.
 */
export function moveLeadStage(ctx: CoreContext, input: MethodParsedInput<'leads.moveStage'>): LeadRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const lead = requireLead(db, input.leadId, 'leadId');
    const at = checkedTime(ctx, lead, input.at ?? now, now);
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    if (reason !== null && input.stage !== 'disqualified') {
      throw new ApiError('invalid_input', 'Only a disqualification takes a reason.', 'reason');
    }
    if (input.stage === lead.stage) return toLeadRecord(lead);
    // Customer state follows the deals (customer-state.ts): it is neither given nor taken by hand.
    if (input.stage === 'customer') {
      throw new ApiError(
        'invalid_input',
        'A lead becomes a customer only when one of its deals is won: win its deal instead.',
        'stage',
      );
    }
    const win = wonDealCustomerState(db, lead.id);
    if (win.firstWonDealId !== null) {
      const title = getDeal(db, win.firstWonDealId)?.title ?? 'its won deal';
      throw new ApiError(
        'invalid_input',
        `This lead is a customer through the won deal “${title}”: reopen or delete that deal to change its stage.`,
        'stage',
      );
    }

    const patch: LeadLifecyclePatch = { stage: input.stage };
    if (input.stage === 'disqualified') {
      patch.disqualifiedAt = at;
      patch.disqualifiedReason = reason;
    } else {
      if (lead.stage === 'disqualified') {
        patch.disqualifiedAt = null;
        patch.disqualifiedReason = null;
      }
      // 'lead' is never past the furthest stage: every lead has entered it.
      if (input.stage !== 'lead' && LIFECYCLE_STAGES.indexOf(input.stage) > furthestReached(lead)) {
        patch[LATER_ENTRY[input.stage]] = at;
      }
    }

    updateLeadLifecycle(db, lead.id, patch, now);
    insertLeadTransition(db, { leadId: lead.id, fromStage: lead.stage, toStage: input.stage, at });
    const moved = getLead(db, lead.id)!;
    const labels = stageLabels(db);
    const event = leadEvent(db, moved);
    record({
      type: input.stage === 'disqualified' ? 'lead.disqualified' : 'lead.stage_changed',
      ...event,
      payload: {
        ...event.payload,
        fromStage: lead.stage,
        fromStageLabel: labels[lead.stage],
        toStage: input.stage,
        toStageLabel: labels[input.stage],
        at,
        reason,
      },
    });
    return toLeadRecord(moved);
  });
}

/**
 * Logs a lead's first sales follow-up at `at` (default now): the SLA clock stops here (METRICS: SLA). Only
 * the first counts: a lead followed up already is refused with `invalid_input` on 'leadId' saying when.
 * `at` may not lie in the future nor before the lead arrived (`invalid_input` on 'at'). Event:
 * 'lead.followed_up', with the MQL time and the owner for the SLA's words.
 */
export function logFollowUp(ctx: CoreContext, input: MethodParsedInput<'leads.logFollowUp'>): LeadRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const lead = requireLead(db, input.leadId, 'leadId');
    if (lead.firstFollowUpAt !== null) {
      throw new ApiError(
        'invalid_input',
        `This lead was already followed up at ${roomTime(ctx, lead.firstFollowUpAt)}; only the first follow-up counts.`,
        'leadId',
      );
    }
    const at = input.at ?? now;
    if (at > now) throw new ApiError('invalid_input', 'The follow-up time must not be in the future.', 'at');
    if (at < lead.leadAt) {
      throw new ApiError(
        'invalid_input',
        `The follow-up time must not be before the lead came in (${roomTime(ctx, lead.leadAt)}).`,
        'at',
      );
    }
    updateLeadLifecycle(db, lead.id, { firstFollowUpAt: at }, now);
    const followed = getLead(db, lead.id)!;
    const event = leadEvent(db, followed);
    record({
      type: 'lead.followed_up',
      ...event,
      payload: { ...event.payload, followedUpAt: at, mqlAt: followed.mqlAt },
    });
    return toLeadRecord(followed);
  });
}

/**
 * Deletes a lead softly (`not_found` on 'id' when there is none): it leaves the lists and every figure,
 * its deals and reviews keep pointing at it, and undo brings it back. Event: 'lead.deleted'.
 */
export function deleteLead(ctx: CoreContext, input: MethodParsedInput<'leads.delete'>): { id: string } {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const lead = requireLead(db, input.id, 'id');
    softDeleteLead(db, lead.id, ctx.clock.now());
    record({ type: 'lead.deleted', ...leadEvent(db, lead) });
    return { id: lead.id };
  });
}

/** Index in {@link LIFECYCLE_STAGES} of the furthest stage the lead has an entry time for. */
function furthestReached(lead: Lead): number {
  let furthest = 0;
  LIFECYCLE_STAGES.forEach((stage, index) => {
    if (lead[ENTRY[stage]] !== null) furthest = index;
  });
  return furthest;
}

/** `at`, checked: not in the future, not before the latest entry time the lead has. */
function checkedTime(ctx: CoreContext, lead: Lead, at: number, now: number): number {
  if (at > now) throw new ApiError('invalid_input', 'The time of the move must not be in the future.', 'at');
  let latest: { stage: LifecycleStage; at: number } = { stage: 'lead', at: lead.leadAt };
  for (const stage of LIFECYCLE_STAGES) {
    const entered = lead[ENTRY[stage]] as number | null;
    if (entered !== null && entered > latest.at) latest = { stage, at: entered };
  }
  if (at < latest.at) {
    const label = stageLabels(ctx.db)[latest.stage];
    throw new ApiError(
      'invalid_input',
      `The time of the move must not be before the lead entered ${label} (${roomTime(ctx, latest.at)}).`,
      'at',
    );
  }
  return at;
}

function stageLabels(db: Database.Database): Record<LeadStage, string> {
  const labels = { disqualified: 'Disqualified' } as Record<LeadStage, string>;
  for (const stage of listLifecycleStages(db)) labels[stage.key] = stage.label;
  return labels;
}

/** A time in the room's zone as a person reads it, e.g. "2026-03-16 10:30". */
function roomTime(ctx: Pick<CoreContext, 'db'>, at: number): string {
  return format(new TZDate(at, getDisplaySettings(ctx).timezone), 'yyyy-MM-dd HH:mm');
}

/** The entity, id and snapshot of names an event about a lead carries. */
function leadEvent(db: Database.Database, lead: Lead) {
  const nameOf = (id: string | null) => (id === null ? null : (getPerson(db, id)?.name ?? null));
  return {
    entity: 'lead',
    entityId: lead.id,
    payload: {
      leadId: lead.id,
      leadName: lead.name,
      company: lead.company,
      stage: lead.stage,
      sourceTeam: lead.sourceTeam,
      campaignId: lead.campaignId,
      campaignName: lead.campaignId === null ? null : (getCampaign(db, lead.campaignId)?.name ?? null),
      marketerId: lead.marketerId,
      sourcingMarketerName: nameOf(lead.marketerId),
      ownerId: lead.ownerId,
      ownerName: nameOf(lead.ownerId),
    },
  };
}
