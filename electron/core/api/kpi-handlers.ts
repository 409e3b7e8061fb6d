/** Handlers of the KPI methods (src/shared/methods/kpi-methods.ts). */
import type { kpiMethods } from '@shared/methods/kpi-methods';
import { listKpiTargetRecords, setKpiTarget } from '../services/writes/kpi-commands';
import { getKpi } from '../services/reads/kpi-service';
import type { HandlerGroup } from './handler-types';

/** The shared KPI and its targets. */
export const kpiHandlers = {
  'kpi.get': (ctx) => getKpi(ctx),
  'kpi.targets': (ctx) => listKpiTargetRecords(ctx),
  'kpi.setTarget': (ctx, input) => setKpiTarget(ctx, input),
} satisfies HandlerGroup<typeof kpiMethods>;
