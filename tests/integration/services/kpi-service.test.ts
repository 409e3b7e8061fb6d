import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { PeriodKind } from '@shared/domain';
import type { KpiResult } from '@shared/figures';
import { generateDemoData } from '../../../electron/core/services/demo-data';
import { getKpi, KPI_TREND_PERIODS } from '../../../electron/core/services/reads/kpi-service';
import { contextAt, openTempDatabase, seededRandom, setRoom, type TempDatabase } from './figures-fixtures';
import { insertKpiTargetRow, insertLeadRow } from './lead-rows';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BERLIN = 'Europe/Berlin';
// Wednesday 18 Nov 2026, 11:00 in Berlin. November in Berlin: [31 Oct 23:00 UTC, 30 Nov 23:00 UTC).
const NOW = Date.parse('2026-11-18T10:00:00Z');
const NOV_START = Date.parse('2026-10-31T23:00:00Z');
const NOV_END = Date.parse('2026-11-30T23:00:00Z');
// October starts in summer time (CEST, UTC+2) and ends in winter time (CET, UTC+1).
const OCT_START = Date.parse('2026-09-30T22:00:00Z');
const JUNE_START = Date.parse('2026-05-31T22:00:00Z');

// ---- An independent calendar: Intl for the local date, plain UTC date arithmetic for the rest ----------

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: BERLIN,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local calendar date of an instant in Berlin, as [year, month 1–12, day]. */
function localYmd(at: number): [number, number, number] {
  const parts = Object.fromEntries(dateFormat.formatToParts(at).map((part) => [part.type, part.value]));
  return [Number(parts.year), Number(parts.month), Number(parts.day)];
}

function iso(y: number, m: number, d: number): string {
  return new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
}

/** The first day ('YYYY-MM-DD') of the period of `kind` that holds the local date of `at`. */
function periodStartDate(at: number, kind: PeriodKind): string {
  const [y, m, d] = localYmd(at);
  if (kind === 'month') return iso(y, m, 1);
  if (kind === 'quarter') return iso(y, Math.floor((m - 1) / 3) * 3 + 1, 1);
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
  return iso(y, m, d - weekday);
}

/** The start date of the period `back` periods before the one starting on `start`. */
function stepBack(start: string, kind: PeriodKind, back: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  if (kind === 'week') return iso(y, m, d - 7 * back);
  return iso(y, m - (kind === 'month' ? 1 : 3) * back, 1);
}

/**
 * The first day of the first period the trend shows: the current one, at most KPI_TREND_PERIODS − 1 periods
 * back, and not before the period of the earliest moment any live lead was entered or became a customer.
 * Found by walking back one period at a time over the leads fetched whole (no MIN in SQL).
 */
function trendStarts(
  leads: { lead_at: number; customer_at: number | null; deleted_at: number | null }[],
  now: number,
  kind: PeriodKind,
): string[] {
  const live = leads.filter((lead) => lead.deleted_at === null);
  const firstDates = live
    .flatMap((lead) => [lead.lead_at, lead.customer_at ?? lead.lead_at])
    .map((at) => periodStartDate(at, kind));
  const current = periodStartDate(now, kind);
  const starts = [current];
  // ISO dates compare as strings: keep stepping back while some lead lies in an earlier period.
  while (starts.length < KPI_TREND_PERIODS && firstDates.some((first) => first < starts[0]!)) {
    starts.unshift(stepBack(current, kind, starts.length));
  }
  return starts;
}

