import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeActivity } from '@shared/describe-activity';
import type { SprintRecord } from '@shared/records';
import { getCurrentSprint } from '../../../electron/core/services/reads/sprint-service';
import { dumpPlanningTables, onlyEvent, planningHarness, rawRow, type PlanningHarness } from './planning-support';

// Sunday 15 Nov 2026 23:30 UTC is already Monday 16 Nov in Berlin, the room's zone.
const NOW = Date.parse('2026-11-15T23:30:00Z');
const DAY = 86_400_000;

let h: PlanningHarness;
let ana: string;
let tom: string;
let jonas: string;

function berlinDate(at: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(at);
}

function person(name: string, team: 'sales' | 'marketing'): string {
  const id = `person-${name.toLowerCase().replace(/\W+/g, '-')}`;
  h.temp.db
    .prepare(`INSERT INTO people (id, name, team, created_at, updated_at) VALUES (?, ?, ?, 0, 0)`)
    .run(id, name, team);
  return id;
}

/** Burn-up actual of a day, computed here in SQL: each goal's latest value up to the day, capped, averaged. */
function burnUpActual(sprintId: string, day: string): number {
  const row = h.temp.db
    .prepare(
      `SELECT AVG(MIN(COALESCE((SELECT value FROM sprint_goal_progress p
                                 WHERE p.goal_id = g.id AND p.on_date <= @day
                                 ORDER BY p.on_date DESC LIMIT 1), 0) * 1.0 / g.target, 1.0)) AS actual
         FROM sprint_goals g WHERE g.sprint_id = @sprintId AND g.deleted_at IS NULL`,
    )
    .get({ day, sprintId }) as { actual: number | null };
  return row.actual ?? 0;
}

async function newSprint(): Promise<SprintRecord> {
  return h.ok('sprints.save', { name: 'Sprint 14', startsOn: '2026-11-16', endsOn: '2026-11-27' });
}

beforeEach(() => {
  h = planningHarness(NOW);
  ana = person('Ana Lima', 'sales');
  tom = person('Tom Berg', 'marketing');
  jonas = person('Jonas Weber', 'sales');
});
afterEach(() => h.temp.cleanup());

describe('sprints', () => {
  test('save creates a sprint with one sprint.saved event carrying the inserted row', async () => {
    const seq = h.lastSeq();
    const sprint = await newSprint();

    expect(sprint).toMatchObject({ name: 'Sprint 14', startsOn: '2026-11-16', endsOn: '2026-11-27', goals: [] });
    const event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'sprint.saved', entity: 'sprint', entityId: sprint.id });
    expect(event.payload).toMatchObject({ name: 'Sprint 14', created: true });
    expect(event.payload.changes).toEqual([
      { table: 'sprints', id: sprint.id, before: null, after: rawRow(h.temp.db, 'sprints', { id: sprint.id }) },
    ]);
    expect(await h.ok('sprints.list', {})).toEqual([sprint]);
    expect(describeActivity({ type: event.type, payload: event.payload }, 'EUR').headline).toBe(
      'Sprint planned: Sprint 14',
    );
  });

  test('save with an id changes the sprint; the event has the rows before and after; an unchanged save records nothing', async () => {
    const sprint = await newSprint();
    const before = rawRow(h.temp.db, 'sprints', { id: sprint.id });
    h.clock.advance(60_000);
    const seq = h.lastSeq();

    const saved = await h.ok('sprints.save', {
      id: sprint.id,
      name: 'Sprint 14b',
      startsOn: '2026-11-16',
      endsOn: '2026-11-30',
    });

    expect(saved).toMatchObject({ id: sprint.id, name: 'Sprint 14b', endsOn: '2026-11-30' });
    const after = rawRow(h.temp.db, 'sprints', { id: sprint.id });
    expect(after).toMatchObject({ name: 'Sprint 14b', ends_on: '2026-11-30', updated_at: NOW + 60_000 });
    const event = onlyEvent(h, seq);
    expect(event.payload).toMatchObject({ created: false });
    expect(event.payload.changes).toEqual([{ table: 'sprints', id: sprint.id, before, after }]);

    const again = h.lastSeq();
    await h.ok('sprints.save', { id: sprint.id, name: 'Sprint 14b', startsOn: '2026-11-16', endsOn: '2026-11-30' });
    expect(h.events(again)).toEqual([]);
  });

  test('delete is soft: the row stays with deleted_at, leaves the list and the wall', async () => {
    const sprint = await newSprint();
    const before = rawRow(h.temp.db, 'sprints', { id: sprint.id });
    const seq = h.lastSeq();

    expect(await h.ok('sprints.delete', { id: sprint.id })).toEqual({ id: sprint.id });

    const after = rawRow(h.temp.db, 'sprints', { id: sprint.id });
    expect(after).toMatchObject({ deleted_at: NOW });
    const event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'sprint.deleted', entityId: sprint.id });
    expect(event.payload.changes).toEqual([{ table: 'sprints', id: sprint.id, before, after }]);
    expect(await h.ok('sprints.list', {})).toEqual([]);
    expect(getCurrentSprint(h.ctx).sprint).toBeNull();
    expect(await h.refused('sprints.delete', { id: sprint.id })).toMatchObject({ code: 'not_found', field: 'id' });
  });

  test('bad input is refused naming the field, and nothing is written', async () => {
    const sprint = await newSprint();
    const tables = dumpPlanningTables(h.temp.db);

    expect(await h.refused('sprints.save', { name: 'S', startsOn: '2026-11-16', endsOn: '2026-11-10' })).toMatchObject({
      code: 'invalid_input',
      field: 'endsOn',
    });
    expect(await h.refused('sprints.save', { name: 'S', startsOn: '2026-02-30', endsOn: '2026-03-10' })).toMatchObject({
      code: 'invalid_input',
      field: 'startsOn',
    });
    expect(await h.refused('sprints.save', { name: '  ', startsOn: '2026-11-16', endsOn: '2026-11-20' })).toMatchObject(
      {
        code: 'invalid_input',
        field: 'name',
      },
    );
    expect(
      await h.refused('sprints.save', { id: 'nope', name: 'S', startsOn: '2026-11-16', endsOn: '2026-11-20' }),
    ).toMatchObject({ code: 'not_found', field: 'id' });
    expect(
      await h.refused('sprintGoals.save', { sprintId: sprint.id, title: 'G', ownerTeam: 'joint', target: 0 }),
    ).toMatchObject({ code: 'invalid_input', field: 'target' });
    expect(
      await h.refused('sprintGoals.save', { sprintId: sprint.id, title: 'G', ownerTeam: 'both', target: 5 }),
    ).toMatchObject({ code: 'invalid_input', field: 'ownerTeam' });
    expect(
      await h.refused('sprintGoals.save', {
        sprintId: sprint.id,
        title: 'G',
        ownerTeam: 'joint',
        target: 5,
        ownerIds: [ana, 'ghost'],
      }),
    ).toMatchObject({ code: 'not_found', field: 'ownerIds.1' });
    expect(
      await h.refused('sprintGoals.save', { sprintId: 'nope', title: 'G', ownerTeam: 'joint', target: 5 }),
    ).toMatchObject({ code: 'not_found', field: 'sprintId' });
    expect(await h.refused('sprintGoals.updateProgress', { goalId: 'nope', current: 3 })).toMatchObject({
      code: 'not_found',
      field: 'goalId',
    });
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);
  });
});

