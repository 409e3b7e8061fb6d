/** Handlers of the first-run setup (src/shared/methods/setup-methods.ts). */
import type { setupMethods } from '@shared/methods/setup-methods';
import { completeSetup, getSetupStatus } from '../services/writes/setup-service';
import type { HandlerGroup } from './handler-types';

/** The first-run setup: whether it is needed, and completing it. */
export const setupHandlers = {
  'setup.status': (ctx) => getSetupStatus(ctx),
  'setup.complete': (ctx, input) => completeSetup(ctx, input),
} satisfies HandlerGroup<typeof setupMethods>;
