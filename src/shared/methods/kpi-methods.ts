/** The shared KPI: the figure the wall shows and the targets per period behind it. */
import { z } from 'zod';
import type { KpiResult } from '../figures';
import type { KpiTargetRecord } from '../records';
import { amount, calendarDate, none, periodKind, read, write } from './define';

export const kpiTargetInput = z
  .object({ periodKind, periodStart: calendarDate, target: amount.max(1e9, 'is too large') })
  .strict();

/** The KPI domain: name (domain.verb) → kind, input schema, result type. */
export const kpiMethods = {
  'kpi.get': read<KpiResult>('viewer')(none),
  'kpi.targets': read<KpiTargetRecord[]>('viewer')(none),
  'kpi.setTarget': write<KpiTargetRecord>('admin')(kpiTargetInput),
} as const;
