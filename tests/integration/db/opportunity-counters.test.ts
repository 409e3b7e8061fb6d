/**
 * The open and lost opportunities read from migration 0008's per-lead rows must equal the METRICS
 * definitions counted from the leads and deals themselves, after every batch of a random mix of writes in
 * plain SQL: deals created, closed, lost, reopened, soft and hard deleted, moved to another lead; leads
 * moving into and out of the opportunity stage, deleted and restored. Lost counts are compared for ranges
 * whose edges fall on close times, a millisecond either side, on the hour and day buckets' edges, and across
 * everything.
 */
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import {
  rebuildFigureAggregates,
  withFigureAggregatesDeferred,
} from '../../../electron/core/db/repositories/figure-aggregates-repository';
import {
  countLostOpportunitiesBetween,
  countOpenOpportunities,
} from '../../../electron/core/db/repositories/funnel-repository';
import { Rng } from '../../../electron/core/services/demo/random';
import { openTempDatabase, type TempDatabase } from './temp-database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 18, 9, 30, 17, 123);
const STAGES = ['lead', 'mql', 'sql', 'opportunity', 'opportunity', 'customer', 'disqualified'] as const;

/** Open opportunities straight from the METRICS definition. */
function openByDefinition(db: Database.Database): number {
  return db
    .prepare(
      `SELECT count(*) FROM leads l WHERE l.deleted_at IS NULL AND l.stage = 'opportunity'
          AND EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id AND d.status = 'open' AND d.deleted_at IS NULL)`,
    )
    .pluck()
    .get() as number;
}

/** Lost opportunities whose latest close falls in [start, end), straight from the METRICS definition. */
function lostByDefinition(db: Database.Database, start: number, end: number): number {
  return db
    .prepare(
      `SELECT count(*) FROM leads l
        WHERE l.deleted_at IS NULL AND l.stage = 'opportunity'
          AND EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id AND d.deleted_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id AND d.deleted_at IS NULL AND d.status <> 'lost')
          AND (SELECT max(d.closed_at) FROM deals d WHERE d.lead_id = l.id AND d.deleted_at IS NULL) >= ?
          AND (SELECT max(d.closed_at) FROM deals d WHERE d.lead_id = l.id AND d.deleted_at IS NULL) < ?`,
    )
    .pluck()
    .get(start, end) as number;
}

/** Ranges to compare: around close times that occur, so that the edges are hit exactly. */
function ranges(db: Database.Database, r: Rng): [number, number][] {
  const closes = db
    .prepare('SELECT DISTINCT closed_at FROM deals WHERE closed_at IS NOT NULL')
    .pluck()
    .all() as number[];
  // On a close time, a millisecond either side, or on the UTC hour or day around one (the bucket edges).
  const around = () => {
    const at = closes.length === 0 ? NOW : r.pick(closes);
    const grain = r.pick([1, HOUR, DAY]);
    return Math.floor(at / grain) * grain + r.pick([-1, 0, 0, 1, grain]);
  };
  const picked: [number, number][] = [[Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]];
  for (let i = 0; i < 10; i++) {
    const [a, b] = [around(), around()];
    picked.push([Math.min(a, b), Math.max(a, b)]);
  }
  return picked;
}

function expectCountsMatch(db: Database.Database, r: Rng): void {
  expect(countOpenOpportunities(db)).toBe(openByDefinition(db));
  for (const [start, end] of ranges(db, r)) {
    expect(countLostOpportunitiesBetween(db, start, end), `lost in [${start}, ${end})`).toBe(
      lostByDefinition(db, start, end),
    );
  }
}

/** Ids of the rows written so far, so that later writes hit existing rows. */
interface Written {
  prefix: string;
  leads: string[];
  deals: string[];
}

