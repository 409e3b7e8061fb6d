import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { ApiError } from '@shared/contract';
import type { Person } from '@shared/domain';
import { getBurnUp, getCurrentSprint } from '../../../electron/core/services/reads/sprint-service';
import { contextAt, insertPerson, openTempDatabase, setRoom, type TempDatabase } from './figures-fixtures';

const HOUR = 3_600_000;
// Sunday 15 Nov 2026 23:30 UTC is already Monday 16 Nov 00:30 in Berlin.
const NOW = Date.parse('2026-11-15T23:30:00Z');

function insertSprint(
  db: Database.Database,
  sprint: { id: string; startsOn: string; endsOn: string; updatedAt?: number; deletedAt?: number | null },
): void {
  db.prepare(
    `INSERT INTO sprints (id, name, starts_on, ends_on, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, 0, ?, ?)`,
  ).run(
    sprint.id,
    `Sprint ${sprint.id}`,
    sprint.startsOn,
    sprint.endsOn,
    sprint.updatedAt ?? 0,
    sprint.deletedAt ?? null,
  );
}

function insertGoal(
  db: Database.Database,
  goal: {
    id: string;
    sprintId: string;
    ownerTeam?: string;
    target: number;
    current: number;
    unit?: string;
    position: number;
    createdAt?: number;
    updatedAt?: number;
    deletedAt?: number | null;
    owners?: string[];
  },
): void {
  db.prepare(
    `INSERT INTO sprint_goals (id, sprint_id, title, owner_team, target, current, unit, position, created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    goal.id,
    goal.sprintId,
    `Goal ${goal.id}`,
    goal.ownerTeam ?? 'joint',
    goal.target,
    goal.current,
    goal.unit ?? '',
    goal.position,
    goal.createdAt ?? 0,
    goal.updatedAt ?? 0,
    goal.deletedAt ?? null,
  );
  for (const personId of goal.owners ?? []) {
    db.prepare('INSERT INTO sprint_goal_owners (goal_id, person_id) VALUES (?, ?)').run(goal.id, personId);
  }
}

function insertProgress(db: Database.Database, goalId: string, onDate: string, value: number): void {
  db.prepare('INSERT INTO sprint_goal_progress (goal_id, on_date, value) VALUES (?, ?, ?)').run(goalId, onDate, value);
}

/** The goals of a sprint as the slide should show them, built in JS from whole tables. */
function referenceGoals(db: Database.Database, sprintId: string) {
  const goals = (
    db.prepare('SELECT * FROM sprint_goals').all() as {
      id: string;
      sprint_id: string;
      title: string;
      owner_team: string;
      target: number;
      current: number;
      unit: string;
      position: number;
      created_at: number;
      deleted_at: number | null;
    }[]
  )
    .filter((goal) => goal.sprint_id === sprintId && goal.deleted_at === null)
    .sort((a, b) => a.position - b.position || a.created_at - b.created_at || a.id.localeCompare(b.id));
  const owners = db.prepare('SELECT * FROM sprint_goal_owners').all() as { goal_id: string; person_id: string }[];
  const people = db.prepare('SELECT * FROM people').all() as (Person & { deleted_at: number | null })[];
  return goals.map((goal) => ({
    id: goal.id,
    title: goal.title,
    ownerTeam: goal.owner_team,
    target: goal.target,
    current: goal.current,
    unit: goal.unit,
    progress: goal.current / goal.target,
    figure: null,
    awaiting: false,
    owners: owners
      .filter((owner) => owner.goal_id === goal.id)
      .map((owner) => people.find((person) => person.id === owner.person_id)!)
      .filter((person) => person.deleted_at === null)
      .map(({ id, name, team }) => ({ id, name, team }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/** Latest change behind a sprint: its row, all its goals, all its goals' owners; by scanning everything. */
function referenceLatestChange(db: Database.Database, sprintId: string): number {
  const sprint = db.prepare('SELECT updated_at FROM sprints WHERE id = ?').get(sprintId) as { updated_at: number };
  const goals = (
    db.prepare('SELECT * FROM sprint_goals').all() as { id: string; sprint_id: string; updated_at: number }[]
  ).filter((goal) => goal.sprint_id === sprintId);
  const owners = db.prepare('SELECT * FROM sprint_goal_owners').all() as { goal_id: string; person_id: string }[];
  const people = db.prepare('SELECT id, updated_at FROM people').all() as { id: string; updated_at: number }[];
  const ownerTimes = owners
    .filter((owner) => goals.some((goal) => goal.id === owner.goal_id))
    .map((owner) => people.find((person) => person.id === owner.person_id)!.updated_at);
  return Math.max(sprint.updated_at, ...goals.map((goal) => goal.updated_at), ...ownerTimes);
}

describe('getCurrentSprint', () => {
  let temp: TempDatabase;
  let ana: string;
  let tom: string;
  let zed: string;

  beforeEach(() => {
    temp = openTempDatabase();
    const { db } = temp;
    setRoom(db, { timezone: 'Europe/Berlin' });
    ana = insertPerson(db, { name: 'Ana Lima', team: 'sales', updatedAt: NOW - 50 * HOUR });
    tom = insertPerson(db, { name: 'Tom Berg', team: 'marketing', updatedAt: NOW - 40 * HOUR });
    zed = insertPerson(db, { name: 'Zed Gone', team: 'sales', updatedAt: NOW - 30 * HOUR, deletedAt: NOW - 30 * HOUR });
    insertSprint(db, { id: 's46', startsOn: '2026-11-02', endsOn: '2026-11-15', updatedAt: NOW - 2 * HOUR });
    insertSprint(db, { id: 's47', startsOn: '2026-11-16', endsOn: '2026-11-27', updatedAt: NOW - 100 * HOUR });
    // A deleted sprint that would otherwise win the tie on the start date.
    insertSprint(db, { id: 'zz-deleted', startsOn: '2026-11-16', endsOn: '2026-11-30', deletedAt: 1, updatedAt: 1 });
    insertSprint(db, { id: 's49', startsOn: '2026-11-30', endsOn: '2026-12-11', updatedAt: NOW - 200 * HOUR });
    insertGoal(db, {
      id: 'g-demos',
      sprintId: 's47',
      ownerTeam: 'joint',
      target: 40,
      current: 50,
      unit: 'demos',
      position: 2,
      createdAt: 1,
      owners: [tom, ana],
      updatedAt: NOW - 20 * HOUR,
    });
    insertGoal(db, {
      id: 'g-cases',
      sprintId: 's47',
      ownerTeam: 'marketing',
      target: 3,
      current: 1,
      unit: 'case studies',
      position: 1,
      owners: [tom, zed],
      updatedAt: NOW - 25 * HOUR,
    });
    insertGoal(db, {
      id: 'g-removed',
      sprintId: 's47',
      target: 5,
      current: 5,
      position: 0,
      deletedAt: 5,
      updatedAt: NOW - 10 * HOUR,
    });
    insertGoal(db, {
      id: 'g-calls',
      sprintId: 's47',
      ownerTeam: 'sales',
      target: 10,
      current: 0,
      position: 2,
      createdAt: 2,
    });
    insertGoal(db, { id: 'g-other', sprintId: 's46', target: 1, current: 1, position: 1, updatedAt: NOW - HOUR });
  });
  afterEach(() => temp.close());

  it('picks the sprint running today in the room zone, with goals in order, owners and progress', () => {
    const result = getCurrentSprint(contextAt(temp, NOW));
    const sprint = result.sprint!;
    // In Berlin it is Monday 16 Nov (in UTC still Sunday 15 Nov, the last day of s46).
    expect(sprint).toMatchObject({ id: 's47', name: 'Sprint s47', startsOn: '2026-11-16', endsOn: '2026-11-27' });
    // Mon 16 – Fri 27 Nov: two full weeks = 10 working days, today included.
    expect(sprint.daysLeft).toBe(10);
    expect(sprint.goals.map((goal) => goal.id)).toEqual(['g-cases', 'g-demos', 'g-calls']);
    expect(sprint.goals.find((goal) => goal.id === 'g-demos')!.progress).toBe(1.25); // exceeded: 50 / 40
    expect(sprint.goals.find((goal) => goal.id === 'g-cases')!.owners.map((owner) => owner.name)).toEqual(['Tom Berg']);
    expect(sprint.goals).toEqual(referenceGoals(temp.db, 's47'));
    // The removed goal's change (10 h ago) is the latest one behind this sprint.
    expect(result.freshness).toEqual({
      computedAt: NOW,
      latestChangeAt: referenceLatestChange(temp.db, 's47'),
      source: 'Local database',
    });
    expect(result.freshness.latestChangeAt).toBe(NOW - 10 * HOUR);
  });

  it('reads "today" in the configured zone', () => {
    setRoom(temp.db, { timezone: 'UTC' });
    const sprint = getCurrentSprint(contextAt(temp, NOW)).sprint!;
    // In UTC it is still Sunday 15 Nov, s46's last day, which is no working day.
    expect(sprint.id).toBe('s46');
    expect(sprint.daysLeft).toBe(0);
    expect(sprint.goals).toEqual(referenceGoals(temp.db, 's46'));
  });

  it('counts days left from today, skipping weekends', () => {
    // Sat 21 Nov: Mon 23 – Fri 27 = 5.
    expect(getCurrentSprint(contextAt(temp, Date.parse('2026-11-21T10:00:00Z'))).sprint!.daysLeft).toBe(5);
    // Fri 27 Nov, the last day: 1.
    expect(getCurrentSprint(contextAt(temp, Date.parse('2026-11-27T16:00:00Z'))).sprint!.daysLeft).toBe(1);
  });

  it('shows the next sprint when none is running, counting its days from its start', () => {
    // Sat 28 Nov: s47 is over, s49 starts Mon 30 Nov and runs to Fri 11 Dec: 10 working days.
    const sprint = getCurrentSprint(contextAt(temp, Date.parse('2026-11-28T10:00:00Z'))).sprint!;
    expect(sprint.id).toBe('s49');
    expect(sprint.daysLeft).toBe(10);
    expect(sprint.goals).toEqual([]);
  });

  it('gives null when no sprint is running or planned', () => {
    const result = getCurrentSprint(contextAt(temp, Date.parse('2027-01-04T10:00:00Z')));
    expect(result.sprint).toBeNull();
    const latest = Math.max(
      ...(temp.db.prepare('SELECT updated_at FROM sprints').all() as { updated_at: number }[]).map((r) => r.updated_at),
    );
    expect(result.freshness.latestChangeAt).toBe(latest);
  });

  it('gives null, not an error, on an empty database', () => {
    const empty = openTempDatabase();
    try {
      expect(getCurrentSprint(contextAt(empty, NOW))).toEqual({
        sprint: null,
        freshness: { computedAt: NOW, latestChangeAt: null, source: 'Local database' },
      });
    } finally {
      empty.close();
    }
  });
});

describe('getBurnUp', () => {
  let temp: TempDatabase;
  // Thursday 19 Nov 2026, 11:00 in Berlin.
  const TODAY = Date.parse('2026-11-19T10:00:00Z');

  beforeEach(() => {
    temp = openTempDatabase();
    const { db } = temp;
    setRoom(db, { timezone: 'Europe/Berlin' });
    insertSprint(db, { id: 's47', startsOn: '2026-11-16', endsOn: '2026-11-27' });
    insertGoal(db, { id: 'g1', sprintId: 's47', target: 40, current: 50, position: 1 });
    insertGoal(db, { id: 'g2', sprintId: 's47', target: 3, current: 1, position: 2 });
    insertGoal(db, { id: 'g4', sprintId: 's47', target: 10, current: 0, position: 3 });
    insertGoal(db, { id: 'g-deleted', sprintId: 's47', target: 1, current: 1, position: 4, deletedAt: 1 });
    insertProgress(db, 'g1', '2026-11-13', 5); // before the sprint: carried into its first day
    insertProgress(db, 'g1', '2026-11-17', 12);
    insertProgress(db, 'g1', '2026-11-19', 45); // above the target: capped at 100 %
    insertProgress(db, 'g1', '2026-11-25', 50); // after today: not shown
    insertProgress(db, 'g2', '2026-11-18', 1);
    insertProgress(db, 'g-deleted', '2026-11-16', 1);
  });
  afterEach(() => temp.close());

  it('carries each goal’s value forward, caps it at 100 %, and leaves future days empty', () => {
    const points = getBurnUp(contextAt(temp, TODAY), 's47');
    expect(points.map((point) => point.date)).toEqual([
      '2026-11-16',
      '2026-11-17',
      '2026-11-18',
      '2026-11-19',
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
    ]);
    // By hand, three goals (the deleted one is out): 16 Nov g1 5/40; 17 Nov g1 12/40; 18 Nov + g2 1/3;
    // 19 Nov g1 capped at 1.
    const expected = [5 / 40 / 3, 12 / 40 / 3, (12 / 40 + 1 / 3) / 3, (1 + 1 / 3) / 3];
    expected.forEach((value, i) => expect(points[i]!.actual).toBeCloseTo(value, 12));
    expect(points.slice(4).every((point) => point.actual === null)).toBe(true);
    // Ideal: a straight line from 0 on the first day to 1 on the twelfth.
    points.forEach((point, i) => expect(point.ideal).toBeCloseTo(i / 11, 12));

    // Independently: for every past day, each goal's latest value on or before it, straight from SQL.
    const latest = temp.db.prepare(
      'SELECT value FROM sprint_goal_progress WHERE goal_id = ? AND on_date <= ? ORDER BY on_date DESC LIMIT 1',
    );
    const goals = temp.db
      .prepare("SELECT id, target FROM sprint_goals WHERE sprint_id = 's47' AND deleted_at IS NULL")
      .all() as { id: string; target: number }[];
    for (const point of points.slice(0, 4)) {
      const shares = goals.map((goal) => {
        const row = latest.get(goal.id, point.date) as { value: number } | undefined;
        return Math.min(1, (row?.value ?? 0) / goal.target);
      });
      expect(point.actual).toBeCloseTo(shares.reduce((a, b) => a + b, 0) / shares.length, 12);
    }
  });

  it('fills every day once the sprint is over, and handles one-day and goal-less sprints', () => {
    const after = getBurnUp(contextAt(temp, Date.parse('2026-12-01T10:00:00Z')), 's47');
    expect(after.every((point) => point.actual !== null)).toBe(true);
    // From 25 Nov: g1 50/40 capped at 1, g2 1/3, g4 0.
    expect(after.at(-1)!.actual).toBeCloseTo((1 + 1 / 3 + 0) / 3, 12);

    insertSprint(temp.db, { id: 'one-day', startsOn: '2026-11-19', endsOn: '2026-11-19' });
    expect(getBurnUp(contextAt(temp, TODAY), 'one-day')).toEqual([{ date: '2026-11-19', actual: 0, ideal: 1 }]);
  });

  it('gives the current sprint its burn-up, every day checked against SQL', () => {
    const sprint = getCurrentSprint(contextAt(temp, TODAY)).sprint!;
    expect(sprint.id).toBe('s47');
    expect(sprint.burnUp).toEqual(getBurnUp(contextAt(temp, TODAY), 's47'));
    // Independently: the sprint's days by date arithmetic, each past day's share from one SQL query.
    const share = temp.db.prepare(
      `SELECT AVG(MIN(1.0, COALESCE((SELECT value FROM sprint_goal_progress p
                                     WHERE p.goal_id = g.id AND p.on_date <= @day
                                     ORDER BY p.on_date DESC LIMIT 1), 0) / g.target)) AS actual
       FROM sprint_goals g WHERE g.sprint_id = 's47' AND g.deleted_at IS NULL`,
    );
    const days = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2026, 10, 16 + i)).toISOString().slice(0, 10));
    expect(sprint.burnUp.map((point) => point.date)).toEqual(days);
    sprint.burnUp.forEach((point, i) => {
      expect(point.ideal).toBeCloseTo(i / 11, 12);
      if (days[i]! > '2026-11-19') expect(point.actual).toBeNull();
      else expect(point.actual).toBeCloseTo((share.get({ day: days[i] }) as { actual: number }).actual, 12);
    });
    expect(sprint.burnUp[3]!.actual).toBeGreaterThan(0);

    // Before the sprint starts it is shown as the next one, with no actual on any day yet.
    const upcoming = getCurrentSprint(contextAt(temp, Date.parse('2026-11-14T10:00:00Z'))).sprint!;
    expect(upcoming.id).toBe('s47');
    expect(upcoming.burnUp).toHaveLength(12);
    expect(upcoming.burnUp.every((point) => point.actual === null)).toBe(true);
  });

  it('refuses an unknown or deleted sprint', () => {
    insertSprint(temp.db, { id: 'gone', startsOn: '2026-11-16', endsOn: '2026-11-20', deletedAt: 1 });
    for (const id of ['nope', 'gone']) {
      try {
        getBurnUp(contextAt(temp, TODAY), id);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).code).toBe('not_found');
      }
    }
  });
});
