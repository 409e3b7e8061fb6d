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
import { currency, id, name, none, read, write } from './define';

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

/** Input of `meetings.recordRun`: a held meeting (e.g. a stand-up run from presenter mode). */
export const meetingRunInput = z
  .object({
    meetingId: id.nullable(),
    startedAt: z.number().int().positive(),
    endedAt: z.number().int().positive(),
    speakers: z.array(z.object({ personId: id, seconds: z.number().nonnegative().max(86_400) }).strict()).max(50),
  })
  .strict()
  .refine((run) => run.endedAt >= run.startedAt, { message: 'must not be before startedAt', path: ['endedAt'] });

/** The wall's methods: name (domain.verb) → kind, input schema, result type. */
export const displayMethods = {
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
  'kpi.get': read<KpiResult>()(none),
  'sla.get': read<SlaResult>()(none),
  'leadQuality.get': read<LeadQualityResult>()(none),
  'meetings.today': read<MeetingsResult>()(none),
  'glossary.list': read<GlossaryResult>()(none),
  'standup.since': read<SinceYesterdayResult>()(none),
  'meetings.recordRun': write<MeetingRunView>()(meetingRunInput),
  'deals.create': write<Deal>()(dealCreateInput),
  'deals.moveStage': write<Deal>()(dealMoveStageInput),
} as const;
