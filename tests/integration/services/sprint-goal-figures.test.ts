/**
 * Sprint goals tied to a figure: each figure's value over the sprint's dates, as the sprint slide, the
 * admin's list and the burn-up give it, against an independent SQL count over the same rows. The sprint
 * runs from Monday 23 November to Friday 4 December 2026 in Berlin, across a month boundary.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { SPRINT_GOAL_FIGURES, type SprintGoalFigure } from '@shared/domain';
import { getSla } from '../../../electron/core/services/reads/sla-service';
import { getBurnUp, getCurrentSprint } from '../../../electron/core/services/reads/sprint-service';
import { listSprintRecords } from '../../../electron/core/services/writes/sprint-commands';
import { contextAt, insertLead, openTempDatabase, seededRandom, setRoom, type TempDatabase } from './figures-fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FOLLOW_UP_HOURS = 24;
// Local midnight of 23 Nov and of 5 Dec in Berlin (CET, UTC+1), written out rather than computed.
const SPRINT_START = Date.parse('2026-11-22T23:00:00Z');
const SPRINT_END = Date.parse('2026-12-04T23:00:00Z');
// Tuesday 1 December 2026, 10:30 in Berlin: the sprint's second week, the month just turned.
const MID_SPRINT = Date.parse('2026-12-01T09:30:00Z');
// Wednesday 9 December: the sprint is over.
const AFTER_SPRINT = Date.parse('2026-12-09T09:30:00Z');

let temp: TempDatabase;

/** Random leads from three weeks before the sprint to a week after it, some deleted, followed up or not. */
function seed(db: Database.Database): void {
  const random = seededRandom(20261123);
  const from = SPRINT_START - 21 * DAY;
  const span = SPRINT_END + 7 * DAY - from;
  db.prepare(
    `INSERT INTO sla_terms (id, valid_from, mqls_per_period, period_kind, follow_up_hours, business_hours_only, created_at)
     VALUES ('terms', 0, 40, 'month', ?, 0, 0)`,
  ).run(FOLLOW_UP_HOURS);
  const followUp = db.prepare('UPDATE leads SET first_follow_up_at = ? WHERE id = ?');
  const review = db.prepare(
    `INSERT INTO lead_reviews (id, lead_id, rating, reviewed_at, deleted_at) VALUES (?, ?, ?, ?, ?)`,
  );
  for (let i = 0; i < 400; i += 1) {
    const leadAt = from + Math.floor(random() * span);
    const mqlAt = random() < 0.8 ? leadAt + Math.floor(random() * 2 * DAY) : null;
    const sqlAt = mqlAt !== null && random() < 0.5 ? mqlAt + Math.floor(random() * 4 * DAY) : null;
    const customerAt = sqlAt !== null && random() < 0.4 ? sqlAt + Math.floor(random() * 6 * DAY) : null;
    const disqualifiedAt =
      mqlAt !== null && sqlAt === null && random() < 0.2 ? mqlAt + Math.floor(random() * 3 * DAY) : null;
    const id = insertLead(db, {
      leadAt,
      mqlAt,
      sqlAt,
      customerAt,
      disqualifiedAt,
      deletedAt: random() < 0.05 ? leadAt + HOUR : null,
    });
    if (mqlAt !== null && random() < 0.7) followUp.run(mqlAt + Math.floor(random() * 40 * HOUR), id);
    if (random() < 0.5) {
      review.run(
        `review-${i}`,
        id,
        1 + Math.floor(random() * 5),
        leadAt + Math.floor(random() * 5 * DAY),
        random() < 0.1 ? 1 : null,
      );
    }
  }
  // Rows exactly on the sprint's edges: the first instant counts, the instant after the last day does not.
  insertLead(db, { leadAt: SPRINT_START - DAY, mqlAt: SPRINT_START, sqlAt: SPRINT_END, customerAt: SPRINT_START });
  insertLead(db, { leadAt: SPRINT_START - DAY, mqlAt: SPRINT_END, sqlAt: SPRINT_START, customerAt: SPRINT_END });
}

