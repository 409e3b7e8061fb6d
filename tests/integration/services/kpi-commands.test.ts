import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeActivity } from '@shared/describe-activity';
import { firstDayOfPeriod } from '../../../electron/core/services/writes/kpi-commands';
import { getKpi } from '../../../electron/core/services/reads/kpi-service';
import { dumpPlanningTables, onlyEvent, planningHarness, rawRow, type PlanningHarness } from './planning-support';

const NOW = Date.parse('2026-11-20T12:00:00Z');

let h: PlanningHarness;

beforeEach(() => {
  h = planningHarness(NOW);
});
afterEach(() => h.temp.cleanup());

function targetRow(kind: string, start: string) {
  return rawRow(h.temp.db, 'kpi_targets', {
    kpi_id: 'new_paying_customers',
    period_kind: kind,
    period_start: start,
  });
}

describe('KPI targets', () => {
  test('setTarget upserts the period target: one event with the raw row, and the KPI slide shows it', async () => {
    expect(getKpi(h.ctx).figure.target).toBeNull();
    let seq = h.lastSeq();

    const set = await h.ok('kpi.setTarget', { periodKind: 'month', periodStart: '2026-11-01', target: 12 });

    expect(set).toEqual({ kpiId: 'new_paying_customers', periodKind: 'month', periodStart: '2026-11-01', target: 12 });
    const inserted = targetRow('month', '2026-11-01')!;
    let event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'kpi.target_set', entity: 'kpi', entityId: 'new_paying_customers' });
    expect(event.payload).toMatchObject({ periodLabel: 'November 2026', target: 12, previousTarget: null });
    expect(event.payload.changes).toEqual([
      { table: 'kpi_targets', id: String(inserted.id), before: null, after: inserted },
    ]);
    expect(getKpi(h.ctx).figure.target).toBe(12);
    expect(getKpi(h.ctx).trend.at(-1)!.target).toBe(12);

    h.clock.advance(60_000);
    seq = h.lastSeq();
    await h.ok('kpi.setTarget', { periodKind: 'month', periodStart: '2026-11-01', target: 15 });
    const updated = targetRow('month', '2026-11-01')!;
    expect(updated).toMatchObject({ id: inserted.id, target: 15, updated_at: NOW + 60_000 });
    event = onlyEvent(h, seq);
    expect(event.payload.changes).toEqual([
      { table: 'kpi_targets', id: String(inserted.id), before: inserted, after: updated },
    ]);
    expect(describeActivity({ type: event.type, payload: event.payload }, 'EUR')).toEqual({
      headline: 'New paying customers target: 15 for November 2026',
      detail: 'was 12',
    });
    expect(getKpi(h.ctx).figure.target).toBe(15);

    await h.ok('kpi.setTarget', { periodKind: 'week', periodStart: '2026-11-16', target: 3 });
    await h.ok('kpi.setTarget', { periodKind: 'quarter', periodStart: '2026-10-01', target: 30 });
    expect(await h.ok('kpi.targets', {})).toEqual([
      { kpiId: 'new_paying_customers', periodKind: 'quarter', periodStart: '2026-10-01', target: 30 },
      { kpiId: 'new_paying_customers', periodKind: 'month', periodStart: '2026-11-01', target: 15 },
      { kpiId: 'new_paying_customers', periodKind: 'week', periodStart: '2026-11-16', target: 3 },
    ]);

    const same = h.lastSeq();
    await h.ok('kpi.setTarget', { periodKind: 'week', periodStart: '2026-11-16', target: 3 });
    expect(h.events(same)).toEqual([]);
  });

  test('a periodStart that does not start its period is refused with the right date suggested', async () => {
    const tables = dumpPlanningTables(h.temp.db);
    const cases = [
      // Wednesday 18 Nov 2026 lies in the week of Monday 16 Nov.
      { periodKind: 'week', periodStart: '2026-11-18', suggested: '2026-11-16' },
      // Sunday 3 Jan 2027 still belongs to the week that began on Monday 28 Dec 2026.
      { periodKind: 'week', periodStart: '2027-01-03', suggested: '2026-12-28' },
      { periodKind: 'month', periodStart: '2026-11-15', suggested: '2026-11-01' },
      { periodKind: 'quarter', periodStart: '2026-11-01', suggested: '2026-10-01' },
      { periodKind: 'quarter', periodStart: '2026-02-01', suggested: '2026-01-01' },
    ] as const;
    for (const { periodKind, periodStart, suggested } of cases) {
      const error = await h.refused('kpi.setTarget', { periodKind, periodStart, target: 5 });
      expect(error).toMatchObject({ code: 'invalid_input', field: 'periodStart' });
      expect(error.message).toContain(suggested);
    }
    expect(
      await h.refused('kpi.setTarget', { periodKind: 'month', periodStart: '2026-11-01', target: -1 }),
    ).toMatchObject({
      code: 'invalid_input',
      field: 'target',
    });
    expect(
      await h.refused('kpi.setTarget', { periodKind: 'month', periodStart: '2026-11-31', target: 1 }),
    ).toMatchObject({
      code: 'invalid_input',
      field: 'periodStart',
    });
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);
  });

  test('firstDayOfPeriod follows the calendar in the zone, across a DST change', () => {
    // 29 Mar 2026: clocks go forward in Berlin; the Monday of that week is 23 Mar.
    expect(firstDayOfPeriod('2026-03-29', 'week', 'Europe/Berlin')).toBe('2026-03-23');
    expect(firstDayOfPeriod('2026-03-30', 'week', 'Europe/Berlin')).toBe('2026-03-30');
    expect(firstDayOfPeriod('2026-12-31', 'quarter', 'Pacific/Kiritimati')).toBe('2026-10-01');
    expect(firstDayOfPeriod('2026-07-01', 'quarter', 'America/Los_Angeles')).toBe('2026-07-01');
    expect(firstDayOfPeriod('2026-06-30', 'month', 'Pacific/Pago_Pago')).toBe('2026-06-01');
  });
});
