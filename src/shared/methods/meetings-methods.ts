/**
 * Recurring meetings: today's meetings the wall announces, the stand-up it runs ("since yesterday" and the
 * run it records), and the meetings the admin keeps.
 */
import { z } from 'zod';
import type { MeetingRunView, MeetingsResult, SinceYesterdayResult } from '../figures';
import type { MeetingRecord } from '../records';
import { byId, clockTime, id, instant, name, none, optionalId, read, typedNumber, write } from './define';

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
            seconds: typedNumber
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

export const meetingSaveInput = z
  .object({
    id: optionalId,
    kind: z.enum(['standup', 'lead_review', 'retro', 'planning', 'other']),
    title: name,
    weekdays: z
      .array(z.number().int().min(1, 'must be 1 (Monday) to 7').max(7, 'must be 1 (Monday) to 7'))
      .min(1, 'pick at least one day'),
    startTime: clockTime,
    durationMin: z
      .number()
      .int('must be whole minutes')
      .min(1, 'must be at least 1 minute')
      .max(480, 'must be at most 8 hours'),
    slideIds: z.array(z.string().max(40)).max(20).default([]),
  })
  .strict();

/** The meetings domain: name (domain.verb) → kind, input schema, result type. */
export const meetingsMethods = {
  'meetings.today': read<MeetingsResult>('viewer')(none),
  'standup.since': read<SinceYesterdayResult>('viewer')(none),
  /** the wall records the stand-up it ran (S … Esc), so a viewer may; a few runs a minute at most */
  'meetings.recordRun': write<MeetingRunView>('viewer', { rate: { calls: 6, perMs: 60_000 } })(meetingRunInput),
  'meetings.list': read<MeetingRecord[]>('viewer')(none),
  'meetings.save': write<MeetingRecord>('admin')(meetingSaveInput),
  'meetings.delete': write<{ id: string }>('admin')(byId),
} as const;
