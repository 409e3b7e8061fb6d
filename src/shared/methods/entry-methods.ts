/**
 * Data entry for the pipeline (issue 4): people, campaigns, leads through their lifecycle, deals, lead
 * reviews, and undo. Lists for the forms come from `people.list`, `campaigns.list`, `deals.list`. Every write is one transaction that also appends to the activity log.
 */
import { z } from 'zod';
import type { Campaign, Deal, Person } from '../domain';
import type { HistoryEntry, LeadRecord, ReasonCodeRecord, ReviewQueueItem } from '../records';
import { currency, id, instant, name, none, read, write } from './define';

const team = z.enum(['sales', 'marketing'], { error: 'must be sales or marketing' });
const optionalId = id.nullable().optional();
const optionalText = z.string().trim().max(200, 'must be at most 200 characters').nullable().optional();
const amountMinor = z
  .number({ error: 'must be a number' })
  .int('must be a whole number of cents')
  .nonnegative('must not be negative')
  .max(1e13, 'is too large');
const byId = z.object({ id }).strict();
const at = instant.optional();

/** Create (no id) or update (id) a person. */
export const personSaveInput = z.object({ id: optionalId, name, team }).strict();

export const campaignSaveInput = z
  .object({
    id: optionalId,
    name,
    channel: z.string().trim().min(1, 'is required').max(40, 'must be at most 40 characters'),
    sourceTeam: team,
    ownerId: optionalId,
  })
  .strict();

export const leadSaveInput = z
  .object({
    id: optionalId,
    name,
    company: optionalText,
    sourceTeam: team,
    campaignId: optionalId,
    marketerId: optionalId,
    ownerId: optionalId,
  })
  .strict();

/** Moves a lead to a lifecycle stage (skipping is allowed) or disqualifies it; `at` defaults to now. */
export const leadMoveStageInput = z
  .object({
    leadId: id,
    stage: z.enum(['lead', 'mql', 'sql', 'opportunity', 'customer', 'disqualified'], {
      error: 'must be lead, mql, sql, opportunity, customer or disqualified',
    }),
    reason: optionalText,
    at,
  })
  .strict();

/** Logs the first sales follow-up of a lead (the SLA clock stops here); `at` defaults to now. */
export const leadFollowUpInput = z.object({ leadId: id, at }).strict();

/** Updates a deal's fields (its stage moves through `deals.moveStage`). */
export const dealUpdateInput = z
  .object({
    id,
    title: name,
    amountMinor,
    currency,
    closingRepId: optionalId,
    sourcingMarketerId: optionalId,
    campaignId: optionalId,
    leadId: optionalId,
  })
  .strict();

export const leadReviewSaveInput = z
  .object({
    leadId: id,
    rating: z
      .number({ error: 'must be a number' })
      .int('must be 1 to 5')
      .min(1, 'must be 1 to 5')
      .max(5, 'must be 1 to 5'),
    reasonCodes: z.array(id).max(10, 'at most 10 reasons').default([]),
    notes: z.string().max(2000, 'must be at most 2000 characters').default(''),
  })
  .strict();

export const entryMethods = {
  'people.save': write<Person>('admin')(personSaveInput),
  'people.delete': write<{ id: string }>('admin')(byId),
  'campaigns.save': write<Campaign>('admin')(campaignSaveInput),
  'campaigns.delete': write<{ id: string }>('admin')(byId),
  'leads.list': read<LeadRecord[]>('viewer')(
    z
      .object({
        stage: z.enum(['lead', 'mql', 'sql', 'opportunity', 'customer', 'disqualified']).optional(),
        search: z.string().max(100).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  'leads.save': write<LeadRecord>('admin')(leadSaveInput),
  'leads.moveStage': write<LeadRecord>('admin')(leadMoveStageInput),
  'leads.logFollowUp': write<LeadRecord>('admin')(leadFollowUpInput),
  'leads.delete': write<{ id: string }>('admin')(byId),
  'deals.update': write<Deal>('admin')(dealUpdateInput),
  'deals.delete': write<{ id: string }>('admin')(byId),
  'reasonCodes.list': read<ReasonCodeRecord[]>('viewer')(none),
  /** last week's new leads (lead_at in the last 7 days), oldest first, with any existing review */
  'leadReviews.queue': read<ReviewQueueItem[]>('viewer')(none),
  'leadReviews.save': write<{ id: string }>('admin')(leadReviewSaveInput),
  /** the newest changes, for the undo list */
  'history.recent': read<HistoryEntry[]>('viewer')(
    z.object({ limit: z.number().int().min(1).max(100).default(20) }).strict(),
  ),
  /** undoes one change (the newest undoable one when no eventId is given); deletes are undone this way too */
  'history.undo': write<HistoryEntry>('admin')(z.object({ eventId: id.optional() }).strict()),
} as const;
