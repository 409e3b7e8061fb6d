import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { SprintGoalFigure, Team } from '@shared/domain';
import { journalRow } from './change-journal';
import { getLiveRow, insertLiveRow, listLiveRows, softDeleteLiveRow, updateLiveRow } from './live-rows';
import { prepared } from './statements';

export interface Sprint {
  id: string;
  name: string;
  /** 'YYYY-MM-DD', inclusive */
  startsOn: string;
  /** 'YYYY-MM-DD', inclusive */
  endsOn: string;
  createdAt: number;
  updatedAt: number;
}

export interface SprintGoal {
  id: string;
  sprintId: string;
  title: string;
  ownerTeam: Team | 'joint';
  target: number;
  current: number;
  unit: string;
  position: number;
  /** the figure the goal follows (its `current` then unused), or null for a typed goal */
  figure: SprintGoalFigure | null;
}

/** A goal's value at the end of one day. */
export interface SprintGoalProgress {
  goalId: string;
  onDate: string;
  value: number;
}

/** A sprint's columns as a form edits them. */
function sprintColumns(sprint: Pick<Sprint, 'name' | 'startsOn' | 'endsOn'>) {
  return { name: sprint.name, starts_on: sprint.startsOn, ends_on: sprint.endsOn };
}

/** Adds a sprint; `id` defaults to a new UUIDv7. */
export function insertSprint(
  db: Database.Database,
  sprint: { id?: string; name: string; startsOn: string; endsOn: string },
  at: number,
): Sprint {
  const row: Sprint = {
    id: sprint.id ?? uuidv7(),
    name: sprint.name,
    startsOn: sprint.startsOn,
    endsOn: sprint.endsOn,
    createdAt: at,
    updatedAt: at,
  };
  insertLiveRow(db, 'sprints', row.id, sprintColumns(row), at);
  return row;
}

const SPRINT_COLUMNS =
  'id, name, starts_on AS startsOn, ends_on AS endsOn, created_at AS createdAt, updated_at AS updatedAt';

/** One sprint that is not deleted, or undefined. */
export function getSprint(db: Database.Database, id: string): Sprint | undefined {
  return getLiveRow<Sprint>(db, 'sprints', SPRINT_COLUMNS, id);
}

/** Every sprint not deleted, the latest start first. */
export function listSprints(db: Database.Database): Sprint[] {
  return listLiveRows<Sprint>(db, 'sprints', SPRINT_COLUMNS, 'starts_on DESC, id DESC');
}

/**
 * A goal to add; `id` defaults to a new UUIDv7, `current` to 0, `unit` to '', `position` to 0, `figure` to
 * null (typed).
 */
export interface NewSprintGoal {
  id?: string;
  sprintId: string;
  title: string;
  ownerTeam: Team | 'joint';
  target: number;
  current?: number;
  unit?: string;
  position?: number;
  figure?: SprintGoalFigure | null;
}

/** A goal's columns as a form edits them. */
function goalColumns(
  goal: Pick<SprintGoal, 'sprintId' | 'title' | 'ownerTeam' | 'target' | 'current' | 'unit' | 'position' | 'figure'>,
) {
  return {
    sprint_id: goal.sprintId,
    title: goal.title,
    owner_team: goal.ownerTeam,
    target: goal.target,
    current: goal.current,
    unit: goal.unit,
    position: goal.position,
    figure: goal.figure,
  };
}

/** Adds a goal to a sprint. */
export function insertSprintGoal(db: Database.Database, goal: NewSprintGoal, at: number): SprintGoal {
  const row: SprintGoal = {
    id: goal.id ?? uuidv7(),
    sprintId: goal.sprintId,
    title: goal.title,
    ownerTeam: goal.ownerTeam,
    target: goal.target,
    current: goal.current ?? 0,
    unit: goal.unit ?? '',
    position: goal.position ?? 0,
    figure: goal.figure ?? null,
  };
  insertLiveRow(db, 'sprint_goals', row.id, goalColumns(row), at);
  return row;
}

const GOAL_COLUMNS =
  'id, sprint_id AS sprintId, title, owner_team AS ownerTeam, target, current, unit, position, figure';

/** A sprint's goals not deleted, by position. */
export function listSprintGoals(db: Database.Database, sprintId: string): SprintGoal[] {
  return prepared(
    db,
    `SELECT ${GOAL_COLUMNS}
     FROM sprint_goals WHERE sprint_id = ? AND deleted_at IS NULL ORDER BY position, id`,
  ).all(sprintId) as SprintGoal[];
}

