/**
 * Leads through their lifecycle, the weekly lead review with its reason codes, and the lead quality figure.
 * Every write is one transaction that also appends to the activity log.
 */
import { z } from 'zod';
import type { LeadQualityResult } from '../figures';
import type { LeadRecord, ReasonCodeRecord, ReviewQueueItem } from '../records';
import { byId, id, instant, listLimit, name, none, optionalId, read, team, wholeNumber, write } from './define';

const optionalText = z.string().trim().max(200, 'must be at most 200 characters').nullable().optional();
const at = instant.optional();
const LEAD_STAGES = ['lead', 'mql', 'sql', 'opportunity', 'customer', 'disqualified'] as const;

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
    stage: z.enum(LEAD_STAGES, {
      error: 'must be lead, mql, sql, opportunity, customer or disqualified',
    }),
    reason: optionalText,
    at,
  })
  .strict();

/** Logs the first sales follow-up of a lead (the SLA clock stops here); `at` defaults to now. */
export const leadFollowUpInput = z.object({ leadId: id, at }).strict();

export const leadReviewSaveInput = z
  .object({
    leadId: id,
    rating: wholeNumber('must be 1 to 5').min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    reasonCodes: z.array(id).max(10, 'at most 10 reasons').default([]),
    notes: z.string().max(2000, 'must be at most 2000 characters').default(''),
  })
  .strict();

/** Input of `leads.list`: one stage or all, a search over name and company. */
export const leadListInput = z
  .object({ stage: z.enum(LEAD_STAGES).optional(), search: z.string().max(100).optional(), limit: listLimit(500, 100) })
  .strict();

/** The leads domain: name (domain.verb) → kind, input schema, result type. */
export const leadsMethods = {
  'leads.list': read<LeadRecord[]>('viewer')(leadListInput),
  'leads.save': write<LeadRecord>('admin')(leadSaveInput),
  'leads.moveStage': write<LeadRecord>('admin')(leadMoveStageInput),
  'leads.logFollowUp': write<LeadRecord>('admin')(leadFollowUpInput),
  'leads.delete': write<{ id: string }>('admin')(byId),
  'leadQuality.get': read<LeadQualityResult>('viewer')(none),
  'reasonCodes.list': read<ReasonCodeRecord[]>('viewer')(none),
  /** last week's new leads (lead_at in the last 7 days), oldest first, with any existing review */
  'leadReviews.queue': read<ReviewQueueItem[]>('viewer')(none),
  'leadReviews.save': write<{ id: string }>('admin')(leadReviewSaveInput),
} as const;
