/**
 * The sprint slide's figures (METRICS: sprints): the current sprint's joint goals with their progress,
 * the working days left, and its burn-up series.
 */
import { ApiError } from '@shared/contract';
import type { BurnUpPoint, SprintGoalView, SprintResult } from '@shared/domain';
import type { CoreContext } from '../../context';
import {
  findCurrentOrNextSprint,
  findSprint,
  getSprintLatestChange,
  listGoalProgress,
  listSprintGoalOwners,
  listSprintGoals,
} from '../../db/repositories/sprint-view-repository';
import { getFunnelLatestChange } from '../../db/repositories/funnel-repository';
import { getLeadQualityLatestChange } from '../../db/repositories/lead-quality-repository';
import { getSlaLatestChange } from '../../db/repositories/sla-figures-repository';
import { momentOf, type AsOf } from '../support/as-of';
import { describeFreshness } from '../support/freshness';
import { datesBetween, localDate, localDayStart, workingDaysLeft } from '@shared/calendar';
import { getDisplaySettings } from '../support/settings-service';
import { measureGoal, sprintSpan } from './sprint-goal-figures';

/**
 * The sprint running today in the room's zone (start and end dates inclusive), or else the next one to
 * start, or null. Goals (not deleted) come in their set order with their owners, and progress = current ÷
 * target, above 1 when exceeded; a goal tied to a figure has as `current` that figure over the sprint's
 * dates up to now ({@link measureGoal}), and the slide's data age then follows the leads and reviews too.
 * Days left = working days from today to the end date, today included if it is a working day; for a
 * sprint that has not started yet, counted from its first day. `burnUp` is the
 * sprint's {@link getBurnUp} series (days after today without an actual). `asOf.at` makes "today" the day
 * of that moment (the weekly report: the sprint running at the end of the week).
 */
export function getCurrentSprint(ctx: CoreContext, asOf: Pick<AsOf, 'at'> = {}): SprintResult {
  const { db } = ctx;
  const now = momentOf(ctx, asOf);
  const timezone = getDisplaySettings(ctx).timezone;
  const today = localDate(now, timezone);
  return db
    .transaction((): SprintResult => {
      const sprint = findCurrentOrNextSprint(db, today);
      if (!sprint)
        return {
          sprint: null,
          freshness: describeFreshness(db, now, getSprintLatestChange(db, null)),
        };
      const owners = listSprintGoalOwners(db, sprint.id);
      const span = sprintSpan(sprint, timezone);
      const goals: SprintGoalView[] = listSprintGoals(db, sprint.id).map((goal) => {
        const measured = measureGoal(ctx, goal, span, now);
        return {
          ...goal,
          current: measured.value,
          owners: owners.get(goal.id) ?? [],
          progress: measured.value / goal.target,
          awaiting: measured.awaiting,
        };
      });
      const tied = goals.some((goal) => goal.figure !== null);
      const countFrom = sprint.startsOn > today ? sprint.startsOn : today;
      return {
        sprint: {
          ...sprint,
          daysLeft: workingDaysLeft(countFrom, sprint.endsOn),
          goals,
          // Nested in this read transaction (a savepoint), so goals and burn-up come from one snapshot.
          burnUp: getBurnUp(ctx, sprint.id, asOf),
        },
        freshness: describeFreshness(
          db,
          now,
          tied ? latestTiedChange(db, sprint.id) : getSprintLatestChange(db, sprint.id),
        ),
      };
    })
    .deferred();
}

/** One day of the burn-up chart (shares from 0 to 1); declared in the contract's domain types. */
export type { BurnUpPoint };

/**
 * The burn-up series of a sprint (METRICS: burn-up), one point per calendar day of the sprint. A goal's
 * value on a day is its latest recorded value (sprint_goal_progress) on or before that day, 0 before the
 * first record; the day's actual is the sum of the goals' progress, each capped at 100 %, ÷ the number of
 * goals (0 for a sprint without goals). A goal tied to a figure has on each day its figure from the sprint's
 * first day to the end of that day (not past now), so its history follows the data as it stands. Throws a not_found ApiError for an unknown or deleted sprint.
 * Days after the day of `asOf.at` (default now) have no actual.
 */
export function getBurnUp(ctx: CoreContext, sprintId: string, asOf: Pick<AsOf, 'at'> = {}): BurnUpPoint[] {
  const { db } = ctx;
  const now = momentOf(ctx, asOf);
  const timezone = getDisplaySettings(ctx).timezone;
  const today = localDate(now, timezone);
  return db
    .transaction((): BurnUpPoint[] => {
      const sprint = findSprint(db, sprintId);
      if (!sprint) throw new ApiError('not_found', `no sprint with id ${sprintId}`);
      const goals = listSprintGoals(db, sprint.id);
      const progress = listGoalProgress(db, sprint.id, sprint.endsOn);
      const days = datesBetween(sprint.startsOn, sprint.endsOn);
      const span = sprintSpan(sprint, timezone);

      // Walk the days once, moving each goal's cursor through its (date-sorted) records.
      const recordsByGoal = new Map<string, { onDate: string; value: number }[]>();
      for (const record of progress) {
        const list = recordsByGoal.get(record.goalId) ?? [];
        list.push(record);
        recordsByGoal.set(record.goalId, list);
      }
      const cursors = goals.map((goal) => ({
        goal,
        records: recordsByGoal.get(goal.id) ?? [],
        next: 0,
        value: 0,
      }));

      return days.map((date, index) => {
        const ideal = days.length === 1 ? 1 : index / (days.length - 1);
        if (date > today) return { date, actual: null, ideal };
        let sum = 0;
        for (const cursor of cursors) {
          if (cursor.goal.figure !== null) {
            const dayEnd = localDayStart(date, timezone, 1);
            sum += Math.min(measureGoal(ctx, cursor.goal, span, now, dayEnd).value / cursor.goal.target, 1);
            continue;
          }
          while (cursor.next < cursor.records.length && cursor.records[cursor.next]!.onDate <= date) {
            cursor.value = cursor.records[cursor.next]!.value;
            cursor.next += 1;
          }
          sum += Math.min(cursor.value / cursor.goal.target, 1);
        }
        return {
          date,
          actual: cursors.length === 0 ? 0 : sum / cursors.length,
          ideal,
        };
      });
    })
    .deferred();
}

/** The latest change to the sprint or to anything its tied goals count (leads, reviews, SLA terms). */
function latestTiedChange(db: CoreContext['db'], sprintId: string): number | null {
  const changes = [
    getSprintLatestChange(db, sprintId),
    getFunnelLatestChange(db),
    getLeadQualityLatestChange(db),
    getSlaLatestChange(db),
  ].filter((at): at is number => at !== null);
  return changes.length === 0 ? null : Math.max(...changes);
}
