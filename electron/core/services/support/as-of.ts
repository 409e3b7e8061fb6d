/**
 * "As of" a moment: the wall's figures are computed for now, and the weekly report asks the very same
 * services for the end of a past week. One option shape, so every service reads the moment the same way.
 */
import type { PeriodKind } from '@shared/domain';
import type { CoreContext } from '../../context';

/** When, and over which kind of period, a service computes its figures. */
export interface AsOf {
  /** the moment the figures are for (epoch ms); default: the clock's now */
  at?: number;
  /** the period kind instead of the setting's (the report asks for 'week'); default: the setting */
  periodKind?: PeriodKind;
}

/** The moment a service computes for: `asOf.at`, else the context's clock. */
export function momentOf(ctx: Pick<CoreContext, 'clock'>, asOf: AsOf | undefined): number {
  return asOf?.at ?? ctx.clock.now();
}
