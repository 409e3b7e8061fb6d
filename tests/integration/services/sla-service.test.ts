import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { SlaLeadView, SlaResult } from '@shared/figures';
import { generateDemoData } from '../../../electron/core/services/demo-data';
import { getSla, SLA_LIST_LIMIT } from '../../../electron/core/services/reads/sla-service';
import {
  contextAt,
  insertPerson,
  openTempDatabase,
  seededRandom,
  setRoom,
  type TempDatabase,
} from './figures-fixtures';
import { insertLeadRow, insertSlaTermsRow } from './lead-rows';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const BERLIN = 'Europe/Berlin';
// Wednesday 18 Nov 2026, 11:00 in Berlin. November in Berlin: [31 Oct 23:00 UTC, 30 Nov 23:00 UTC).
const NOW = Date.parse('2026-11-18T10:00:00Z');
const NOV_START = Date.parse('2026-10-31T23:00:00Z');
const NOV_END = Date.parse('2026-11-30T23:00:00Z');
// Week 47: Mon 16 Nov 00:00 to Mon 23 Nov 00:00 in Berlin. Q4: 1 Oct 00:00 CEST to 1 Jan 00:00 CET.
const WEEK_START = Date.parse('2026-11-15T23:00:00Z');
const WEEK_END = Date.parse('2026-11-22T23:00:00Z');
const Q4_START = Date.parse('2026-09-30T22:00:00Z');
const Q4_END = Date.parse('2026-12-31T23:00:00Z');

interface LeadRecord {
  id: string;
  name: string;
  company: string | null;
  owner_id: string | null;
  owner_name: string | null;
  mql_at: number | null;
  first_follow_up_at: number | null;
  disqualified_at: number | null;
  deleted_at: number | null;
}

/**
 * The SLA figures the plain way: every lead fetched, each MQL classified in JS by the METRICS wording. The
 * period is given by the test (hard-coded Berlin boundaries), not taken from the code under test.
 */
function reference(
  db: Database.Database,
  now: number,
  followUpHours: number,
  period: { start: number; end: number },
): Pick<SlaResult, 'sales' | 'waiting' | 'breaches' | 'breachesByOwner' | 'open'> & { delivered: number } {
  const leads = db
    .prepare('SELECT l.*, p.name AS owner_name FROM leads l LEFT JOIN people p ON p.id = l.owner_id')
    .all() as LeadRecord[];
  const mqls = leads.filter((lead) => lead.deleted_at === null && lead.mql_at !== null);
  const allowance = Math.round(followUpHours * HOUR);
  const classified = mqls.map((lead) => {
    const times = [lead.first_follow_up_at, lead.disqualified_at].filter((t): t is number => t !== null);
    const followUp = times.length === 0 ? null : Math.min(...times);
    const due = lead.mql_at! + allowance;
    const outcome =
      followUp !== null ? (followUp <= due ? 'met' : 'late') : now >= due ? 'breached' : ('waiting' as const);
    return { lead, due, outcome };
  });
  const inPeriod = classified.filter((row) => row.due >= period.start && row.due < period.end);
  const count = (outcome: string) => inPeriod.filter((row) => row.outcome === outcome).length;
  const [met, late, breached, waiting] = [count('met'), count('late'), count('breached'), count('waiting')];
  const view = ({ lead, due }: (typeof classified)[number]): SlaLeadView => ({
    leadId: lead.id,
    leadName: lead.name,
    company: lead.company,
    ownerId: lead.owner_id,
    ownerName: lead.owner_name,
    mqlAt: lead.mql_at!,
    dueAt: due,
  });
  const byDue = (a: (typeof classified)[number], b: (typeof classified)[number]) =>
    a.due - b.due || (a.lead.id < b.lead.id ? -1 : 1);
  const lookback = Math.min(period.start, now - 30 * DAY);
  // Every breach of the list (no limit), counted per owner: most first, then the longest overdue.
  const allBreaches = classified.filter((row) => row.outcome === 'breached' && row.due >= lookback);
  const owners = new Map<
    string | null,
    { ownerId: string | null; ownerName: string | null; count: number; oldestDueAt: number }
  >();
  for (const { lead, due } of allBreaches) {
    const group = owners.get(lead.owner_id) ?? {
      ownerId: lead.owner_id,
      ownerName: lead.owner_name,
      count: 0,
      oldestDueAt: due,
    };
    group.count += 1;
    group.oldestDueAt = Math.min(group.oldestDueAt, due);
    owners.set(lead.owner_id, group);
  }
  const breachesByOwner = [...owners.values()].sort(
    (a, b) => b.count - a.count || a.oldestDueAt - b.oldestDueAt || (a.ownerId ?? '').localeCompare(b.ownerId ?? ''),
  );
  const open = { breached: allBreaches.length, waiting: classified.filter((row) => row.outcome === 'waiting').length };
  return {
    breachesByOwner,
    open,
    delivered: mqls.filter((lead) => lead.mql_at! >= period.start && lead.mql_at! < period.end).length,
    sales: {
      met,
      late,
      breached,
      waiting,
      compliance: met + late + breached === 0 ? null : met / (met + late + breached),
    },
    waiting: classified
      .filter((row) => row.outcome === 'waiting')
      .sort(byDue)
      .slice(0, SLA_LIST_LIMIT)
      .map(view),
    breaches: classified
      .filter((row) => row.outcome === 'breached' && row.due >= lookback)
      .sort(byDue)
      .slice(0, SLA_LIST_LIMIT)
      .map(view),
  };
}