/** One random write in plain SQL, as an import or a person with the sqlite3 shell could make it. */
function writeOne(db: Database.Database, r: Rng, written: Written, i: number): void {
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
  const time = () => NOW - r.int(0, 60) * DAY + r.pick([0, 0, r.int(0, DAY - 1)]);
  const op = r.next();
  if (op < 0.15 || written.leads.length < 3) {
    const id = `lead-${written.prefix}-${i}`;
    run(
      `INSERT INTO leads (id, name, stage, source_team, lead_at, opportunity_at, created_at, updated_at, deleted_at)
       VALUES (?, 'L', ?, 'sales', ?, ?, 0, 0, ?)`,
      id,
      r.pick(STAGES),
      time(),
      time(),
      r.chance(0.05) ? NOW : null,
    );
    written.leads.push(id);
  } else if (op < 0.4) {
    const id = `deal-${written.prefix}-${i}`;
    const status = r.pick(['open', 'open', 'won', 'lost', 'lost'] as const);
    run(
      `INSERT INTO deals (id, title, lead_id, amount_minor, currency, stage_id, status, created_at, stage_entered_at,
                          closed_at, updated_at, deleted_at)
       VALUES (?, 'D', ?, 100, 'EUR', ?, ?, 0, 0, ?, 0, ?)`,
      id,
      r.chance(0.9) ? r.pick(written.leads) : null,
      status === 'open' ? 'discovery' : status,
      status,
      status === 'open' ? null : time(),
      r.chance(0.05) ? NOW : null,
    );
    written.deals.push(id);
  } else if (op < 0.65 && written.deals.length > 0) {
    const id = r.pick(written.deals);
    const change = r.int(0, 5);
    if (change === 0) run(`UPDATE deals SET stage_id = 'demo', status = 'open', closed_at = NULL WHERE id = ?`, id);
    if (change === 1) run(`UPDATE deals SET stage_id = 'won', status = 'won', closed_at = ? WHERE id = ?`, time(), id);
    if (change === 2)
      run(`UPDATE deals SET stage_id = 'lost', status = 'lost', closed_at = ? WHERE id = ?`, time(), id);
    // A close time corrected without a status change.
    if (change === 3) run(`UPDATE deals SET closed_at = ? WHERE id = ? AND closed_at IS NOT NULL`, time(), id);
    if (change === 4) run(`UPDATE deals SET deleted_at = ? WHERE id = ?`, r.chance(0.5) ? NOW : null, id);
    if (change === 5) run(`UPDATE deals SET updated_at = ?, amount_minor = 7 WHERE id = ?`, time(), id);
  } else if (op < 0.75 && written.deals.length > 0) {
    run(
      `UPDATE deals SET lead_id = ? WHERE id = ?`,
      r.chance(0.9) ? r.pick(written.leads) : null,
      r.pick(written.deals),
    );
  } else if (op < 0.88) {
    run(`UPDATE leads SET stage = ?, updated_at = ? WHERE id = ?`, r.pick(STAGES), time(), r.pick(written.leads));
  } else if (op < 0.93) {
    run(`UPDATE leads SET deleted_at = ? WHERE id = ?`, r.chance(0.5) ? NOW : null, r.pick(written.leads));
  } else if (op < 0.95) {
    // A lead whose deals have all moved away or gone can go for good.
    const id = r.pick(written.leads);
    const gone = run(`DELETE FROM leads WHERE id = ? AND NOT EXISTS (SELECT 1 FROM deals WHERE lead_id = ?)`, id, id);
    if (gone.changes > 0) written.leads.splice(written.leads.indexOf(id), 1);
  } else if (written.deals.length > 0) {
    const id = r.pick(written.deals);
    run(`DELETE FROM deals WHERE id = ?`, id);
    written.deals.splice(written.deals.indexOf(id), 1);
  }
}

function writeBatches(db: Database.Database, seed: number, batches: number, afterBatch: (r: Rng) => void): void {
  const r = new Rng(seed);
  const written: Written = { prefix: String(seed), leads: [], deals: [] };
  let i = 0;
  for (let batch = 0; batch < batches; batch++) {
    db.transaction(() => {
      for (let n = 0; n < 25; n++) writeOne(db, r, written, i++);
    })();
    afterBatch(r);
  }
}

let temps: TempDatabase[] = [];
afterEach(() => {
  for (const made of temps) made.cleanup();
  temps = [];
});

function tempDb(): Database.Database {
  const made = openTempDatabase();
  temps.push(made);
  return made.db;
}

describe('opportunity counters', () => {
  test.each([1, 2, 3, 4, 5])('equal the definitions after every batch of random writes (seed %i)', (seed) => {
    const db = tempDb();
    let sawOpen = false;
    let sawLost = false;
    writeBatches(db, seed, 24, (r) => {
      expectCountsMatch(db, r);
      sawOpen ||= countOpenOpportunities(db) > 0;
      sawLost ||= countLostOpportunitiesBetween(db, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER) > 0;
    });
    // The mix must have reached both figures, or the comparisons above proved little.
    expect(sawOpen && sawLost).toBe(true);
  });

  test('equal the definitions after a bulk load without the triggers and after a rebuild', () => {
    const db = tempDb();
    const r = new Rng(9);
    db.transaction(() => withFigureAggregatesDeferred(db, () => writeBatches(db, 9, 12, () => {})))();
    expectCountsMatch(db, r);
    db.transaction(() => rebuildFigureAggregates(db))();
    expectCountsMatch(db, r);
    // The triggers are back: later writes keep the counts right.
    writeBatches(db, 10, 6, () => expectCountsMatch(db, r));
  });
});
