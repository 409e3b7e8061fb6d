/**
 * The sprint slide with goals tied to a figure, at the three screen sizes: the demo quarter's running sprint
 * with its customer goal tied to "new paying customers" and its review goal to "lead reviews done". Each
 * tied goal is tagged "auto", the tag is explained once, the values equal an independent SQL count over
 * the sprint's dates, and the legibility checks pass. The screens are saved for people to look at.
 */
import { TZDate } from '@date-fns/tz';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENS } from './support/browser';
import { startDemoWall, type DemoWall } from './support/demo-wall';
import { checkingPage, screenProblems } from './support/screens';
import { ROOM_ZONE, showSlide, withoutMeetingSlideSets } from './support/wall';

const SIZES = [SCREENS.hd, SCREENS.uhd, SCREENS.portrait] as const;
const TIED = { 'New paying customers': 'new_customers', 'MQLs reviewed together': 'lead_reviews' } as const;

/** Ties the running sprint's customer and review goals to their figures. */
function tieGoals(db: Database.Database): void {
  withoutMeetingSlideSets(db);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ROOM_ZONE }).format(new Date());
  const sprint = db
    .prepare('SELECT id FROM sprints WHERE deleted_at IS NULL AND starts_on <= ? AND ends_on >= ? LIMIT 1')
    .get(today, today) as { id: string };
  for (const [title, figure] of Object.entries(TIED)) {
    db.prepare('UPDATE sprint_goals SET figure = ? WHERE sprint_id = ? AND title = ?').run(figure, sprint.id, title);
  }
}

/** Local midnight of a 'YYYY-MM-DD' date in the room's zone. */
function midnight(date: string, days = 0): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day + days, 0, 0, ROOM_ZONE).getTime();
}

/** The tied goals' values by plain SQL over the running sprint's dates up to now. */
function expectedValues(dbFile: string): Record<string, number> {
  const db = new Database(dbFile, { readonly: true });
  try {
    const goals = db
      .prepare(
        `SELECT g.id, g.figure, s.starts_on AS startsOn, s.ends_on AS endsOn FROM sprint_goals g
           JOIN sprints s ON s.id = g.sprint_id WHERE g.figure IS NOT NULL AND g.deleted_at IS NULL`,
      )
      .all() as { id: string; figure: string; startsOn: string; endsOn: string }[];
    const values: Record<string, number> = {};
    for (const goal of goals) {
      const range = { from: midnight(goal.startsOn), to: Math.min(Date.now(), midnight(goal.endsOn, 1)) };
      const sql =
        goal.figure === 'new_customers'
          ? 'SELECT COUNT(*) AS n FROM leads WHERE deleted_at IS NULL AND customer_at >= @from AND customer_at < @to'
          : `SELECT COUNT(*) AS n FROM lead_reviews r JOIN leads l ON l.id = r.lead_id
              WHERE r.deleted_at IS NULL AND l.deleted_at IS NULL AND r.reviewed_at >= @from AND r.reviewed_at < @to`;
      values[goal.id] = (db.prepare(sql).get(range) as { n: number }).n;
    }
    return values;
  } finally {
    db.close();
  }
}

describe('the sprint slide with goals that update themselves', () => {
  let wall: DemoWall;

  beforeAll(async () => {
    wall = await startDemoWall('goal-figures', tieGoals);
  });

  afterAll(async () => {
    await wall?.stop();
  });

  it.each(SIZES.map((size) => [`${size.width}x${size.height}`, size] as const))(
    'tags tied goals "auto" with their counted values at %s',
    async (label, size) => {
      const page = await checkingPage(wall.browser, size);
      const slide = await showSlide(page, wall.app.url, 'sprint');
      const problems = await screenProblems(page, `sprint-auto-${label}.png`);
      const expected = expectedValues(wall.app.dbFile);
      expect(Object.keys(expected)).toHaveLength(2);
      let shown = 0;
      for (const [goalId, value] of Object.entries(expected)) {
        const goal = slide.getByTestId(`sprint-goal-${goalId}`);
        // A screen short of space folds the last goals into "+N more goals"; the first goal is always shown.
        if ((await goal.count()) === 0) {
          await expect(slide.locator('.more').textContent()).resolves.toMatch(/\+\d+ more goals?/);
          continue;
        }
        shown += 1;
        await expect(goal.getByTestId(`sprint-goal-auto-${goalId}`).textContent()).resolves.toBe('auto');
        const figures = (await goal.locator('.figures').textContent())!;
        expect(figures.split(' / ')[0]).toBe(String(value));
      }
      expect(shown).toBeGreaterThan(0);
      await expect(slide.getByTestId('sprint-auto-key').count()).resolves.toBe(1);
      expect(problems, label).toEqual([]);
    },
  );
});
