/** Handlers of the deal methods (src/shared/methods/deals-methods.ts). */
import type { dealsMethods } from '@shared/methods/deals-methods';
import { listPipelineStages } from '../db/repositories/pipeline-repository';
import {
  createDeal,
  deleteDeal,
  listDealsWithSource,
  moveDealStage,
  updateDeal,
} from '../services/writes/deal-commands';
import type { HandlerGroup } from './handler-types';

/** The pipeline's stages and the deals moving through them. */
export const dealsHandlers = {
  'pipeline.stages': (ctx) => listPipelineStages(ctx.db),
  'deals.list': (ctx, input) => listDealsWithSource(ctx, input),
  'deals.create': (ctx, input) => createDeal(ctx, input),
  'deals.moveStage': (ctx, input) => moveDealStage(ctx, input),
  'deals.update': (ctx, input) => updateDeal(ctx, input),
  'deals.delete': (ctx, input) => deleteDeal(ctx, input),
} satisfies HandlerGroup<typeof dealsMethods>;
