/** Handlers of the SLA methods (src/shared/methods/sla-methods.ts). */
import type { slaMethods } from '@shared/methods/sla-methods';
import { listSlaTermsHistory, saveSlaTerms } from '../services/writes/sla-commands';
import { getSla } from '../services/reads/sla-service';
import type { HandlerGroup } from './handler-types';

/** The SLA figure and its terms. */
export const slaHandlers = {
  'sla.get': (ctx) => getSla(ctx),
  'sla.terms': (ctx) => listSlaTermsHistory(ctx),
  'sla.saveTerms': (ctx, input) => saveSlaTerms(ctx, input),
} satisfies HandlerGroup<typeof slaMethods>;
