/**
 * The main side of the contract: one handler per method of `apiMethods`, one file per domain. Handlers
 * receive input that dispatch has already validated, so they never see a malformed call; they stay
 * one-liners that hand over to a service or a repository, where the logic and the SQL live.
 */
import { activityHandlers } from './activity-handlers';
import { adminHandlers } from './admin-handlers';
import { backupsHandlers } from './backups-handlers';
import { campaignsHandlers } from './campaigns-handlers';
import { connectionsHandlers } from './connections-handlers';
import { creditHandlers } from './credit-handlers';
import { dealsHandlers } from './deals-handlers';
import { demoHandlers } from './demo-handlers';
import { funnelHandlers } from './funnel-handlers';
import { glossaryHandlers } from './glossary-handlers';
import type { HandlerMap } from './handler-types';
import { importExportHandlers } from './import-export-handlers';
import { kpiHandlers } from './kpi-handlers';
import { leadsHandlers } from './leads-handlers';
import { meetingsHandlers } from './meetings-handlers';
import { peopleHandlers } from './people-handlers';
import { reportHandlers } from './report-handlers';
import { retrospectivesHandlers } from './retrospectives-handlers';
import { settingsHandlers } from './settings-handlers';
import { setupHandlers } from './setup-handlers';
import { sharingHandlers } from './sharing-handlers';
import { slaHandlers } from './sla-handlers';
import { sprintsHandlers } from './sprints-handlers';

/** The handler map both transports dispatch to: every domain of the contract. */
export const handlers = {
  ...settingsHandlers,
  ...peopleHandlers,
  ...campaignsHandlers,
  ...dealsHandlers,
  ...leadsHandlers,
  ...funnelHandlers,
  ...kpiHandlers,
  ...slaHandlers,
  ...sprintsHandlers,
  ...meetingsHandlers,
  ...retrospectivesHandlers,
  ...glossaryHandlers,
  ...activityHandlers,
  ...backupsHandlers,
  ...adminHandlers,
  ...importExportHandlers,
  ...setupHandlers,
  ...sharingHandlers,
  ...reportHandlers,
  ...demoHandlers,
  ...creditHandlers,
  ...connectionsHandlers,
} satisfies HandlerMap;
