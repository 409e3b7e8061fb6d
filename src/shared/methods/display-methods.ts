/** Methods of the wall itself: settings, the figures of every slide, the live feed, and the first write path. */
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
} from '../domain';
import type {
  GlossaryResult,
  KpiResult,
  LeadQualityResult,
  MeetingRunView,
  MeetingsResult,
  SinceYesterdayResult,
  SlaResult,
} from '../figures';
import { currency, id, instant, name, none, read, write } from './define';

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

/**
 * Input of `deals.moveStage`. A move to a won or lost stage closes the deal with the reason; a move to a
 * won stage names the closing rep when the deal has none yet (or to change who closed it).
 */
export const dealMoveStageInput = z
  .object({
    dealId: id,
    stageId: id,
    reason: z.string().max(64).nullable().optional(),
    closingRepId: id.optional(),
  })
  .strict();

export const activityListInput = z
  .object({
    limit: z.number().int().min(1).max(200).default(30),
    beforeSeq: z.number().int().positive().optional(),
  })
  .strict();

/** The longest meeting run recorded: a workday. */
export const MAX_MEETING_RUN_MS = 12 * 3_600_000;

/** Input of `meetings.recordRun`: a held meeting (e.g. a stand-up run from presenter mode). */
export const meetingRunInput = z
  .object({
    meetingId: id.nullable(),
    startedAt: instant,
    endedAt: instant,
    speakers: z
      .array(
        z
          .object({
            personId: id,
            seconds: z
              .number({ error: 'must be a number' })
              .nonnegative('must not be negative')
              .max(MAX_MEETING_RUN_MS / 1000, 'must be at most 12 hours'),
          })
          .strict(),
      )
      .max(50, 'at most 50 speakers'),
  })
  .strict()
  .refine((run) => run.endedAt >= run.startedAt, { message: 'must not be before startedAt', path: ['endedAt'] })
  .refine((run) => run.endedAt - run.startedAt <= MAX_MEETING_RUN_MS, {
    message: 'must be at most 12 hours after startedAt',
    path: ['endedAt'],
  });

/** The wall's methods: name (domain.verb) → kind, input schema, result type. */
export const displayMethods = {
  'app.info': read<AppInfo>('viewer')(none),
  'settings.display': read<DisplaySettings>('viewer')(none),
  'people.list': read<Person[]>('viewer')(none),
  'campaigns.list': read<Campaign[]>('viewer')(none),
  'pipeline.stages': read<PipelineStage[]>('viewer')(none),
  'deals.list': read<Deal[]>('viewer')(
    z
      .object({
        status: z.enum(['open', 'won', 'lost']).optional(),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  'funnel.get': read<FunnelResult>('viewer')(none),
  'sprints.current': read<SprintResult>('viewer')(none),
  'activity.list': read<ActivityResult>('viewer')(activityListInput),
  'kpi.get': read<KpiResult>('viewer')(none),
  'sla.get': read<SlaResult>('viewer')(none),
  'leadQuality.get': read<LeadQualityResult>('viewer')(none),
  'meetings.today': read<MeetingsResult>('viewer')(none),
  'glossary.list': read<GlossaryResult>('viewer')(none),
  'standup.since': read<SinceYesterdayResult>('viewer')(none),
  /** the wall records the stand-up it ran (S … Esc), so a viewer may; a few runs a minute at most */
  'meetings.recordRun': write<MeetingRunView>('viewer', { rate: { calls: 6, perMs: 60_000 } })(meetingRunInput),
  'deals.create': write<Deal>('admin')(dealCreateInput),
  'deals.moveStage': write<Deal>('admin')(dealMoveStageInput),
} as const;
