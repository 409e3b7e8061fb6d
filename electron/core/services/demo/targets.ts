/** The demo agreements: the SLA terms and the KPI targets, set near what the generated data reaches. */
import { TZDate } from '@date-fns/tz';
import { format, getDaysInMonth, startOfMonth, subMonths } from 'date-fns';
import { NEW_PAYING_CUSTOMERS_KPI, upsertKpiTarget } from '../../db/repositories/kpi-repository';
import { insertSlaTerms } from '../../db/repositories/sla-repository';
import { DAY, HISTORY_DAYS } from './calendar';
import type { DemoRun } from './demo-run';

/** Writes the SLA terms both teams agreed on. */
export function writeSlaTerms(run: DemoRun): void {
  // Marketing commits a little more than it has been delivering, so the slide shows a real gap.
  const perMonth = (run.summary.mqls / (HISTORY_DAYS / 30)) * 1.1;
  const mqlsPerPeriod = Math.max(10, Math.round(perMonth / 10) * 10);
  insertSlaTerms(
    run.db,
    {
      id: run.ids.next(),
      validFrom: run.calendar.days[0]!.start,
      mqlsPerPeriod,
      periodKind: 'month',
      followUpHours: 24,
    },
    run.setupAt,
  );
}

/** Writes the KPI's monthly targets, set near what the generated customers reach. */
export function writeKpiTargets(run: DemoRun): void {
  const thisMonth = startOfMonth(new TZDate(run.now, run.tz));
  // Two months ago the team beat its target, last month it missed it, this month is open.
  const factors = [0.9, 1.15];
  const perDay = customersInRange(run, run.now - 60 * DAY, run.now) / 60;
  for (let back = 2; back >= 0; back--) {
    const start = subMonths(thisMonth, back);
    const end = subMonths(thisMonth, back - 1);
    const actual = customersInRange(run, start.getTime(), end.getTime());
    const target =
      back === 0
        ? Math.max(1, Math.round(perDay * getDaysInMonth(start) * 1.08))
        : Math.max(1, Math.round(actual * factors[2 - back]!));
    upsertKpiTarget(
      run.db,
      {
        id: run.ids.next(),
        kpiId: NEW_PAYING_CUSTOMERS_KPI,
        periodKind: 'month',
        periodStart: format(start, 'yyyy-MM-dd'),
        target,
      },
      Math.min(run.now, start.getTime() + 2 * DAY),
    );
  }
}

/** new paying customers with customer_at in [from, to) by whole local days */
export function customersInRange(run: DemoRun, from: number, to: number): number {
  let sum = 0;
  run.calendar.days.forEach((day, index) => {
    if (day.start >= from && day.start < to) sum += run.customersByDay[index]!;
  });
  return sum;
}