describe('sprint goals', () => {
  test('save creates a goal with its owners in one event; a later save replaces the owner list', async () => {
    const sprint = await newSprint();
    let seq = h.lastSeq();

    const goal = await h.ok('sprintGoals.save', {
      sprintId: sprint.id,
      title: 'Webinar sign-ups',
      ownerTeam: 'joint',
      target: 150,
      unit: 'sign-ups',
      ownerIds: [ana, tom, ana],
    });

    expect(goal).toMatchObject({ sprintId: sprint.id, title: 'Webinar sign-ups', target: 150, current: 0 });
    expect([...goal.ownerIds].sort()).toEqual([ana, tom].sort());
    let event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'goal.saved', entity: 'sprint_goal', entityId: goal.id });
    const ownerRow = (person: string) =>
      rawRow(h.temp.db, 'sprint_goal_owners', { goal_id: goal.id, person_id: person });
    expect(event.payload.changes).toEqual([
      { table: 'sprint_goals', id: goal.id, before: null, after: rawRow(h.temp.db, 'sprint_goals', { id: goal.id }) },
      ...[ana, tom].map((p) => ({
        table: 'sprint_goal_owners',
        id: `${goal.id}|${p}`,
        before: null,
        after: ownerRow(p),
      })),
    ]);

    const anaRow = ownerRow(ana);
    seq = h.lastSeq();
    const saved = await h.ok('sprintGoals.save', {
      id: goal.id,
      sprintId: sprint.id,
      title: 'Webinar sign-ups',
      ownerTeam: 'joint',
      target: 150,
      unit: 'sign-ups',
      ownerIds: [tom, jonas],
    });

    expect([...saved.ownerIds].sort()).toEqual([jonas, tom].sort());
    expect(ownerRow(ana)).toBeNull();
    event = onlyEvent(h, seq);
    expect(event.payload.changes).toEqual([
      { table: 'sprint_goal_owners', id: `${goal.id}|${ana}`, before: anaRow, after: null },
      { table: 'sprint_goal_owners', id: `${goal.id}|${jonas}`, before: null, after: ownerRow(jonas) },
    ]);
    const list = await h.ok('sprints.list', {});
    expect(list[0]!.goals).toEqual([saved]);
  });

  test('updateProgress sets current, records today in the room zone, and moves the burn-up and the wall', async () => {
    const sprint = await newSprint();
    const webinar = await h.ok('sprintGoals.save', {
      sprintId: sprint.id,
      title: 'Webinar sign-ups',
      ownerTeam: 'marketing',
      target: 150,
    });
    await h.ok('sprintGoals.save', { sprintId: sprint.id, title: 'Demos booked', ownerTeam: 'sales', target: 10 });
    const today = berlinDate(NOW);
    expect(today).toBe('2026-11-16');
    const goalBefore = rawRow(h.temp.db, 'sprint_goals', { id: webinar.id });
    const seq = h.lastSeq();

    const updated = await h.ok('sprintGoals.updateProgress', { goalId: webinar.id, current: 42 });

    expect(updated).toMatchObject({ id: webinar.id, current: 42, target: 150 });
    const progressRow = rawRow(h.temp.db, 'sprint_goal_progress', { goal_id: webinar.id, on_date: today });
    expect(progressRow).toEqual({ goal_id: webinar.id, on_date: today, value: 42 });
    const event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'goal.progressed', entityId: webinar.id });
    expect(event.payload).toMatchObject({ title: 'Webinar sign-ups', current: 42, target: 150, previous: 0 });
    expect(event.payload.changes).toEqual([
      {
        table: 'sprint_goals',
        id: webinar.id,
        before: goalBefore,
        after: rawRow(h.temp.db, 'sprint_goals', { id: webinar.id }),
      },
      { table: 'sprint_goal_progress', id: `${webinar.id}|${today}`, before: null, after: progressRow },
    ]);
    expect(describeActivity({ type: event.type, payload: event.payload }, 'EUR').headline).toBe(
      'Goal progress: Webinar sign-ups 42 / 150',
    );

    const wall = getCurrentSprint(h.ctx).sprint!;
    expect(wall.goals.find((goal) => goal.id === webinar.id)?.progress).toBeCloseTo(42 / 150, 12);
    const point = wall.burnUp.find((day) => day.date === today)!;
    expect(burnUpActual(sprint.id, today)).toBeGreaterThan(0);
    expect(point.actual).toBeCloseTo(burnUpActual(sprint.id, today), 12);

    // The next day, a new value: yesterday's record stays, today's is added.
    h.clock.advance(DAY);
    const tomorrow = berlinDate(NOW + DAY);
    const next = h.lastSeq();
    await h.ok('sprintGoals.updateProgress', { goalId: webinar.id, current: 90 });
    expect(onlyEvent(h, next).payload.changes).toEqual([
      expect.objectContaining({ table: 'sprint_goals' }),
      {
        table: 'sprint_goal_progress',
        id: `${webinar.id}|${tomorrow}`,
        before: null,
        after: { goal_id: webinar.id, on_date: tomorrow, value: 90 },
      },
    ]);
    const burnUp = getCurrentSprint(h.ctx).sprint!.burnUp;
    expect(burnUp.find((day) => day.date === today)!.actual).toBeCloseTo(burnUpActual(sprint.id, today), 12);
    expect(burnUp.find((day) => day.date === tomorrow)!.actual).toBeCloseTo(burnUpActual(sprint.id, tomorrow), 12);
    expect(burnUpActual(sprint.id, tomorrow)).toBeGreaterThan(burnUpActual(sprint.id, today));

    // A second update the same day replaces that day's value; the change shows the row it replaced.
    const replaced = rawRow(h.temp.db, 'sprint_goal_progress', { goal_id: webinar.id, on_date: tomorrow });
    const again = h.lastSeq();
    await h.ok('sprintGoals.updateProgress', { goalId: webinar.id, current: 95 });
    expect(onlyEvent(h, again).payload.changes).toContainEqual({
      table: 'sprint_goal_progress',
      id: `${webinar.id}|${tomorrow}`,
      before: replaced,
      after: { goal_id: webinar.id, on_date: tomorrow, value: 95 },
    });
    const same = h.lastSeq();
    await h.ok('sprintGoals.updateProgress', { goalId: webinar.id, current: 95 });
    expect(h.events(same)).toEqual([]);
  });

  test('delete is soft and takes the goal off the wall', async () => {
    const sprint = await newSprint();
    const goal = await h.ok('sprintGoals.save', {
      sprintId: sprint.id,
      title: 'Demos',
      ownerTeam: 'sales',
      target: 10,
    });
    const before = rawRow(h.temp.db, 'sprint_goals', { id: goal.id });
    const seq = h.lastSeq();

    await h.ok('sprintGoals.delete', { id: goal.id });

    const event = onlyEvent(h, seq);
    expect(event.type).toBe('goal.deleted');
    expect(event.payload.changes).toEqual([
      { table: 'sprint_goals', id: goal.id, before, after: { ...before, deleted_at: NOW, updated_at: NOW } },
    ]);
    expect(getCurrentSprint(h.ctx).sprint!.goals).toEqual([]);
    expect((await h.ok('sprints.list', {}))[0]!.goals).toEqual([]);
  });
});
