/**
 * The one API contract between the renderer and the main side. Both transports (Electron IPC and
 * HTTP + SSE) carry exactly these methods and events; the main side validates every input against the
 * schemas here at runtime, because TypeScript types vanish there.
 */
import type { z } from 'zod';
import type { MethodAccess, MethodSpec } from './methods/define';
import { activityMethods } from './methods/activity-methods';
import { adminMethods } from './methods/admin-methods';
import { backupsMethods } from './methods/backups-methods';
import { campaignsMethods } from './methods/campaigns-methods';
import { connectionsMethods } from './methods/connections-methods';
import { creditMethods } from './methods/credit-methods';
import { dealsMethods } from './methods/deals-methods';
import { demoMethods } from './methods/demo-methods';
import { funnelMethods } from './methods/funnel-methods';
import { glossaryMethods } from './methods/glossary-methods';
import { importExportMethods } from './methods/import-export-methods';
import { kpiMethods } from './methods/kpi-methods';
import { leadsMethods } from './methods/leads-methods';
import { meetingsMethods } from './methods/meetings-methods';
import { peopleMethods } from './methods/people-methods';
import { reportMethods } from './methods/report-methods';
import { retrospectivesMethods } from './methods/retrospectives-methods';
import { settingsMethods } from './methods/settings-methods';
import { setupMethods } from './methods/setup-methods';
import { sharingMethods } from './methods/sharing-methods';
import { slaMethods } from './methods/sla-methods';
import { sprintsMethods } from './methods/sprints-methods';

export type { CallerLevel, CallerRole, CallRate, MethodAccess, MethodKind } from './methods/define';
export { mayCall } from './methods/define';
export { dealCreateInput, dealMoveStageInput } from './methods/deals-methods';
export { activityListInput } from './methods/activity-methods';
export { meetingRunInput } from './methods/meetings-methods';

/** The method map: name (domain.verb) → kind, input schema, result type; one group per domain. */
export const apiMethods = {
  ...settingsMethods,
  ...peopleMethods,
  ...campaignsMethods,
  ...dealsMethods,
  ...leadsMethods,
  ...funnelMethods,
  ...kpiMethods,
  ...slaMethods,
  ...sprintsMethods,
  ...meetingsMethods,
  ...retrospectivesMethods,
  ...glossaryMethods,
  ...activityMethods,
  ...backupsMethods,
  ...adminMethods,
  ...importExportMethods,
  ...setupMethods,
  ...sharingMethods,
  ...reportMethods,
  ...demoMethods,
  ...creditMethods,
  ...connectionsMethods,
} as const satisfies Readonly<Record<string, MethodSpec<z.ZodType, unknown>>>;

export type ApiMethods = typeof apiMethods;
export type MethodName = keyof ApiMethods;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<ApiMethods[M]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type MethodParsedInput<M extends MethodName> = z.output<ApiMethods[M]['input']>;
export type MethodResult<M extends MethodName> = NonNullable<ApiMethods[M]['result']>;

/** Whether a method only reads. */
export function isReadMethod(method: MethodName): boolean {
  return !apiMethods[method].access.writes;
}

/** A method's declared access: who may call it, whether it writes, its input cap, its rate. */
export function methodAccess(method: MethodName): MethodAccess {
  return apiMethods[method].access;
}

/** Whether a string names a method of the contract. */
export function isMethodName(value: string): value is MethodName {
  return Object.prototype.hasOwnProperty.call(apiMethods, value);
}

export * from './api-error';
export * from './events';
