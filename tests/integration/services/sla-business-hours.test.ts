/**
 * The SLA in business-hours mode against an independent computation: each MQL's due time comes from the
 * minute-by-minute reference (tests/fixtures/business-hours-reference.ts), goes into a TEMP table, and plain
 * SQL counts met, late, breached and waiting and lists the waiting and breached leads. The periods' bounds
 * are written out here, not taken from the code under test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import type { TimeWindow } from '@shared/domain';
import type { SlaLeadView, SlaResult } from '@shared/figures';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { getSla, SLA_LIST_LIMIT } from '../../../electron/core/services/reads/sla-service';
import { addBusinessHoursRef, memoisedBusinessMinute } from '../../fixtures/business-hours-reference';
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
const DEFAULT_DAY: TimeWindow = { start: '07:00', end: '19:00' };

/** Writes the night-screen setting (whose working day the business hours use) with a plain INSERT. */
function setWorkday(db: Database.Database, workday: TimeWindow, enabled = true): void {
  db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES ('display.night', ?, 0)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(JSON.stringify({ enabled, workday, weekends: true }));
}

/**
 * Due times by the minute-stepping reference, into a TEMP table that the SQL below joins. `known` keeps the
 * due time of each mql_at already worked out (it depends on nothing else), for a test that asks often.
 */
function referenceDues(
  db: Database.Database,
  hours: number,
  window: TimeWindow,
  zone: string,
  known = new Map<number, number>(),
): void {
  const isBusiness = memoisedBusinessMinute(window, zone);
  const leads = db.prepare('SELECT id, mql_at FROM leads WHERE mql_at IS NOT NULL').all() as {
    id: string;
    mql_at: number;
  }[];
  db.exec('DROP TABLE IF EXISTS temp.dues; CREATE TEMP TABLE dues (lead_id TEXT PRIMARY KEY, due INTEGER NOT NULL)');
  const insert = db.prepare('INSERT INTO temp.dues (lead_id, due) VALUES (?, ?)');
  for (const lead of leads) {
    let due = known.get(lead.mql_at);
    if (due === undefined) {
      due = addBusinessHoursRef(lead.mql_at, hours, window, zone, isBusiness);
      known.set(lead.mql_at, due);
    }
    insert.run(lead.id, due);
  }
}

const FOLLOWED = `CASE WHEN l.first_follow_up_at IS NULL THEN l.disqualified_at
                       WHEN l.disqualified_at IS NULL THEN l.first_follow_up_at
                       ELSE MIN(l.first_follow_up_at, l.disqualified_at) END`;

/** The figures by plain SQL over the leads and the TEMP table of due times. */
function expectedBySql(
  db: Database.Database,
  now: number,
  period: { start: number; end: number },
): Pick<SlaResult, 'waiting' | 'breaches'> & {
  counts: { met: number; late: number; breached: number; waiting: number };
} {
  const counts = db
    .prepare(
      `SELECT COALESCE(SUM(f IS NOT NULL AND f <= due), 0) AS met, COALESCE(SUM(f IS NOT NULL AND f > due), 0) AS late,
              COALESCE(SUM(f IS NULL AND @now >= due), 0) AS breached, COALESCE(SUM(f IS NULL AND @now < due), 0) AS waiting
         FROM (SELECT ${FOLLOWED} AS f, d.due FROM leads l JOIN temp.dues d ON d.lead_id = l.id
                WHERE l.deleted_at IS NULL AND d.due >= @start AND d.due < @end)`,
    )
    .get({ now, start: period.start, end: period.end }) as {
    met: number;
    late: number;
    breached: number;
    waiting: number;
  };
  const list = (condition: string) =>
    db
      .prepare(
        `SELECT l.id AS leadId, l.name AS leadName, l.company, l.owner_id AS ownerId, p.name AS ownerName,
                l.mql_at AS mqlAt, d.due AS dueAt
           FROM leads l JOIN temp.dues d ON d.lead_id = l.id LEFT JOIN people p ON p.id = l.owner_id
          WHERE l.deleted_at IS NULL AND ${FOLLOWED} IS NULL AND ${condition}
          ORDER BY d.due, l.mql_at, l.id LIMIT ${SLA_LIST_LIMIT}`,
      )
      .all({ now, lookback: Math.min(period.start, now - 30 * DAY) }) as SlaLeadView[];
  return {
    counts,
    waiting: list('d.due > @now'),
    breaches: list('d.due <= @now AND d.due >= @lookback'),
  };
}