function insertSprintWithGoals(db: Database.Database): void {
  db.prepare(
    `INSERT INTO sprints (id, name, starts_on, ends_on, created_at, updated_at) VALUES ('s', 'Sprint 48', '2026-11-23', '2026-12-04', 0, 0)`,
  ).run();
  const goal = db.prepare(
    `INSERT INTO sprint_goals (id, sprint_id, title, owner_team, target, current, unit, position, figure, created_at, updated_at)
     VALUES (?, 's', ?, 'joint', ?, ?, '', ?, ?, 0, 0)`,
  );
  SPRINT_GOAL_FIGURES.forEach((figure, index) => goal.run(figure, figure, 50, 3, index, figure));
  goal.run('typed', 'Webinar sign-ups', 40, 10, 99, null);
}

/**
 * The figure by plain SQL as docs/metrics.md words it: counts over [from, min(end, now)); compliance over
 * the MQLs due in [from, end), judged at `now`.
 */
function bySql(db: Database.Database, figure: SprintGoalFigure, from: number, end: number, now: number): number | null {
  const to = Math.min(end, now);
  const count = (sql: string) => (db.prepare(sql).get({ from, to }) as { n: number }).n;
  switch (figure) {
    case 'mqls_delivered':
      return count('SELECT COUNT(*) AS n FROM leads WHERE deleted_at IS NULL AND mql_at >= @from AND mql_at < @to');
    case 'sqls':
      return count('SELECT COUNT(*) AS n FROM leads WHERE deleted_at IS NULL AND sql_at >= @from AND sql_at < @to');
    case 'new_customers':
      return count(
        'SELECT COUNT(*) AS n FROM leads WHERE deleted_at IS NULL AND customer_at >= @from AND customer_at < @to',
      );
    case 'lead_reviews':
      return count(
        `SELECT COUNT(*) AS n FROM lead_reviews r JOIN leads l ON l.id = r.lead_id
          WHERE r.deleted_at IS NULL AND l.deleted_at IS NULL AND r.reviewed_at >= @from AND r.reviewed_at < @to`,
      );
    case 'follow_up_compliance': {
      const rows = db
        .prepare(
          `SELECT mql_at + @h AS due, first_follow_up_at AS f, disqualified_at AS d FROM leads
            WHERE deleted_at IS NULL AND mql_at IS NOT NULL AND mql_at + @h >= @from AND mql_at + @h < @to`,
        )
        .all({ from, to: end, h: FOLLOW_UP_HOURS * HOUR }) as { due: number; f: number | null; d: number | null }[];
      let met = 0;
      let judged = 0;
      for (const row of rows) {
        const times = [row.f, row.d].filter((t): t is number => t !== null);
        const first = times.length === 0 ? null : Math.min(...times);
        if (first === null && row.due > now) continue;
        judged += 1;
        if (first !== null && first <= row.due) met += 1;
      }
      return judged === 0 ? null : (met / judged) * 100;
    }
  }
}

beforeEach(() => {
  temp = openTempDatabase();
  setRoom(temp.db, { timezone: 'Europe/Berlin' });
  // One transaction: a commit per row would make the seeding the slowest part of the file.
  temp.db.transaction(() => {
    seed(temp.db);
    insertSprintWithGoals(temp.db);
  })();
});
afterEach(() => temp.close());