function expectMatchesReference(
  db: Database.Database,
  result: SlaResult,
  now: number,
  period: { start: number; end: number },
): void {
  const expected = reference(db, now, result.terms!.followUpHours, period);
  expect({ start: result.period.start, end: result.period.end }).toEqual(period);
  expect(result.marketing.actual).toBe(expected.delivered);
  expect(result.sales).toEqual(expected.sales);
  expect(result.waiting).toEqual(expected.waiting);
  expect(result.breaches).toEqual(expected.breaches);
  expect(result.breachesByOwner).toEqual(expected.breachesByOwner);
  expect(result.open).toEqual(expected.open);
}

describe('getSla', () => {
  let temp: TempDatabase;
  let ana: string;
  let ben: string;
  beforeEach(() => {
    temp = openTempDatabase();
    setRoom(temp.db, { timezone: BERLIN, periodKind: 'month' });
    ana = insertPerson(temp.db, { name: 'Ana Lima', team: 'sales', updatedAt: NOW - 300 * DAY });
    ben = insertPerson(temp.db, { name: 'Ben Ode', team: 'sales', updatedAt: NOW - 300 * DAY });
  });
  afterEach(() => temp.close());

  it('gives null terms and zero figures, not an error, while no SLA is agreed', () => {
    const { db } = temp;
    insertLeadRow(db, { leadAt: NOW - 3 * DAY, mqlAt: NOW - 2 * DAY, ownerId: ana });
    insertLeadRow(db, { leadAt: NOW - 3 * DAY, mqlAt: NOW - HOUR, ownerId: ana });
    // Terms that only start tomorrow are not in force yet.
    insertSlaTermsRow(db, {
      validFrom: NOW + DAY,
      mqlsPerPeriod: 10,
      periodKind: 'week',
      followUpHours: 4,
      createdAt: NOW - 4 * DAY,
    });
    const result = getSla(contextAt(temp, NOW));
    expect(result).toEqual({
      terms: null,
      period: { kind: 'month', start: NOV_START, end: NOV_END, label: 'November 2026' },
      marketing: { actual: 0, target: null, pace: null, elapsedShare: 13 / 21, status: 'no_target', behindBy: null },
      sales: { met: 0, late: 0, breached: 0, waiting: 0, compliance: null },
      waiting: [],
      breaches: [],
      breachesByOwner: [],
      open: { breached: 0, waiting: 0 },
      freshness: { computedAt: NOW, latestChangeAt: NOW - 3 * DAY, source: 'Local database' },
    });
  });

  it('applies the newest terms valid now, and their period kind', () => {
    const { db } = temp;
    insertSlaTermsRow(db, { validFrom: NOW - 100 * DAY, mqlsPerPeriod: 80, periodKind: 'month', followUpHours: 48 });
    insertSlaTermsRow(db, {
      validFrom: NOW,
      mqlsPerPeriod: 10,
      periodKind: 'week',
      followUpHours: 24,
      // Wall-clock, so that the reference below applies; business hours: sla-business-hours.test.ts.
      businessHoursOnly: false,
    });
    insertSlaTermsRow(db, { validFrom: NOW + 1, mqlsPerPeriod: 99, periodKind: 'quarter', followUpHours: 1 });
    insertLeadRow(db, { leadAt: NOW - 20 * DAY, mqlAt: WEEK_START }); // Mon 00:00: in the week
    insertLeadRow(db, { leadAt: NOW - 20 * DAY, mqlAt: WEEK_START - 1 }); // Sunday: in the month only
    insertLeadRow(db, { leadAt: NOW - 20 * DAY, mqlAt: NOW - HOUR, firstFollowUpAt: NOW - 30 * MINUTE });
    const result = getSla(contextAt(temp, NOW));
    expect(result.terms).toEqual({
      mqlsPerPeriod: 10,
      periodKind: 'week',
      followUpHours: 24,
      businessHoursOnly: false,
      complianceTarget: 0.9,
    });
    expect(result.period).toEqual({ kind: 'week', start: WEEK_START, end: WEEK_END, label: 'Week 47, 2026' });
    // Wednesday of week 47: 3 of 5 working days begun; pace 10 × 3/5 = 6, delivered 2: behind by 4.
    expect(result.marketing).toEqual({
      actual: 2,
      target: 10,
      pace: 6,
      elapsedShare: 3 / 5,
      status: 'behind',
      behindBy: 4,
    });
    expectMatchesReference(db, result, NOW, { start: WEEK_START, end: WEEK_END });

    // A moment earlier the older, monthly terms were in force.
    const before = getSla(contextAt(temp, NOW - 1));
    expect(before.terms).toMatchObject({ periodKind: 'month', followUpHours: 48, mqlsPerPeriod: 80 });
    expect(before.period).toMatchObject({ start: NOV_START, end: NOV_END });
    expect(before.marketing.actual).toBe(3);
  });

  it('classifies follow-ups as met, late, breached or waiting, counting disqualification as a follow-up', () => {
    const { db } = temp;
    insertSlaTermsRow(db, { validFrom: 0, mqlsPerPeriod: 42, periodKind: 'month', followUpHours: 24 });
    const mql = (
      name: string,
      mqlAt: number,
      rest: { followUp?: number; disqualified?: number; deleted?: number } = {},
    ) =>
      insertLeadRow(db, {
        id: name,
        name: `Lead ${name}`,
        company: `${name} GmbH`,
        ownerId: name === 'G' ? null : name < 'G' ? ana : ben,
        leadAt: mqlAt - DAY,
        mqlAt,
        firstFollowUpAt: rest.followUp ?? null,
        disqualifiedAt: rest.disqualified ?? null,
        deletedAt: rest.deleted ?? null,
      });
    const a = NOW - 3 * DAY; // due NOW − 2 days
    mql('A', a, { followUp: a + DAY }); // exactly at due: met
    mql('B', a, { followUp: a + DAY + 1 }); // a millisecond late
    mql('C', a, { disqualified: a + DAY - HOUR }); // disqualified in time: met
    mql('D', a, { disqualified: a + DAY + HOUR }); // disqualified after due: late
    mql('E', a, { followUp: a + DAY + 2 * HOUR, disqualified: a + DAY - HOUR }); // the earlier one counts: met
    mql('F', NOW - DAY); // due exactly now, nothing yet: breached
    mql('G', NOW - DAY + 1); // due a millisecond from now: waiting, no owner
    mql('H', NOW - 19 * HOUR); // due in 5 hours: waiting
    mql('I', NOW - 2 * DAY, { deleted: NOW - HOUR }); // deleted: nowhere
    mql('J', NOV_START - DAY - 1); // due just before the period: only in the breach list
    mql('K', NOV_START - DAY, { followUp: NOV_START + HOUR }); // due at the period's first instant: late
    insertLeadRow(db, { leadAt: NOW - DAY, firstFollowUpAt: NOW - HOUR }); // never an MQL

    const result = getSla(contextAt(temp, NOW));
    expect(result.sales).toEqual({ met: 3, late: 3, breached: 1, waiting: 2, compliance: 3 / 7 });
    expect(result.waiting.map((lead) => lead.leadId)).toEqual(['G', 'H']);
    expect(result.waiting[0]).toEqual({
      leadId: 'G',
      leadName: 'Lead G',
      company: 'G GmbH',
      ownerId: null,
      ownerName: null,
      mqlAt: NOW - DAY + 1,
      dueAt: NOW + 1,
    });
    expect(result.breaches.map((lead) => [lead.leadId, lead.ownerName, lead.dueAt])).toEqual([
      ['J', 'Ben Ode', NOV_START - 1],
      ['F', 'Ana Lima', NOW],
    ]);
    // Delivered in November: A–H (I is deleted; J and K became MQLs in October). Pace 42 × 13/21 = 26.
    expect(result.marketing).toMatchObject({ actual: 8, target: 42, status: 'behind', behindBy: 18 });
    expect(result.marketing.pace).toBeCloseTo(26, 9);
    expectMatchesReference(db, result, NOW, { start: NOV_START, end: NOV_END });

    // A millisecond later G is due with nothing done: breached, and it leaves the waiting list.
    const later = getSla(contextAt(temp, NOW + 1));
    expect(later.sales).toMatchObject({ breached: 2, waiting: 1 });
    expect(later.waiting.map((lead) => lead.leadId)).toEqual(['H']);
    expect(later.breaches.map((lead) => lead.leadId)).toEqual(['J', 'F', 'G']);
    expectMatchesReference(db, later, NOW + 1, { start: NOV_START, end: NOV_END });
    // Cross-check the compliance against SQL written without the service's sub-select.
    const sql = db
      .prepare(
        `SELECT SUM(CASE WHEN f <= d THEN 1 ELSE 0 END) AS met, COUNT(*) AS judged FROM (
           SELECT mql_at + 86400000 AS d,
                  CASE WHEN disqualified_at IS NULL THEN first_follow_up_at
                       WHEN first_follow_up_at IS NULL OR disqualified_at < first_follow_up_at THEN disqualified_at
                       ELSE first_follow_up_at END AS f
           FROM leads WHERE mql_at IS NOT NULL AND deleted_at IS NULL)
         WHERE d >= ? AND d < ? AND (f IS NOT NULL OR d <= ?)`,
      )
      .get(NOV_START, NOV_END, NOW + 1) as { met: number; judged: number };
    expect(later.sales.compliance).toBe(sql.met / sql.judged);
  });

  it('handles fractional follow-up hours', () => {
    const { db } = temp;
    insertSlaTermsRow(db, { validFrom: 0, mqlsPerPeriod: 5, periodKind: 'month', followUpHours: 1.5 });
    const at = NOW - 5 * HOUR;
    insertLeadRow(db, { leadAt: at, mqlAt: at, firstFollowUpAt: at + 90 * MINUTE });
    insertLeadRow(db, { leadAt: at, mqlAt: at, firstFollowUpAt: at + 90 * MINUTE + 1 });
    insertLeadRow(db, { leadAt: at, mqlAt: NOW - 89 * MINUTE });
    const result = getSla(contextAt(temp, NOW));
    expect(result.sales).toEqual({ met: 1, late: 1, breached: 0, waiting: 1, compliance: 0.5 });
    expect(result.waiting[0]!.dueAt).toBe(NOW + MINUTE);
    expectMatchesReference(db, result, NOW, { start: NOV_START, end: NOV_END });
  });

  it('lists breaches due in the period or in the last 30 days, longest overdue first, at most 20', () => {
    const { db } = temp;
    insertSlaTermsRow(db, { validFrom: 0, mqlsPerPeriod: 5, periodKind: 'month', followUpHours: 24 });
    const now = Date.parse('2026-11-03T10:00:00Z'); // Tuesday 3 Nov: the month has barely begun
    const breach = (id: string, due: number) => insertLeadRow(db, { id, leadAt: due - 2 * DAY, mqlAt: due - DAY });
    breach('old', now - 30 * DAY - 1); // a millisecond too old
    breach('edge', now - 30 * DAY); // exactly 30 days
    breach('oct', now - 10 * DAY);
    breach('nov', NOV_START);
    const month = getSla(contextAt(temp, now));
    expect(month.breaches.map((lead) => lead.leadId)).toEqual(['edge', 'oct', 'nov']);
    expect(month.sales.breached).toBe(1);
    expectMatchesReference(db, month, now, { start: NOV_START, end: NOV_END });

    // Under quarterly terms, every breach due in the quarter is listed, however old.
    insertSlaTermsRow(db, { validFrom: now - 1, mqlsPerPeriod: 5, periodKind: 'quarter', followUpHours: 24 });
    breach('q4-first', Q4_START);
    breach('q3-last', Q4_START - 1);
    const quarter = getSla(contextAt(temp, now));
    expect(quarter.breaches.map((lead) => lead.leadId)).toEqual(['q4-first', 'old', 'edge', 'oct', 'nov']);
    expect(quarter.sales.breached).toBe(5);
    expectMatchesReference(db, quarter, now, { start: Q4_START, end: Q4_END });

    // 25 more breaches: the list keeps the 20 that have waited longest.
    for (let i = 0; i < 25; i += 1) breach(`bulk-${String(i).padStart(2, '0')}`, now - 5 * DAY + i * MINUTE);
    const capped = getSla(contextAt(temp, now));
    expect(capped.breaches).toHaveLength(SLA_LIST_LIMIT);
    // Due 29 Oct, the bulk comes after 'oct' (24 Oct) and before 'nov' (1 Nov), which drops off the list.
    expect(capped.breaches.slice(0, 5).map((lead) => lead.leadId)).toEqual([
      'q4-first',
      'old',
      'edge',
      'oct',
      'bulk-00',
    ]);
    expect(capped.breaches.at(-1)!.leadId).toBe('bulk-15');
    expect(capped.sales.breached).toBe(30);
    expectMatchesReference(db, capped, now, { start: Q4_START, end: Q4_END });
  });

  it('dates its data by the latest change to leads, terms and people', () => {
    const { db } = temp;
    insertSlaTermsRow(db, {
      validFrom: 0,
      mqlsPerPeriod: 5,
      periodKind: 'month',
      followUpHours: 24,
      createdAt: NOW - 9 * HOUR,
    });
    insertLeadRow(db, { leadAt: NOW - DAY, mqlAt: NOW - DAY, updatedAt: NOW - 10 * HOUR });
    expect(getSla(contextAt(temp, NOW)).freshness.latestChangeAt).toBe(NOW - 9 * HOUR);
    db.prepare('UPDATE people SET updated_at = ? WHERE id = ?').run(NOW - 2 * HOUR, ben);
    expect(getSla(contextAt(temp, NOW)).freshness.latestChangeAt).toBe(NOW - 2 * HOUR);
  });

  it('matches the reference on a randomized data set for each period kind, H and moment', () => {
    const { db } = temp;
    const random = seededRandom(90210);
    const owners = [ana, ben, null];
    db.transaction(() => {
      for (let i = 0; i < 2500; i += 1) {
        let mqlAt = NOW - Math.floor(random() * 150 * DAY) + 2 * DAY;
        if (random() < 0.1) mqlAt -= mqlAt % HOUR; // round hours, where dues meet period boundaries
        const roll = random();
        const followUp = roll < 0.6 ? mqlAt + Math.floor(random() * 100 * HOUR) : null;
        const disqualified = random() < 0.15 ? mqlAt + Math.floor(random() * 60 * HOUR) : null;
        insertLeadRow(db, {
          id: `lead-${String(i).padStart(5, '0')}`,
          leadAt: mqlAt - DAY,
          mqlAt: random() < 0.9 ? mqlAt : null,
          ownerId: owners[Math.floor(random() * owners.length)]!,
          firstFollowUpAt: followUp,
          disqualifiedAt: disqualified,
          deletedAt: random() < 0.04 ? NOW - DAY : null,
        });
      }
    })();
    const cases = [
      { kind: 'month', now: NOW, start: NOV_START, end: NOV_END },
      { kind: 'month', now: NOV_START, start: NOV_START, end: NOV_END },
      { kind: 'month', now: NOV_END - 1, start: NOV_START, end: NOV_END },
      { kind: 'week', now: NOW, start: WEEK_START, end: WEEK_END },
      { kind: 'quarter', now: NOW, start: Q4_START, end: Q4_END },
    ] as const;
    let validFrom = 0;
    for (const hours of [24, 4, 72]) {
      for (const { kind, now, start, end } of cases) {
        validFrom += 1;
        insertSlaTermsRow(db, { validFrom, mqlsPerPeriod: 100, periodKind: kind, followUpHours: hours });
        const result = getSla(contextAt(temp, now));
        expect(result.terms).toMatchObject({ periodKind: kind, followUpHours: hours });
        expectMatchesReference(db, result, now, { start, end });
      }
    }
    const result = getSla(contextAt(temp, NOW));
    expect(result.sales.met).toBeGreaterThan(0);
    expect(result.sales.late).toBeGreaterThan(0);
    expect(result.sales.breached).toBeGreaterThan(0);
    expect(result.waiting.length).toBeGreaterThan(0);
    expect(result.breaches).toHaveLength(SLA_LIST_LIMIT);
  });

  it('agrees with direct SQL over the generated demo data', () => {
    const demo = openTempDatabase();
    try {
      const { db } = demo;
      setRoom(db, { timezone: BERLIN, periodKind: 'month' });
      generateDemoData(db, { now: NOW, timezone: BERLIN, machineId: 'demo-machine' });
      const result = getSla(contextAt(demo, NOW));
      const terms = db
        .prepare('SELECT * FROM sla_terms WHERE valid_from <= ? ORDER BY valid_from DESC LIMIT 1')
        .get(NOW) as { mqls_per_period: number; follow_up_hours: number; period_kind: string };
      expect(result.terms).toMatchObject({
        mqlsPerPeriod: terms.mqls_per_period,
        followUpHours: terms.follow_up_hours,
        periodKind: terms.period_kind,
      });
      const h = terms.follow_up_hours * HOUR;
      const delivered = db
        .prepare('SELECT COUNT(*) AS n FROM leads WHERE mql_at BETWEEN ? AND ? AND deleted_at IS NULL')
        .get(NOV_START, NOV_END - 1) as { n: number };
      const counts = db
        .prepare(
          `SELECT
             SUM(CASE WHEN first_follow_up_at IS NULL AND disqualified_at IS NULL THEN 0
                      WHEN MIN(IFNULL(first_follow_up_at, disqualified_at), IFNULL(disqualified_at, first_follow_up_at)) <= mql_at + @h
                      THEN 1 ELSE 0 END) AS met,
             SUM(CASE WHEN first_follow_up_at IS NULL AND disqualified_at IS NULL THEN 0
                      WHEN MIN(IFNULL(first_follow_up_at, disqualified_at), IFNULL(disqualified_at, first_follow_up_at)) > mql_at + @h
                      THEN 1 ELSE 0 END) AS late,
             SUM(first_follow_up_at IS NULL AND disqualified_at IS NULL AND mql_at + @h <= @now) AS breached,
             SUM(first_follow_up_at IS NULL AND disqualified_at IS NULL AND mql_at + @h > @now) AS waiting
           FROM leads WHERE deleted_at IS NULL AND mql_at IS NOT NULL AND mql_at + @h BETWEEN @start AND @end - 1`,
        )
        .get({ h, now: NOW, start: NOV_START, end: NOV_END }) as {
        met: number;
        late: number;
        breached: number;
        waiting: number;
      };
      expect(result.marketing.actual).toBe(delivered.n);
      expect(result.marketing.target).toBe(terms.mqls_per_period);
      expect(result.sales).toEqual({
        ...counts,
        compliance: counts.met / (counts.met + counts.late + counts.breached),
      });
      expect(counts.met + counts.late).toBeGreaterThan(0);
      const overdue = db
        .prepare(
          `SELECT id FROM leads WHERE deleted_at IS NULL AND mql_at IS NOT NULL AND first_follow_up_at IS NULL
             AND disqualified_at IS NULL AND mql_at + @h <= @now AND mql_at + @h >= @from ORDER BY mql_at LIMIT 20`,
        )
        .all({ h, now: NOW, from: Math.min(NOV_START, NOW - 30 * DAY) }) as { id: string }[];
      expect(result.breaches.map((lead) => lead.leadId)).toEqual(overdue.map((row) => row.id));
      expect(result.breaches.length).toBeGreaterThan(0);
      expect(result.breaches.every((lead) => lead.ownerName !== null)).toBe(true);
      const waiting = db
        .prepare(
          `SELECT id FROM leads WHERE deleted_at IS NULL AND mql_at IS NOT NULL AND first_follow_up_at IS NULL
             AND disqualified_at IS NULL AND mql_at + @h > @now ORDER BY mql_at LIMIT 20`,
        )
        .all({ h, now: NOW }) as { id: string }[];
      expect(result.waiting.map((lead) => lead.leadId)).toEqual(waiting.map((row) => row.id));
      expectMatchesReference(db, result, NOW, { start: NOV_START, end: NOV_END });
    } finally {
      demo.close();
    }
  });
});
