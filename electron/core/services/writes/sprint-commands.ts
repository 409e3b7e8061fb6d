/**
 * Data entry for sprints and their joint goals. Each write is one {@link runCommand} transaction
 * with one activity event whose payload carries a snapshot for the feed and the raw `changes` for undo.
 * A goal's progress also lands in today's sprint_goal_progress row, so the burn-up moves with it.
 */
import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { GoalEventPayload } from '@shared/activity-events';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import { SPRINT_GOAL_FIGURE_LABELS, type SprintGoalFigure } from '@shared/domain';
import type { SprintGoalRecord, SprintRecord } from '@shared/records';
import type { CoreContext } from '../../context';
import { journalledChanges } from '../../db/repositories/change-journal';
import { getPerson } from '../../db/repositories/people-repository';
import {
  addSprintGoalOwner,
  getSprint,
  getSprintGoal,
  insertSprint,
  insertSprintGoal,
  listSprintGoalOwnerIds,
  listSprintGoals,
  listSprints,
  nextSprintGoalPosition,
  recordSprintGoalProgress,
  removeSprintGoalOwner,
  setSprintGoalCurrent,
  softDeleteSprint,
  softDeleteSprintGoal,
  updateSprint,
  updateSprintGoal,
  type SprintGoal,
} from '../../db/repositories/sprints-repository';
import { runCommand } from '../support/activity-recorder';
import { localDate } from '@shared/calendar';
import { getDisplaySettings } from '../support/settings-service';
import { measureGoal, sprintSpan } from '../reads/sprint-goal-figures';

/**
 * Every sprint not deleted, the latest start first, each with its goals (in their order) and owner ids; a
 * goal tied to a figure carries the figure's value over its sprint up to now as `current`.
 */
export function listSprintRecords(ctx: CoreContext): SprintRecord[] {
  const { db } = ctx;
  return db.transaction(() => listSprints(db).map((sprint) => toSprintRecord(ctx, sprint))).deferred();
}

/**
 * Creates a sprint (no id) or changes one (id of a sprint not deleted, else `not_found` on 'id'). A save
 * that changes nothing writes and records nothing. Event: 'sprint.saved' (`created` says which).
 */
export function saveSprint(ctx: CoreContext, input: MethodParsedInput<'sprints.save'>): SprintRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const fields = { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn };
    const existing = input.id == null ? null : getSprint(db, input.id);
    if (existing === undefined) throw notFound('id', `there is no sprint "${input.id}"`);

    const sprintId = existing?.id ?? uuidv7();
    if (existing === null) {
      insertSprint(db, { ...fields, id: sprintId }, now);
    } else {
      const same =
        existing.name === fields.name && existing.startsOn === fields.startsOn && existing.endsOn === fields.endsOn;
      if (same) return toSprintRecord(ctx, existing);
      updateSprint(db, sprintId, fields, now);
    }
    record({
      type: 'sprint.saved',
      entity: 'sprint',
      entityId: sprintId,
      payload: { sprintId, ...fields, created: existing === null },
    });
    return toSprintRecord(ctx, getSprint(db, sprintId)!);
  });
}

/** Deletes a sprint softly (undo brings it back); `not_found` on 'id' if there is none. Event: 'sprint.deleted'. */
export function deleteSprint(ctx: CoreContext, input: MethodParsedInput<'sprints.delete'>): { id: string } {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const sprint = getSprint(db, input.id);
    if (sprint === undefined) throw notFound('id', `there is no sprint "${input.id}"`);
    softDeleteSprint(db, sprint.id, ctx.clock.now());
    record({
      type: 'sprint.deleted',
      entity: 'sprint',
      entityId: sprint.id,
      payload: { sprintId: sprint.id, name: sprint.name },
    });
    return { id: sprint.id };
  });
}

/**
 * Creates a goal (no id; placed after the sprint's last goal) or changes one; the owner list is replaced by
 * `ownerIds` (duplicates ignored). The sprint, the goal and every owner must exist (else `not_found` naming
 * 'sprintId', 'id' or 'ownerIds.N'). `figure` ties the goal to a figure the app computes (null: typed;
 * omitted: as saved, typed for a new goal); a tied goal takes no `current` (`invalid_input` on 'current').
 * When a typed goal's `current` differs from the stored value (or a new goal starts above 0), today's
 * burn-up value is recorded too, as {@link updateGoalProgress} does. A save that changes nothing records
 * nothing. Event: 'goal.saved'.
 */
