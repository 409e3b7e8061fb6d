import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeActivity } from '@shared/describe-activity';
import { getSla } from '../../../electron/core/services/reads/sla-service';
import { dumpPlanningTables, onlyEvent, planningHarness, rawRow, type PlanningHarness } from './planning-support';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');
// November 2026 in Berlin: from 1 Nov 00:00 CET.
const NOVEMBER_START = Date.parse('2026-10-31T23:00:00Z');
const DECEMBER_START = Date.parse('2026-11-30T23:00:00Z');

let h: PlanningHarness;

/** MQLs of November with their first follow-up after the given number of hours. */
const FOLLOW_UPS = [
  { mqlAt: Date.parse('2026-11-02T09:00:00Z'), afterHours: 30 },
  { mqlAt: Date.parse('2026-11-03T09:00:00Z'), afterHours: 10 },
  { mqlAt: Date.parse('2026-11-05T09:00:00Z'), afterHours: 40 },
  { mqlAt: Date.parse('2026-11-09T09:00:00Z'), afterHours: 20 },
];

/** Met and late follow-ups of November's MQLs under an allowance of `hours`, counted here in SQL. */
function outcomes(hours: number): { met: number; late: number } {
  return h.temp.db
    .prepare(
      `SELECT COUNT(CASE WHEN first_follow_up_at - mql_at <= @ms THEN 1 END) AS met,
              COUNT(CASE WHEN first_follow_up_at - mql_at > @ms THEN 1 END) AS late
         FROM leads
        WHERE deleted_at IS NULL AND first_follow_up_at IS NOT NULL
          AND mql_at + @ms >= @from AND mql_at + @ms < @to`,
    )
    .get({ ms: hours * HOUR, from: NOVEMBER_START, to: DECEMBER_START }) as { met: number; late: number };
}

beforeEach(() => {
  h = planningHarness(NOW);
  const insert = h.temp.db.prepare(
    `INSERT INTO leads (id, name, stage, source_team, lead_at, mql_at, sql_at, first_follow_up_at, created_at, updated_at)
     VALUES (?, ?, 'sql', 'marketing', ?, ?, ?, ?, 0, 0)`,
  );
  FOLLOW_UPS.forEach(({ mqlAt, afterHours }, index) => {
    const followUp = mqlAt + afterHours * HOUR;
    insert.run(`lead-${index}`, `Lead ${index}`, mqlAt - HOUR, mqlAt, followUp, followUp);
  });
});
afterEach(() => h.temp.cleanup());

describe('SLA terms', () => {
  test('saveTerms adds a version valid from now; new terms change sla.get; the history keeps the old ones', async () => {
    let seq = h.lastSeq();
    const first = await h.ok('sla.saveTerms', { mqlsPerPeriod: 40, periodKind: 'month', followUpHours: 48 });
    expect(first).toMatchObject({ validFrom: NOW, mqlsPerPeriod: 40, followUpHours: 48, businessHoursOnly: false });
    let event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'sla.terms_changed', entity: 'sla_terms', entityId: first.id });
    expect(event.payload).toMatchObject({ previous: null });
    expect(event.payload.changes).toEqual([
      { table: 'sla_terms', id: first.id, before: null, after: rawRow(h.temp.db, 'sla_terms', { id: first.id }) },
    ]);

    const loose = getSla(h.ctx);
    expect(loose.terms).toMatchObject({ mqlsPerPeriod: 40, followUpHours: 48 });
    expect(loose.marketing.target).toBe(40);
    expect(loose.sales).toMatchObject(outcomes(48));

    h.clock.advance(HOUR);
    seq = h.lastSeq();
    const second = await h.ok('sla.saveTerms', { mqlsPerPeriod: 60, periodKind: 'month', followUpHours: 24 });
    expect(second.validFrom).toBe(NOW + HOUR);
    event = onlyEvent(h, seq);
    expect(event.payload).toMatchObject({ previous: { mqlsPerPeriod: 40, followUpHours: 48 } });
    expect(describeActivity({ type: event.type, payload: event.payload }, 'EUR')).toEqual({
      headline: 'New SLA terms: 60 MQLs a month, follow-up within 24 h',
      detail: 'were 40 MQLs a month, follow-up within 48 h',
    });

    const strict = getSla(h.ctx);
    expect(strict.terms).toMatchObject({ mqlsPerPeriod: 60, followUpHours: 24 });
    expect(strict.marketing.target).toBe(60);
    expect(strict.sales).toMatchObject(outcomes(24));
    expect(outcomes(24).late).toBeGreaterThan(outcomes(48).late);

    expect(await h.ok('sla.terms', {})).toEqual([second, first]);
  });

  test('saving the terms in force again adds no version', async () => {
    await h.ok('sla.saveTerms', { mqlsPerPeriod: 40, periodKind: 'month', followUpHours: 48 });
    h.clock.advance(HOUR);
    const seq = h.lastSeq();
    await h.ok('sla.saveTerms', {
      mqlsPerPeriod: 40,
      periodKind: 'month',
      followUpHours: 48,
      businessHoursOnly: false,
    });
    expect(h.events(seq)).toEqual([]);
    expect(await h.ok('sla.terms', {})).toHaveLength(1);
  });

  test('bad terms are refused naming the field, and nothing is written', async () => {
    const tables = dumpPlanningTables(h.temp.db);
    expect(
      await h.refused('sla.saveTerms', { mqlsPerPeriod: 40, periodKind: 'month', followUpHours: 0 }),
    ).toMatchObject({
      code: 'invalid_input',
      field: 'followUpHours',
    });
    expect(
      await h.refused('sla.saveTerms', { mqlsPerPeriod: 2.5, periodKind: 'month', followUpHours: 4 }),
    ).toMatchObject({
      code: 'invalid_input',
      field: 'mqlsPerPeriod',
    });
    expect(await h.refused('sla.saveTerms', { mqlsPerPeriod: 5, periodKind: 'year', followUpHours: 4 })).toMatchObject({
      code: 'invalid_input',
      field: 'periodKind',
    });
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);
  });
});
