/**
 * The "Last week" slide's figures, read as the wall reads them (report.get over HTTP with the viewer
 * token, then the slide's own pick of figures), against independent SQL over the same demo quarter. The
 * clock is pinned to a Monday morning in Berlin, when the slide is on the wall.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WeeklyReport } from '@shared/report';
import { createCore, type Core } from '../../../../electron/core/create-core';
import { createHttpServer, type HttpServerHandle } from '../../../../electron/core/http/server';
import { fixedClock } from '../../../../electron/core/services/support/clock';
import { lastWeekFigures, type LastWeekFigures } from '../../../../src/lib/last-week';

// Monday 30 November 2026, 09:00 in Berlin.
const NOW = Date.parse('2026-11-30T08:00:00Z');
// Week 48 in Berlin (CET, UTC+1), written out by hand: Monday 23 Nov 00:00 to Monday 30 Nov 00:00.
const W48 = { start: Date.parse('2026-11-22T23:00:00Z'), end: Date.parse('2026-11-29T23:00:00Z') };
const NOV_START = Date.parse('2026-10-31T23:00:00Z');
const DEC_START = Date.parse('2026-11-30T23:00:00Z');
const DAY = 86_400_000;
const STAGE_COLUMNS = [
  ['lead', 'lead_at'],
  ['mql', 'mql_at'],
  ['sql', 'sql_at'],
  ['opportunity', 'opportunity_at'],
  ['customer', 'customer_at'],
] as const;

let root: string;
let core: Core;
let http: HttpServerHandle;
let figures: LastWeekFigures;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'alignboard-last-week-'));
  const staticDir = join(root, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Alignboard</title>');
  core = createCore({
    dbFile: join(root, 'alignboard.db'),
    clock: fixedClock(NOW),
    version: '1.0.0-test',
    demo: 'if-empty',
    timezone: 'Europe/Berlin',
    backups: false,
  });
  http = await createHttpServer(core, { staticDir, port: 0 });
  const res = await fetch(`${http.url}/api/report.get`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${http.tokens.viewer}` },
    body: '{}',
  });
  expect(res.status).toBe(200);
  figures = lastWeekFigures(((await res.json()) as { result: WeeklyReport }).result);
});

afterAll(async () => {
  await http?.close();
  core?.close();
  rmSync(root, { recursive: true, force: true });
});

const count = (sql: string, ...params: unknown[]) =>
  (core.ctx.db.prepare(sql).get(...params) as { n: number | null }).n ?? 0;
const enteredIn = (column: string, from: number, to: number) =>
  count(`SELECT count(*) AS n FROM leads WHERE deleted_at IS NULL AND ${column} >= ? AND ${column} < ?`, from, to);

describe('the "Last week" slide against independent SQL (demo quarter, Monday morning in Berlin)', () => {
  it('shows the last complete week', () => {
    expect(figures.weekId).toBe('2026-W48');
    expect(figures.weekLabel).toBe('Week 48, 2026');
  });

  it('counts the shared KPI of the week, split by source team, against the week’s target', () => {
    const actual = enteredIn('customer_at', W48.start, W48.end);
    expect(actual).toBeGreaterThan(0);
    expect(figures.kpi.actual).toBe(actual);
    const byTeam = (team: string) =>
      count(
        `SELECT count(*) AS n FROM leads WHERE deleted_at IS NULL AND source_team = ? AND customer_at >= ? AND customer_at < ?`,
        team,
        W48.start,
        W48.end,
      );
    expect(figures.kpi.split).toEqual({ marketing: byTeam('marketing'), sales: byTeam('sales') });
    const target = core.ctx.db
      .prepare(`SELECT target FROM kpi_targets WHERE period_kind = 'week' AND period_start = '2026-11-23'`)
      .pluck()
      .get() as number | undefined;
    expect(figures.kpi.target).toBe(target ?? null);
    // the week is over: its pace is its target
    if (target !== undefined) expect(figures.kpi.status).toBe(actual >= target ? 'on_track' : 'behind');
  });

  it('counts the funnel flow of the week and the cohort conversion of the 90 days to its end', () => {
    const at = W48.end - 1;
    expect(figures.funnel.map((row) => row.stage)).toEqual(STAGE_COLUMNS.map(([stage]) => stage));
    STAGE_COLUMNS.forEach(([stage, column], index) => {
      const row = figures.funnel[index]!;
      expect(row.entered, stage).toBe(enteredIn(column, W48.start, W48.end));
      if (index === STAGE_COLUMNS.length - 1) {
        expect(row.conversionToNext).toBeNull();
        return;
      }
      const later = STAGE_COLUMNS.slice(index + 1).map(([, next]) => `${next} IS NOT NULL`);
      const cohort = core.ctx.db
        .prepare(
          `SELECT count(*) AS n, sum(${later.join(' OR ')}) AS converted FROM leads
            WHERE deleted_at IS NULL AND ${column} >= ? AND ${column} <= ?`,
        )
        .get(at - 90 * DAY, at) as { n: number; converted: number | null };
      expect(row.conversionToNext, stage).toBeCloseTo(cohort.n === 0 ? NaN : (cohort.converted ?? 0) / cohort.n, 12);
    });
  });

  it('shows the SLA from both sides: MQLs delivered against the commitment, follow-up compliance', () => {
    const terms = core.ctx.db
      .prepare(
        `SELECT mqls_per_period AS mqls, follow_up_hours AS h FROM sla_terms WHERE valid_from <= ?
          ORDER BY valid_from DESC, id DESC LIMIT 1`,
      )
      .get(W48.end - 1) as { mqls: number; h: number };
    expect(figures.sla).not.toBeNull();
    expect(figures.sla!.marketing).toMatchObject({
      deliveredInWeek: enteredIn('mql_at', W48.start, W48.end),
      // the SLA slide's own count for November at the week's end: the month's MQLs as the data stands
      deliveredInPeriod: enteredIn('mql_at', NOV_START, DEC_START),
      committed: terms.mqls,
      periodLabel: 'Nov',
    });
    const due = Math.round(terms.h * 3_600_000);
    const outcomes = core.ctx.db
      .prepare(
        `SELECT sum(f IS NOT NULL AND f <= mql_at + @due) AS met, sum(f IS NOT NULL AND f > mql_at + @due) AS late,
                sum(f IS NULL AND mql_at + @due <= @at) AS breached
           FROM (SELECT mql_at, CASE WHEN first_follow_up_at IS NULL THEN disqualified_at
                                     WHEN disqualified_at IS NULL THEN first_follow_up_at
                                     ELSE min(first_follow_up_at, disqualified_at) END AS f
                   FROM leads WHERE deleted_at IS NULL AND mql_at IS NOT NULL
                    AND mql_at + @due >= @from AND mql_at + @due < @to)`,
      )
      .get({ due, at: W48.end - 1, from: W48.start, to: W48.end }) as { met: number; late: number; breached: number };
    const judged = outcomes.met + outcomes.late + outcomes.breached;
    expect(judged).toBeGreaterThan(0);
    expect(figures.sla!.sales).toMatchObject({ ...outcomes, followUpHours: terms.h });
    expect(figures.sla!.sales.compliance).toBeCloseTo(outcomes.met / judged, 12);
  });

  it('lists the week’s won deals with their joint credit: rep, campaign, marketer', () => {
    const won = count(
      `SELECT count(*) AS n FROM deals WHERE status = 'won' AND deleted_at IS NULL AND closed_at >= ? AND closed_at < ?`,
      W48.start,
      W48.end,
    );
    expect(won).toBeGreaterThan(0);
    expect(figures.won.count).toBe(won);
    const eur = count(
      `SELECT sum(amount_minor) AS n FROM deals WHERE status = 'won' AND deleted_at IS NULL AND currency = 'EUR'
          AND closed_at >= ? AND closed_at < ?`,
      W48.start,
      W48.end,
    );
    expect(figures.won.totals[0]).toEqual({ currency: 'EUR', amountMinor: eur });
    const largest = core.ctx.db
      .prepare(
        `SELECT d.title, d.amount_minor AS amountMinor, d.currency, rep.name AS repName, c.name AS campaignName,
                mk.name AS marketerName
           FROM deals d LEFT JOIN people rep ON rep.id = d.closing_rep_id
           LEFT JOIN people mk ON mk.id = d.sourcing_marketer_id LEFT JOIN campaigns c ON c.id = d.campaign_id
          WHERE d.status = 'won' AND d.deleted_at IS NULL AND d.closed_at >= ? AND d.closed_at < ?
          ORDER BY d.amount_minor DESC, d.closed_at, d.id LIMIT 3`,
      )
      .all(W48.start, W48.end) as {
      title: string;
      amountMinor: number;
      currency: string;
      repName: string | null;
      campaignName: string | null;
      marketerName: string | null;
    }[];
    expect(
      figures.won.deals.slice(0, 3).map((deal) => ({
        title: deal.title,
        amountMinor: deal.amount.amountMinor,
        currency: deal.amount.currency,
        repName: deal.repName,
        campaignName: deal.campaignName,
        marketerName: deal.marketerName,
      })),
    ).toEqual(largest);
  });
});