export function saveSprintGoal(ctx: CoreContext, input: MethodParsedInput<'sprintGoals.save'>): SprintGoalRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const sprint = getSprint(db, input.sprintId);
    if (sprint === undefined) throw notFound('sprintId', `there is no sprint "${input.sprintId}"`);
    const existing = input.id == null ? null : getSprintGoal(db, input.id);
    if (existing === undefined) throw notFound('id', `there is no sprint goal "${input.id}"`);
    const ownerIds = [...new Set(input.ownerIds)];
    input.ownerIds.forEach((personId, index) => {
      if (getPerson(db, personId) === undefined)
        throw notFound(`ownerIds.${index}`, `there is no person "${personId}"`);
    });

    const figure = input.figure === undefined ? (existing?.figure ?? null) : input.figure;
    if (figure !== null && input.current !== undefined) throw computedProgress('current', figure);
    const fields = {
      sprintId: sprint.id,
      title: input.title,
      ownerTeam: input.ownerTeam,
      target: input.target,
      // A tied goal keeps the typed value it had, should it be untied again.
      current: figure === null ? (input.current ?? 0) : (existing?.current ?? 0),
      unit: input.unit,
      figure,
    };
    const goalId = existing?.id ?? uuidv7();
    if (existing === null) {
      insertSprintGoal(db, { ...fields, id: goalId, position: nextSprintGoalPosition(db, sprint.id) }, now);
    } else {
      // Moving to another sprint puts the goal last there; otherwise it keeps its place.
      const position = existing.sprintId === sprint.id ? existing.position : nextSprintGoalPosition(db, sprint.id);
      if (!sameGoal(existing, fields)) updateSprintGoal(db, goalId, { ...fields, position }, now);
    }
    replaceOwners(db, goalId, ownerIds);
    if (figure === null && (existing === null ? fields.current > 0 : existing.current !== fields.current)) {
      recordToday(ctx, goalId, fields.current);
    }

    const goal = getSprintGoal(db, goalId)!;
    if (journalledChanges(db).length === 0) return toGoalRecord(ctx, goal);
    record({
      type: 'goal.saved',
      entity: 'sprint_goal',
      entityId: goalId,
      payload: {
        ...goalSnapshot(goal, sprint.name),
        ownerIds,
        created: existing === null,
      },
    });
    return toGoalRecord(ctx, goal);
  });
}

/**
 * Sets a goal's current value and records it as today's value (the room's zone) in the burn-up history,
 * replacing an earlier value of today. `not_found` on 'goalId' for an unknown or deleted goal;
 * `invalid_input` on 'current' for a goal tied to a figure (its progress updates itself). Nothing is
 * written when both already hold this value. Event: 'goal.progressed' with the previous value.
 */
export function updateGoalProgress(
  ctx: CoreContext,
  input: MethodParsedInput<'sprintGoals.updateProgress'>,
): SprintGoalRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const goal = getSprintGoal(db, input.goalId);
    if (goal === undefined) throw notFound('goalId', `there is no sprint goal "${input.goalId}"`);
    if (goal.figure !== null) throw computedProgress('current', goal.figure);
    if (goal.current !== input.current) setSprintGoalCurrent(db, goal.id, input.current, ctx.clock.now());
    recordToday(ctx, goal.id, input.current);
    const updated = getSprintGoal(db, goal.id)!;
    if (journalledChanges(db).length === 0) return toGoalRecord(ctx, updated);
    const sprint = getSprint(db, goal.sprintId);
    record({
      type: 'goal.progressed',
      entity: 'sprint_goal',
      entityId: goal.id,
      payload: { ...goalSnapshot(updated, sprint?.name ?? null), previous: goal.current },
    });
    return toGoalRecord(ctx, updated);
  });
}

