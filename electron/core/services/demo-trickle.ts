/**
 * A demo that moves: while the wall shows the generated demo data, a gentle trickle of simulated events
 * (a deal moving on, a first follow-up, now and then a won deal) keeps the feed alive, so that a first-time
 * viewer sees the feed change and a celebration within a few minutes. Every simulated event carries
 * `demo: true`. The trickle never touches real data: each step checks that the database still holds demo
 * data, and the schedule stops for good once the demo data is gone.
 */
import type { EventNames } from '@shared/activity-events';
import type { CoreContext } from '../context';
import {
  listOpenDealsFurthestFirst,
  listUnfollowedMqlIds,
  wonStageId,
} from '../db/repositories/demo-trickle-repository';
import { asDemoActivity } from './support/activity-recorder';
import { moveDealStage } from './writes/deal-commands';
import { logFollowUp } from './writes/lead-commands';
import { isDemoData } from './support/settings-service';

/** A step every this many ms: gentle, yet the first win comes within about two minutes. */
export const DEMO_TRICKLE_EVERY_MS = 40_000;
/** The step (counted from 0) that wins a deal whatever chance says: a first viewer sees a celebration. */
export const FIRST_WIN_STEP = 2;
/** After the first, a step wins a deal with this chance; otherwise a deal moves on or an MQL is followed up. */
const WIN_CHANCE = 0.2;
/** Reasons a simulated win gives, picked by chance. */
const WIN_REASONS = ['won_product_fit', 'won_price', 'won_relationship', 'won_speed'] as const;

/** What one step simulated, or null when there was nothing to do (or no demo data). */
export type DemoStep = EventNames<'deal.won' | 'deal.stage_changed' | 'lead.followed_up'> | null;

/**
 * One simulated event on demo data: at `step` {@link FIRST_WIN_STEP} (and then by chance) a deal furthest
 * along the pipeline is won; otherwise, alternately, an open deal moves to the next open stage or the oldest
 * waiting MQL gets its first follow-up. Returns what it did; null, and nothing written, when the database
 * holds no demo data. Picks come from `random` (0 ≤ r < 1), so that tests can pin them.
 */
export function simulateDemoStep(ctx: CoreContext, step: number, random: () => number = Math.random): DemoStep {
  const { db } = ctx;
  if (!isDemoData(db)) return null;
  const win = step === FIRST_WIN_STEP || (step > FIRST_WIN_STEP && random() < WIN_CHANCE);
  return asDemoActivity(db, () => {
    if (win) {
      const won = wonStageId(db);
      const deal = listOpenDealsFurthestFirst(db, { limit: 8, movable: false }).find(
        (candidate) => candidate.hasRep === 1,
      );
      if (won && deal) {
        const reason = WIN_REASONS[Math.floor(random() * WIN_REASONS.length)] ?? WIN_REASONS[0];
        moveDealStage(ctx, { dealId: deal.id, stageId: won, reason });
        return 'deal.won';
      }
    }
    if (step % 2 === 1) {
      const [leadId] = listUnfollowedMqlIds(db, 1);
      if (leadId !== undefined) {
        logFollowUp(ctx, { leadId });
        return 'lead.followed_up';
      }
    }
    const movable = listOpenDealsFurthestFirst(db, { limit: 8, movable: true });
    const deal = movable[Math.floor(random() * movable.length)];
    if (deal === undefined) return null;
    moveDealStage(ctx, { dealId: deal.id, stageId: deal.nextStageId! });
    return 'deal.stage_changed';
  });
}

/** Options of {@link startDemoTrickle}. */
export interface DemoTrickleOptions {
  everyMs?: number;
  random?: () => number;
  /** called after each step with what it did (tests, logs) */
  onStep?: (made: DemoStep) => void;
}

/** A running trickle. */
export interface DemoTrickle {
  stop(): void;
}

/**
 * Starts the trickle: one {@link simulateDemoStep} every `everyMs` while the database holds demo data.
 * Before any demo data is there (a first-run setup may still pick it) a step does nothing; once demo data
 * was there and is gone (removed), the trickle stops for good. A failed step (a write refused, say) is
 * skipped rather than stopping the wall.
 */
export function startDemoTrickle(ctx: CoreContext, options: DemoTrickleOptions = {}): DemoTrickle {
  let step = 0;
  let seenDemo = false;
  const timer = setInterval(() => {
    let made: DemoStep = null;
    try {
      if (!isDemoData(ctx.db)) {
        if (seenDemo) clearInterval(timer);
        options.onStep?.(null);
        return;
      }
      seenDemo = true;
      made = simulateDemoStep(ctx, step, options.random);
    } catch {
      // A simulated event is never worth an error on the wall; the next step tries again.
    }
    step += 1;
    options.onStep?.(made);
  }, options.everyMs ?? DEMO_TRICKLE_EVERY_MS);
  timer.unref?.();
  return { stop: () => clearInterval(timer) };
}