/** The KPI's figures computed the plain way: every lead fetched and bucketed by its local date in JS. */
function reference(db: Database.Database, now: number, kind: PeriodKind) {
  const leads = db.prepare('SELECT lead_at, customer_at, source_team, deleted_at FROM leads').all() as {
    lead_at: number;
    customer_at: number | null;
    source_team: 'marketing' | 'sales';
    deleted_at: number | null;
  }[];
  const current = periodStartDate(now, kind);
  const starts = trendStarts(leads, now, kind);
  const customers = leads.filter((lead) => lead.deleted_at === null && lead.customer_at !== null);
  const inPeriod = (start: string) => customers.filter((lead) => periodStartDate(lead.customer_at!, kind) === start);
  const target = db.prepare(
    `SELECT target FROM kpi_targets WHERE kpi_id = 'new_paying_customers' AND period_kind = ? AND period_start = ?`,
  );
  const trend = starts.map((start) => ({
    start,
    actual: inPeriod(start).length,
    target: (target.get(kind, start) as { target: number } | undefined)?.target ?? null,
  }));
  const now_ = inPeriod(current);
  return {
    trend,
    split: {
      marketing: now_.filter((lead) => lead.source_team === 'marketing').length,
      sales: now_.filter((lead) => lead.source_team === 'sales').length,
    },
  };
}

/** Working days (Mon–Fri) of the current month up to today, and in the whole month, by walking the days. */
function monthShare(now: number): number {
  const [y, m, today] = localYmd(now);
  let elapsed = 0;
  let total = 0;
  for (let d = 1; new Date(Date.UTC(y, m - 1, d)).getUTCMonth() === m - 1; d += 1) {
    const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    total += 1;
    if (d <= today) elapsed += 1;
  }
  return elapsed / total;
}

function expectMatchesReference(db: Database.Database, result: KpiResult, now: number, kind: PeriodKind): void {
  const expected = reference(db, now, kind);
  expect(result.trend).toHaveLength(expected.trend.length);
  expect(result.trend.map((point) => periodStartDate(point.period.start, kind))).toEqual(
    expected.trend.map((point) => point.start),
  );
  expect(result.trend.map(({ actual, target }) => ({ actual, target }))).toEqual(
    expected.trend.map(({ actual, target }) => ({ actual, target })),
  );
  expect(result.trend.at(-1)!.period).toEqual(result.period);
  expect(result.figure.actual).toBe(expected.trend.at(-1)!.actual);
  expect(result.figure.target).toBe(expected.trend.at(-1)!.target);
  expect(result.split).toEqual(expected.split);
  expect(result.split.marketing + result.split.sales).toBe(result.figure.actual);
}

