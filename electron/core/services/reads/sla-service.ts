/**
 * The SLA scoreboard's figures (METRICS: SLA — the two-way agreement): marketing's MQLs against its
 * commitment with pace, sales' follow-up compliance, the MQLs waiting for a follow-up and the breaches.
 */
import { ApiError } from '@shared/api-error';
import type { TimeWindow } from '@shared/domain';
import type { SlaLeadView, SlaOwnerBreaches, SlaResult, SlaTermsView } from '@shared/figures';
import type { CoreContext } from '../../context';
import type Database from 'better-sqlite3';
import {
  countBreachedMqlsByOwner,
  countFollowUpOutcomes,
  countMqlsBetween,
  countWaitingMqls,
  getSlaLatestChange,
  latestSlaChange,
  listBreachedMqls,
  listMqlFollowUps,
  listUnfollowedMqlsBetween,
  listWaitingMqls,
  readSlaLead,
  slaChangesSince,
  type FollowUpCounts,
} from '../../db/repositories/sla-figures-repository';
import { changeStamp } from '../../db/repositories/change-stamp-repository';
import { getSlaTermsAt } from '../../db/repositories/sla-repository';
import { addBusinessHoursToEach, earliestStartDueFrom, isUsableWorkday } from '../support/business-hours';
import { momentOf, type AsOf } from '../support/as-of';
import { describeFreshness } from '../support/freshness';
import { paceFigure } from '../support/pace';
import { elapsedWorkingShare, periodContaining } from '@shared/calendar';
import { getDisplaySettings } from '../support/settings-service';

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
 *   `night.workday` window, in the room's zone: services/support/business-hours.ts). The first follow-up is the earlier of `first_follow_up_at`
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
 * `asOf` computes the same figures for another moment and period kind (the weekly report: the terms valid
 * at the end of the week, over that week); over a period of another kind than the terms' the commitment
 * does not apply, so marketing's figure then has no target.
 *
 * @throws ApiError `conflict` (field `night.workday`) in business-hours mode when the working day is empty.
 */