interface Scenario {
  name: string;
  now: number;
  periodKind: 'week' | 'month';
  period: { start: number; end: number };
  hours: number;
  window: TimeWindow;
}

/** SLA terms in business-hours mode with the scenario's hours and period kind, valid well before it. */
function agreeBusinessTerms(db: Database.Database, scenario: Scenario): void {
  insertSlaTermsRow(db, {
    validFrom: scenario.period.start - 60 * DAY,
    mqlsPerPeriod: 50,
    periodKind: scenario.periodKind,
    followUpHours: scenario.hours,
    businessHoursOnly: true,
  });
}

/** Leads at chosen awkward moments plus a seeded spread, some off the whole minute. */
function insertLeads(db: Database.Database, scenario: Scenario, owners: string[], seed: number): void {
  const random = seededRandom(seed);
  const minute = (at: number) => Math.floor(at / MINUTE) * MINUTE;
  const from = scenario.period.start - 20 * DAY;
  const span = scenario.period.end + 5 * DAY - from;
  const fixed = [
    Date.parse('2026-03-27T17:30:00Z'), // Friday 27 March, 18:30 in Berlin, the weekend DST starts
    Date.parse('2026-03-28T10:00:00Z'), // Saturday
    Date.parse('2026-03-29T01:30:00Z'), // Sunday 03:30, just after the change
    Date.parse('2026-10-23T16:30:00Z'), // Friday 23 October, 18:30, the weekend DST ends
    Date.parse('2026-10-25T00:30:00Z'), // Sunday 02:30 CEST, the hour that happens twice
    Date.parse('2026-11-27T17:30:00Z'), // Friday 27 November, 18:30
    Date.parse('2026-11-28T12:00:00Z'), // Saturday
    scenario.now - 30 * MINUTE,
    scenario.now - 3 * HOUR,
  ];
  const times = [
    ...fixed,
    ...Array.from({ length: 160 }, (_, i) =>
      i % 4 === 0 ? Math.floor(from + random() * span) : minute(from + random() * span),
    ),
  ];
  times.forEach((mqlAt, index) => {
    const roll = random();
    const after = (hours: number) => mqlAt + Math.round(random() * hours * HOUR);
    insertLeadRow(db, {
      name: `Lead ${index}`,
      company: index % 3 === 0 ? null : `Company ${index % 7}`,
      ownerId: index % 5 === 0 ? null : owners[index % owners.length]!,
      leadAt: mqlAt - DAY,
      mqlAt,
      // Follow-ups scattered from minutes to days after the MQL: met, late, or none yet.
      firstFollowUpAt: roll < 0.45 ? Math.min(after(96), scenario.now) : null,
      disqualifiedAt: roll > 0.85 && roll < 0.92 ? Math.min(after(72), scenario.now) : null,
      deletedAt: roll >= 0.97 ? mqlAt + HOUR : null,
    });
  });
}

const SCENARIOS: Scenario[] = [
  {
    name: 'March 2026 (DST starts on the 29th), 8 business hours, 07:00–19:00',
    now: Date.parse('2026-03-31T08:00:00Z'), // Tuesday 31 March, 10:00 CEST
    periodKind: 'month',
    period: { start: Date.parse('2026-02-28T23:00:00Z'), end: Date.parse('2026-03-31T22:00:00Z') },
    hours: 8,
    window: DEFAULT_DAY,
  },
  {
    name: 'week 44 of 2026 (DST ends on Sunday 25 October), 2.5 hours, 09:00–17:30',
    now: Date.parse('2026-10-28T12:15:00Z'), // Wednesday 28 October, 13:15 CET
    periodKind: 'week',
    period: { start: Date.parse('2026-10-25T23:00:00Z'), end: Date.parse('2026-11-01T23:00:00Z') },
    hours: 2.5,
    window: { start: '09:00', end: '17:30' },
  },
  {
    name: 'November 2026 with a night shift 22:00–06:00, 24 business hours',
    now: Date.parse('2026-11-30T06:00:00Z'), // Monday 30 November, 07:00
    periodKind: 'month',
    period: { start: Date.parse('2026-10-31T23:00:00Z'), end: Date.parse('2026-11-30T23:00:00Z') },
    hours: 24,
    window: { start: '22:00', end: '06:00' },
  },
];

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
  setRoom(temp.db, { timezone: BERLIN, periodKind: 'month' });
});
afterEach(() => temp.close());

