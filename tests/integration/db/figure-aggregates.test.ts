/**
 * The figure aggregates (migration 0002) must always equal what a recount from the source rows gives:
 * after any mix of inserts, updates, soft and hard deletes written with plain SQL (as an import or a person
 * with the sqlite3 shell would), after a bulk load that ran without the triggers, and after the migration
 * filled them for rows that were already there. The medians read through the anchored histogram must equal
 * a direct computation wherever the anchor stands.
 */
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, test } from 'vitest';
import { runMigrations } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import {
  medianExitMs,
  moveLeadExitAnchor,
  rebuildFigureAggregates,
  withFigureAggregatesDeferred,
  type ExitStage,
} from '../../../electron/core/db/repositories/figure-aggregates-repository';
import { openTempDatabase, type TempDatabase } from './temp-database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 2, 18, 9, 30, 17, 123);

/** The aggregate tables and their count columns (rows whose counts are all zero are left-overs, not data). */
const TABLES: Record<string, string[]> = {
  agg_lead_stages: ['n'],
  agg_lead_entries: ['entered', 'converted', 'marketing'],
  agg_lead_exits: [],
  agg_lead_exit_buckets: ['total', 'before_anchor'],
  agg_sla_follow_ups: ['met', 'late'],
  agg_reviews: ['reviews', 'rating_sum'],
  agg_reviewed_leads: [],
  agg_open_deals: ['n', 'amount_minor'],
  agg_close_reasons: ['n'],
  agg_opportunity_leads: [],
  agg_open_opportunities: ['n'],
  agg_lost_opportunities: ['n'],
  agg_anchors: [],
};

function snapshot(db: Database.Database): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(TABLES).map(([table, counts]) => {
      const nonZero = counts.length === 0 ? '' : ` WHERE ${counts.map((c) => `${c} <> 0`).join(' OR ')}`;
      // Every aggregate table is WITHOUT ROWID or keyed by rowid: a plain scan is in primary-key order.
      return [table, db.prepare(`SELECT * FROM ${table}${nonZero}`).all()];
    }),
  );
}

/** What a full recount gives, without changing the database. */
function recounted(db: Database.Database): Record<string, unknown[]> {
  db.exec('SAVEPOINT recount');
  try {
    rebuildFigureAggregates(db);
    return snapshot(db);
  } finally {
    db.exec('ROLLBACK TO recount');
    db.exec('RELEASE recount');
  }
}

/** mulberry32, so that a failing mix can be replayed. */
function rng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

/**
 * A random mix of writes in plain SQL: people, campaigns and SLA terms first, then leads moving through
 * the stages, reviews, deals opening, moving, closing and being deleted, a lead's campaign changing, leads
 * deleted and restored, and a second SLA allowance agreed halfway. Times fall on and around hour and day
 * boundaries and into the future.
 */
