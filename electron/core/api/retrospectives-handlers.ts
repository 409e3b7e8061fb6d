/** Handlers of the retrospective methods (src/shared/methods/retrospectives-methods.ts). */
import type { retrospectivesMethods } from '@shared/methods/retrospectives-methods';
import {
  deleteActionItem,
  listRetrospectiveRecords,
  saveActionItem,
  saveRetrospective,
  setActionItemDoneCommand,
} from '../services/writes/retro-commands';
import type { HandlerGroup } from './handler-types';

/** Retrospectives and their action items. */
export const retrospectivesHandlers = {
  'retros.list': (ctx) => listRetrospectiveRecords(ctx),
  'retros.save': (ctx, input) => saveRetrospective(ctx, input),
  'actionItems.save': (ctx, input) => saveActionItem(ctx, input),
  'actionItems.setDone': (ctx, input) => setActionItemDoneCommand(ctx, input),
  'actionItems.delete': (ctx, input) => deleteActionItem(ctx, input),
} satisfies HandlerGroup<typeof retrospectivesMethods>;
