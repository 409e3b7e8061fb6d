import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { FunnelResult, LifecycleStage } from '@shared/domain';
import { getFunnel } from '../../../electron/core/services/reads/funnel-service';
import { periodContaining } from '@shared/calendar';
import {
  contextAt,
  insertDeal,
  insertLead,
  openTempDatabase,
  seededRandom,
  setRoom,
  type TempDatabase,
} from './figures-fixtures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BERLIN = 'Europe/Berlin';
// Wednesday 18 Nov 2026, 11:00 in Berlin. November in Berlin: [31 Oct 23:00 UTC, 30 Nov 23:00 UTC).
const NOW = Date.parse('2026-11-18T10:00:00Z');
const STAGES: LifecycleStage[] = ['lead', 'mql', 'sql', 'opportunity', 'customer'];
const COLUMNS = ['lead_at', 'mql_at', 'sql_at', 'opportunity_at', 'customer_at'] as const;

/** Index of the furthest stage a lead has an entry time for. */
function furthestOf(lead: LeadRecord): number {
  let reached = -1;
  COLUMNS.forEach((c, k) => {
    if (lead[c] !== null) reached = k;
  });
  return reached;
}

interface LeadRecord {
  lead_at: number;
  mql_at: number | null;
  sql_at: number | null;
  opportunity_at: number | null;
  customer_at: number | null;
  disqualified_at: number | null;
  updated_at: number;
  deleted_at: number | null;
}

interface DealRecord {
  lead_id: string | null;
  status: 'open' | 'won' | 'lost';
  closed_at: number | null;
  deleted_at: number | null;
}

/**
 * The lifecycle figures computed the plain way: every lead and deal fetched, everything counted in JS.
 * "Latest reached stage" is derived from the entry columns here (not from leads.stage, which the service
 * reads). The opportunity bar counts open opportunities (at least one open deal), the customer bar the new
 * customers of the period; lost opportunities are leads in the opportunity stage whose deals are all lost,
 * by the time of the last loss.
 */
function referenceLifecycle(
  db: Database.Database,
  period: { start: number; end: number },
  previous: { start: number; end: number },
  window: { from: number; to: number },
) {
  const leads = (db.prepare('SELECT * FROM leads').all() as (LeadRecord & { id: string })[]).filter(
    (lead) => lead.deleted_at === null,
  );
  const deals = (db.prepare('SELECT * FROM deals').all() as DealRecord[]).filter((deal) => deal.deleted_at === null);
  const dealsOf = (id: string) => deals.filter((deal) => deal.lead_id === id);
  const lostBetween = (range: { start: number; end: number }) =>
    leads.filter((lead) => {
      const own = dealsOf(lead.id);
      if (lead.disqualified_at !== null || furthestOf(lead) !== 3) return false;
      if (own.length === 0 || own.some((deal) => deal.status !== 'lost')) return false;
      const last = Math.max(...own.map((deal) => deal.closed_at!));
      return last >= range.start && last < range.end;
    }).length;
  return STAGES.map((stage, i) => {
    const column = COLUMNS[i]!;
    const later = COLUMNS.slice(i + 1);
    const furthest = furthestOf;
    const enteredIn = (range: { start: number; end: number }) =>
      leads.filter((lead) => {
        const at = lead[column];
        return at !== null && at >= range.start && at < range.end;
      }).length;
    const inStage =
      stage === 'customer'
        ? enteredIn(period)
        : leads.filter(
            (lead) =>
              lead.disqualified_at === null &&
              furthest(lead) === i &&
              (stage !== 'opportunity' || dealsOf(lead.id).some((deal) => deal.status === 'open')),
          ).length;
    const enteredInPeriod = enteredIn(period);
    const enteredPreviousPeriod = enteredIn(previous);
    const cohort = leads.filter((lead) => {
      const at = lead[column];
      return at !== null && at >= window.from && at <= window.to;
    });
    const converted = cohort.filter((lead) => later.some((c) => lead[c] !== null)).length;
    const durations: number[] = [];
    for (const lead of leads) {
      const entered = lead[column];
      const next = later.map((c) => lead[c]).find((at) => at !== null);
      if (entered === null || next === undefined || next === null) continue;
      if (next >= window.from && next <= window.to) durations.push(next - entered);
    }
    durations.sort((a, b) => a - b);
    const mid = Math.floor(durations.length / 2);
    const median =
      durations.length === 0
        ? null
        : durations.length % 2 === 1
          ? durations[mid]!
          : (durations[mid - 1]! + durations[mid]!) / 2;
    return {
      stage,
      inStage,
      enteredInPeriod,
      enteredPreviousPeriod,
      lostInPeriod: stage === 'opportunity' ? lostBetween(period) : null,
      lostPreviousPeriod: stage === 'opportunity' ? lostBetween(previous) : null,
      cohortSize: cohort.length,
      conversionToNext: i === STAGES.length - 1 || cohort.length === 0 ? null : converted / cohort.length,
      medianHoursInStage: median === null ? null : median / HOUR,
    };
  });
}

