/**
 * The one API contract between the renderer and the main side. Both transports (Electron IPC and
 * HTTP + SSE) carry exactly these methods and events; the main side validates every input against the
 * schemas here at runtime, because TypeScript types vanish there.
 */
import type { z } from 'zod';
import type { MethodAccess, MethodSpec } from './methods/define';
import { backupMethods } from './methods/backup-methods';
import { demoMethods } from './methods/demo-methods';
import { connectionMethods } from './methods/connection-methods';
import { displayMethods } from './methods/display-methods';
import { entryMethods } from './methods/entry-methods';
import { importMethods } from './methods/import-methods';
import { planningMethods } from './methods/planning-methods';
import { reportMethods } from './methods/report-methods';
import { setupMethods } from './methods/setup-methods';
import { sharingMethods } from './methods/sharing-methods';
import { creditMethods } from './methods/credit-methods';

export type { CallerLevel, CallerRole, CallRate, MethodAccess, MethodKind } from './methods/define';
export { mayCall } from './methods/define';
export { dealCreateInput, dealMoveStageInput, activityListInput, meetingRunInput } from './methods/display-methods';

/** The method map: name (domain.verb) → kind, input schema, result type; one group per area. */
export const apiMethods = {
  ...displayMethods,
  ...entryMethods,
  ...backupMethods,
  ...planningMethods,
  ...importMethods,
  ...setupMethods,
  ...sharingMethods,
  ...reportMethods,
  ...demoMethods,
  ...creditMethods,
  ...connectionMethods,
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
