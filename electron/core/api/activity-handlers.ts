/** Handlers of the activity methods (src/shared/methods/activity-methods.ts). */
import type { activityMethods } from '@shared/methods/activity-methods';
import { listActivity } from '../services/reads/activity-service';
import { listHistory, undo } from '../services/writes/undo-service';
import type { HandlerGroup } from './handler-types';

/** The live feed and the undo list. */
export const activityHandlers = {
  'activity.list': (ctx, input) => listActivity(ctx, input),
  'history.recent': (ctx, input) => listHistory(ctx, input),
  'history.undo': (ctx, input) => undo(ctx, input),
} satisfies HandlerGroup<typeof activityMethods>;