/** Open pipeline totals with a different SQL shape: a LEFT JOIN from the stages, one row per deal. */
function referencePipeline(db: Database.Database, roomCurrency: string) {
  const rows = db
    .prepare(
      `SELECT s.id AS stageId, s.name, s.position, s.archived_at AS archivedAt, d.currency, d.amount_minor AS amount
       FROM pipeline_stages s
       LEFT JOIN deals d ON d.stage_id = s.id AND d.status = 'open' AND d.deleted_at IS NULL
       WHERE s.kind = 'open'
       ORDER BY s.position, s.id`,
    )
    .all() as {
    stageId: string;
    name: string;
    position: number;
    archivedAt: number | null;
    currency: string | null;
    amount: number | null;
  }[];
  const stages = new Map<
    string,
    { stageId: string; name: string; position: number; archived: boolean; openCount: number; sums: Map<string, number> }
  >();
  for (const row of rows) {
    const stage = stages.get(row.stageId) ?? {
      stageId: row.stageId,
      name: row.name,
      position: row.position,
      archived: row.archivedAt !== null,
      openCount: 0,
      sums: new Map<string, number>(),
    };
    if (row.currency !== null && row.amount !== null) {
      stage.openCount += 1;
      stage.sums.set(row.currency, (stage.sums.get(row.currency) ?? 0) + row.amount);
    }
    stages.set(row.stageId, stage);
  }
  return [...stages.values()]
    .filter((stage) => !stage.archived || stage.openCount > 0)
    .map((stage) => ({
      stageId: stage.stageId,
      name: stage.name,
      position: stage.position,
      openCount: stage.openCount,
      amounts: [
        { currency: roomCurrency, amountMinor: stage.sums.get(roomCurrency) ?? 0 },
        ...[...stage.sums.entries()]
          .filter(([currency]) => currency !== roomCurrency)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([currency, amountMinor]) => ({ currency, amountMinor })),
      ],
    }));
}

/** The newest updated_at of leads and deals (deleted rows included) and SLA terms, by a full scan in JS. */
function referenceLatestChange(db: Database.Database): number | null {
  const times = [
    ...(db.prepare('SELECT updated_at FROM leads').all() as { updated_at: number }[]),
    ...(db.prepare('SELECT updated_at FROM deals').all() as { updated_at: number }[]),
    ...(db.prepare('SELECT created_at AS updated_at FROM sla_terms').all() as { updated_at: number }[]),
  ].map((row) => row.updated_at);
  return times.length === 0 ? null : Math.max(...times);
}

function lifecycleFigures(result: FunnelResult) {
  return result.lifecycle.map(
    ({
      stage,
      inStage,
      enteredInPeriod,
      enteredPreviousPeriod,
      lostInPeriod,
      lostPreviousPeriod,
      cohortSize,
      conversionToNext,
      medianHoursInStage,
    }) => ({
      stage,
      inStage,
      enteredInPeriod,
      enteredPreviousPeriod,
      lostInPeriod,
      lostPreviousPeriod,
      cohortSize,
      conversionToNext,
      medianHoursInStage,
    }),
  );
}

function expectMatchesReference(temp: TempDatabase, result: FunnelResult, roomCurrency: string) {
  // The previous period and its comparable stretch are checked against hard-coded boundaries in their own
  // tests; here the period only has to be the one of the same kind that ends where the current one starts,
  // and the stretch has to start with it and end within it.
  expect(result.previousPeriod).toMatchObject({ kind: result.period.kind, end: result.period.start });
  expect(result.comparison.start).toBe(result.previousPeriod.start);
  expect(result.comparison.end).toBeLessThanOrEqual(result.previousPeriod.end);
  const reference = referenceLifecycle(temp.db, result.period, result.comparison, result.window);
  const actual = lifecycleFigures(result);
  reference.forEach((expected, i) => {
    const got = actual[i]!;
    expect({ ...got, conversionToNext: null, medianHoursInStage: null }).toEqual({
      ...expected,
      conversionToNext: null,
      medianHoursInStage: null,
    });
    if (expected.conversionToNext === null) expect(got.conversionToNext).toBeNull();
    else expect(got.conversionToNext).toBeCloseTo(expected.conversionToNext, 12);
    if (expected.medianHoursInStage === null) expect(got.medianHoursInStage).toBeNull();
    else expect(got.medianHoursInStage).toBeCloseTo(expected.medianHoursInStage, 9);
  });
  expect(result.pipeline).toEqual(referencePipeline(temp.db, roomCurrency));
  expect(result.freshness.latestChangeAt).toBe(referenceLatestChange(temp.db));
}