export function getSla(ctx: CoreContext, asOf: AsOf = {}): SlaResult {
  const { db } = ctx;
  const settings = getDisplaySettings(ctx);
  const timezone = settings.timezone;
  const now = momentOf(ctx, asOf);
  // Only a read of our own may keep its work: a caller's transaction may still roll back what it wrote.
  const reusable = !db.inTransaction;

  return db
    .transaction((): SlaResult => {
      const freshness = describeFreshness(db, now, getSlaLatestChange(db));
      const stored = getSlaTermsAt(db, now);
      if (stored === undefined) {
        const period = periodContaining(now, asOf.periodKind ?? settings.periodKind, timezone);
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
      const period = periodContaining(now, asOf.periodKind ?? terms.periodKind, timezone);
      // The commitment is per the terms' period: over a period of another kind there is none to pace.
      const commitment = period.kind === terms.periodKind ? terms.mqlsPerPeriod : null;
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
          marketing: paceFigure(delivered, commitment, elapsedWorkingShare(period, now, timezone)),
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
        marketing: paceFigure(delivered, commitment, elapsedWorkingShare(period, now, timezone)),
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

/**
 * Sales' follow-up outcomes over the MQLs whose due time falls in [range.start, range.end), at `now`, under
 * the terms valid at `now` and with the same due times as {@link getSla} (wall-clock, or business hours):
 * met, late, breached and waiting, and compliance = met ÷ (met + late + breached), null when that is 0.
 * Null without SLA terms. For ranges other than the SLA's period (a sprint's dates); nothing is kept.
 *
 * @throws ApiError `conflict` (field `night.workday`) in business-hours mode when the working day is empty.
 */
export function getFollowUpOutcomes(
  ctx: CoreContext,
  range: { start: number; end: number },
  now: number,
): (FollowUpCounts & { compliance: number | null }) | null {
  const { db } = ctx;
  const stored = getSlaTermsAt(db, now);
  if (stored === undefined) return null;
  const settings = getDisplaySettings(ctx);
  const outcomes = stored.businessHoursOnly
    ? businessHoursFigures(db, {
        hours: stored.followUpHours,
        window: settings.night.workday,
        timezone: settings.timezone,
        period: range,
        now,
        // Lists are not wanted here: the latest bound keeps their read to the MQLs not yet due.
        breachesDueFrom: now,
        reusable: false,
      }).outcomes
    : countFollowUpOutcomes(db, {
        dueFrom: range.start,
        dueTo: range.end,
        followUpMs: Math.round(stored.followUpHours * HOUR_MS),
        now,
      });
  const judged = outcomes.met + outcomes.late + outcomes.breached;
  return { ...outcomes, compliance: judged === 0 ? null : outcomes.met / judged };
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

/** What an MQL in the basis's range counts as; kept with its due time in one number (due × 4 + outcome). */
const OUTCOME = { outside: 0, met: 1, late: 2, unfollowed: 3 } as const;

/**
 * More changed leads than this since a basis was made, and working it all out again is cheaper than
 * redoing each of them.
 */
const CATCH_UP_LIMIT = 2_000;

/**
 * What the business-hours figures are made from, worked out row by row (a due time is no fixed offset):
 * the outcomes that no longer change (met and late, over the MQLs due in the period), the due times of the
 * period's MQLs still without a follow-up, and the unfollowed MQLs from `unfollowedFrom` on with their due
 * times. Nothing in it depends on `now`, so it holds until the database or the inputs change.
 */
interface BusinessBasis {
  inputs: string;
  /** the newest entry of the SLA change journal this basis includes */
  seq: number;
  /** the MQLs whose due time can fall in the period: mql_at in [rangeFrom, rangeTo) */
  rangeFrom: number;
  rangeTo: number;
  met: number;
  late: number;
  /** ascending */
  unfollowedDuesInPeriod: number[];
  /** every MQL of the range by rowid: due × 4 + its {@link OUTCOME} */
  ranged: Map<number, number>;
  unfollowedFrom: number;
  /** oldest first, so soonest due first */
  unfollowed: UnfollowedWithDue[];
}

/**
 * The last basis per connection and the change stamp it was made at. At a million deals a basis takes a
 * quarter of a second, and a wall reads the SLA on every refresh; the stamp changes with any write, by this
 * connection or another. A changed stamp brings the basis up to date from the SLA change journal, lead by
 * lead, so a write costs in proportion to the leads it touched; a basis is never older than the data.
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
  if (basis && (basis.inputs !== inputs || basis.unfollowedFrom > unfollowedFrom)) basis = undefined;
  if (basis && kept!.stamp !== stamp && !catchUp(db, basis, { hours, window, timezone, period })) basis = undefined;
  if (!basis) basis = businessBasis(db, { hours, window, timezone, period, inputs, unfollowedFrom });
  if (query.reusable) businessBases.set(db, { stamp, basis });

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
  const shown = (leads: UnfollowedWithDue[]): SlaLeadView[] =>
    leads.slice(0, SLA_LIST_LIMIT).map(({ rowid: _rowid, ...lead }) => lead);
  return {
    outcomes,
    waiting: shown(waiting),
    breaches: shown(breaches),
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
  const seq = latestSlaChange(db);

  // Due in [period.start, period.end) needs mql_at < period.end, since nothing is due before it is an MQL.
  const rangeFrom = earliestStartDueFrom(period.start, hours, window, timezone);
  const rows = listMqlFollowUps(db, rangeFrom, period.end);
  const dues = dueAll(rows.map((row) => row.mqlAt));
  const basis: BusinessBasis = {
    inputs: query.inputs,
    seq,
    rangeFrom,
    rangeTo: period.end,
    met: 0,
    late: 0,
    unfollowedDuesInPeriod: [],
    ranged: new Map(),
    unfollowedFrom: query.unfollowedFrom,
    unfollowed: [],
  };
  rows.forEach((row, index) => {
    const due = dues[index]!;
    const outcome = outcomeOf(due, row.followUpAt, period);
    basis.ranged.set(row.rowid, due * 4 + outcome);
    if (outcome === OUTCOME.met) basis.met += 1;
    else if (outcome === OUTCOME.late) basis.late += 1;
    // Due times rise with mql_at, and the rows come in mql_at order: already ascending.
    else if (outcome === OUTCOME.unfollowed) basis.unfollowedDuesInPeriod.push(due);
  });

  const unfollowed = listUnfollowedMqlsBetween(db, { mqlFrom: query.unfollowedFrom, mqlTo: Number.MAX_SAFE_INTEGER });
  const unfollowedDues = dueAll(unfollowed.map((lead) => lead.mqlAt));
  // Due times rise with mql_at, so the order read (mql_at, id) is already soonest due first.
  basis.unfollowed = unfollowed.map((lead, index) => ({ ...lead, dueAt: unfollowedDues[index]! }));
  return basis;
}

/** What an MQL due at `due` with its first follow-up at `followUpAt` counts as in `period`. */
function outcomeOf(
  due: number,
  followUpAt: number | null,
  period: { start: number; end: number },
): (typeof OUTCOME)[keyof typeof OUTCOME] {
  if (due < period.start || due >= period.end) return OUTCOME.outside;
  if (followUpAt === null) return OUTCOME.unfollowed;
  return followUpAt <= due ? OUTCOME.met : OUTCOME.late;
}

/**
 * Brings a basis up to date with the leads the SLA change journal names since it was made: each one's old
 * part taken out, its row read again and its new part put in. False when the journal cannot name them all
 * (or names too many); the basis must then be made again.
 */
function catchUp(db: Database.Database, basis: BusinessBasis, terms: BusinessTerms): boolean {
  const changes = slaChangesSince(db, basis.seq, CATCH_UP_LIMIT);
  if (changes === null) return false;
  for (const rowid of changes.rowids) {
    const before = basis.ranged.get(rowid);
    if (before !== undefined) {
      const outcome = before % 4;
      if (outcome === OUTCOME.met) basis.met -= 1;
      else if (outcome === OUTCOME.late) basis.late -= 1;
      else if (outcome === OUTCOME.unfollowed) removeSorted(basis.unfollowedDuesInPeriod, (before - outcome) / 4);
      basis.ranged.delete(rowid);
    }
    const listed = basis.unfollowed.findIndex((lead) => lead.rowid === rowid);
    if (listed >= 0) basis.unfollowed.splice(listed, 1);

    const lead = readSlaLead(db, rowid);
    if (!lead) continue;
    const inRange = lead.mqlAt >= basis.rangeFrom && lead.mqlAt < basis.rangeTo;
    const listable = lead.followUpAt === null && lead.mqlAt >= basis.unfollowedFrom;
    if (!inRange && !listable) continue;
    const due = addBusinessHoursToEach([lead.mqlAt], terms.hours, terms.window, terms.timezone)[0]!;
    if (inRange) {
      const outcome = outcomeOf(due, lead.followUpAt, terms.period);
      basis.ranged.set(rowid, due * 4 + outcome);
      if (outcome === OUTCOME.met) basis.met += 1;
      else if (outcome === OUTCOME.late) basis.late += 1;
      else if (outcome === OUTCOME.unfollowed) insertSorted(basis.unfollowedDuesInPeriod, due);
    }
    if (listable) {
      const { followUpAt: _followUpAt, ...shown } = lead;
      const entry: UnfollowedWithDue = { ...shown, dueAt: due };
      // The list's order: mql_at, then id, as it is read.
      const at = basis.unfollowed.findIndex(
        (other) => other.mqlAt > entry.mqlAt || (other.mqlAt === entry.mqlAt && other.leadId > entry.leadId),
      );
      basis.unfollowed.splice(at < 0 ? basis.unfollowed.length : at, 0, entry);
    }
  }
  basis.seq = changes.latest;
  return true;
}

/** Inserts `value` into the ascending `values`, keeping them ascending. */
function insertSorted(values: number[], value: number): void {
  values.splice(countAtMost(values, value), 0, value);
}

/** Removes one `value` from the ascending `values`, if it is there. */
function removeSorted(values: number[], value: number): void {
  const at = countAtMost(values, value) - 1;
  if (at >= 0 && values[at] === value) values.splice(at, 1);
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
