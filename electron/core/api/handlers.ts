/**
 * The main side of the contract: one handler per method of `apiMethods`. Handlers receive input that
 * dispatch has already validated, so they never see a malformed call; they stay one-liners that hand
 * over to a service or a repository, where the logic and the SQL live.
 */
import { backupHandlers } from './backup-handlers';
import { demoHandlers } from './demo-handlers';
import { creditHandlers } from './credit-handlers';
import { connectionHandlers } from './connection-handlers';
import { entryHandlers } from './entry-handlers';
import type { HandlerGroup, HandlerMap } from './handler-types';
import { importHandlers } from './import-handlers';
import { planningHandlers } from './planning-handlers';
import { reportHandlers } from './report-handlers';
import { setupHandlers } from './setup-handlers';
import { sharingHandlers } from './sharing-handlers';
import type { displayMethods } from '@shared/methods/display-methods';
import { listCampaigns } from '../db/repositories/campaigns-repository';
import { listPeople } from '../db/repositories/people-repository';
import { listPipelineStages } from '../db/repositories/pipeline-repository';
import { listActivity } from '../services/activity-service';
import { createDeal, listDealsWithSource, moveDealStage } from '../services/deal-commands';
import { getFunnel } from '../services/funnel-service';
import { listGlossary } from '../services/glossary-service';
import { getKpi } from '../services/kpi-service';
import { getLeadQuality } from '../services/lead-quality-service';
import { getMeetingsToday } from '../services/meetings-service';
import { getDisplaySettings, isDemoData } from '../services/settings-service';
import { getSla } from '../services/sla-service';
import { getCurrentSprint } from '../services/sprint-service';
import { getSinceYesterday, recordMeetingRun } from '../services/standup-service';

/** Handlers of the wall's own methods. */
const displayHandlers = {
  'app.info': (ctx) => ({
    ...ctx.app,
    machineId: ctx.machineId,
    // A damaged file may not even let the demo flag be read; the damage is what the wall must say then.
    demo: ctx.corrupt ? false : isDemoData(ctx.db),
    corrupt: ctx.corrupt ? { reason: ctx.corrupt.reason } : null,
  }),
  'settings.display': (ctx) => getDisplaySettings(ctx),
  'people.list': (ctx) => listPeople(ctx.db),
  'campaigns.list': (ctx) => listCampaigns(ctx.db),
  'pipeline.stages': (ctx) => listPipelineStages(ctx.db),
  'deals.list': (ctx, input) => listDealsWithSource(ctx, input),
  'funnel.get': (ctx) => getFunnel(ctx),
  'sprints.current': (ctx) => getCurrentSprint(ctx),
  'activity.list': (ctx, input) => listActivity(ctx, input),
  'kpi.get': (ctx) => getKpi(ctx),
  'sla.get': (ctx) => getSla(ctx),
  'leadQuality.get': (ctx) => getLeadQuality(ctx),
  'meetings.today': (ctx) => getMeetingsToday(ctx),
  'glossary.list': (ctx) => listGlossary(ctx),
  'standup.since': (ctx) => getSinceYesterday(ctx),
  'meetings.recordRun': (ctx, input) => recordMeetingRun(ctx, input),
  'deals.create': (ctx, input) => createDeal(ctx, input),
  'deals.moveStage': (ctx, input) => moveDealStage(ctx, input),
} satisfies HandlerGroup<typeof displayMethods>;

/** The handler map both transports dispatch to: every group of the contract. */
export const handlers = {
  ...displayHandlers,
  ...entryHandlers,
  ...backupHandlers,
  ...planningHandlers,
  ...importHandlers,
  ...setupHandlers,
  ...sharingHandlers,
  ...reportHandlers,
  ...demoHandlers,
  ...creditHandlers,
  ...connectionHandlers,
} satisfies HandlerMap;
