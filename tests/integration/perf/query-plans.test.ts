/**
 * The cheap bound behind `refresh_p95_ms` (docs/performance.md), checked without timing anything: every
 * statement a display refresh runs must reach the big tables through an index or the figure aggregates,
 * never by reading a whole table. A full scan that is fine at the demo's few hundred deals costs seconds at
 * a million, which is exactly what this catches before anyone runs the benchmark.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { handlers } from '../../../electron/core/api/handlers';
import { insertSlaTerms } from '../../../electron/core/db/repositories/sla-repository';
import { generateDemoData } from '../../../electron/core/services/demo/demo-data';
import { openTempDatabase, tempContext, type TempDatabase } from '../db/temp-database';

const NOW = Date.UTC(2026, 2, 18, 9, 30);

/** Every read the kiosk makes for one full refresh of its slides, with the inputs its stores pass. */
const KIOSK_READS: [string, Record<string, unknown>][] = [
  ['app.info', {}],
  ['settings.display', {}],
  ['funnel.get', {}],
  ['sprints.current', {}],
  ['activity.list', { limit: 30 }],
  ['kpi.get', {}],
  ['sla.get', {}],
  ['leadQuality.get', {}],
  ['meetings.today', {}],
  ['glossary.list', {}],
  ['credit.get', {}],
];

/** Tables that grow with the business; reading one of them whole is what must never happen on a refresh. */
const GROWING = [
  'leads',
  'deals',
  'activity_events',
  'lead_reviews',
  'lead_review_reasons',
  'lead_transitions',
  'agg_lead_entries',
  'agg_lead_exits',
  'agg_sla_follow_ups',
  'agg_reviews',
  'agg_reviewed_leads',
  'agg_close_reasons',
  'agg_opportunity_leads',
  'agg_lost_opportunities',
];

/** The SQL of every statement prepared on `db` while `run` runs. */
async function statementsOf(db: Database.Database, run: () => Promise<void>): Promise<string[]> {
  const seen = new Set<string>();
  const prepare = db.prepare.bind(db);
  // The repositories prepare through this method (and cache the result), so each statement passes here once.
  db.prepare = ((sql: string) => {
    seen.add(sql);
    return prepare(sql);
  }) as typeof db.prepare;
  try {
    await run();
  } finally {
    db.prepare = prepare as typeof db.prepare;
  }
  return [...seen];
}

/**
 * The plan lines that read a growing table whole: a SCAN of it, unless the statement stops early (a LIMIT
 * over rows read in the order asked for, with no sort step).
 */
