/**
 * Data entry for the shared KPI's targets: one target per period, keyed by the period's kind and
 * first day in the room's zone, exactly as the KPI slide looks it up.
 */
import { TZDate } from '@date-fns/tz';
import { uuidv7 } from 'uuidv7';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import type { PeriodKind } from '@shared/domain';
import type { KpiTargetRecord } from '@shared/records';
import type { CoreContext } from '../../context';
import { getKpiDefinition } from '../../db/repositories/kpi-figures-repository';
import {
  getKpiTarget,
  listKpiTargets,
  NEW_PAYING_CUSTOMERS_KPI,
  upsertKpiTarget,
  type KpiTarget,
} from '../../db/repositories/kpi-repository';
import { runCommand } from '../support/activity-recorder';
import { localDate, periodContaining } from '@shared/calendar';
import { getDisplaySettings } from '../support/settings-service';

/** How a period's first day is described when a wrong one is given. */
const FIRST_DAY: Record<PeriodKind, string> = {
  week: 'a Monday',
  month: 'the 1st of a month',
  quarter: 'the 1st of January, April, July or October',
};

/** Every target of the shared KPI, by period start. */
export function listKpiTargetRecords(ctx: Pick<CoreContext, 'db'>): KpiTargetRecord[] {
  return listKpiTargets(ctx.db, NEW_PAYING_CUSTOMERS_KPI).map(toRecord);
}

/**
 * The first day ('YYYY-MM-DD') of the period of `kind` that contains the calendar date `date`, in
 * `timezone`: the Monday of its week, the 1st of its month, or the 1st of its quarter.
 */
export function firstDayOfPeriod(date: string, kind: PeriodKind, timezone: string): string {
  return localDate(periodContaining(noonOf(date, timezone), kind, timezone).start, timezone);
}

/** Noon of a calendar date in `timezone`: a local time every day has, whatever DST does to its early hours. */
function noonOf(date: string, timezone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(year, month - 1, day, 12, 0, 0, 0, timezone).getTime();
}

/**
 * Sets the target of the shared KPI for one period, replacing an earlier one. `periodStart` must be the
 * first day of a period of that kind in the room's zone, else `invalid_input` on 'periodStart' naming the
 * date that starts the period it falls in. Setting the same target again records nothing.
 * Event: 'kpi.target_set', with the previous target (null when there was none).
 */
export function setKpiTarget(ctx: CoreContext, input: MethodParsedInput<'kpi.setTarget'>): KpiTargetRecord {
  const timezone = getDisplaySettings(ctx).timezone;
  const expected = firstDayOfPeriod(input.periodStart, input.periodKind, timezone);
  if (expected !== input.periodStart) {
    throw new ApiError(
      'invalid_input',
      `periodStart must be the first day of a ${input.periodKind} (${FIRST_DAY[input.periodKind]}); ` +
        `the ${input.periodKind} of ${input.periodStart} starts on ${expected}`,
      'periodStart',
    );
  }
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const kpiId = NEW_PAYING_CUSTOMERS_KPI;
    const existing = getKpiTarget(db, kpiId, input.periodKind, input.periodStart) ?? null;
    if (existing !== null && existing.target === input.target) return toRecord(existing);

    const id = existing?.id ?? uuidv7();
    const saved = upsertKpiTarget(db, { kpiId, ...input, id }, ctx.clock.now());
    record({
      type: 'kpi.target_set',
      entity: 'kpi',
      entityId: kpiId,
      payload: {
        kpiId,
        name: getKpiDefinition(db, kpiId)?.name ?? 'New paying customers',
        periodKind: input.periodKind,
        periodStart: input.periodStart,
        periodLabel: periodContaining(noonOf(input.periodStart, timezone), input.periodKind, timezone).label,
        target: saved.target,
        previousTarget: existing?.target ?? null,
      },
    });
    return toRecord(saved);
  });
}

function toRecord(target: KpiTarget): KpiTargetRecord {
  return {
    kpiId: target.kpiId,
    periodKind: target.periodKind,
    periodStart: target.periodStart,
    target: target.target,
  };
}
