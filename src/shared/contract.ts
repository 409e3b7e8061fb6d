/**
 * The one API contract between the renderer and the main side. Both transports (Electron IPC and
 * HTTP + SSE) carry exactly these methods and events; the main side validates every input against the
 * schemas here at runtime, because TypeScript types vanish there.
 */
import { z } from 'zod';
import type {
  ActivityResult,
  AppInfo,
  Campaign,
  Deal,
  DisplaySettings,
  FunnelResult,
  Person,
  PipelineStage,
  SprintResult,
} from './domain';

/** Reads may be served to any viewer; writes need an admin (enforced by the transports). */
export type MethodKind = 'read' | 'write';

interface MethodSpec<I extends z.ZodType, R> {
  kind: MethodKind;
  input: I;
  /** phantom field that carries the result type; never set at runtime */
  readonly result?: R;
}

function read<R>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ kind: 'read', input });
}
function write<R>() {
  return <I extends z.ZodType>(input: I): MethodSpec<I, R> => ({ kind: 'write', input });
}

const id = z.string().min(1, 'is required').max(64, 'is too long');
const name = z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters');
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR');
const none = z.object({}).strict();

/** Input of `deals.create`. Amount in minor units (cents) so that no float rounding reaches the database. */
export const dealCreateInput = z
  .object({
    title: name,
    amountMinor: z
      .number({ error: 'must be a number' })
      .int('must be a whole number of cents')
      .nonnegative('must not be negative')
      .max(1e13, 'is too large'),
    currency,
    stageId: id,
    closingRepId: id.nullable().optional(),
    sourcingMarketerId: id.nullable().optional(),
    campaignId: id.nullable().optional(),
    leadId: id.nullable().optional(),
  })
  .strict();

/** Input of `deals.moveStage`. A move to a won or lost stage closes the deal with the reason. */
export const dealMoveStageInput = z
  .object({
    dealId: id,
    stageId: id,
    reason: z.string().max(64).nullable().optional(),
  })
  .strict();

export const activityListInput = z
  .object({
    limit: z.number().int().min(1).max(200).default(30),
    beforeSeq: z.number().int().positive().optional(),
  })
  .strict();

/** The method map: name (domain.verb) → kind, input schema, result type. */
export const apiMethods = {
  'app.info': read<AppInfo>()(none),
  'settings.display': read<DisplaySettings>()(none),
  'people.list': read<Person[]>()(none),
  'campaigns.list': read<Campaign[]>()(none),
  'pipeline.stages': read<PipelineStage[]>()(none),
  'deals.list': read<Deal[]>()(
    z
      .object({
        status: z.enum(['open', 'won', 'lost']).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  'funnel.get': read<FunnelResult>()(none),
  'sprints.current': read<SprintResult>()(none),
  'activity.list': read<ActivityResult>()(activityListInput),
  'deals.create': write<Deal>()(dealCreateInput),
  'deals.moveStage': write<Deal>()(dealMoveStageInput),
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
