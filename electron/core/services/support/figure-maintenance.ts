/**
 * Upkeep of the figure aggregates that the write triggers cannot do themselves: the lead-exit histogram
 * counts exits relative to an anchor (migration 0002), and the funnel's window ("the last 90 days") moves
 * with the clock, so every write moves the anchor along. A read then only has to count the exits between
 * the anchor and the window start, which stay few.
 */
import type Database from 'better-sqlite3';
import { getAnchor, LEAD_EXIT_ANCHOR, moveLeadExitAnchor } from '../../db/repositories/figure-aggregates-repository';
import { DEFAULT_FUNNEL_WINDOW_DAYS } from '../reads/funnel-service';

const DAY_MS = 86_400_000;
/** The anchor moves in steps of at least this much, so that a burst of writes moves it once. */
export const ANCHOR_STEP_MS = 60_000;

/** Where the lead-exit anchor belongs at `now`: the start of the funnel's default window. */
export function leadExitAnchorAt(now: number): number {
  return now - DEFAULT_FUNNEL_WINDOW_DAYS * DAY_MS;
}

/**
 * Moves the lead-exit anchor up to the start of the funnel's window at `now` when it has fallen at least
 * {@link ANCHOR_STEP_MS} behind. Never moves it back (a clock set back only makes reads count a little
 * more). Runs inside the writer's transaction.
 */
export function keepFigureAnchorsCurrent(db: Database.Database, now: number): void {
  const target = leadExitAnchorAt(now);
  if (target - getAnchor(db, LEAD_EXIT_ANCHOR) >= ANCHOR_STEP_MS) moveLeadExitAnchor(db, target);
}
