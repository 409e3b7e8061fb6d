/** Handlers of the funnel methods (src/shared/methods/funnel-methods.ts). */
import type { funnelMethods } from '@shared/methods/funnel-methods';
import { getFunnel } from '../services/reads/funnel-service';
import type { HandlerGroup } from './handler-types';

/** The funnel from lead to customer. */
export const funnelHandlers = {
  'funnel.get': (ctx) => getFunnel(ctx),
} satisfies HandlerGroup<typeof funnelMethods>;
