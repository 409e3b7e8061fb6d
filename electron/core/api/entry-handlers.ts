/**
 * Handlers of data entry for the pipeline (`entryMethods`): people, campaigns, leads, deals, lead reviews,
 * and the undo history. One-liners into the command services.
 */
import type { entryMethods } from '@shared/methods/entry-methods';
import type { HandlerGroup } from './handler-types';
import { deleteCampaign, saveCampaign } from '../services/campaign-commands';
import { deleteDeal, updateDeal } from '../services/deal-commands';
import { deleteLead, listLeadRecords, logFollowUp, moveLeadStage, saveLead } from '../services/lead-commands';
import { getReviewQueue, listReasonCodeRecords, saveLeadReview } from '../services/lead-review-commands';
import { deletePerson, savePerson } from '../services/people-commands';
import { listHistory, undo } from '../services/undo-service';

/** Handlers of the entry methods. */
export const entryHandlers = {
  'people.save': (ctx, input) => savePerson(ctx, input),
  'people.delete': (ctx, input) => deletePerson(ctx, input),
  'campaigns.save': (ctx, input) => saveCampaign(ctx, input),
  'campaigns.delete': (ctx, input) => deleteCampaign(ctx, input),
  'leads.list': (ctx, input) => listLeadRecords(ctx, input),
  'leads.save': (ctx, input) => saveLead(ctx, input),
  'leads.moveStage': (ctx, input) => moveLeadStage(ctx, input),
  'leads.logFollowUp': (ctx, input) => logFollowUp(ctx, input),
  'leads.delete': (ctx, input) => deleteLead(ctx, input),
  'deals.update': (ctx, input) => updateDeal(ctx, input),
  'deals.delete': (ctx, input) => deleteDeal(ctx, input),
  'reasonCodes.list': (ctx) => listReasonCodeRecords(ctx),
  'leadReviews.queue': (ctx) => getReviewQueue(ctx),
  'leadReviews.save': (ctx, input) => saveLeadReview(ctx, input),
  'history.recent': (ctx, input) => listHistory(ctx, input),
  'history.undo': (ctx, input) => undo(ctx, input),
} satisfies HandlerGroup<typeof entryMethods>;