function fullScans(db: Database.Database, sql: string): string[] {
  // EXPLAIN needs every parameter bound; a literal in its place plans the same (there are no statistics).
  const literal = sql.replace(/[@:$]\w+|\?\d*/g, '1');
  const plan = (db.prepare(`EXPLAIN QUERY PLAN ${literal}`).all() as { detail: string }[]).map((row) => row.detail);
  const sorts = plan.some((line) => /^USE TEMP B-TREE FOR (LAST TERM OF )?ORDER BY/.test(line));
  const stopsEarly = /\bLIMIT\b/i.test(sql) && !sorts;
  // Plans name a table by its alias: `FROM leads l` scans as "SCAN l".
  const aliases = new Map<string, string>();
  for (const match of sql.matchAll(/\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    aliases.set(match[2] ?? match[1]!, match[1]!);
  }
  return plan.filter((line) => {
    const name = /^SCAN (\w+)/.exec(line)?.[1];
    if (name === undefined || stopsEarly) return false;
    return GROWING.includes(aliases.get(name) ?? name);
  });
}

let temp: TempDatabase | undefined;
beforeEach(() => {
  temp = undefined;
});
afterEach(() => temp?.cleanup());

describe('query plans of a display refresh', () => {
  test('no statement of a refresh reads a growing table whole', async () => {
    const { ctx, temp: made } = tempContext(NOW);
    temp = made;
    generateDemoData(ctx.db, { now: NOW, timezone: 'Europe/Berlin', machineId: ctx.machineId });
    const dispatch = createDispatcher(ctx, { name: 'Alignboard', version: 'test', bootId: 'boot' });
    const reads = KIOSK_READS.filter(([method]) => Object.prototype.hasOwnProperty.call(handlers, method));
    expect(reads.length).toBeGreaterThanOrEqual(5);

    const statements = await statementsOf(ctx.db, async () => {
      for (const [method, input] of reads) {
        const outcome = await dispatch(method, input);
        expect(outcome.ok, `${method}: ${JSON.stringify(outcome)}`).toBe(true);
      }
    });

    // The figures did come from somewhere: the aggregates, read through their keys.
    expect(statements.some((sql) => sql.includes('agg_lead_entries'))).toBe(true);
    expect(statements.some((sql) => sql.includes('agg_lead_exit_buckets'))).toBe(true);
    const offenders = statements
      .map((sql) => ({ sql: sql.replace(/\s+/g, ' ').trim(), scans: fullScans(ctx.db, sql) }))
      .filter((statement) => statement.scans.length > 0);
    expect(offenders).toEqual([]);
  });

  test('the SLA in business-hours mode reads the MQLs it needs through their indexes', async () => {
    const { ctx, temp: made } = tempContext(NOW);
    temp = made;
    generateDemoData(ctx.db, { now: NOW, timezone: 'Europe/Berlin', machineId: ctx.machineId });
    insertSlaTerms(
      ctx.db,
      { validFrom: NOW - 1, mqlsPerPeriod: 40, periodKind: 'quarter', followUpHours: 8, businessHoursOnly: true },
      NOW - 1,
    );
    const dispatch = createDispatcher(ctx, { name: 'Alignboard', version: 'test', bootId: 'boot' });
    const statements = await statementsOf(ctx.db, async () => {
      const outcome = await dispatch('sla.get', {});
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    });
    const business = statements.filter((sql) => /INDEXED BY leads_(mql_at|unfollowed_mql)\b/.test(sql));
    expect(business.length).toBe(2);
    const offenders = statements
      .map((sql) => ({ sql: sql.replace(/\s+/g, ' ').trim(), scans: fullScans(ctx.db, sql) }))
      .filter((statement) => statement.scans.length > 0);
    expect(offenders).toEqual([]);
  });

  test('the undo history walks only the events that carry raw rows', async () => {
    const { ctx, temp: made } = tempContext(NOW);
    temp = made;
    generateDemoData(ctx.db, { now: NOW, timezone: 'Europe/Berlin', machineId: ctx.machineId });
    const dispatch = createDispatcher(ctx, { name: 'Alignboard', version: 'test', bootId: 'boot' });
    const statements = await statementsOf(ctx.db, async () => {
      const outcome = await dispatch('history.recent', { limit: 20 });
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    });
    const historyScans = statements.filter((sql) => sql.includes("'$.changes'"));
    expect(historyScans.length).toBeGreaterThan(0);
    for (const sql of historyScans) {
      const plan = (ctx.db.prepare(`EXPLAIN QUERY PLAN ${sql.replace(/\?/g, '1')}`).all() as { detail: string }[])
        .map((row) => row.detail)
        .join('\n');
      // A LIMIT over the whole log would pass the full-scan check above; this one must use the partial index.
      expect(plan).toContain('USING INDEX activity_events_with_changes');
    }
  });

  test('the check itself notices a full scan', () => {
    const made = openTempDatabase();
    temp = made;
    expect(fullScans(made.db, 'SELECT COUNT(*) FROM leads WHERE name = ?')).toEqual(['SCAN leads']);
    expect(fullScans(made.db, 'SELECT id FROM activity_events ORDER BY seq DESC LIMIT 30')).toEqual([]);
    expect(fullScans(made.db, 'SELECT id FROM leads ORDER BY name LIMIT 30')).toEqual(['SCAN leads']);
    expect(fullScans(made.db, 'SELECT COUNT(*) FROM leads WHERE deleted_at IS NULL AND mql_at >= ?')).toEqual([]);
  });
});