describe('getSla in business-hours mode', () => {
  it.each(SCENARIOS.map((scenario, index) => [scenario.name, scenario, index] as const))(
    '%s: figures and lists match plain SQL over reference due times',
    async (_name, scenario, index) => {
      const { db } = temp;
      setWorkday(db, scenario.window, index !== 1); // the working day applies even with the night screen off
      const owners = [
        insertPerson(db, { name: 'Ana Ortiz', team: 'sales' }),
        insertPerson(db, { name: 'Ben Kowalski', team: 'sales' }),
      ];
      agreeBusinessTerms(db, scenario);
      insertLeads(db, scenario, owners, 11 + index);
      referenceDues(db, scenario.hours, scenario.window, BERLIN);
      const expected = expectedBySql(db, scenario.now, scenario.period);

      const result = getSla(contextAt(temp, scenario.now));
      expect(result.period).toMatchObject(scenario.period);
      expect(result.terms?.businessHoursOnly).toBe(true);
      const { compliance, ...counts } = result.sales;
      expect(counts).toEqual(expected.counts);
      const judged = expected.counts.met + expected.counts.late + expected.counts.breached;
      expect(judged).toBeGreaterThan(0);
      expect(compliance).toBeCloseTo(expected.counts.met / judged, 12);
      expect(result.waiting).toEqual(expected.waiting);
      expect(result.breaches).toEqual(expected.breaches);
      // The data must exercise every outcome, or the comparison proves little.
      expect(expected.counts.met).toBeGreaterThan(0);
      expect(expected.counts.late).toBeGreaterThan(0);
      expect(expected.counts.breached + expected.waiting.length).toBeGreaterThan(0);

      const dispatch = createDispatcher(contextAt(temp, scenario.now), {
        name: 'Alignboard',
        version: 'test',
        bootId: 'b',
      });
      const outcome = await dispatch('sla.get', {});
      expect(outcome).toEqual({ ok: true, result: JSON.parse(JSON.stringify(result)) });
    },
  );

  it('Friday 18:30 with 2 hours is due Monday 08:30, and the countdown uses that due time', () => {
    const { db } = temp;
    const friday1830 = Date.parse('2026-11-27T17:30:00Z');
    const now = Date.parse('2026-11-28T09:00:00Z'); // Saturday 10:00
    insertSlaTermsRow(db, {
      validFrom: 0,
      mqlsPerPeriod: 5,
      periodKind: 'month',
      followUpHours: 2,
      businessHoursOnly: true,
    });
    insertLeadRow(db, { name: 'Weekend lead', leadAt: friday1830, mqlAt: friday1830 });
    const result = getSla(contextAt(temp, now));
    const monday0830 = Date.parse('2026-11-30T07:30:00Z');
    expect(monday0830).toBe(addBusinessHoursRef(friday1830, 2, DEFAULT_DAY, BERLIN));
    expect(result.waiting.map((lead) => [lead.leadName, lead.dueAt])).toEqual([['Weekend lead', monday0830]]);
    expect(result.breaches).toEqual([]);
    // Wall-clock terms would have made it a breach since Friday 20:30.
    insertSlaTermsRow(db, { validFrom: now - 1, mqlsPerPeriod: 5, periodKind: 'month', followUpHours: 2 });
    const wallClock = getSla(contextAt(temp, now));
    expect(wallClock.breaches.map((lead) => lead.dueAt)).toEqual([friday1830 + 2 * HOUR]);
    expect(wallClock.waiting).toEqual([]);
  });

  it('a changed working day moves the due times', () => {
    const { db } = temp;
    const monday1000 = Date.parse('2026-11-23T09:00:00Z');
    const now = Date.parse('2026-11-23T15:30:00Z'); // Monday 16:30
    insertSlaTermsRow(db, {
      validFrom: 0,
      mqlsPerPeriod: 5,
      periodKind: 'week',
      followUpHours: 6,
      businessHoursOnly: true,
    });
    insertLeadRow(db, { leadAt: monday1000, mqlAt: monday1000 });
    // Default 07:00–19:00: due 16:00, so breached at 16:30.
    expect(getSla(contextAt(temp, now)).breaches.map((lead) => lead.dueAt)).toEqual([
      Date.parse('2026-11-23T15:00:00Z'),
    ]);
    // 09:00–15:00: five hours on Monday, one on Tuesday: due Tuesday 10:00, still waiting.
    setWorkday(db, { start: '09:00', end: '15:00' });
    const changed = getSla(contextAt(temp, now));
    expect(changed.breaches).toEqual([]);
    expect(changed.waiting.map((lead) => lead.dueAt)).toEqual([Date.parse('2026-11-24T09:00:00Z')]);
  });

  it('an empty working day is refused with an error naming the setting', async () => {
    const { db } = temp;
    const now = Date.parse('2026-11-23T15:30:00Z');
    insertSlaTermsRow(db, {
      validFrom: 0,
      mqlsPerPeriod: 5,
      periodKind: 'week',
      followUpHours: 6,
      businessHoursOnly: true,
    });
    setWorkday(db, { start: '08:00', end: '08:00' });
    const dispatch = createDispatcher(contextAt(temp, now), { name: 'Alignboard', version: 'test', bootId: 'b' });
    expect(await dispatch('sla.get', {})).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'night.workday' },
    });
    // Wall-clock terms do not read the working day at all.
    insertSlaTermsRow(db, { validFrom: now - 1, mqlsPerPeriod: 5, periodKind: 'week', followUpHours: 6 });
    expect(await dispatch('sla.get', {})).toMatchObject({ ok: true });
  });
});