/** Deletes a goal softly; `not_found` on 'id' if there is none. Event: 'goal.deleted'. */
export function deleteSprintGoal(ctx: CoreContext, input: MethodParsedInput<'sprintGoals.delete'>): { id: string } {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const goal = getSprintGoal(db, input.id);
    if (goal === undefined) throw notFound('id', `there is no sprint goal "${input.id}"`);
    softDeleteSprintGoal(db, goal.id, ctx.clock.now());
    record({
      type: 'goal.deleted',
      entity: 'sprint_goal',
      entityId: goal.id,
      payload: goalSnapshot(goal, getSprint(db, goal.sprintId)?.name ?? null),
    });
    return { id: goal.id };
  });
}

/** Upserts today's burn-up value of a goal (the room's zone). */
function recordToday(ctx: CoreContext, goalId: string, value: number): void {
  const today = localDate(ctx.clock.now(), getDisplaySettings(ctx).timezone);
  recordSprintGoalProgress(ctx.db, { goalId, onDate: today, value });
}

/** Makes the goal's owners exactly `ownerIds`. */
function replaceOwners(db: Database.Database, goalId: string, ownerIds: string[]): void {
  const wanted = new Set(ownerIds);
  for (const personId of listSprintGoalOwnerIds(db, goalId)) {
    if (wanted.delete(personId)) continue;
    removeSprintGoalOwner(db, goalId, personId);
  }
  for (const personId of wanted) addSprintGoalOwner(db, goalId, personId);
}

function sameGoal(
  goal: SprintGoal,
  fields: Pick<SprintGoal, 'sprintId' | 'title' | 'ownerTeam' | 'target' | 'current' | 'unit' | 'figure'>,
): boolean {
  return (
    goal.figure === fields.figure &&
    goal.sprintId === fields.sprintId &&
    goal.title === fields.title &&
    goal.ownerTeam === fields.ownerTeam &&
    goal.target === fields.target &&
    goal.current === fields.current &&
    goal.unit === fields.unit
  );
}

/** What the feed shows of a goal: "Webinar sign-ups 42 / 150". */
function goalSnapshot(goal: SprintGoal, sprintName: string | null): GoalEventPayload {
  return {
    goalId: goal.id,
    sprintId: goal.sprintId,
    sprintName,
    title: goal.title,
    ownerTeam: goal.ownerTeam,
    current: goal.current,
    target: goal.target,
    unit: goal.unit,
    figure: goal.figure,
  };
}

function toSprintRecord(ctx: CoreContext, sprint: { id: string; name: string; startsOn: string; endsOn: string }) {
  return {
    id: sprint.id,
    name: sprint.name,
    startsOn: sprint.startsOn,
    endsOn: sprint.endsOn,
    goals: listSprintGoals(ctx.db, sprint.id).map((goal) => toGoalRecord(ctx, goal, sprint)),
  };
}

/** The goal as the admin edits it; a tied goal's `current` is its figure's value now. */
function toGoalRecord(
  ctx: CoreContext,
  goal: SprintGoal,
  sprint: { startsOn: string; endsOn: string } | undefined = getSprint(ctx.db, goal.sprintId),
): SprintGoalRecord {
  const measured =
    goal.figure === null || sprint === undefined
      ? { value: goal.current, awaiting: false }
      : measureGoal(ctx, goal, sprintSpan(sprint, getDisplaySettings(ctx).timezone), ctx.clock.now());
  return {
    id: goal.id,
    sprintId: goal.sprintId,
    title: goal.title,
    ownerTeam: goal.ownerTeam,
    target: goal.target,
    current: measured.value,
    unit: goal.unit,
    ownerIds: listSprintGoalOwnerIds(ctx.db, goal.id),
    figure: goal.figure,
    awaiting: measured.awaiting,
  };
}

/** Why a tied goal takes no hand-entered progress, on the field that tried. */
function computedProgress(field: string, figure: SprintGoalFigure): ApiError {
  return new ApiError(
    'invalid_input',
    `This goal follows "${SPRINT_GOAL_FIGURE_LABELS[figure]}" and updates itself; its progress cannot be entered by hand. Make it a typed goal to enter progress.`,
    field,
  );
}

function notFound(field: string, message: string): ApiError {
  return new ApiError('not_found', message, field);
}