describe('a sprint goal tied to a figure', () => {
  it('mid-sprint, across the month boundary, counts each figure from the first day to now', () => {
    const ctx = contextAt(temp, MID_SPRINT);
    const sprint = getCurrentSprint(ctx).sprint!;
    expect(sprint.id).toBe('s');
    for (const figure of SPRINT_GOAL_FIGURES) {
      const goal = sprint.goals.find((g) => g.id === figure)!;
      const expected = bySql(temp.db, figure, SPRINT_START, SPRINT_END, MID_SPRINT);
      expect(expected, figure).not.toBeNull();
      expect(goal.figure).toBe(figure);
      expect(goal.awaiting).toBe(false);
      expect(goal.current, figure).toBeCloseTo(expected!, 9);
      expect(goal.progress, figure).toBeCloseTo(expected! / 50, 9);
    }
    // The month boundary is inside the range: something was counted on both sides of it.
    const december = Date.parse('2026-11-30T23:00:00Z');
    expect(bySql(temp.db, 'mqls_delivered', SPRINT_START, december, MID_SPRINT)).toBeGreaterThan(0);
    expect(bySql(temp.db, 'mqls_delivered', december, MID_SPRINT, MID_SPRINT)).toBeGreaterThan(0);
    // MQLs followed up before a due time still ahead count, as on the SLA slide: the data holds some.
    expect(bySql(temp.db, 'follow_up_compliance', SPRINT_START, SPRINT_END, MID_SPRINT)).not.toBeCloseTo(
      bySql(temp.db, 'follow_up_compliance', SPRINT_START, MID_SPRINT, MID_SPRINT)!,
      9,
    );
    const typed = sprint.goals.find((g) => g.id === 'typed')!;
    expect(typed).toMatchObject({ figure: null, awaiting: false, current: 10, progress: 0.25 });
  });

  it('after the sprint has ended, counts up to its last day only', () => {
    const ctx = contextAt(temp, AFTER_SPRINT);
    const record = listSprintRecords(ctx).find((sprint) => sprint.id === 's')!;
    for (const figure of SPRINT_GOAL_FIGURES) {
      const goal = record.goals.find((g) => g.id === figure)!;
      const expected = bySql(temp.db, figure, SPRINT_START, SPRINT_END, AFTER_SPRINT);
      expect(goal.current, figure).toBeCloseTo(expected!, 9);
      // Later rows exist, so a range that ran on to now would count more.
      if (figure !== 'follow_up_compliance') {
        expect(bySql(temp.db, figure, SPRINT_START, AFTER_SPRINT, AFTER_SPRINT)!, figure).toBeGreaterThan(expected!);
      }
    }
    expect(record.goals.find((g) => g.id === 'typed')).toMatchObject({ figure: null, current: 10 });
  });

  it('gives the burn-up each tied goal’s figure up to the end of each day', () => {
    // Only the tied goals, so each day's actual is their mean capped progress.
    temp.db.prepare(`UPDATE sprint_goals SET deleted_at = 1 WHERE id = 'typed'`).run();
    const ctx = contextAt(temp, MID_SPRINT);
    const points = getBurnUp(ctx, 's');
    expect(points).toHaveLength(12);
    points.forEach((point, index) => {
      if (point.date > '2026-12-01') {
        expect(point.actual, point.date).toBeNull();
        return;
      }
      const dayEnd = SPRINT_START + (index + 1) * DAY;
      const shares = SPRINT_GOAL_FIGURES.map((figure) =>
        Math.min((bySql(temp.db, figure, SPRINT_START, dayEnd, MID_SPRINT) ?? 0) / 50, 1),
      );
      expect(point.actual, point.date).toBeCloseTo(shares.reduce((a, b) => a + b, 0) / shares.length, 9);
    });
  });

  it('is awaiting, at 0, before the sprint has begun or without SLA terms for compliance', () => {
    const before = getCurrentSprint(contextAt(temp, SPRINT_START - DAY)).sprint!;
    for (const goal of before.goals.filter((g) => g.figure !== null)) {
      expect(goal.current, goal.id).toBe(0);
      expect(goal.awaiting, goal.id).toBe(goal.figure === 'follow_up_compliance');
    }
    temp.db.prepare('DELETE FROM sla_terms').run();
    const compliance = getCurrentSprint(contextAt(temp, MID_SPRINT)).sprint!.goals.find(
      (g) => g.id === 'follow_up_compliance',
    )!;
    expect(compliance).toMatchObject({ current: 0, progress: 0, awaiting: true });
  });

  it('counts compliance in business hours as the SLA slide does, over a sprint that is the SLA period', () => {
    temp.db.prepare('UPDATE sla_terms SET business_hours_only = 1, follow_up_hours = 8').run();
    // A sprint of exactly December, the SLA's period at MID_SPRINT.
    temp.db.prepare(`UPDATE sprints SET starts_on = '2026-12-01', ends_on = '2026-12-31' WHERE id = 's'`).run();
    const ctx = contextAt(temp, MID_SPRINT);
    const sla = getSla(ctx);
    expect(sla.terms?.businessHoursOnly).toBe(true);
    expect(sla.sales.compliance).not.toBeNull();
    const goal = getCurrentSprint(ctx).sprint!.goals.find((g) => g.id === 'follow_up_compliance')!;
    expect(goal.awaiting).toBe(false);
    expect(goal.current).toBeCloseTo(sla.sales.compliance! * 100, 9);
  });

  it('the database refuses a figure that is not on the list', () => {
    expect(() => temp.db.prepare(`UPDATE sprint_goals SET figure = 'revenue' WHERE id = 'typed'`).run()).toThrow(
      /CHECK constraint failed/,
    );
  });
});
