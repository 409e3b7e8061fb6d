/**
 * The one API contract between the renderer and the main side. Both transports (Electron IPC and
 * HTTP + SSE) carry exactly these methods and events; the main side validates every input against the
 * schemas here at runtime, because TypeScript types vanish there.
 */
import type { z } from 'zod';
import { backupMethods } from './methods/backup-methods';
import { connectionMethods } from './methods/connection-methods';
import { displayMethods } from './methods/display-methods';
import { entryMethods } from './methods/entry-methods';
import { importMethods } from './methods/import-methods';
import { planningMethods } from './methods/planning-methods';
import { setupMethods } from './methods/setup-methods';
import { sharingMethods } from './methods/sharing-methods';

export type { MethodKind } from './methods/define';
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
  ...connectionMethods,
} as const;

export type ApiMethods = typeof apiMethods;
export type MethodName = keyof ApiMethods;
/** What a caller passes (defaults may be omitted). */
export type MethodInput<M extends MethodName> = z.input<ApiMethods[M]['input']>;
/** What a handler receives after validation (defaults filled in). */
export type MethodParsedInput<M extends MethodName> = z.output<ApiMethods[M]['input']>;
export type MethodResult<M extends MethodName> = NonNullable<ApiMethods[M]['result']>;

/** Whether a method only reads. */
export function isReadMethod(method: MethodName): boolean {
  return apiMethods[method].kind === 'read';
}

/** Whether a string names a method of the contract. */
export function isMethodName(value: string): value is MethodName {
  return Object.prototype.hasOwnProperty.call(apiMethods, value);
}

export * from './api-error';
export * from './events';
