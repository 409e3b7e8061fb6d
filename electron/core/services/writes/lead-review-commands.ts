/**
 * Lead review mode: the sales side walks through last week's new leads and rates each 1–5 with review
 * reason codes; the ratings feed the lead-quality slide (METRICS: lead quality). A lead keeps one review:
 * rating it again changes that review.
 */
import { TZDate } from '@date-fns/tz';
import { startOfDay, subDays } from 'date-fns';
import { uuidv7 } from 'uuidv7';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import type { ReasonCodeRecord, ReviewQueueItem } from '@shared/records';
import type { CoreContext } from '../../context';
import {
  addLeadReviewReason,
  getLatestReviewForLead,
  insertLeadReview,
  removeLeadReviewReason,
  updateLeadReviewVerdict,
} from '../../db/repositories/lead-reviews-repository';
import { listLeadsArrivedBetween } from '../../db/repositories/leads-repository';
import { getReasonCode, listReasonCodes } from '../../db/repositories/pipeline-repository';
import { getCampaign } from '../../db/repositories/campaigns-repository';
import { runCommand } from '../support/activity-recorder';
import { toLeadRecord } from './lead-commands';
import { requireLead } from '../support/references';
import { getDisplaySettings } from '../support/settings-service';

/** How many days back the queue reaches, before today (in the room's zone). */
export const REVIEW_QUEUE_DAYS = 7;
/** At most this many leads in one queue: a week's worth for a busy room, and a bounded response. */
export const REVIEW_QUEUE_LIMIT = 1000;

/** Every reason code (review, won, lost), by kind then code. */
export function listReasonCodeRecords(ctx: Pick<CoreContext, 'db'>): ReasonCodeRecord[] {
  return listReasonCodes(ctx.db).map(({ code, kind, label }) => ({ code, kind, label }));
}

/**
 * Last week's new leads for review mode: leads not deleted whose `lead_at` is at or after the start of the
 * day {@link REVIEW_QUEUE_DAYS} days before today in the room's zone, up to now — the seven whole days
 * before today plus today, so a weekly meeting misses nothing — oldest first, each with its campaign's and
 * owner's names and its existing review (rating, reason codes, notes) when it has one.
 */
export function getReviewQueue(ctx: CoreContext): ReviewQueueItem[] {
  const now = ctx.clock.now();
  const { timezone } = getDisplaySettings(ctx);
  const from = startOfDay(subDays(new TZDate(now, timezone), REVIEW_QUEUE_DAYS)).getTime();
  return listLeadsArrivedBetween(ctx.db, from, now + 1, REVIEW_QUEUE_LIMIT).map((lead) => {
    const review = getLatestReviewForLead(ctx.db, lead.id);
    return {
      lead: toLeadRecord(lead),
      campaignName: lead.campaignName,
      ownerName: lead.ownerName,
      review:
        review === undefined ? null : { rating: review.rating, reasonCodes: review.reasonCodes, notes: review.notes },
    };
  });
}

/**
 * Rates a lead: adds its review, or changes the one it has (rating, notes, reason codes replaced, reviewed
 * now). Errors: `not_found` on 'leadId'; `invalid_input` on 'reasonCodes' for a code that is not a review
 * reason. A save that changes nothing but the time records nothing. Event: 'lead.reviewed', carrying the
 * review row and every reason row added or removed.
 */
export function saveLeadReview(ctx: CoreContext, input: MethodParsedInput<'leadReviews.save'>): { id: string } {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const lead = requireLead(db, input.leadId, 'leadId');
    const codes = [...new Set(input.reasonCodes)].sort();
    const labels = codes.map((code) => {
      const reason = getReasonCode(db, code);
      if (reason === undefined || reason.kind !== 'review') {
        throw new ApiError('invalid_input', `"${code}" is not a reason code for a lead review.`, 'reasonCodes');
      }
      return reason.label;
    });
    const existing = getLatestReviewForLead(db, lead.id);
    let reviewId: string;
    if (existing === undefined) {
      reviewId = uuidv7();
      insertLeadReview(db, {
        id: reviewId,
        leadId: lead.id,
        rating: input.rating,
        notes: input.notes,
        reviewedAt: now,
        reasonCodes: codes,
      });
    } else {
      reviewId = existing.id;
      const same =
        existing.rating === input.rating &&
        existing.notes === input.notes &&
        existing.reasonCodes.join('\n') === codes.join('\n');
      if (same) return { id: reviewId };
      updateLeadReviewVerdict(db, reviewId, { rating: input.rating, notes: input.notes, reviewedAt: now });
      for (const code of existing.reasonCodes.filter((code) => !codes.includes(code))) {
        removeLeadReviewReason(db, reviewId, code);
      }
      for (const code of codes.filter((code) => !existing.reasonCodes.includes(code))) {
        addLeadReviewReason(db, reviewId, code);
      }
    }
    record({
      type: 'lead.reviewed',
      entity: 'lead',
      entityId: lead.id,
      payload: {
        leadId: lead.id,
        leadName: lead.name,
        reviewId,
        rating: input.rating,
        reasonCodes: codes,
        reasonLabels: labels,
        campaignId: lead.campaignId,
        campaignName: lead.campaignId === null ? null : (getCampaign(db, lead.campaignId)?.name ?? null),
        sourceTeam: lead.sourceTeam,
        previousRating: existing?.rating ?? null,
      },
    });
    return { id: reviewId };
  });
}
