/**
 * Pace against a target (METRICS: shared KPI, SLA marketing commitment): one pure function shared by the
 * KPI and the SLA, so that "on track" and "behind by" mean the same on both slides.
 */
import type { PaceFigure } from '@shared/figures';

/**
 * How far below pace still counts as on pace. The elapsed share is a quotient of working days, so
 * target × share can land a hair above a whole number (10 × 0.3 = 3.0000000000000004); without this a
 * team exactly on pace would read "behind by 1".
 */
const FLOAT_TOLERANCE = 1e-9;

/**
 * The pace figure for `actual` against `target` when `elapsedShare` (0…1, METRICS: elapsed share) of the
 * period's working days have passed. Pace = target × share, so at the end of the period (share 1) it is
 * the target itself. On track when actual ≥ pace; otherwise behind by ⌈pace − actual⌉. Without a target
 * (null) the status is `no_target` and pace is null.
 */
export function paceFigure(actual: number, target: number | null, elapsedShare: number): PaceFigure {
  const share = Math.min(1, Math.max(0, elapsedShare));
  if (target === null) {
    return { actual, target: null, pace: null, elapsedShare: share, status: 'no_target', behindBy: null };
  }
  const pace = share === 1 ? target : target * share;
  const gap = pace - actual;
  if (gap <= FLOAT_TOLERANCE) {
    return { actual, target, pace, elapsedShare: share, status: 'on_track', behindBy: null };
  }
  return { actual, target, pace, elapsedShare: share, status: 'behind', behindBy: Math.ceil(gap - FLOAT_TOLERANCE) };
}
