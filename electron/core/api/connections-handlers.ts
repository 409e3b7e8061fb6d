/** Handlers of the CRM connection methods (src/shared/methods/connections-methods.ts). */
import type { connectionsMethods } from '@shared/methods/connections-methods';
import {
  confirmMapping,
  disconnectConnection,
  linkEnteredDeals,
  listConnections,
  listConnectionStatus,
  pauseConnection,
  previewMapping,
  resumeConnection,
  saveConnection,
  syncConnectionNow,
  testConnection,
} from '../connections/connection-service';
import type { HandlerGroup } from './handler-types';

/** CRM connections: connect, test, map, sync, pause, disconnect, link entered deals. */
export const connectionsHandlers = {
  'connections.list': (ctx) => listConnections(ctx),
  'connections.status': (ctx) => listConnectionStatus(ctx),
  'connections.save': (ctx, input) => saveConnection(ctx, input),
  'connections.test': (ctx, input) => testConnection(ctx, input.vendor),
  'connections.previewMapping': (ctx, input) => previewMapping(ctx, input),
  'connections.confirmMapping': (ctx, input) => confirmMapping(ctx, input),
  'connections.syncNow': (ctx, input) => syncConnectionNow(ctx, input.vendor),
  'connections.pause': (ctx, input) => pauseConnection(ctx, input.vendor),
  'connections.resume': (ctx, input) => resumeConnection(ctx, input.vendor),
  'connections.disconnect': (ctx, input) => disconnectConnection(ctx, input.vendor),
  'connections.linkEntered': (ctx, input) => linkEnteredDeals(ctx, input),
} satisfies HandlerGroup<typeof connectionsMethods>;
