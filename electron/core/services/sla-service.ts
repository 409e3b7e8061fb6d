/**
 * The SLA scoreboard's figures (METRICS: SLA — the two-way agreement): marketing's MQLs against its
 * commitment with pace, sales' follow-up compliance, the MQLs waiting for a follow-up and the breaches.
 */
import { ApiError } from '@shared/api-error';
import type { TimeWindow } from '@shared/domain';
import type { SlaLeadView, SlaOwnerBreaches, SlaResult, SlaTermsView } from '@shared/figures';
import type { CoreContext } from '../context';
import type Database from 'better-sqlite3';
import {
  countBreachedMqlsByOwner,
  countFollowUpOutcomes,
  countMqlsBetween,
  countWaitingMqls,
  getSlaLatestChange,
  listBreachedMqls,
  listMqlFollowUps,
  listUnfollowedMqlsBetween,
  listWaitingMqls,
  type FollowUpCounts,
} from '../db/repositories/sla-figures-repository';
import { changeStamp } from '../db/repositories/change-stamp-repository';
import { getSlaTermsAt } from '../db/repositories/sla-repository';
import { addBusinessHoursToEach, earliestStartDueFrom, isUsableWorkday } from './business-hours';
import { describeFreshness } from './freshness';
import { paceFigure } from './pace';
import { elapsedWorkingShare, periodContaining } from './periods';
import { getDisplaySettings } from './settings-service';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** At most this many leads in the waiting list and in the breach list: what a wall can show. */
export const SLA_LIST_LIMIT = 20;
/** Breaches whose due time is before the period are still listed when due within this many days. */
export const SLA_BREACH_LOOKBACK_DAYS = 30;

/**
 * The SLA now, under the terms valid now (the newest with valid_from ≤ now). The period is the SLA's own
 * kind (terms.periodKind) in the room's zone.
 *
 * - Marketing: delivered = leads (not deleted) with `mql_at` in the period, against `mqlsPerPeriod`, with
 *   pace as for the KPI.
 * - Sales: due = `mql_at` + H hours, wall-clock; in business-hours mode (`businessHoursOnly`) the instant
 *   when H business hours have passed since `mql_at` (Monday to Friday within the display settings'
 *   `night.workday` window, in the room's zone: services/business-hours.ts). The first follow-up is the earlier of `first_follow_up_at`
 *   and `disqualified_at` (disqualifying counts as a follow-up). Met (at or before due), late (after),
 *   breached (none and now ≥ due) and waiting (none and now < due) are counted over the MQLs whose due time
 *   falls in the period; compliance = met ÷ (met + late + breached), null when that is 0.
 * - `waiting`: every MQL not yet followed up and not yet due, soonest due first; `breaches`: not followed
 *   up and overdue, due in the period or within the last {@link SLA_BREACH_LOOKBACK_DAYS} days, longest
 *   overdue first; each list at most {@link SLA_LIST_LIMIT}, with the owner's name. `breachesByOwner` and
 *   `open` count every breach and every waiting MQL, so that a wall short of space still accounts for each.
 * - `terms.complianceTarget`: the room's setting `slaComplianceTarget` (default 0.9), which the slide shows
 *   compliance against.
 *
 * Without terms the result has `terms: null`, the room's period and zero figures: no SLA is not an error.
 * The wall-clock figures come from the trigger-kept aggregates; business-hours due times are no fixed offset
 * from `mql_at`, so that mode reads the MQLs whose due time can fall in range, works the dues out here and
 * keeps that work until the database changes.
 *
 * @throws ApiError `conflict` (field `night.workday`) in business-hours mode when the working day is empty.
 */
