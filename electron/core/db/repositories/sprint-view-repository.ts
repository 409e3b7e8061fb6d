/**
 * Read-only queries behind the sprint slide (METRICS: sprints). Sprints and goals are few, so these read
 * rows; the write side lives in the sprints repository.
 */
import type Database from 'better-sqlite3';
import type { Person, SprintGoalFigure, Team } from '@shared/domain';
import { latestOf, prepared } from './statements';

/** A sprint row as the slide needs it. */
export interface SprintRow {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
}

const SPRINT_COLUMNS = 'id, name, starts_on AS startsOn, ends_on AS endsOn';

/**
 * The sprint running on `today` ('YYYY-MM-DD', both ends inclusive), or else the next one to start, or
 * undefined. Should sprints overlap, the one that started last wins (it is the one people just planned).
 */
export function findCurrentOrNextSprint(db: Database.Database, today: string): SprintRow | undefined {
  const running = prepared(
    db,
    `SELECT ${SPRINT_COLUMNS} FROM sprints
       WHERE deleted_at IS NULL AND starts_on <= @today AND ends_on >= @today
       ORDER BY starts_on DESC, id DESC LIMIT 1`,
  ).get({ today }) as SprintRow | undefined;
  if (running) return running;
  return prepared(
    db,
    `SELECT ${SPRINT_COLUMNS} FROM sprints
       WHERE deleted_at IS NULL AND starts_on > @today
       ORDER BY starts_on, id LIMIT 1`,
  ).get({ today }) as SprintRow | undefined;
}

/** One sprint by id, unless deleted. */
export function findSprint(db: Database.Database, sprintId: string): SprintRow | undefined {
  return prepared(db, `SELECT ${SPRINT_COLUMNS} FROM sprints WHERE id = ? AND deleted_at IS NULL`).get(sprintId) as
    SprintRow | undefined;
}

/** A sprint goal row. */
export interface SprintGoalRow {
  id: string;
  title: string;
  ownerTeam: Team | 'joint';
  target: number;
  current: number;
  unit: string;
  /** the figure the goal follows, or null for a typed goal */
  figure: SprintGoalFigure | null;
}

/** A sprint's goals that are not deleted, in their set order. */
export function listSprintGoals(db: Database.Database, sprintId: string): SprintGoalRow[] {
  return prepared(
    db,
    `SELECT id, title, owner_team AS ownerTeam, target, current, unit, figure FROM sprint_goals
       WHERE sprint_id = ? AND deleted_at IS NULL
       ORDER BY position, created_at, id`,
  ).all(sprintId) as SprintGoalRow[];
}

/** The owners (people not deleted) of every goal of a sprint, by goal id, each list sorted by name. */
export function listSprintGoalOwners(db: Database.Database, sprintId: string): Map<string, Person[]> {
  const rows = prepared(
    db,
    `SELECT o.goal_id AS goalId, p.id, p.name, p.team
       FROM sprint_goal_owners o
       JOIN sprint_goals g ON g.id = o.goal_id
       JOIN people p ON p.id = o.person_id
       WHERE g.sprint_id = ? AND p.deleted_at IS NULL
       ORDER BY p.name, p.id`,
  ).all(sprintId) as (Person & { goalId: string })[];
  const owners = new Map<string, Person[]>();
  for (const { goalId, ...person } of rows) {
    const list = owners.get(goalId) ?? [];
    list.push(person);
    owners.set(goalId, list);
  }
  return owners;
}

/** A goal's recorded value at the end of a day. */
export interface GoalProgressRow {
  goalId: string;
  onDate: string;
  value: number;
}

/**
 * The recorded daily values of a sprint's goals (not deleted) up to `untilDate`, oldest first per goal;
 * days before the sprint are included so that a value set earlier carries into its first day.
 */
export function listGoalProgress(db: Database.Database, sprintId: string, untilDate: string): GoalProgressRow[] {
  return prepared(
    db,
    `SELECT p.goal_id AS goalId, p.on_date AS onDate, p.value
       FROM sprint_goal_progress p
       JOIN sprint_goals g ON g.id = p.goal_id
       WHERE g.sprint_id = ? AND g.deleted_at IS NULL AND p.on_date <= ?
       ORDER BY p.goal_id, p.on_date`,
  ).all(sprintId, untilDate) as GoalProgressRow[];
}

/**
 * The latest change to anything the sprint slide shows (METRICS: data age): the sprint row, its goals
 * (deleted ones too: a removal is a change) and their owners' names. With no sprint, the latest change
 * to any sprint. Null when there is nothing.
 */
export function getSprintLatestChange(db: Database.Database, sprintId: string | null): number | null {
  if (sprintId === null) {
    const row = prepared(db, 'SELECT MAX(updated_at) AS latest FROM sprints').get() as { latest: number | null };
    return row.latest;
  }
  return latestOf(
    db,
    [
      'SELECT updated_at FROM sprints WHERE id = @id',
      'SELECT MAX(updated_at) FROM sprint_goals WHERE sprint_id = @id',
      `SELECT MAX(p.updated_at) FROM people p
         JOIN sprint_goal_owners o ON o.person_id = p.id
         JOIN sprint_goals g ON g.id = o.goal_id
         WHERE g.sprint_id = @id`,
    ],
    { id: sprintId },
  );
}
