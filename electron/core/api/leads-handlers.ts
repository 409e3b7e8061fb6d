/** Handlers of the lead methods (src/shared/methods/leads-methods.ts). */
import type { leadsMethods } from '@shared/methods/leads-methods';
import { getLeadQuality } from '../services/reads/lead-quality-service';
import { deleteLead, listLeadRecords, logFollowUp, moveLeadStage, saveLead } from '../services/writes/lead-commands';
import { getReviewQueue, listReasonCodeRecords, saveLeadReview } from '../services/writes/lead-review-commands';
import type { HandlerGroup } from './handler-types';

/** Leads through their lifecycle, their quality, and the weekly lead review. */
export const leadsHandlers = {
  'leads.list': (ctx, input) => listLeadRecords(ctx, input),
  'leads.save': (ctx, input) => saveLead(ctx, input),
  'leads.moveStage': (ctx, input) => moveLeadStage(ctx, input),
  'leads.logFollowUp': (ctx, input) => logFollowUp(ctx, input),
  'leads.delete': (ctx, input) => deleteLead(ctx, input),
  'leadQuality.get': (ctx) => getLeadQuality(ctx),
  'reasonCodes.list': (ctx) => listReasonCodeRecords(ctx),
  'leadReviews.queue': (ctx) => getReviewQueue(ctx),
  'leadReviews.save': (ctx, input) => saveLeadReview(ctx, input),
} satisfies HandlerGroup<typeof leadsMethods>;
