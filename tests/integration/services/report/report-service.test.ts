import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../../electron/core/services/demo-data';
import { getFunnel } from '../../../../electron/core/services/reads/funnel-service';
import { getKpi } from '../../../../electron/core/services/reads/kpi-service';
import { getSla } from '../../../../electron/core/services/reads/sla-service';
import { getWeeklyReport } from '../../../../electron/core/services/report/report-service';
import { parseWeekId } from '../../../../electron/core/services/report/report-week';
import { contextAt, openTempDatabase, setRoom, type TempDatabase } from '../figures-fixtures';

const BERLIN = 'Europe/Berlin';
// Monday 30 November 2026, 08:00 in Berlin: the report of week 48 (23–29 November) goes out.
const NOW = Date.parse('2026-11-30T07:00:00Z');
// Week 48 in Berlin (CET, UTC+1), written out by hand: Monday 23 Nov 00:00 to Monday 30 Nov 00:00.
const W48 = { start: Date.parse('2026-11-22T23:00:00Z'), end: Date.parse('2026-11-29T23:00:00Z') };
const W47 = { start: Date.parse('2026-11-15T23:00:00Z'), end: W48.start };
const NOV_START = Date.parse('2026-10-31T23:00:00Z');

describe('the weekly report against independent SQL (demo quarter, Europe/Berlin, pinned clock)', () => {
  let temp: TempDatabase;
  let ctx: ReturnType<typeof contextAt>;

  beforeAll(() => {
    temp = openTempDatabase();
    setRoom(temp.db, { timezone: BERLIN, currency: 'EUR', periodKind: 'month' });
    generateDemoData(temp.db, { now: NOW, timezone: BERLIN, machineId: 'test-machine' });
    ctx = contextAt(temp, NOW);
  });
  afterAll(() => temp.close());

  const count = (sql: string, ...params: unknown[]) => (temp.db.prepare(sql).get(...params) as { n: number }).n;

  it('defaults to the last complete ISO week and names it', () => {
    const report = getWeeklyReport(ctx);
    expect(report.week).toMatchObject({ id: '2026-W48', previousId: '2026-W47', nextId: '2026-W49', complete: true });
    expect(report.week.period).toMatchObject({ start: W48.start, end: W48.end, label: 'Week 48, 2026' });
  });

  it('counts the week the way the SQL does', () => {
    const report = getWeeklyReport(ctx, '2026-W48');
    const inWeek = (column: string, week = W48) =>
      count(
        `SELECT count(*) AS n FROM leads WHERE deleted_at IS NULL AND ${column} >= ? AND ${column} < ?`,
        week.start,
        week.end,
      );
    expect(report.kpiWeek.figure.actual).toBe(inWeek('customer_at'));
    expect(report.kpiWeek.figure.actual).toBeGreaterThan(0);
    expect(report.kpiWeek.split.marketing + report.kpiWeek.split.sales).toBe(report.kpiWeek.figure.actual);
    expect(report.kpiPeriod.figure.actual).toBe(
      count(
        'SELECT count(*) AS n FROM leads WHERE deleted_at IS NULL AND customer_at >= ? AND customer_at < ?',
        NOV_START,
        W48.end,
      ),
    );
    for (const [stage, column] of [
      ['lead', 'lead_at'],
      ['mql', 'mql_at'],
      ['sql', 'sql_at'],
      ['opportunity', 'opportunity_at'],
      ['customer', 'customer_at'],
    ] as const) {
      const row = report.funnel.lifecycle.find((entry) => entry.stage === stage)!;
      expect(row.enteredInPeriod, stage).toBe(inWeek(column));
      expect(row.enteredPreviousPeriod, stage).toBe(inWeek(column, W47));
    }
    expect(report.sla.marketing.actual).toBe(inWeek('mql_at'));

    const won = temp.db
      .prepare(
        `SELECT count(*) AS n, coalesce(sum(amount_minor), 0) AS amount FROM deals
          WHERE status = 'won' AND deleted_at IS NULL AND currency = 'EUR' AND closed_at >= ? AND closed_at < ?`,
      )
      .get(W48.start, W48.end) as { n: number; amount: number };
    expect(report.wonDeals.totals[0]).toEqual({ currency: 'EUR', amountMinor: won.amount });
    expect(report.wonDeals.count).toBe(
      count(
        `SELECT count(*) AS n FROM deals WHERE status = 'won' AND deleted_at IS NULL AND closed_at >= ? AND closed_at < ?`,
        W48.start,
        W48.end,
      ),
    );
    const largest = temp.db
      .prepare(
        `SELECT d.title, rep.name AS rep, c.name AS campaign, mk.name AS marketer FROM deals d
           LEFT JOIN people rep ON rep.id = d.closing_rep_id LEFT JOIN people mk ON mk.id = d.sourcing_marketer_id
           LEFT JOIN campaigns c ON c.id = d.campaign_id
          WHERE d.status = 'won' AND d.deleted_at IS NULL AND d.closed_at >= ? AND d.closed_at < ?
          ORDER BY d.amount_minor DESC, d.closed_at, d.id LIMIT 1`,
      )
      .get(W48.start, W48.end) as {
      title: string;
      rep: string | null;
      campaign: string | null;
      marketer: string | null;
    };
    expect(report.wonDeals.deals[0]).toMatchObject({
      title: largest.title,
      repName: largest.rep,
      campaignName: largest.campaign,
      marketerName: largest.marketer,
    });
    expect(report.changes.find((change) => change.key === 'won')).toMatchObject({
      current: report.wonDeals.count,
      previous: count(
        `SELECT count(*) AS n FROM deals WHERE status = 'won' AND deleted_at IS NULL AND closed_at >= ? AND closed_at < ?`,
        W47.start,
        W47.end,
      ),
    });
    expect(report.actions.open).toBe(
      count(
        `SELECT count(*) AS n FROM action_items a LEFT JOIN retrospectives r ON r.id = a.retrospective_id
          WHERE a.done_at IS NULL AND a.deleted_at IS NULL AND r.deleted_at IS NULL`,
      ),
    );
    expect(report.glossaryChanges.map((term) => term.term).sort()).toEqual(
      (
        temp.db
          .prepare(
            `SELECT term FROM glossary_terms g WHERE version = (SELECT max(version) FROM glossary_terms WHERE term = g.term)
               AND changed_at >= ? AND changed_at < ? ORDER BY term`,
          )
          .all(W48.start, W48.end) as { term: string }[]
      ).map((row) => row.term),
    );
  });

  it('judges the follow-ups of MQLs due in the week as the SQL does (wall-clock SLA)', () => {
    const report = getWeeklyReport(ctx, '2026-W48');
    const terms = temp.db
      .prepare('SELECT follow_up_hours AS h, business_hours_only AS b FROM sla_terms ORDER BY valid_from DESC LIMIT 1')
      .get() as { h: number; b: number };
    expect(terms.b).toBe(0);
    const due = Math.round(terms.h * 3_600_000);
    const at = W48.end - 1;
    const outcomes = temp.db
      .prepare(
        `SELECT
           sum(f IS NOT NULL AND f <= mql_at + @due) AS met,
           sum(f IS NOT NULL AND f > mql_at + @due) AS late,
           sum(f IS NULL AND mql_at + @due <= @at) AS breached
         FROM (SELECT mql_at, CASE WHEN first_follow_up_at IS NULL THEN disqualified_at
                                   WHEN disqualified_at IS NULL THEN first_follow_up_at
                                   ELSE min(first_follow_up_at, disqualified_at) END AS f
                 FROM leads WHERE deleted_at IS NULL AND mql_at IS NOT NULL
                  AND mql_at + @due >= @from AND mql_at + @due < @to)`,
      )
      .get({ due, at, from: W48.start, to: W48.end }) as { met: number; late: number; breached: number };
    expect(report.sla.sales).toMatchObject({ met: outcomes.met, late: outcomes.late, breached: outcomes.breached });
  });

  it('is made of the slides own services: the same figures as the slide shows at that moment', () => {
    const report = getWeeklyReport(ctx, '2026-W48');
    const atWeekEnd = contextAt(temp, W48.end - 1);
    expect(report.kpiPeriod.figure).toEqual(getKpi(atWeekEnd).figure);
    expect(report.funnel.lifecycle).toEqual(
      getFunnel(atWeekEnd, { periodKind: 'week' }).lifecycle.map((row) => ({ ...row, medianHoursInStage: null })),
    );
    expect(report.slaPeriod.marketing).toEqual(getSla(atWeekEnd).marketing);
  });

  it('reports a running week so far, and refuses malformed and future weeks with the field named', () => {
    const running = getWeeklyReport(ctx, '2026-W49');
    expect(running.week).toMatchObject({ complete: false, nextId: null });
    expect(() => getWeeklyReport(ctx, '2026-W50')).toThrow(/has not begun/);
    expect(() => getWeeklyReport(ctx, '2026-48')).toThrow(/week must look like 2026-W48/);
    expect(() => getWeeklyReport(ctx, '2025-W53')).toThrow(/2025 has no week 53/);
  });

  it('names ISO weeks across a year end and a DST change', () => {
    expect(parseWeekId('2026-W53', BERLIN).period.start).toBe(Date.parse('2026-12-27T23:00:00Z'));
    expect(parseWeekId('2020-W53', BERLIN).period.start).toBe(Date.parse('2020-12-27T23:00:00Z'));
    const spring = parseWeekId('2027-W12', BERLIN).period;
    expect(spring.end - spring.start).toBe(167 * 3_600_000);
  });
});
