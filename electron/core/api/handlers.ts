/**
 * The main side of the contract: one handler per method of `apiMethods`. Handlers receive input that
 * dispatch has already validated, so they never see a malformed call; they stay one-liners that hand
 * over to a service or a repository, where the logic and the SQL live.
 */
import type { MethodName, MethodParsedInput, MethodResult } from '@shared/contract';
import type { AppInfo } from '@shared/domain';
import type { CoreContext } from '../context';
import { listCampaigns } from '../db/repositories/campaigns-repository';
import { listDeals } from '../db/repositories/deals-repository';
import { listPeople } from '../db/repositories/people-repository';
import { listPipelineStages } from '../db/repositories/pipeline-repository';
import { listActivity } from '../services/activity-service';
import { createDeal, moveDealStage } from '../services/deal-commands';
import { getFunnel } from '../services/funnel-service';
import { getDisplaySettings, isDemoData } from '../services/settings-service';
import { getCurrentSprint } from '../services/sprint-service';

/** What stays the same while this process runs: reported by `app.info` and the SSE greeting. */
export type AppIdentity = Pick<AppInfo, 'name' | 'version' | 'bootId'>;

/** The context handlers run in: the core's, plus who this running server is. */
export interface ApiContext extends CoreContext {
  app: AppIdentity;
}

/** One handler: validated input in, the contract's result out (sync or async). */
export type Handler<M extends MethodName> = (
  ctx: ApiContext,
  input: MethodParsedInput<M>,
) => MethodResult<M> | Promise<MethodResult<M>>;

/** A handler for every method of the contract; a missing or mistyped one fails the type check. */
export type HandlerMap = { [M in MethodName]: Handler<M> };

/** The handler map both transports dispatch to. */
export const handlers = {
  'app.info': (ctx) => ({ ...ctx.app, machineId: ctx.machineId, demo: isDemoData(ctx.db) }),
  'settings.display': (ctx) => getDisplaySettings(ctx),
  'people.list': (ctx) => listPeople(ctx.db),
  'campaigns.list': (ctx) => listCampaigns(ctx.db),
  'pipeline.stages': (ctx) => listPipelineStages(ctx.db),
  'deals.list': (ctx, input) => listDeals(ctx.db, input),
  'funnel.get': (ctx) => getFunnel(ctx),
  'sprints.current': (ctx) => getCurrentSprint(ctx),
  'activity.list': (ctx, input) => listActivity(ctx, input),
  'deals.create': (ctx, input) => createDeal(ctx, input),
  'deals.moveStage': (ctx, input) => moveDealStage(ctx, input),
} satisfies HandlerMap;
