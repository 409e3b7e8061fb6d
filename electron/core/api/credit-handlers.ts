/** Handlers of the joint credit methods (src/shared/methods/credit-methods.ts). */
import type { creditMethods } from '@shared/methods/credit-methods';
import { getJointCredit } from '../services/reads/joint-credit-service';
import type { HandlerGroup } from './handler-types';

/** Joint credit of the period. */
export const creditHandlers = {
  'credit.get': (ctx) => getJointCredit(ctx),
} satisfies HandlerGroup<typeof creditMethods>;
