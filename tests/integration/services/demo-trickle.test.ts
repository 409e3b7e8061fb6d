import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityEvent } from '@shared/domain';
import { createCore, type Core } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { removeDemoData } from '../../../electron/core/services/demo/demo-removal';
import {
  DEMO_TRICKLE_EVERY_MS,
  FIRST_WIN_STEP,
  simulateDemoStep,
  startDemoTrickle,
  type DemoStep,
} from '../../../electron/core/services/demo/demo-trickle';

// Tuesday 2026-11-17, 10:00 in Berlin.
const NOW = Date.UTC(2026, 10, 17, 9, 0);

let opened: { core: Core; dir: string }[] = [];

function startCore(demo: boolean) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-demo-trickle-'));
  const clock = fixedClock(NOW);
  const core = createCore({
    dbFile: path.join(dir, 'alignboard.db'),
    clock,
    version: '0.0.0-test',
    demo: demo ? 'if-empty' : 'never',
    timezone: 'Europe/Berlin',
    backups: false,
    demoTrickle: false,
  });
  opened.push({ core, dir });
  return { core, clock };
}

afterEach(() => {
  for (const { core, dir } of opened) {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  opened = [];
});

/** The events recorded after `seq`, read straight from the log with their payloads. */
function eventsAfter(core: Core, seq: number): ActivityEvent[] {
  return (
    core.ctx.db.prepare('SELECT seq, type, payload FROM activity_events WHERE seq > ? ORDER BY seq').all(seq) as {
      seq: number;
      type: string;
      payload: string;
    }[]
  ).map((row) => ({ ...row, payload: JSON.parse(row.payload) }) as unknown as ActivityEvent);
}

function lastSeq(core: Core): number {
  return (core.ctx.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM activity_events').get() as { seq: number }).seq;
}

/** Steps at the trickle's pace on a pinned clock, as a wall running since `NOW` would make them. */
function runSteps(core: Core, clock: ReturnType<typeof fixedClock>, count: number, random: () => number): DemoStep[] {
  const made: DemoStep[] = [];
  for (let step = 0; step < count; step += 1) {
    clock.set(NOW + (step + 1) * DEMO_TRICKLE_EVERY_MS);
    made.push(simulateDemoStep(core.ctx, step, random));
  }
  return made;
}

describe('the demo that moves', () => {
  it('shows the feed moving at once and a won deal within a few minutes, every event marked as demo', () => {
    const { core, clock } = startCore(true);
    const from = lastSeq(core);
    const made = runSteps(core, clock, FIRST_WIN_STEP + 1, () => 0.5);
    expect(made).toEqual(['deal.stage_changed', 'lead.followed_up', 'deal.won']);
    const events = eventsAfter(core, from);
    expect(events.map((event) => event.type)).toContain('deal.won');
    for (const event of events) expect(event.payload.demo, event.type).toBe(true);
    // the win comes within the first few minutes of a wall's life
    const won = core.ctx.db.prepare(`SELECT at FROM activity_events WHERE seq > ? AND type = 'deal.won'`).get(from) as {
      at: number;
    };
    expect(won.at - NOW).toBeLessThanOrEqual(3 * 60_000);
    // the won deal is really won: the wall's figures move with it (independent SQL)
    const wonDeal = core.ctx.db
      .prepare(
        `SELECT COUNT(*) AS n FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id
          WHERE s.kind = 'won' AND d.closed_at = ?`,
      )
      .get(won.at) as { n: number };
    expect(wonDeal.n).toBe(1);
  });

  it('is gentle: a win now and then, not every step', () => {
    const { core, clock } = startCore(true);
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const made = runSteps(core, clock, 30, random);
    const wins = made.filter((step) => step === 'deal.won').length;
    expect(wins).toBeGreaterThanOrEqual(1);
    expect(wins).toBeLessThan(15);
    expect(made.every((step) => step !== null)).toBe(true);
  });

  it('never touches real data', () => {
    const { core, clock } = startCore(false);
    core.ctx.db
      .prepare(`INSERT INTO people (id, name, team, created_at, updated_at) VALUES ('p1', 'Ana Lima', 'sales', ?, ?)`)
      .run(NOW, NOW);
    const from = lastSeq(core);
    expect(runSteps(core, clock, 5, () => 0)).toEqual([null, null, null, null, null]);
    expect(eventsAfter(core, from)).toEqual([]);
  });

  it('stops for good when the demo data is removed', async () => {
    const { core } = startCore(true);
    const steps: DemoStep[] = [];
    let removed = false;
    const trickle = startDemoTrickle(core.ctx, { everyMs: 5, onStep: (made) => steps.push(made) });
    try {
      await expect.poll(() => steps.filter((step) => step !== null).length, { timeout: 10_000 }).toBeGreaterThan(1);
      await removeDemoData(core.ctx);
      removed = true;
      await expect.poll(() => steps.at(-1), { timeout: 10_000 }).toBeNull();
      // a step already under way when the demo went may still report; after that, nothing
      await new Promise((resolve) => setTimeout(resolve, 100));
      const count = steps.length;
      const from = lastSeq(core);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(steps.length, 'no step after the demo is gone').toBe(count);
      expect(eventsAfter(core, from)).toEqual([]);
    } finally {
      trickle.stop();
      expect(removed).toBe(true);
    }
  });
});
