/** The connection methods' services: stubs answering `unavailable` until the sync engine lands. */
import { ApiError, type MethodParsedInput } from '@shared/contract';
import type {
  ConnectionInfo,
  ConnectionStatus,
  ConnectionTest,
  CrmVendor,
  DisconnectResult,
  LinkResult,
  MappingPreview,
} from '@shared/connections';
import type { CoreContext } from '../context';

function notYet(): never {
  throw new ApiError('conflict', 'CRM connections are not available yet');
}

/** Every connection with its full status. */
export function listConnections(_ctx: CoreContext): ConnectionInfo[] {
  return [];
}
/** Every connection's public status. */
export function listConnectionStatus(_ctx: CoreContext): ConnectionStatus[] {
  return [];
}
/** Creates or changes a connection. */
export function saveConnection(_ctx: CoreContext, _input: MethodParsedInput<'connections.save'>): ConnectionInfo {
  return notYet();
}
/** Calls the CRM with the saved credentials. */
export async function testConnection(_ctx: CoreContext, _vendor: CrmVendor): Promise<ConnectionTest> {
  return notYet();
}
/** Suggests a stage and owner mapping from the CRM's metadata. */
export async function previewMapping(
  _ctx: CoreContext,
  _input: MethodParsedInput<'connections.previewMapping'>,
): Promise<MappingPreview> {
  return notYet();
}
/** Stores the confirmed mapping. */
export function confirmMapping(
  _ctx: CoreContext,
  _input: MethodParsedInput<'connections.confirmMapping'>,
): ConnectionInfo {
  return notYet();
}
/** Starts a sync now. */
export function syncConnectionNow(_ctx: CoreContext, _vendor: CrmVendor): ConnectionInfo {
  return notYet();
}
/** Pauses a connection. */
export function pauseConnection(_ctx: CoreContext, _vendor: CrmVendor): ConnectionInfo {
  return notYet();
}
/** Resumes a paused connection. */
export function resumeConnection(_ctx: CoreContext, _vendor: CrmVendor): ConnectionInfo {
  return notYet();
}
/** Forgets a connection, keeping its records. */
export function disconnectConnection(_ctx: CoreContext, _vendor: CrmVendor): DisconnectResult {
  return notYet();
}
/** Links or replaces entered deals that match synced ones. */
export function linkEnteredDeals(_ctx: CoreContext, _input: MethodParsedInput<'connections.linkEntered'>): LinkResult {
  return notYet();
}