describe('getFunnel', () => {
  let temp: TempDatabase;
  beforeEach(() => {
    temp = openTempDatabase();
    setRoom(temp.db, { timezone: BERLIN, currency: 'EUR', periodKind: 'month' });
  });
  afterEach(() => temp.close());

  it('gives zeros and nulls, not errors, on an empty database', () => {
    const result = getFunnel(contextAt(temp, NOW));
    expect(result.period).toEqual(periodContaining(NOW, 'month', BERLIN));
    expect(result.period.label).toBe('November 2026');
    expect(result.window).toEqual({ days: 90, from: NOW - 90 * DAY, to: NOW });
    expect(result.currency).toBe('EUR');
    expect(result.slaFollowUpHours).toBeNull();
    for (const row of result.lifecycle) {
      expect(row).toMatchObject({
        inStage: 0,
        enteredInPeriod: 0,
        enteredPreviousPeriod: 0,
        cohortSize: 0,
        conversionToNext: null,
      });
      expect(row.medianHoursInStage).toBeNull();
    }
    expect(result.lifecycle.map((row) => [row.stage, row.label, row.ownerTeam])).toEqual([
      ['lead', 'Lead', 'marketing'],
      ['mql', 'MQL', 'marketing'],
      ['sql', 'SQL', 'sales'],
      ['opportunity', 'Opportunity', 'sales'],
      ['customer', 'Customer', 'sales'],
    ]);
    expect(result.pipeline.map((row) => row.stageId)).toEqual(['discovery', 'demo', 'proposal', 'negotiation']);
    for (const row of result.pipeline) {
      expect(row.openCount).toBe(0);
      expect(row.amounts).toEqual([{ currency: 'EUR', amountMinor: 0 }]);
    }
    expect(result.freshness).toEqual({ computedAt: NOW, latestChangeAt: null, source: 'Local database' });
    expectMatchesReference(temp, result, 'EUR');
  });

  it('handles skipped stages, disqualified and deleted leads', () => {
    const { db } = temp;
    insertLead(db, { leadAt: NOW - DAY }); // L1: still a lead
    insertLead(db, { leadAt: NOW - 10 * DAY, sqlAt: NOW - 5 * DAY }); // L2: skipped MQL
    // L3: MQL, then disqualified
    insertLead(db, { leadAt: NOW - 20 * DAY, mqlAt: NOW - 19 * DAY, disqualifiedAt: NOW - 18 * DAY });
    // L4: deleted, must count nowhere
    insertLead(db, { leadAt: NOW - 3 * DAY, mqlAt: NOW - 2 * DAY, sqlAt: NOW - DAY, deletedAt: NOW - HOUR });
    insertLead(db, { leadAt: NOW - 30 * DAY, customerAt: NOW - 2 * DAY }); // L5: straight to customer

    const result = getFunnel(contextAt(temp, NOW));
    const byStage = Object.fromEntries(result.lifecycle.map((row) => [row.stage, row]));
    // In stage now: L1 lead, L2 sql, L5 customer; L3 disqualified, L4 deleted.
    expect(result.lifecycle.map((row) => row.inStage)).toEqual([1, 0, 1, 0, 1]);
    // Entered in November (from 31 Oct 23:00 UTC): lead_at of L1 (17 Nov) and L2 (8 Nov); L2's sql_at
    // (13 Nov); L5's customer_at (16 Nov). L3 (29–30 Oct) and L5's lead_at (19 Oct) are in October.
    expect(result.lifecycle.map((row) => row.enteredInPeriod)).toEqual([2, 0, 1, 0, 1]);
    // Lead cohort: L1, L2, L3, L5; L2 (sql), L3 (mql) and L5 (customer) went further: 3 / 4.
    expect(byStage.lead).toMatchObject({ cohortSize: 4, conversionToNext: 0.75 });
    // MQL cohort: L3 only, disqualified without going further.
    expect(byStage.mql).toMatchObject({ cohortSize: 1, conversionToNext: 0 });
    expect(byStage.sql).toMatchObject({ cohortSize: 1, conversionToNext: 0 });
    expect(byStage.opportunity).toMatchObject({ cohortSize: 0, conversionToNext: null });
    expect(byStage.customer).toMatchObject({ cohortSize: 1, conversionToNext: null });
    // Time in lead until the next reached stage: L3 1 day, L2 5 days (to SQL), L5 28 days (to customer).
    expect(byStage.lead!.medianHoursInStage).toBe(5 * 24);
    expect(byStage.mql!.medianHoursInStage).toBeNull();
    expect(byStage.sql!.medianHoursInStage).toBeNull();
    expectMatchesReference(temp, result, 'EUR');
  });

  it('takes the median of an even count as the mean of the middle two, skips to the next reached stage', () => {
    const { db } = temp;
    for (const hours of [1, 2, 4, 10]) {
      insertLead(db, { leadAt: NOW - 5 * DAY, mqlAt: NOW - 4 * DAY, sqlAt: NOW - 4 * DAY + hours * HOUR });
    }
    const even = getFunnel(contextAt(temp, NOW)).lifecycle.find((row) => row.stage === 'mql')!;
    expect(even.medianHoursInStage).toBe(3); // (2 + 4) / 2
    // An MQL that skipped SQL and went to opportunity after 7 hours: 1, 2, 4, 7, 10 → 4.
    insertLead(db, { leadAt: NOW - 5 * DAY, mqlAt: NOW - 4 * DAY, opportunityAt: NOW - 4 * DAY + 7 * HOUR });
    const result = getFunnel(contextAt(temp, NOW));
    expect(result.lifecycle.find((row) => row.stage === 'mql')!.medianHoursInStage).toBe(4);
    expectMatchesReference(temp, result, 'EUR');
  });

  it('includes both ends of the window [now − windowDays, now] and nothing outside', () => {
    const { db } = temp;
    const from = NOW - 30 * DAY;
    insertLead(db, { leadAt: from - 10 * DAY, mqlAt: from, sqlAt: from + 2 * HOUR }); // A
    insertLead(db, { leadAt: from - 10 * DAY, mqlAt: from - 5 * HOUR, sqlAt: from }); // B
    insertLead(db, { leadAt: NOW - DAY, mqlAt: NOW }); // C
    insertLead(db, { leadAt: from - 10 * DAY, mqlAt: from - 10 * HOUR, sqlAt: from - 1 }); // D

    const result = getFunnel(contextAt(temp, NOW), { windowDays: 30 });
    expect(result.window).toEqual({ days: 30, from, to: NOW });
    const mql = result.lifecycle.find((row) => row.stage === 'mql')!;
    // MQL cohort: A (at the start) and C (at now); B and D entered before. A went on: 1 / 2.
    expect(mql).toMatchObject({ cohortSize: 2, conversionToNext: 0.5 });
    // Left MQL in the window: A after 2 h (at from + 2 h), B after 5 h (exactly at from); D left before.
    expect(mql.medianHoursInStage).toBe(3.5);
    const lead = result.lifecycle.find((row) => row.stage === 'lead')!;
    // Lead cohort: C only, which went on. Left lead in the window: C after 24 h (at now), A after 240 h.
    expect(lead).toMatchObject({ cohortSize: 1, conversionToNext: 1 });
    expect(lead.medianHoursInStage).toBe(132);
    expectMatchesReference(temp, result, 'EUR');
  });

  it('counts entries in the period with the start included and the end excluded, in the room zone', () => {
    const { db } = temp;
    const period = periodContaining(NOW, 'month', BERLIN);
    const old = period.start - 60 * DAY;
    insertLead(db, { leadAt: old, mqlAt: period.start });
    insertLead(db, { leadAt: old, mqlAt: period.start - 1 });
    insertLead(db, { leadAt: old, mqlAt: period.end - 1 });
    insertLead(db, { leadAt: old, mqlAt: period.end });
    const month = getFunnel(contextAt(temp, NOW));
    expect(month.lifecycle.find((row) => row.stage === 'mql')!.enteredInPeriod).toBe(2);
    expectMatchesReference(temp, month, 'EUR');

    // As a week (Mon 16 – Sun 22 Nov): only an entry on Mon 16 Nov 00:00 Berlin = 15 Nov 23:00 UTC counts.
    setRoom(db, { periodKind: 'week' });
    insertLead(db, { leadAt: old, mqlAt: Date.parse('2026-11-15T23:00:00Z') });
    insertLead(db, { leadAt: old, mqlAt: Date.parse('2026-11-15T22:59:59.999Z') });
    const week = getFunnel(contextAt(temp, NOW));
    expect(week.period.label).toBe('Week 47, 2026');
    expect(week.lifecycle.find((row) => row.stage === 'mql')!.enteredInPeriod).toBe(1);
    expectMatchesReference(temp, week, 'EUR');

    setRoom(db, { periodKind: 'quarter' });
    const quarter = getFunnel(contextAt(temp, NOW));
    expect(quarter.period.label).toBe('Q4 2026');
    expectMatchesReference(temp, quarter, 'EUR');
  });

  it('counts entries in the previous period of the same kind, with Berlin boundaries across the DST change', () => {
    const { db } = temp;
    // October 2026 in Berlin: 1 Oct 00:00 CEST (30 Sep 22:00 UTC) to 1 Nov 00:00 CET (31 Oct 23:00 UTC).
    const octStart = Date.parse('2026-09-30T22:00:00Z');
    const novStart = Date.parse('2026-10-31T23:00:00Z');
    const old = octStart - 60 * DAY;
    insertLead(db, { leadAt: old, mqlAt: octStart }); // first instant of October
    insertLead(db, { leadAt: old, mqlAt: octStart - 1 }); // September
    insertLead(db, { leadAt: old, mqlAt: novStart - 1, sqlAt: novStart }); // MQL in October, SQL in November
    insertLead(db, { leadAt: old, mqlAt: octStart + DAY, deletedAt: NOW - DAY }); // deleted: nowhere
    insertLead(db, { leadAt: octStart + 5 * DAY, mqlAt: octStart + 6 * DAY, disqualifiedAt: octStart + 7 * DAY });

    const month = getFunnel(contextAt(temp, NOW));
    expect(month.previousPeriod).toEqual({ kind: 'month', start: octStart, end: novStart, label: 'October 2026' });
    // Like for like: Wed 18 Nov is the 13th of November's 21 working days; 13/21 of October's 22 is its
    // 14th working day, Tue 20 Oct, at the same time of day (11:00 CEST = 09:00 UTC).
    const sameOctPoint = Date.parse('2026-10-20T09:00:00Z');
    expect(month.comparison).toEqual({ start: octStart, end: sameOctPoint });
    const rows = Object.fromEntries(month.lifecycle.map((row) => [row.stage, row]));
    // MQLs on 1 Oct and 7 Oct count; the one on 31 Oct lies after the same point.
    expect(rows.mql).toMatchObject({ enteredPreviousPeriod: 2, enteredInPeriod: 0 });
    expect(rows.sql).toMatchObject({ enteredPreviousPeriod: 0, enteredInPeriod: 1 });
    expect(rows.lead!.enteredPreviousPeriod).toBe(1);
    // The same counts straight from SQL, written with BETWEEN on inclusive ends.
    for (const [stage, column] of [
      ['lead', 'lead_at'],
      ['mql', 'mql_at'],
      ['sql', 'sql_at'],
    ] as const) {
      const { n } = db
        .prepare(`SELECT COUNT(*) AS n FROM leads WHERE deleted_at IS NULL AND ${column} BETWEEN ? AND ?`)
        .get(octStart, sameOctPoint - 1) as { n: number };
      expect(rows[stage]!.enteredPreviousPeriod).toBe(n);
    }
    expectMatchesReference(temp, month, 'EUR');

    // Week 47's previous week is week 46: Mon 9 Nov 00:00 to Mon 16 Nov 00:00 in Berlin; Wednesday is 3 of
    // 5 working days, so the same point is Wed 11 Nov, 11:00.
    setRoom(db, { periodKind: 'week' });
    const week = getFunnel(contextAt(temp, NOW));
    expect(week.previousPeriod).toEqual({
      kind: 'week',
      start: Date.parse('2026-11-08T23:00:00Z'),
      end: Date.parse('2026-11-15T23:00:00Z'),
      label: 'Week 46, 2026',
    });
    expect(week.comparison.end).toBe(Date.parse('2026-11-11T10:00:00Z'));
    expectMatchesReference(temp, week, 'EUR');
    // Q4 so far: 35 of its 66 working days; Q3 has 66 too, and its 35th is Tue 18 Aug.
    setRoom(db, { periodKind: 'quarter' });
    const quarter = getFunnel(contextAt(temp, NOW));
    expect(quarter.previousPeriod).toEqual({
      kind: 'quarter',
      start: Date.parse('2026-06-30T22:00:00Z'),
      end: octStart,
      label: 'Q3 2026',
    });
    expect(quarter.comparison.end).toBe(Date.parse('2026-08-18T09:00:00Z'));
    // The September MQL (30 Sep) lies after the same point of Q3.
    expect(quarter.lifecycle.find((row) => row.stage === 'mql')!.enteredPreviousPeriod).toBe(0);
    expectMatchesReference(temp, quarter, 'EUR');
  });

  it('on a weekend the same point takes in the weekend; on the first days it is the first days', () => {
    // Sat 21 Nov 2026, 15:00 Berlin: 15 of 21 working days elapsed; 15/21 × 22 = 15.7 → 16th working day
    // of October is Thu 22 Oct; a weekend day ends where the next working day begins: Fri 23 Oct 00:00.
    const saturday = Date.parse('2026-11-21T14:00:00Z');
    expect(getFunnel(contextAt(temp, saturday)).comparison.end).toBe(Date.parse('2026-10-22T22:00:00Z'));
    // Mon 2 Nov 2026, 09:30: 1 of 21; 1/21 × 22 → the 1st working day of October, Thu 1 Oct, 09:30.
    const firstDay = Date.parse('2026-11-02T08:30:00Z');
    const result = getFunnel(contextAt(temp, firstDay));
    expect(result.comparison.end).toBe(Date.parse('2026-10-01T07:30:00Z'));
    // Sun 1 Nov: no working day elapsed yet, so nothing of October is compared.
    const sunday = Date.parse('2026-11-01T10:00:00Z');
    expect(getFunnel(contextAt(temp, sunday)).comparison).toEqual({
      start: Date.parse('2026-09-30T22:00:00Z'),
      end: Date.parse('2026-10-01T22:00:00Z') - 24 * HOUR,
    });
  });

  it('counts open opportunities now, lost ones as a flow, and customers new in the period', () => {
    const { db } = temp;
    const octPoint = Date.parse('2026-10-20T09:00:00Z');
    const opp = (id: string) => insertLead(db, { id, leadAt: NOW - 90 * DAY, opportunityAt: NOW - 40 * DAY });
    opp('open'); // an open deal and a lost one: open
    insertDeal(db, { leadId: 'open', stageId: 'demo', amountMinor: 1, currency: 'EUR' });
    insertDeal(db, {
      leadId: 'open',
      stageId: 'lost',
      status: 'lost',
      closedAt: NOW - DAY,
      amountMinor: 1,
      currency: 'EUR',
    });
    opp('lostNov'); // all deals lost, the last in November
    insertDeal(db, {
      leadId: 'lostNov',
      stageId: 'lost',
      status: 'lost',
      closedAt: NOW - 30 * DAY,
      amountMinor: 1,
      currency: 'EUR',
    });
    insertDeal(db, {
      leadId: 'lostNov',
      stageId: 'lost',
      status: 'lost',
      closedAt: NOW - 2 * DAY,
      amountMinor: 1,
      currency: 'EUR',
    });
    opp('lostOct'); // lost early in October (before the same point)
    insertDeal(db, {
      leadId: 'lostOct',
      stageId: 'lost',
      status: 'lost',
      closedAt: octPoint - DAY,
      amountMinor: 1,
      currency: 'EUR',
    });
    opp('lostLateOct'); // lost after October's same point: not compared
    insertDeal(db, {
      leadId: 'lostLateOct',
      stageId: 'lost',
      status: 'lost',
      closedAt: octPoint + DAY,
      amountMinor: 1,
      currency: 'EUR',
    });
    opp('noDeal'); // no deal at all: not an open opportunity, not lost
    insertLead(db, { leadAt: NOW - 90 * DAY, opportunityAt: NOW - 50 * DAY, customerAt: NOW - 45 * DAY }); // Oct customer
    insertLead(db, { leadAt: NOW - 90 * DAY, opportunityAt: NOW - 50 * DAY, customerAt: NOW - 3 * DAY }); // Nov customer

    const result = getFunnel(contextAt(temp, NOW));
    const rows = Object.fromEntries(result.lifecycle.map((row) => [row.stage, row]));
    expect(rows.opportunity).toMatchObject({ inStage: 1, measure: 'now', lostInPeriod: 1, lostPreviousPeriod: 1 });
    expect(rows.customer).toMatchObject({ inStage: 1, measure: 'new_in_period' });
    // Independent SQL: opportunities with an open deal; customers with customer_at in November.
    const open = db
      .prepare(
        `SELECT count(DISTINCT l.id) AS n FROM leads l JOIN deals d ON d.lead_id = l.id
          WHERE l.stage = 'opportunity' AND l.deleted_at IS NULL AND d.status = 'open' AND d.deleted_at IS NULL`,
      )
      .get() as { n: number };
    expect(rows.opportunity!.inStage).toBe(open.n);
    const customers = db
      .prepare(`SELECT count(*) AS n FROM leads WHERE deleted_at IS NULL AND customer_at >= ? AND customer_at < ?`)
      .get(result.period.start, result.period.end) as { n: number };
    expect(rows.customer!.inStage).toBe(customers.n);
    expectMatchesReference(temp, result, 'EUR');
  });

  it('gives the follow-up hours of the SLA terms valid now, or null without terms', () => {
    const { db } = temp;
    const terms = db.prepare(
      `INSERT INTO sla_terms (id, valid_from, mqls_per_period, period_kind, follow_up_hours, created_at)
       VALUES (?, ?, 40, 'month', ?, ?)`,
    );
    terms.run('future', NOW + 1, 2, NOW - 3 * HOUR); // agreed already, in force from tomorrow on
    expect(getFunnel(contextAt(temp, NOW)).slaFollowUpHours).toBeNull();
    terms.run('older', NOW - 100 * DAY, 48, NOW - 100 * DAY);
    terms.run('current', NOW - 10 * DAY, 24, NOW - 10 * DAY);
    const result = getFunnel(contextAt(temp, NOW));
    expect(result.slaFollowUpHours).toBe(24);
    // Agreeing on terms is a change to what the funnel shows.
    expect(result.freshness.latestChangeAt).toBe(NOW - 3 * HOUR);
    expect(getFunnel(contextAt(temp, NOW + 1)).slaFollowUpHours).toBe(2);
    expect(getFunnel(contextAt(temp, NOW - 11 * DAY)).slaFollowUpHours).toBe(48);
    expect(result.slaBusinessHoursOnly).toBe(false);
    db.prepare(
      `INSERT INTO sla_terms (id, valid_from, mqls_per_period, period_kind, follow_up_hours, business_hours_only, created_at)
       VALUES ('business', ?, 40, 'month', 8, 1, ?)`,
    ).run(NOW + 2, NOW - 3 * HOUR);
    expect(getFunnel(contextAt(temp, NOW + 2))).toMatchObject({ slaFollowUpHours: 8, slaBusinessHoursOnly: true });
    expect(getFunnel(contextAt(temp, NOW + 1)).slaBusinessHoursOnly).toBe(false);
    expectMatchesReference(temp, result, 'EUR');
  });

  it('sums open deals per stage per currency, room currency first, never adding currencies', () => {
    const { db } = temp;
    insertDeal(db, { stageId: 'discovery', amountMinor: 10_000, currency: 'EUR', updatedAt: NOW - 3 * HOUR });
    insertDeal(db, { stageId: 'discovery', amountMinor: 25_000, currency: 'EUR' });
    insertDeal(db, { stageId: 'discovery', amountMinor: 30_000, currency: 'USD' });
    insertDeal(db, { stageId: 'demo', amountMinor: 500, currency: 'GBP' });
    insertDeal(db, { stageId: 'demo', amountMinor: 100, currency: 'USD' });
    insertDeal(db, { stageId: 'demo', amountMinor: 1, currency: 'CHF' });
    // Not open or deleted: must not count.
    insertDeal(db, {
      stageId: 'proposal',
      amountMinor: 99_999,
      currency: 'EUR',
      deletedAt: NOW - HOUR,
      updatedAt: NOW - HOUR,
    });
    insertDeal(db, { stageId: 'won', amountMinor: 77_777, currency: 'EUR', status: 'won' });
    insertDeal(db, { stageId: 'lost', amountMinor: 66_666, currency: 'EUR', status: 'lost' });
    insertDeal(db, { stageId: 'negotiation', amountMinor: 1, currency: 'EUR' });
    // An archived stage still holding an open deal stays visible; an empty archived one does not.
    db.prepare(
      `INSERT INTO pipeline_stages (id, name, position, kind, archived_at) VALUES ('legacy', 'Legacy', 7, 'open', 1),
       ('retired', 'Retired', 8, 'open', 1)`,
    ).run();
    insertDeal(db, { stageId: 'legacy', amountMinor: 4_200, currency: 'EUR' });

    const result = getFunnel(contextAt(temp, NOW));
    expect(result.pipeline).toEqual([
      {
        stageId: 'discovery',
        name: 'Discovery',
        position: 1,
        openCount: 3,
        amounts: [
          { currency: 'EUR', amountMinor: 35_000 },
          { currency: 'USD', amountMinor: 30_000 },
        ],
      },
      {
        stageId: 'demo',
        name: 'Demo',
        position: 2,
        openCount: 3,
        amounts: [
          { currency: 'EUR', amountMinor: 0 },
          { currency: 'CHF', amountMinor: 1 },
          { currency: 'GBP', amountMinor: 500 },
          { currency: 'USD', amountMinor: 100 },
        ],
      },
      {
        stageId: 'proposal',
        name: 'Proposal',
        position: 3,
        openCount: 0,
        amounts: [{ currency: 'EUR', amountMinor: 0 }],
      },
      {
        stageId: 'negotiation',
        name: 'Negotiation',
        position: 4,
        openCount: 1,
        amounts: [{ currency: 'EUR', amountMinor: 1 }],
      },
      {
        stageId: 'legacy',
        name: 'Legacy',
        position: 7,
        openCount: 1,
        amounts: [{ currency: 'EUR', amountMinor: 4_200 }],
      },
    ]);
    // The deleted deal's change is the latest change: a delete is a change too.
    expect(result.freshness.latestChangeAt).toBe(NOW - HOUR);
    expectMatchesReference(temp, result, 'EUR');

    setRoom(db, { currency: 'USD' });
    const inDollars = getFunnel(contextAt(temp, NOW));
    expect(inDollars.currency).toBe('USD');
    expect(inDollars.pipeline[0]!.amounts).toEqual([
      { currency: 'USD', amountMinor: 30_000 },
      { currency: 'EUR', amountMinor: 35_000 },
    ]);
    expectMatchesReference(temp, inDollars, 'USD');
  });

  it('says when it shows demo data', () => {
    setRoom(temp.db, { demo: true });
    insertLead(temp.db, { leadAt: NOW - DAY, updatedAt: NOW - 2 * HOUR });
    const result = getFunnel(contextAt(temp, NOW));
    expect(result.freshness).toEqual({ computedAt: NOW, latestChangeAt: NOW - 2 * HOUR, source: 'Demo data' });
  });

  it('rejects a window that is not a positive number of days', () => {
    expect(() => getFunnel(contextAt(temp, NOW), { windowDays: 0 })).toThrow(RangeError);
  });

  it('matches the reference on a large randomized data set, for several windows and period kinds', () => {
    const { db } = temp;
    const random = seededRandom(20261118);
    const currencies = ['EUR', 'EUR', 'EUR', 'USD', 'GBP'];
    const openStages = ['discovery', 'demo', 'proposal', 'negotiation'];
    const leadIds: string[] = [];
    db.transaction(() => {
      for (let i = 0; i < 1500; i += 1) {
        // Lead times over the last 200 days, some exactly on round hours to create ties.
        let at = NOW - Math.floor(random() * 200 * DAY);
        if (random() < 0.1) at -= at % HOUR;
        const times: (number | null)[] = [at];
        let previous = at;
        for (let k = 1; k < 5; k += 1) {
          if (random() < 0.3) break; // stops in the stage it reached
          if (random() < 0.12) {
            times.push(null); // skips this stage
            continue;
          }
          // Gaps up to 20 days; now and then none at all, so that durations tie at 0.
          const next = previous + (random() < 0.05 ? 0 : Math.floor(random() * 20 * DAY));
          if (next > NOW) break;
          times.push(next);
          previous = next;
        }
        while (times.at(-1) === null) times.pop();
        const last = times.filter((t): t is number => t !== null).at(-1)!;
        const disqualified = random() < 0.15 ? Math.min(NOW, last + Math.floor(random() * 10 * DAY)) : null;
        const leadId = insertLead(db, {
          leadAt: times[0]!,
          mqlAt: times[1] ?? null,
          sqlAt: times[2] ?? null,
          opportunityAt: times[3] ?? null,
          customerAt: times[4] ?? null,
          disqualifiedAt: disqualified,
          updatedAt: last,
          deletedAt: random() < 0.05 ? NOW - DAY : null,
        });
        leadIds.push(leadId);
      }
      for (let i = 0; i < 800; i += 1) {
        const roll = random();
        const status = roll < 0.7 ? 'open' : roll < 0.85 ? 'won' : 'lost';
        insertDeal(db, {
          stageId: status === 'open' ? openStages[Math.floor(random() * openStages.length)]! : status,
          status,
          amountMinor: Math.floor(random() * 5_000_000),
          currency: currencies[Math.floor(random() * currencies.length)]!,
          updatedAt: NOW - Math.floor(random() * 30 * DAY),
          deletedAt: random() < 0.05 ? NOW - DAY : null,
          leadId: random() < 0.8 ? leadIds[Math.floor(random() * leadIds.length)]! : null,
          closedAt: NOW - Math.floor(random() * 200 * DAY),
        });
      }
    })();

    for (const periodKind of ['week', 'month', 'quarter'] as const) {
      setRoom(db, { periodKind });
      for (const windowDays of [7, 30, 90, 365]) {
        const result = getFunnel(contextAt(temp, NOW), { windowDays });
        expectMatchesReference(temp, result, 'EUR');
      }
    }
    // The data set really exercises the figures: every stage has members and conversions.
    const result = getFunnel(contextAt(temp, NOW));
    for (const row of result.lifecycle.slice(0, 4)) {
      expect(row.cohortSize).toBeGreaterThan(10);
      expect(row.conversionToNext).toBeGreaterThan(0);
      expect(row.medianHoursInStage).not.toBeNull();
    }
    expect(result.pipeline.every((row) => row.amounts.length >= 3)).toBe(true);
  });
});