export function getSla(ctx: CoreContext): SlaResult {
  const { db, clock } = ctx;
  const settings = getDisplaySettings(ctx);
  const timezone = settings.timezone;
  const now = clock.now();
  // Only a read of our own may keep its work: a caller's transaction may still roll back what it wrote.
  const reusable = !db.inTransaction;

  return db
    .transaction((): SlaResult => {
      const freshness = describeFreshness(db, now, getSlaLatestChange(db));
      const stored = getSlaTermsAt(db, now);
      if (stored === undefined) {
        const period = periodContaining(now, settings.periodKind, timezone);
        return {
          terms: null,
          period,
          marketing: paceFigure(0, null, elapsedWorkingShare(period, now, timezone)),
          sales: { met: 0, late: 0, breached: 0, waiting: 0, compliance: null },
          waiting: [],
          breaches: [],
          breachesByOwner: [],
          open: { breached: 0, waiting: 0 },
          freshness,
        };
      }
      const terms: SlaTermsView = {
        mqlsPerPeriod: stored.mqlsPerPeriod,
        periodKind: stored.periodKind,
        followUpHours: stored.followUpHours,
        businessHoursOnly: stored.businessHoursOnly,
        complianceTarget: settings.slaComplianceTarget,
      };
      const period = periodContaining(now, terms.periodKind, timezone);
      const followUpMs = Math.round(terms.followUpHours * HOUR_MS);
      const breachesDueFrom = Math.min(period.start, now - SLA_BREACH_LOOKBACK_DAYS * DAY_MS);

      const delivered = countMqlsBetween(db, period.start, period.end);
      if (terms.businessHoursOnly) {
        const business = businessHoursFigures(db, {
          hours: terms.followUpHours,
          window: settings.night.workday,
          timezone,
          period,
          now,
          breachesDueFrom,
          reusable,
        });
        const judged = business.outcomes.met + business.outcomes.late + business.outcomes.breached;
        return {
          terms,
          period,
          marketing: paceFigure(delivered, terms.mqlsPerPeriod, elapsedWorkingShare(period, now, timezone)),
          sales: { ...business.outcomes, compliance: judged === 0 ? null : business.outcomes.met / judged },
          waiting: business.waiting,
          breaches: business.breaches,
          breachesByOwner: business.breachesByOwner,
          open: business.open,
          freshness,
        };
      }
      const outcomes = countFollowUpOutcomes(db, { dueFrom: period.start, dueTo: period.end, followUpMs, now });
      const judged = outcomes.met + outcomes.late + outcomes.breached;
      const breachesByOwner = countBreachedMqlsByOwner(db, { followUpMs, now, dueFrom: breachesDueFrom });
      return {
        terms,
        period,
        marketing: paceFigure(delivered, terms.mqlsPerPeriod, elapsedWorkingShare(period, now, timezone)),
        sales: { ...outcomes, compliance: judged === 0 ? null : outcomes.met / judged },
        waiting: listWaitingMqls(db, { followUpMs, now, limit: SLA_LIST_LIMIT }),
        breaches: listBreachedMqls(db, {
          followUpMs,
          now,
          dueFrom: breachesDueFrom,
          limit: SLA_LIST_LIMIT,
        }),
        breachesByOwner,
        open: {
          breached: breachesByOwner.reduce((sum, owner) => sum + owner.count, 0),
          waiting: countWaitingMqls(db, { followUpMs, now }),
        },
        freshness,
      };
    })
    .deferred();
}

/** What business-hours due times are worked out from. */
interface BusinessTerms {
  hours: number;
  window: TimeWindow;
  timezone: string;
  period: { start: number; end: number };
}

/** The unfollowed MQL a business-hours list shows, with its due time. */
type UnfollowedWithDue = ReturnType<typeof listUnfollowedMqlsBetween>[number] & { dueAt: number };

/**
 * What the business-hours figures are made from, worked out row by row (a due time is no fixed offset):
 * the outcomes that no longer change (met and late, over the MQLs due in the period), the due times of the
 * period's MQLs still without a follow-up, and the unfollowed MQLs from `unfollowedFrom` on with their due
 * times. Nothing in it depends on `now`, so it holds until the database or the inputs change.
 */
interface BusinessBasis {
  inputs: string;
  met: number;
  late: number;
  /** ascending */
  unfollowedDuesInPeriod: number[];
  unfollowedFrom: number;
  /** oldest first, so soonest due first */
  unfollowed: UnfollowedWithDue[];
}

/**
 * The last basis per connection and the change stamp it was made at. At a million deals a basis takes a
 * quarter of a second, and a wall reads the SLA on every refresh; the stamp changes with any write, by this
 * connection or another, so a reused basis is never older than the data.
 */
const businessBases = new WeakMap<Database.Database, { stamp: string; basis: BusinessBasis }>();

/**
 * The sales figures in business-hours mode: outcomes over the MQLs due in the period, the waiting list and
 * the breach list, each with due = the instant H business hours after `mql_at`. Each read is bounded below by
 * {@link earliestStartDueFrom}: an MQL older than that is due before the range asked for.
 */