function writeMix(db: Database.Database, seed: number, options: { anchorMoves?: boolean } = {}): void {
  const r = rng(seed);
  const run = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
  run(`INSERT INTO people (id, name, team, created_at, updated_at) VALUES ('rep', 'Rep', 'sales', 0, 0)`);
  run(`INSERT INTO people (id, name, team, created_at, updated_at) VALUES ('mkt', 'Mkt', 'marketing', 0, 0)`);
  for (const [id, team] of [
    ['c1', 'marketing'],
    ['c2', 'marketing'],
    ['c3', 'sales'],
  ] as const) {
    run(
      `INSERT INTO campaigns (id, name, channel, source_team, created_at, updated_at) VALUES (?, ?, 'paid', ?, 0, 0)`,
      id,
      `Campaign ${id}`,
      team,
    );
  }
  run(
    `INSERT INTO sla_terms (id, valid_from, mqls_per_period, period_kind, follow_up_hours, created_at)
     VALUES ('t1', 0, 10, 'month', 24, 0)`,
  );
  const time = () => {
    // Around the edges on purpose: exactly on an hour or a day, a millisecond either side, or anywhere.
    const base = NOW - r.int(-2, 120) * DAY;
    const roll = r.next();
    if (roll < 0.15) return Math.floor(base / DAY) * DAY + r.pick([-1, 0, 1]);
    if (roll < 0.3) return Math.floor(base / HOUR) * HOUR + r.pick([-1, 0, 1]);
    return base + r.int(0, DAY - 1);
  };
  const leads: string[] = [];
  const deals: string[] = [];
  const reviews: string[] = [];
  const later = (at: number) => at + r.pick([0, 1, r.int(1, 10) * HOUR, r.int(1, 30) * DAY]);
  for (let i = 0; i < 400; i++) {
    const op = r.next();
    if (op < 0.3 || leads.length === 0) {
      const id = `lead-${seed}-${i}`;
      const leadAt = time();
      const mqlAt = r.chance(0.6) ? later(leadAt) : null;
      const sqlAt = r.chance(0.5) ? later(mqlAt ?? leadAt) : null;
      const oppAt = sqlAt !== null && r.chance(0.6) ? later(sqlAt) : null;
      const customerAt = oppAt !== null && r.chance(0.5) ? later(oppAt) : null;
      const followUp = mqlAt !== null && r.chance(0.7) ? later(mqlAt) : null;
      const disqualifiedAt = r.chance(0.1) ? later(leadAt) : null;
      const stage =
        disqualifiedAt !== null
          ? 'disqualified'
          : customerAt !== null
            ? 'customer'
            : oppAt !== null
              ? 'opportunity'
              : sqlAt !== null
                ? 'sql'
                : mqlAt !== null
                  ? 'mql'
                  : 'lead';
      run(
        `INSERT INTO leads (id, name, stage, source_team, campaign_id, lead_at, mql_at, sql_at, opportunity_at,
                            customer_at, disqualified_at, first_follow_up_at, created_at, updated_at, deleted_at)
         VALUES (?, 'L', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
        id,
        stage,
        r.pick(['sales', 'marketing']),
        r.pick(['c1', 'c2', 'c3', null]),
        leadAt,
        mqlAt,
        sqlAt,
        oppAt,
        customerAt,
        disqualifiedAt,
        followUp,
        time(),
        r.chance(0.05) ? NOW : null,
      );
      leads.push(id);
    } else if (op < 0.45) {
      const id = r.pick(leads);
      const column = r.pick(['mql_at', 'sql_at', 'opportunity_at', 'customer_at', 'first_follow_up_at', 'lead_at']);
      run(
        `UPDATE leads SET ${column} = ?, stage = ?, updated_at = ? WHERE id = ?`,
        r.chance(0.2) && column !== 'lead_at' ? null : time(),
        r.pick(['mql', 'sql', 'customer', 'disqualified']),
        time(),
        id,
      );
    } else if (op < 0.5) {
      const id = r.pick(leads);
      run(
        `UPDATE leads SET campaign_id = ?, source_team = ? WHERE id = ?`,
        r.pick(['c1', 'c2', 'c3', null]),
        r.pick(['sales', 'marketing']),
        id,
      );
    } else if (op < 0.55) {
      run(`UPDATE leads SET deleted_at = ? WHERE id = ?`, r.chance(0.5) ? NOW : null, r.pick(leads));
    } else if (op < 0.65) {
      const id = `review-${seed}-${i}`;
      run(
        `INSERT INTO lead_reviews (id, lead_id, rating, reviewed_at) VALUES (?, ?, ?, ?)`,
        id,
        r.pick(leads),
        r.int(1, 5),
        time(),
      );
      reviews.push(id);
    } else if (op < 0.7 && reviews.length > 0) {
      const id = r.pick(reviews);
      const change = r.int(0, 4);
      if (change === 0) run(`UPDATE lead_reviews SET rating = ? WHERE id = ?`, r.int(1, 5), id);
      if (change === 1) run(`UPDATE lead_reviews SET reviewed_at = ? WHERE id = ?`, time(), id);
      if (change === 2) run(`UPDATE lead_reviews SET deleted_at = ? WHERE id = ?`, r.chance(0.5) ? NOW : null, id);
      if (change === 3) run(`UPDATE lead_reviews SET lead_id = ? WHERE id = ?`, r.pick(leads), id);
      if (change === 4) {
        run(`DELETE FROM lead_reviews WHERE id = ?`, id);
        reviews.splice(reviews.indexOf(id), 1);
      }
    } else if (op < 0.82) {
      const id = `deal-${seed}-${i}`;
      const status = r.pick(['open', 'open', 'won', 'lost'] as const);
      const closedAt = status === 'open' ? null : time();
      const reason =
        status === 'won'
          ? r.pick(['won_price', 'won_speed', null])
          : status === 'lost'
            ? r.pick(['lost_price', 'lost_timing', null])
            : null;
      run(
        `INSERT INTO deals (id, title, lead_id, amount_minor, currency, stage_id, status, created_at, stage_entered_at,
                            closed_at, close_reason, updated_at)
         VALUES (?, 'D', ?, ?, ?, ?, ?, 0, 0, ?, ?, 0)`,
        id,
        r.chance(0.5) ? r.pick(leads) : null,
        r.int(0, 1_000_000),
        r.pick(['EUR', 'USD']),
        status === 'open' ? r.pick(['discovery', 'demo', 'proposal']) : status,
        status,
        closedAt,
        reason,
      );
      deals.push(id);
    } else if (op < 0.92 && deals.length > 0) {
      const id = r.pick(deals);
      const change = r.int(0, 4);
      if (change === 0) {
        run(
          `UPDATE deals SET stage_id = ?, status = 'open', closed_at = NULL, close_reason = NULL WHERE id = ?`,
          r.pick(['demo', 'negotiation']),
          id,
        );
      }
      if (change === 1) {
        run(
          `UPDATE deals SET stage_id = 'won', status = 'won', closed_at = ?, close_reason = ? WHERE id = ?`,
          time(),
          r.pick(['won_price', null]),
          id,
        );
      }
      if (change === 2)
        run(`UPDATE deals SET amount_minor = ?, currency = ? WHERE id = ?`, r.int(0, 99), r.pick(['EUR', 'GBP']), id);
      if (change === 3) run(`UPDATE deals SET deleted_at = ? WHERE id = ?`, r.chance(0.5) ? NOW : null, id);
      if (change === 4) {
        run(`DELETE FROM deals WHERE id = ?`, id);
        deals.splice(deals.indexOf(id), 1);
      }
    } else if (op < 0.95) {
      // A lead without reviews or deals can go for good.
      const id = r.pick(leads);
      const result = run(
        `DELETE FROM leads WHERE id = ? AND NOT EXISTS (SELECT 1 FROM lead_reviews WHERE lead_id = leads.id)
           AND NOT EXISTS (SELECT 1 FROM deals WHERE lead_id = leads.id)`,
        id,
      );
      if (result.changes > 0) leads.splice(leads.indexOf(id), 1);
    } else if (options.anchorMoves) {
      moveLeadExitAnchor(db, time());
    }
    if (i === 200) {
      // A new allowance agreed when there is data already: its counts are filled from every MQL.
      run(
        `INSERT INTO sla_terms (id, valid_from, mqls_per_period, period_kind, follow_up_hours, created_at)
         VALUES ('t2', ?, 12, 'month', 2.5, 0)`,
        NOW - 10 * DAY,
      );
    }
  }
}

/** Exits of `stage` whose exit falls in [from, to], from the leads, straight from the definition. */
function directMedian(db: Database.Database, stage: ExitStage, from: number, to: number): number | null {
  const later = {
    lead: 'mql_at, sql_at, opportunity_at, customer_at',
    mql: 'sql_at, opportunity_at, customer_at',
    sql: 'opportunity_at, customer_at',
    opportunity: 'customer_at, NULL',
  }[stage];
  const column = `${stage === 'opportunity' ? 'opportunity' : stage}_at`;
  const rows = db
    .prepare(
      `SELECT exit_at - ${column} AS ms FROM (SELECT *, COALESCE(${later}) AS exit_at FROM leads WHERE deleted_at IS NULL)
        WHERE ${column} IS NOT NULL AND exit_at IS NOT NULL AND exit_at >= ? AND exit_at <= ?`,
    )
    .all(from, to) as { ms: number }[];
  const values = rows.map((row) => row.ms).sort((a, b) => a - b);
  if (values.length === 0) return null;
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

let temps: TempDatabase[] = [];
afterEach(() => {
  for (const temp of temps) temp.cleanup();
  temps = [];
});

function temp(options?: { migrate?: boolean }): TempDatabase {
  const made = openTempDatabase(options);
  temps.push(made);
  return made;
}

describe('figure aggregates', () => {
  test.each([1, 2, 3, 4])('triggers keep them equal to a recount through a random mix of writes (seed %i)', (seed) => {
    const { db } = temp();
    db.transaction(() => writeMix(db, seed, { anchorMoves: true }))();
    const kept = snapshot(db);
    expect(kept.agg_lead_entries!.length).toBeGreaterThan(0);
    expect(kept.agg_reviews!.length).toBeGreaterThan(0);
    expect(kept.agg_close_reasons!.length).toBeGreaterThan(0);
    expect(kept).toEqual(recounted(db));
  });

  test('a bulk load without the triggers ends with the same aggregates and the triggers back', () => {
    const direct = temp().db;
    direct.transaction(() => writeMix(direct, 7))();
    const deferred = temp().db;
    const triggers = () =>
      deferred.prepare(`SELECT name FROM sqlite_schema WHERE type = 'trigger' ORDER BY name`).pluck().all();
    const before = triggers();
    deferred.transaction(() => withFigureAggregatesDeferred(deferred, () => writeMix(deferred, 7)))();
    expect(snapshot(deferred)).toEqual(snapshot(direct));
    expect(triggers()).toEqual(before);
  });

  test('the migration fills them for rows written before it', () => {
    const { db } = temp({ migrate: false });
    runMigrations(db, migrations.slice(0, 1));
    db.transaction(() => writeMix(db, 11))();
    runMigrations(db, migrations);
    const migrated = snapshot(db);
    expect(migrated.agg_lead_exits!.length).toBeGreaterThan(0);
    expect(migrated).toEqual(recounted(db));
  });

  test('medians from the anchored histogram equal the direct computation wherever the anchor stands', () => {
    const { db } = temp();
    db.transaction(() => writeMix(db, 5))();
    const from = NOW - 90 * DAY;
    for (const anchor of [0, from - 3 * DAY, from, from + 1, from + 20 * DAY, NOW, NOW + 5 * DAY]) {
      moveLeadExitAnchor(db, anchor);
      for (const stage of ['lead', 'mql', 'sql', 'opportunity'] as const) {
        for (const [a, b] of [
          [from, NOW],
          [NOW - 7 * DAY, NOW],
          [Math.floor(NOW / DAY) * DAY, Math.floor(NOW / DAY) * DAY],
        ] as const) {
          expect(medianExitMs(db, stage, a, b), `${stage} anchor ${anchor} [${a}, ${b}]`).toBe(
            directMedian(db, stage, a, b),
          );
        }
      }
    }
    expect(snapshot(db)).toEqual(recounted(db));
  });
});