describe('getSla in business-hours mode, asked again and again (it keeps its work while nothing is written)', () => {
  it('follows time passing, writes on its own connection and on another, and forgets a rolled-back write', () => {
    const scenario = SCENARIOS[0]!;
    const { db } = temp;
    setWorkday(db, scenario.window);
    const owners = [insertPerson(db, { name: 'Ana Ortiz', team: 'sales' })];
    agreeBusinessTerms(db, scenario);
    insertLeads(db, scenario, owners, 29);
    // Due times depend on mql_at alone, and no MQL is added below: worked out once, before the first read.
    referenceDues(db, scenario.hours, scenario.window, BERLIN);
    const ctx = contextAt(temp, scenario.now);
    const figures = (result: SlaResult) => ({
      counts: {
        met: result.sales.met,
        late: result.sales.late,
        breached: result.sales.breached,
        waiting: result.sales.waiting,
      },
      waiting: result.waiting,
      breaches: result.breaches,
    });
    const expectAsSql = (step: string) => {
      const result = figures(getSla(ctx));
      expect(result, step).toEqual(expectedBySql(db, ctx.clock.now(), scenario.period));
      return result;
    };
    const unfollowed = () => [...getSla(ctx).waiting, ...getSla(ctx).breaches].map((lead) => lead.leadId);

    const first = expectAsSql('first read');
    expect(first.counts.waiting).toBeGreaterThan(0);

    // Nothing written, the clock on (within the period): waiting MQLs fall due.
    ctx.clock.advance(6 * HOUR);
    const later = expectAsSql('six hours later');
    expect(later.counts.breached).toBeGreaterThan(first.counts.breached);

    // A follow-up recorded through this connection.
    db.prepare('UPDATE leads SET first_follow_up_at = ? WHERE id = ?').run(ctx.clock.now(), unfollowed()[0]);
    const followed = expectAsSql('after a follow-up');
    expect(followed).not.toEqual(later);

    // A lead deleted by another connection to the same file.
    const other = new Database(temp.file);
    other.prepare('UPDATE leads SET deleted_at = ? WHERE id = ?').run(ctx.clock.now(), unfollowed()[0]);
    other.close();
    const deleted = expectAsSql('after a delete elsewhere');
    expect(deleted).not.toEqual(followed);

    // Read inside a caller's transaction that then rolls back: what it saw must not outlive the rollback.
    const undone = unfollowed()[0];
    expect(() =>
      db.transaction(() => {
        db.prepare('UPDATE leads SET first_follow_up_at = ? WHERE id = ?').run(ctx.clock.now(), undone);
        expect(
          getSla(ctx)
            .waiting.concat(getSla(ctx).breaches)
            .map((lead) => lead.leadId),
        ).not.toContain(undone);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    expect(expectAsSql('after the rollback')).toEqual(deleted);
  });
});

describe('getSla in business-hours mode after writes (it redoes only the leads that changed)', () => {
  it('matches plain SQL after each of many random writes, on its own connection and on another', () => {
    const scenario = SCENARIOS[1]!;
    const { db } = temp;
    setWorkday(db, scenario.window);
    const owners = [
      insertPerson(db, { name: 'Ana Ortiz', team: 'sales' }),
      insertPerson(db, { name: 'Ben Berg', team: 'sales' }),
    ];
    agreeBusinessTerms(db, scenario);
    insertLeads(db, scenario, owners, 44);
    const ctx = contextAt(temp, scenario.now);
    const other = new Database(temp.file);
    const random = seededRandom(7);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
    const ids = () => (db.prepare('SELECT id FROM leads').pluck().all() as string[]).sort();
    const known = new Map<number, number>();
    const check = (step: string) => {
      referenceDues(db, scenario.hours, scenario.window, BERLIN, known);
      const result = getSla(ctx);
      expect(
        {
          counts: {
            met: result.sales.met,
            late: result.sales.late,
            breached: result.sales.breached,
            waiting: result.sales.waiting,
          },
          waiting: result.waiting,
          breaches: result.breaches,
        },
        step,
      ).toEqual(expectedBySql(db, ctx.clock.now(), scenario.period));
    };
    check('first read');
    const span = scenario.period.end - scenario.period.start;
    const writes: ((on: Database.Database) => string)[] = [
      (on) => {
        const id = pick(ids());
        on.prepare('UPDATE leads SET first_follow_up_at = ? WHERE id = ?').run(ctx.clock.now() - HOUR, id);
        return `follow-up on ${id}`;
      },
      (on) => {
        const id = pick(ids());
        on.prepare('UPDATE leads SET first_follow_up_at = NULL, disqualified_at = NULL WHERE id = ?').run(id);
        return `follow-up taken back on ${id}`;
      },
      (on) => {
        const id = pick(ids());
        // On whole quarter hours, so that the reference works out few distinct due times.
        const quarter = 15 * MINUTE;
        const at = scenario.period.start - 2 * DAY + Math.floor((random() * span) / quarter) * quarter;
        on.prepare('UPDATE leads SET mql_at = ? WHERE id = ?').run(at, id);
        return `MQL moved on ${id}`;
      },
      (on) => {
        const id = pick(ids());
        on.prepare('UPDATE leads SET deleted_at = ? WHERE id = ?').run(ctx.clock.now(), id);
        return `soft delete of ${id}`;
      },
      (on) => {
        const id = pick(ids());
        on.prepare('UPDATE leads SET deleted_at = NULL WHERE id = ?').run(id);
        return `restore of ${id}`;
      },
      (on) => {
        const id = pick(ids());
        on.prepare('DELETE FROM leads WHERE id = ?').run(id);
        return `hard delete of ${id}`;
      },
      (on) => {
        const id = pick(ids());
        on.prepare('UPDATE leads SET owner_id = ?, name = ? WHERE id = ?').run(pick(owners), `Renamed ${id}`, id);
        return `new owner and name for ${id}`;
      },
      (on) => {
        const mqlAt = scenario.period.start - DAY + Math.floor((random() * span) / (15 * MINUTE)) * 15 * MINUTE;
        const id = insertLeadRow(on, { name: 'New lead', ownerId: pick(owners), leadAt: mqlAt - HOUR, mqlAt });
        return `new MQL ${id}`;
      },
      (on) => {
        on.prepare('UPDATE people SET name = ? WHERE id = ?').run(`Owner ${Math.floor(random() * 1000)}`, owners[0]);
        return 'owner renamed';
      },
    ];
    for (let step = 0; step < 80; step += 1) {
      const connection = random() < 0.3 ? other : db;
      const said = pick(writes)(connection);
      if (random() < 0.2) ctx.clock.advance(Math.floor(random() * 3 * HOUR));
      check(`step ${step}: ${said} (${connection === other ? 'other connection' : 'own connection'})`);
    }
    other.close();
  });

  it('reads the whole table once, then only the leads a write touched', () => {
    const scenario = SCENARIOS[0]!;
    const { db } = temp;
    setWorkday(db, scenario.window);
    const owner = insertPerson(db, { name: 'Ana Ortiz', team: 'sales' });
    agreeBusinessTerms(db, scenario);
    insertLeads(db, scenario, [owner], 3);
    const ctx = contextAt(temp, scenario.now);
    const statements: string[] = [];
    const traced = new Database(temp.file, { verbose: (sql) => statements.push(String(sql)) });
    const tracedCtx = { ...ctx, db: traced };
    const readsOfWholeRange = () => statements.filter((sql) => sql.includes('INDEXED BY leads_mql_at')).length;
    getSla(tracedCtx);
    expect(readsOfWholeRange()).toBe(1);
    const unfollowed = getSla(tracedCtx).waiting[0]!.leadId;
    traced.prepare('UPDATE leads SET first_follow_up_at = ? WHERE id = ?').run(ctx.clock.now(), unfollowed);
    db.prepare('UPDATE leads SET company = ? WHERE id = ?').run('Elsewhere GmbH', unfollowed);
    const after = getSla(tracedCtx);
    expect(readsOfWholeRange()).toBe(1);
    expect(after.waiting.map((lead) => lead.leadId)).not.toContain(unfollowed);
    traced.close();
  });
});