function businessHoursFigures(
  db: Database.Database,
  query: BusinessTerms & {
    now: number;
    breachesDueFrom: number;
    /** the basis may be kept and reused (not inside a caller's transaction, which may still roll back) */
    reusable: boolean;
  },
): {
  outcomes: FollowUpCounts;
  waiting: SlaLeadView[];
  breaches: SlaLeadView[];
  breachesByOwner: SlaOwnerBreaches[];
  open: { breached: number; waiting: number };
} {
  const { hours, window, timezone, period, now, breachesDueFrom } = query;
  if (!isUsableWorkday(window)) {
    throw new ApiError(
      'conflict',
      `The SLA counts business hours, but the working day under Display & schedules is empty (${window.start}–${window.end}).`,
      'night.workday',
    );
  }
  const inputs = JSON.stringify([hours, window.start, window.end, timezone, period.start, period.end]);
  const unfollowedFrom = earliestStartDueFrom(breachesDueFrom, hours, window, timezone);
  const stamp = changeStamp(db);
  const kept = query.reusable ? businessBases.get(db) : undefined;
  let basis = kept?.basis;
  // A later `now` lists from a later bound, which the kept rows cover; an earlier one needs older rows.
  if (!basis || kept!.stamp !== stamp || basis.inputs !== inputs || basis.unfollowedFrom > unfollowedFrom) {
    basis = businessBasis(db, { hours, window, timezone, period, inputs, unfollowedFrom });
    if (query.reusable) businessBases.set(db, { stamp, basis });
  }

  const breached = countAtMost(basis.unfollowedDuesInPeriod, now);
  const outcomes: FollowUpCounts = {
    met: basis.met,
    late: basis.late,
    breached,
    waiting: basis.unfollowedDuesInPeriod.length - breached,
  };
  // Every waiting MQL is due after now ≥ breachesDueFrom, so one read from that bound serves both lists.
  const listed = basis.unfollowed.filter((lead) => lead.mqlAt >= unfollowedFrom);
  const waiting = listed.filter((lead) => lead.dueAt > now);
  const breaches = listed.filter((lead) => lead.dueAt <= now && lead.dueAt >= breachesDueFrom);
  return {
    outcomes,
    waiting: waiting.slice(0, SLA_LIST_LIMIT),
    breaches: breaches.slice(0, SLA_LIST_LIMIT),
    breachesByOwner: groupByOwner(breaches),
    open: { breached: breaches.length, waiting: waiting.length },
  };
}

function businessBasis(
  db: Database.Database,
  query: BusinessTerms & { inputs: string; unfollowedFrom: number },
): BusinessBasis {
  const { hours, window, timezone, period } = query;
  const dueAll = (starts: number[]) => addBusinessHoursToEach(starts, hours, window, timezone);

  // Due in [period.start, period.end) needs mql_at < period.end, since nothing is due before it is an MQL.
  const rows = listMqlFollowUps(db, earliestStartDueFrom(period.start, hours, window, timezone), period.end);
  const dues = dueAll(rows.map((row) => row.mqlAt));
  let met = 0;
  let late = 0;
  const unfollowedDuesInPeriod: number[] = [];
  rows.forEach((row, index) => {
    const due = dues[index]!;
    if (due < period.start || due >= period.end) return;
    if (row.followUpAt === null) unfollowedDuesInPeriod.push(due);
    else if (row.followUpAt <= due) met += 1;
    else late += 1;
  });
  // Due times rise with mql_at, and the rows come in mql_at order: already ascending.

  const unfollowed = listUnfollowedMqlsBetween(db, { mqlFrom: query.unfollowedFrom, mqlTo: Number.MAX_SAFE_INTEGER });
  const unfollowedDues = dueAll(unfollowed.map((lead) => lead.mqlAt));
  return {
    inputs: query.inputs,
    met,
    late,
    unfollowedDuesInPeriod,
    unfollowedFrom: query.unfollowedFrom,
    // Due times rise with mql_at, so the order read (mql_at, id) is already soonest due first.
    unfollowed: unfollowed.map((lead, index) => ({ ...lead, dueAt: unfollowedDues[index]! })),
  };
}

/**
 * Breaches (longest overdue first) counted per owner, in the order of the SQL grouping of the wall-clock
 * mode: most breaches first, then the longest overdue, then the owner's id.
 */
function groupByOwner(breaches: readonly SlaLeadView[]): SlaOwnerBreaches[] {
  const groups = new Map<string | null, SlaOwnerBreaches>();
  for (const lead of breaches) {
    const group = groups.get(lead.ownerId);
    if (group === undefined) {
      groups.set(lead.ownerId, { ownerId: lead.ownerId, ownerName: lead.ownerName, count: 1, oldestDueAt: lead.dueAt });
    } else {
      group.count += 1;
      group.oldestDueAt = Math.min(group.oldestDueAt, lead.dueAt);
    }
  }
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || a.oldestDueAt - b.oldestDueAt || (a.ownerId ?? '').localeCompare(b.ownerId ?? ''),
  );
}

/** How many of the ascending `values` are at most `limit` (binary search). */
function countAtMost(values: readonly number[], limit: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}