/** Sets a goal's current value; returns whether the goal existed. */
export function setSprintGoalCurrent(db: Database.Database, goalId: string, current: number, at: number): boolean {
  return updateLiveRow(db, 'sprint_goals', goalId, { current }, at);
}

/** Makes a person one of a goal's owners (no-op if already). */
export function addSprintGoalOwner(db: Database.Database, goalId: string, personId: string): void {
  journalRow(db, 'sprint_goal_owners', `${goalId}|${personId}`);
  prepared(db, `INSERT OR IGNORE INTO sprint_goal_owners (goal_id, person_id) VALUES (?, ?)`).run(goalId, personId);
}

/** The ids of a goal's owners. */
export function listSprintGoalOwnerIds(db: Database.Database, goalId: string): string[] {
  return (
    prepared(db, `SELECT person_id FROM sprint_goal_owners WHERE goal_id = ? ORDER BY person_id`).all(goalId) as {
      person_id: string;
    }[]
  ).map((row) => row.person_id);
}

/** Records a goal's value at the end of a day (replaces that day's value). */
export function recordSprintGoalProgress(db: Database.Database, progress: SprintGoalProgress): void {
  journalRow(db, 'sprint_goal_progress', `${progress.goalId}|${progress.onDate}`);
  prepared(
    db,
    `INSERT INTO sprint_goal_progress (goal_id, on_date, value) VALUES (?, ?, ?)
     ON CONFLICT (goal_id, on_date) DO UPDATE SET value = excluded.value`,
  ).run(progress.goalId, progress.onDate, progress.value);
}

/** A goal's daily values in date order. */
export function listSprintGoalProgress(db: Database.Database, goalId: string): SprintGoalProgress[] {
  return prepared(
    db,
    `SELECT goal_id AS goalId, on_date AS onDate, value FROM sprint_goal_progress WHERE goal_id = ? ORDER BY on_date`,
  ).all(goalId) as SprintGoalProgress[];
}

/** Changes a sprint's name and dates; returns whether the sprint existed (and was not deleted). */
export function updateSprint(
  db: Database.Database,
  id: string,
  sprint: { name: string; startsOn: string; endsOn: string },
  at: number,
): boolean {
  return updateLiveRow(db, 'sprints', id, sprintColumns(sprint), at);
}

/** Marks a sprint deleted at `at` (its goals stay, hidden with it); returns whether it existed. */
export function softDeleteSprint(db: Database.Database, id: string, at: number): boolean {
  return softDeleteLiveRow(db, 'sprints', id, at);
}

/** One goal that is not deleted, or undefined. */
export function getSprintGoal(db: Database.Database, id: string): SprintGoal | undefined {
  return getLiveRow<SprintGoal>(db, 'sprint_goals', GOAL_COLUMNS, id);
}

/** The position after a sprint's last goal (deleted ones included, so an undone delete keeps its place). */
export function nextSprintGoalPosition(db: Database.Database, sprintId: string): number {
  const row = prepared(db, `SELECT MAX(position) AS last FROM sprint_goals WHERE sprint_id = ?`).get(sprintId) as {
    last: number | null;
  };
  return row.last === null ? 0 : row.last + 1;
}

/** Changes a goal's fields; returns whether the goal existed (and was not deleted). */
export function updateSprintGoal(
  db: Database.Database,
  id: string,
  goal: Pick<SprintGoal, 'sprintId' | 'title' | 'ownerTeam' | 'target' | 'current' | 'unit' | 'position' | 'figure'>,
  at: number,
): boolean {
  return updateLiveRow(db, 'sprint_goals', id, goalColumns(goal), at);
}

/** Marks a goal deleted at `at`; returns whether it existed. */
export function softDeleteSprintGoal(db: Database.Database, id: string, at: number): boolean {
  return softDeleteLiveRow(db, 'sprint_goals', id, at);
}

/** Takes a person off a goal's owners (no-op if they were not one). */
export function removeSprintGoalOwner(db: Database.Database, goalId: string, personId: string): void {
  journalRow(db, 'sprint_goal_owners', `${goalId}|${personId}`);
  prepared(db, `DELETE FROM sprint_goal_owners WHERE goal_id = ? AND person_id = ?`).run(goalId, personId);
}
