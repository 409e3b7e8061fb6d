/** Handlers of the demo data methods (src/shared/methods/demo-methods.ts). */
import type { demoMethods } from '@shared/methods/demo-methods';
import { removeDemoData } from '../services/demo/demo-removal';
import type { HandlerGroup } from './handler-types';

/** Removing the demo data. */
export const demoHandlers = {
  'demo.remove': (ctx) => removeDemoData(ctx),
} satisfies HandlerGroup<typeof demoMethods>;