describe('getKpi', () => {
  let temp: TempDatabase;
  beforeEach(() => {
    temp = openTempDatabase();
    setRoom(temp.db, { timezone: BERLIN, periodKind: 'month' });
  });
  afterEach(() => temp.close());

  it('gives zero, no target and a trend of the current month alone on an empty database', () => {
    const result = getKpi(contextAt(temp, NOW));
    expect(result.kpi).toEqual({
      id: 'new_paying_customers',
      name: 'New paying customers',
      description: 'Leads whose first deal was won in the period. Owned by sales and marketing together.',
      unit: 'customers',
    });
    expect(result.period).toEqual({ kind: 'month', start: NOV_START, end: NOV_END, label: 'November 2026' });
    expect(result.figure).toEqual({
      actual: 0,
      target: null,
      pace: null,
      elapsedShare: 13 / 21,
      status: 'no_target',
      behindBy: null,
    });
    expect(result.split).toEqual({ marketing: 0, sales: 0 });
    // No data yet, so no past months of "0 customers": the current month alone.
    expect(result.trend).toEqual([{ period: result.period, actual: 0, target: null }]);
    expect(result.freshness).toEqual({ computedAt: NOW, latestChangeAt: null, source: 'Local database' });
  });

  it('counts customers in the Berlin month, start included and end excluded, across the DST change', () => {
    const { db } = temp;
    const old = Date.parse('2026-01-01T00:00:00Z');
    const at = (customerAt: number, sourceTeam: 'marketing' | 'sales' = 'marketing', deletedAt: number | null = null) =>
      insertLeadRow(db, { leadAt: old, customerAt, sourceTeam, deletedAt });
    at(NOV_START); // 1 Nov 00:00 Berlin: November
    at(NOV_START - 1); // 31 Oct 23:59:59.999 Berlin: October
    at(NOV_END - 1, 'sales'); // 30 Nov 23:59:59.999 Berlin: November
    at(NOV_END); // 1 Dec 00:00 Berlin: not yet
    at(NOW - HOUR, 'sales');
    at(NOW - DAY, 'marketing', NOW - HOUR); // deleted: counts nowhere
    at(OCT_START); // 1 Oct 00:00 CEST: October
    at(OCT_START - 1); // 30 Sep 23:59:59.999 CEST: September
    at(JUNE_START); // 1 Jun 00:00 CEST: the first instant of the trend
    at(JUNE_START - 1); // 31 May: before the trend
    insertLeadRow(db, { leadAt: NOW - DAY, mqlAt: NOW - HOUR }); // not a customer

    const result = getKpi(contextAt(temp, NOW));
    expect(result.figure.actual).toBe(3);
    expect(result.split).toEqual({ marketing: 1, sales: 2 });
    expect(result.trend.map((point) => point.actual)).toEqual([1, 0, 0, 1, 2, 3]);
    expect(result.trend[0]!.period.start).toBe(JUNE_START);
    expect(result.trend[4]!.period).toMatchObject({ label: 'October 2026', start: OCT_START, end: NOV_START });

    // The same counts from SQL written another way: BETWEEN on inclusive ends, grouped by team.
    const bySql = db
      .prepare(
        `SELECT source_team AS team, COUNT(customer_at) AS n FROM leads
         WHERE customer_at BETWEEN ? AND ? AND deleted_at IS NULL GROUP BY source_team ORDER BY source_team`,
      )
      .all(NOV_START, NOV_END - 1) as { team: string; n: number }[];
    expect(bySql).toEqual([
      { team: 'marketing', n: result.split.marketing },
      { team: 'sales', n: result.split.sales },
    ]);
    const october = db
      .prepare('SELECT COUNT(*) AS n FROM leads WHERE customer_at BETWEEN ? AND ? AND deleted_at IS NULL')
      .get(OCT_START, NOV_START - 1) as { n: number };
    expect(result.trend[4]!.actual).toBe(october.n);
    expectMatchesReference(db, result, NOW, 'month');
  });

  it('compares against the target with pace from working days, on track or behind by the rounded-up gap', () => {
    const { db } = temp;
    for (let i = 0; i < 13; i += 1) insertLeadRow(db, { leadAt: NOV_START, customerAt: NOV_START + i * HOUR });
    // November 2026 has 21 working days; by Wednesday the 18th, 13 have begun.
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-11-01', target: 21, updatedAt: NOW - 5 * DAY });
    const exact = getKpi(contextAt(temp, NOW)).figure;
    expect(exact.elapsedShare).toBe(monthShare(NOW));
    expect(exact.elapsedShare).toBe(13 / 21);
    // Pace 21 × 13/21 = 13 (give or take float noise), actual 13: on track, not "behind by 1".
    expect(exact.pace).toBeCloseTo(13, 9);
    expect(exact).toMatchObject({ actual: 13, target: 21, status: 'on_track', behindBy: null });

    db.prepare('UPDATE kpi_targets SET target = 30').run();
    const behind = getKpi(contextAt(temp, NOW)).figure;
    // Pace 30 × 13/21 = 18.57…: behind by ⌈18.57 − 13⌉ = 6.
    expect(behind.pace).toBeCloseTo((30 * 13) / 21, 9);
    expect(behind).toMatchObject({ status: 'behind', behindBy: 6 });
    expect(behind.behindBy).toBe(Math.ceil((30 * 13) / 21 - 13));

    db.prepare('UPDATE kpi_targets SET target = 23').run();
    // Pace 23 × 13/21 = 14.24: behind by ⌈1.24⌉ = 2, rounded up, not to the nearest.
    expect(getKpi(contextAt(temp, NOW)).figure).toMatchObject({ status: 'behind', behindBy: 2 });

    db.prepare('UPDATE kpi_targets SET target = 0').run();
    expect(getKpi(contextAt(temp, NOW)).figure).toMatchObject({ pace: 0, status: 'on_track' });

    // February 2026 has 20 working days; Monday the 16th is the 11th. In floating point 100 × 11/20 is
    // 55.00000000000001, yet 55 customers are exactly on pace.
    const feb16 = Date.parse('2026-02-16T08:00:00Z');
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-02-01', target: 100 });
    for (let i = 0; i < 55; i += 1) insertLeadRow(db, { leadAt: feb16 - DAY, customerAt: feb16 - DAY + i * MINUTE });
    const february = getKpi(contextAt(temp, feb16)).figure;
    expect(february.elapsedShare).toBe(monthShare(feb16));
    expect(february.elapsedShare).toBe(11 / 20);
    expect(february).toMatchObject({ actual: 55, target: 100, status: 'on_track', behindBy: null });
    // One of them deleted: 54, behind by ⌈55.00000000000001 − 54⌉ = 1.
    db.prepare('UPDATE leads SET deleted_at = ? WHERE customer_at = ?').run(feb16, feb16 - DAY);
    expect(getKpi(contextAt(temp, feb16)).figure).toMatchObject({ actual: 54, status: 'behind', behindBy: 1 });
  });

  it('does not advance pace over a weekend', () => {
    const { db } = temp;
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-11-01', target: 42 });
    const friday = getKpi(contextAt(temp, Date.parse('2026-11-20T16:00:00Z'))).figure;
    const saturday = getKpi(contextAt(temp, Date.parse('2026-11-21T11:00:00Z'))).figure;
    const sunday = getKpi(contextAt(temp, Date.parse('2026-11-22T22:59:59Z'))).figure;
    const monday = getKpi(contextAt(temp, Date.parse('2026-11-22T23:00:00Z'))).figure; // Mon 00:00 Berlin
    expect([friday.elapsedShare, saturday.elapsedShare, sunday.elapsedShare]).toEqual([15 / 21, 15 / 21, 15 / 21]);
    expect(monday.elapsedShare).toBe(16 / 21);
    expect(saturday.pace).toBeCloseTo(30, 9);
    expect(saturday).toMatchObject({ status: 'behind', behindBy: 30 });
    // Sunday 1 Nov: the month has begun but no working day has: pace 0, nothing is behind yet.
    expect(getKpi(contextAt(temp, NOV_START + 10 * HOUR)).figure).toMatchObject({
      elapsedShare: 0,
      pace: 0,
      status: 'on_track',
    });
  });

  it('has pace equal to the target at the end of the period, also when the month ends on a weekend', () => {
    const { db } = temp;
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-11-01', target: 17 });
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-10-01', target: 11 });
    for (let i = 0; i < 10; i += 1) insertLeadRow(db, { leadAt: OCT_START, customerAt: OCT_START + i * DAY });
    // Monday 30 Nov, the last (working) day of November, late in the evening.
    const lastDay = getKpi(contextAt(temp, NOV_END - 1)).figure;
    expect(lastDay).toMatchObject({ elapsedShare: 1, pace: 17, target: 17, status: 'behind', behindBy: 17 });
    // October 2026 ends on Saturday the 31st: from Friday the 30th on, the share is 1 and pace is the target.
    const friday = getKpi(contextAt(temp, Date.parse('2026-10-30T07:00:00Z')));
    expect(friday.period.label).toBe('October 2026');
    expect(friday.figure).toMatchObject({ actual: 10, elapsedShare: 1, pace: 11, status: 'behind', behindBy: 1 });
    const saturday = getKpi(contextAt(temp, NOV_START - 1)).figure;
    expect(saturday).toMatchObject({ elapsedShare: 1, pace: 11 });
  });

  it('reads the target of this KPI, this period kind and this period start only', () => {
    const { db } = temp;
    db.prepare(`INSERT INTO kpis (id, name) VALUES ('other_kpi', 'Other')`).run();
    insertKpiTargetRow(db, { kpiId: 'other_kpi', periodKind: 'month', periodStart: '2026-11-01', target: 99 });
    insertKpiTargetRow(db, { periodKind: 'quarter', periodStart: '2026-10-01', target: 88 });
    insertKpiTargetRow(db, { periodKind: 'week', periodStart: '2026-11-16', target: 7 });
    // 1 June 2026 is a Monday: a week target on that date is no target for the month of June.
    insertKpiTargetRow(db, { periodKind: 'week', periodStart: '2026-06-01', target: 5 });
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-05-01', target: 4 }); // before the trend
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-08-01', target: 12 });
    // A lead from last year: the trend reaches its full six months.
    insertLeadRow(db, { leadAt: Date.parse('2025-12-01T09:00:00Z') });
    const result = getKpi(contextAt(temp, NOW));
    expect(result.figure).toMatchObject({ target: null, pace: null, status: 'no_target', behindBy: null });
    expect(result.trend.map((point) => point.target)).toEqual([null, null, 12, null, null, null]);
    expectMatchesReference(db, result, NOW, 'month');

    setRoom(db, { periodKind: 'week' });
    const week = getKpi(contextAt(temp, NOW));
    expect(week.period.label).toBe('Week 47, 2026');
    expect(week.figure.target).toBe(7);
    setRoom(db, { periodKind: 'quarter' });
    expect(getKpi(contextAt(temp, NOW)).figure.target).toBe(88);
  });

  it('starts the trend at the month of the first lead, not with months of zeros before the data began', () => {
    const { db } = temp;
    // The first lead arrives on 1 Sep 00:00 Berlin (CEST), the first instant of September.
    const SEP_START = Date.parse('2026-08-31T22:00:00Z');
    insertLeadRow(db, { leadAt: SEP_START, customerAt: OCT_START + 3 * DAY });
    insertLeadRow(db, { leadAt: OCT_START + DAY, customerAt: NOW - DAY, sourceTeam: 'sales' });
    insertLeadRow(db, { leadAt: NOW - 2 * DAY });
    // A deleted lead from May is no data: it does not reach the trend back to May.
    insertLeadRow(db, { leadAt: Date.parse('2026-05-10T08:00:00Z'), deletedAt: NOW - HOUR });
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-08-01', target: 9 }); // before any lead
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-09-01', target: 4 });

    const result = getKpi(contextAt(temp, NOW));
    expect(result.trend.map((point) => point.period.label)).toEqual([
      'September 2026',
      'October 2026',
      'November 2026',
    ]);
    expect(result.trend[0]!.period.start).toBe(SEP_START);
    expect(result.trend.map(({ actual, target }) => ({ actual, target }))).toEqual([
      { actual: 0, target: 4 },
      { actual: 1, target: null },
      { actual: 1, target: null },
    ]);
    // Consecutive periods, oldest first: each one ends where the next begins, the last is the current one.
    result.trend.slice(1).forEach((point, i) => expect(point.period.start).toBe(result.trend[i]!.period.end));
    expect(result.trend.at(-1)!.period).toEqual(result.period);

    // Checked another way: the earliest live lead by ORDER BY … LIMIT 1, its month from Intl.
    const first = db.prepare('SELECT lead_at FROM leads WHERE deleted_at IS NULL ORDER BY lead_at LIMIT 1').get() as {
      lead_at: number;
    };
    expect(periodStartDate(result.trend[0]!.period.start, 'month')).toBe(periodStartDate(first.lead_at, 'month'));
    expectMatchesReference(db, result, NOW, 'month');

    // One millisecond earlier is still August: the trend gains a month, with its target.
    insertLeadRow(db, { leadAt: SEP_START - 1 });
    expect(getKpi(contextAt(temp, NOW)).trend.map(({ period, target }) => [period.label, target])).toEqual([
      ['August 2026', 9],
      ['September 2026', 4],
      ['October 2026', null],
      ['November 2026', null],
    ]);
    // Data from long ago: still six months at most.
    insertLeadRow(db, { leadAt: Date.parse('2024-02-02T10:00:00Z') });
    const full = getKpi(contextAt(temp, NOW));
    expect(full.trend).toHaveLength(KPI_TREND_PERIODS);
    expect(full.trend[0]!.period.label).toBe('June 2026');
    expectMatchesReference(db, full, NOW, 'month');
  });

  it('reaches back to a customer dated before every lead_at (imported data), never dropping it', () => {
    const { db } = temp;
    // An import may carry a customer date earlier than the lead's own: the trend must still count it.
    insertLeadRow(db, { leadAt: NOW - DAY, customerAt: OCT_START - DAY });
    const result = getKpi(contextAt(temp, NOW));
    expect(result.trend.map((point) => [point.period.label, point.actual])).toEqual([
      ['September 2026', 1],
      ['October 2026', 0],
      ['November 2026', 0],
    ]);
    expectMatchesReference(db, result, NOW, 'month');
    setRoom(db, { periodKind: 'week' });
    expectMatchesReference(db, getKpi(contextAt(temp, NOW)), NOW, 'week');
    setRoom(db, { periodKind: 'quarter' });
    const quarter = getKpi(contextAt(temp, NOW));
    expect(quarter.trend.map((point) => point.period.label)).toEqual(['Q3 2026', 'Q4 2026']);
    expectMatchesReference(db, quarter, NOW, 'quarter');
  });

  it('builds the weekly trend over the DST change, with local Monday midnights as boundaries', () => {
    const { db } = temp;
    setRoom(db, { periodKind: 'week' });
    // Week 43 runs from Mon 19 Oct 00:00 CEST to Mon 26 Oct 00:00 CET: 169 hours.
    const week43Start = Date.parse('2026-10-18T22:00:00Z');
    const week44Start = Date.parse('2026-10-25T23:00:00Z');
    insertLeadRow(db, { leadAt: week43Start, customerAt: week43Start });
    insertLeadRow(db, { leadAt: week43Start, customerAt: week43Start - 1 });
    insertLeadRow(db, { leadAt: week43Start, customerAt: week44Start - 1, sourceTeam: 'sales' });
    insertLeadRow(db, { leadAt: week43Start, customerAt: week44Start });
    insertLeadRow(db, { leadAt: week43Start, customerAt: NOW });
    const result = getKpi(contextAt(temp, NOW));
    expect(result.trend.map((point) => point.period.label)).toEqual([
      'Week 42, 2026',
      'Week 43, 2026',
      'Week 44, 2026',
      'Week 45, 2026',
      'Week 46, 2026',
      'Week 47, 2026',
    ]);
    expect(result.trend[1]!.period).toMatchObject({ start: week43Start, end: week44Start });
    expect(result.trend.map((point) => point.actual)).toEqual([1, 2, 1, 0, 0, 1]);
    expectMatchesReference(db, result, NOW, 'week');
  });

  it('dates its data by the latest change to leads and targets', () => {
    const { db } = temp;
    insertLeadRow(db, { leadAt: NOW - 9 * DAY, customerAt: NOW - 8 * DAY, updatedAt: NOW - 8 * DAY });
    insertLeadRow(db, { leadAt: NOW - 9 * DAY, updatedAt: NOW - 3 * HOUR, deletedAt: NOW - 3 * HOUR });
    insertKpiTargetRow(db, { periodKind: 'month', periodStart: '2026-11-01', target: 5, updatedAt: NOW - 5 * HOUR });
    expect(getKpi(contextAt(temp, NOW)).freshness.latestChangeAt).toBe(NOW - 3 * HOUR);
    db.prepare('UPDATE kpi_targets SET updated_at = ?').run(NOW - HOUR);
    setRoom(db, { demo: true });
    expect(getKpi(contextAt(temp, NOW)).freshness).toEqual({
      computedAt: NOW,
      latestChangeAt: NOW - HOUR,
      source: 'Demo data',
    });
  });

  it('matches the reference on a randomized data set for every period kind and several days', () => {
    const { db } = temp;
    const random = seededRandom(4711);
    db.transaction(() => {
      for (let i = 0; i < 3000; i += 1) {
        const leadAt = NOW - Math.floor(random() * 400 * DAY);
        // Some customers exactly on a local midnight, where the period boundaries are.
        let customerAt = random() < 0.4 ? leadAt + Math.floor(random() * 30 * DAY) : null;
        if (customerAt !== null && random() < 0.1) customerAt = NOV_START - Math.floor(random() * 8) * 7 * DAY;
        insertLeadRow(db, {
          leadAt,
          customerAt,
          sourceTeam: random() < 0.6 ? 'marketing' : 'sales',
          deletedAt: random() < 0.05 ? NOW - DAY : null,
        });
      }
      for (const start of ['2026-06-01', '2026-07-01', '2026-09-01', '2026-11-01']) {
        insertKpiTargetRow(db, { periodKind: 'month', periodStart: start, target: Math.floor(random() * 200) });
      }
      for (const start of ['2026-10-12', '2026-10-26', '2026-11-16', '2026-11-23']) {
        insertKpiTargetRow(db, { periodKind: 'week', periodStart: start, target: Math.floor(random() * 50) });
      }
      insertKpiTargetRow(db, { periodKind: 'quarter', periodStart: '2026-07-01', target: 300 });
    })();
    const nows = [NOW, NOV_START, NOV_END - 1, Date.parse('2026-03-29T01:30:00Z'), Date.parse('2026-12-31T23:30:00Z')];
    for (const periodKind of ['week', 'month', 'quarter'] as const) {
      setRoom(db, { periodKind });
      for (const now of nows) expectMatchesReference(db, getKpi(contextAt(temp, now)), now, periodKind);
    }
    const result = getKpi(contextAt(temp, NOW));
    expect(result.figure.actual).toBeGreaterThan(10);
    expect(result.split.marketing).toBeGreaterThan(0);
    expect(result.split.sales).toBeGreaterThan(0);
  });

  it('agrees with direct SQL over the generated demo data', () => {
    const { db } = temp;
    generateDemoData(db, { now: NOW, timezone: BERLIN, machineId: 'demo-machine' });
    const result = getKpi(contextAt(temp, NOW));
    const counts = db
      .prepare(
        `SELECT SUM(source_team = 'marketing') AS marketing, SUM(source_team = 'sales') AS sales, COUNT(*) AS total
         FROM leads WHERE deleted_at IS NULL AND customer_at >= ? AND customer_at < ?`,
      )
      .get(NOV_START, NOV_END) as { marketing: number; sales: number; total: number };
    const target = db
      .prepare(
        `SELECT target FROM kpi_targets WHERE kpi_id = 'new_paying_customers' AND period_kind = 'month' AND period_start = '2026-11-01'`,
      )
      .get() as { target: number };
    expect(counts.total).toBeGreaterThan(0);
    expect(result.figure.actual).toBe(counts.total);
    expect(result.split).toEqual({ marketing: counts.marketing, sales: counts.sales });
    expect(result.figure.target).toBe(target.target);
    const pace = (target.target * 13) / 21;
    expect(result.figure.pace).toBeCloseTo(pace, 9);
    expect(result.figure.status).toBe(counts.total >= pace ? 'on_track' : 'behind');
    expect(result.figure.behindBy).toBe(counts.total >= pace ? null : Math.ceil(pace - counts.total));
    expect(result.freshness.source).toBe('Demo data');
    expectMatchesReference(db, result, NOW, 'month');
  });
});
