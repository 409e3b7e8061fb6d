/**
 * The lead-quality slide's figures (METRICS: lead quality): what sales thought of the leads each source
 * sent, from lead reviews, and why deals were won and lost, from their reason codes.
 */
import type { LeadQualityResult, LeadQualitySource } from '@shared/figures';
import type { CoreContext } from '../../context';
import {
  aggregateReviewsBySource,
  getLeadQualityLatestChange,
  topCloseReasons,
} from '../../db/repositories/lead-quality-repository';
import { momentOf, type AsOf } from '../support/as-of';
import { describeFreshness } from '../support/freshness';

/** The review and reason window when none is asked for (METRICS: "the last 90 days"). */
export const DEFAULT_LEAD_QUALITY_WINDOW_DAYS = 90;
/** A source with fewer reviews than this is shown greyed, "too few to judge" (METRICS). */
export const MIN_REVIEWS_TO_JUDGE = 3;
/** How many win and loss reasons the slide lists. */
export const TOP_REASONS = 5;
/** The name of the group of a team's leads that came without a campaign. */
export const NO_CAMPAIGN = 'No campaign';

const DAY_MS = 86_400_000;

/** Options of {@link getLeadQuality}. */
export interface LeadQualityOptions extends Pick<AsOf, 'at'> {
  /** length of the window in days of 24 hours ending now (or at `at`); default 90 */
  windowDays?: number;
}

/**
 * Lead quality as METRICS defines it, over the window [now − windowDays, now]: per source campaign the
 * number of reviews and their average rating (1–5), leads without a campaign grouped as "No campaign" per
 * source team, `tooFew` below 3 reviews; and the 5 most frequent close reasons of deals won and of deals
 * lost in the window, with their labels, most frequent first. Sources come judged ones first, best average
 * first (then more reviews, then by name), so the slide reads from the best source down and the greyed
 * ones sit at the bottom.
 */
export function getLeadQuality(ctx: CoreContext, options: LeadQualityOptions = {}): LeadQualityResult {
  const { db } = ctx;
  const windowDays = options.windowDays ?? DEFAULT_LEAD_QUALITY_WINDOW_DAYS;
  if (!Number.isFinite(windowDays) || windowDays <= 0) {
    throw new RangeError(`windowDays must be a positive number, got ${windowDays}`);
  }
  const now = momentOf(ctx, options);
  const window = { days: windowDays, from: now - windowDays * DAY_MS, to: now };

  // One read transaction, so that every figure on the slide comes from the same snapshot.
  return db
    .transaction((): LeadQualityResult => {
      const sources: LeadQualitySource[] = aggregateReviewsBySource(db, window.from, window.to).map((row) => ({
        campaignId: row.campaignId,
        campaignName: row.campaignName ?? NO_CAMPAIGN,
        sourceTeam: row.sourceTeam,
        reviews: row.reviews,
        averageRating: row.averageRating,
        tooFew: row.reviews < MIN_REVIEWS_TO_JUDGE,
      }));
      sources.sort(
        (a, b) =>
          Number(a.tooFew) - Number(b.tooFew) ||
          b.averageRating - a.averageRating ||
          b.reviews - a.reviews ||
          a.campaignName.localeCompare(b.campaignName, 'en') ||
          a.sourceTeam.localeCompare(b.sourceTeam, 'en'),
      );
      return {
        window,
        sources,
        winReasons: topCloseReasons(db, 'won', window.from, window.to, TOP_REASONS),
        lossReasons: topCloseReasons(db, 'lost', window.from, window.to, TOP_REASONS),
        freshness: describeFreshness(db, now, getLeadQualityLatestChange(db)),
      };
    })
    .deferred();
}
