/**
 * Data entry for how the teams work together (issue 4): sprints and goals, retrospectives and action
 * items, the SLA terms, the shared KPI's targets, recurring meetings, the glossary, and the wall's settings.
 */
import { z } from 'zod';
import type { DisplaySettings } from '../domain';
import type {
  ActionItemRecord,
  GlossaryVersionRecord,
  KpiTargetRecord,
  MeetingRecord,
  RetrospectiveRecord,
  SlaTermsRecord,
  SprintGoalRecord,
  SprintRecord,
} from '../records';
import { daysBetween } from '../calendar/days';
import { CLOCK_SETTINGS } from '../format/room';
import { calendarDate, id, name, none, read, write } from './define';
import { teamNamesInput } from './setup-methods';

const optionalId = id.nullable().optional();
const byId = z.object({ id }).strict();
const date = calendarDate;
/** The longest sprint: a year (366 days in a leap year). */
export const MAX_SPRINT_DAYS = 366;
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:30');
const periodKind = z.enum(['week', 'month', 'quarter'], { error: 'must be week, month or quarter' });
const amount = z.number({ error: 'must be a number' }).finite('must be a number').nonnegative('must not be negative');
const slideIds = z.array(z.string().max(40)).max(20);
const longText = z.string().max(5000, 'must be at most 5000 characters');

export const sprintSaveInput = z
  .object({ id: optionalId, name, startsOn: date, endsOn: date })
  .strict()
  .refine((s) => s.endsOn >= s.startsOn, { message: 'must not be before the start date', path: ['endsOn'] })
  .refine((s) => s.endsOn < s.startsOn || daysBetween(s.startsOn, s.endsOn) < MAX_SPRINT_DAYS, {
    message: 'must be at most a year after the start date',
    path: ['endsOn'],
  });

export const sprintGoalSaveInput = z
  .object({
    id: optionalId,
    sprintId: id,
    title: name,
    ownerTeam: z.enum(['sales', 'marketing', 'joint'], { error: 'must be sales, marketing or joint' }),
    target: amount.positive('must be more than 0'),
    current: amount.default(0),
    unit: z.string().trim().max(40, 'must be at most 40 characters').default(''),
    ownerIds: z.array(id).max(10, 'at most 10 owners').default([]),
  })
  .strict();

export const goalProgressInput = z.object({ goalId: id, current: amount }).strict();

export const retrospectiveSaveInput = z
  .object({ id: optionalId, sprintId: optionalId, heldOn: date, wentWell: longText, toImprove: longText })
  .strict();

export const actionItemSaveInput = z
  .object({
    id: optionalId,
    retrospectiveId: optionalId,
    title: name,
    ownerId: optionalId,
    dueOn: date.nullable().optional(),
  })
  .strict();

/** New SLA terms take effect now; the previous terms stay in the history. */
export const slaTermsInput = z
  .object({
    mqlsPerPeriod: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(1_000_000),
    periodKind,
    followUpHours: z
      .number({ error: 'must be a number' })
      .positive('must be more than 0')
      .max(24 * 60, 'is too long'),
    businessHoursOnly: z.boolean().default(false),
  })
  .strict();

export const kpiTargetInput = z
  .object({ periodKind, periodStart: date, target: amount.max(1e9, 'is too large') })
  .strict();

export const meetingSaveInput = z
  .object({
    id: optionalId,
    kind: z.enum(['standup', 'lead_review', 'retro', 'planning', 'other']),
    title: name,
    weekdays: z
      .array(z.number().int().min(1, 'must be 1 (Monday) to 7').max(7, 'must be 1 (Monday) to 7'))
      .min(1, 'pick at least one day'),
    startTime: time,
    durationMin: z
      .number()
      .int('must be whole minutes')
      .min(1, 'must be at least 1 minute')
      .max(480, 'must be at most 8 hours'),
    slideIds: slideIds.default([]),
  })
  .strict();

/** A new definition adds a version; the previous one is kept. */
export const glossarySaveInput = z
  .object({
    term: name,
    definition: z.string().trim().min(1, 'is required').max(5000, 'must be at most 5000 characters'),
    stageKey: z.string().max(40).nullable().optional(),
  })
  .strict();

const timeWindow = z.object({ start: time, end: time }).strict();

/** Any subset of the display settings; omitted ones keep their value. */
export const settingsSaveInput = z
  .object({
    playlist: z
      .array(
        z
          .object({
            slideId: z.string().min(1).max(40),
            enabled: z.boolean(),
            durationSec: z.number().int('must be whole seconds').min(5, 'must be at least 5 seconds').max(3600),
          })
          .strict(),
      )
      .max(30),
    timezone: z.string().min(1).max(64),
    locale: z.string().min(2, 'must be a locale such as en-GB').max(35, 'must be a locale such as en-GB'),
    clock: z.enum(CLOCK_SETTINGS),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as EUR'),
    periodKind,
    theme: z.enum(['dark', 'light']),
    skipEmptySlides: z.boolean(),
    night: z.object({ enabled: z.boolean(), workday: timeWindow, weekends: z.boolean() }).strict(),
    burnIn: z
      .object({
        enabled: z.boolean(),
        maxShiftPx: z.number().int().min(0).max(40),
        everyMinutes: z.number().int().min(1).max(120),
      })
      .strict(),
    privacySchedule: timeWindow.nullable(),
    celebrations: z
      .object({
        enabled: z.boolean(),
        durationSec: z.number().int().min(3).max(120),
        batchWindowSec: z.number().int().min(0).max(3600),
        quietHours: timeWindow.nullable(),
      })
      .strict(),
    meetingBannerMinutes: z.number().int().min(0).max(120),
    standupSecondsPerSpeaker: z.number().int().min(15).max(1800),
    staleAfterHours: z
      .number()
      .positive()
      .max(24 * 365),
    teamNames: teamNamesInput,
    slaComplianceTarget: z
      .number({ error: 'must be a number' })
      .gt(0, 'must be more than 0 %')
      .max(1, 'must be at most 100 %'),
  })
  .partial()
  .strict();

export const planningMethods = {
  'sprints.list': read<SprintRecord[]>('viewer')(none),
  'sprints.save': write<SprintRecord>('admin')(sprintSaveInput),
  'sprints.delete': write<{ id: string }>('admin')(byId),
  'sprintGoals.save': write<SprintGoalRecord>('admin')(sprintGoalSaveInput),
  'sprintGoals.updateProgress': write<SprintGoalRecord>('admin')(goalProgressInput),
  'sprintGoals.delete': write<{ id: string }>('admin')(byId),
  'retros.list': read<RetrospectiveRecord[]>('viewer')(none),
  'retros.save': write<RetrospectiveRecord>('admin')(retrospectiveSaveInput),
  'actionItems.save': write<ActionItemRecord>('admin')(actionItemSaveInput),
  'actionItems.setDone': write<ActionItemRecord>('admin')(z.object({ id, done: z.boolean() }).strict()),
  'actionItems.delete': write<{ id: string }>('admin')(byId),
  'sla.terms': read<SlaTermsRecord[]>('viewer')(none),
  'sla.saveTerms': write<SlaTermsRecord>('admin')(slaTermsInput),
  'kpi.targets': read<KpiTargetRecord[]>('viewer')(none),
  'kpi.setTarget': write<KpiTargetRecord>('admin')(kpiTargetInput),
  'meetings.list': read<MeetingRecord[]>('viewer')(none),
  'meetings.save': write<MeetingRecord>('admin')(meetingSaveInput),
  'meetings.delete': write<{ id: string }>('admin')(byId),
  'glossary.history': read<GlossaryVersionRecord[]>('viewer')(z.object({ term: name }).strict()),
  'glossary.save': write<GlossaryVersionRecord>('admin')(glossarySaveInput),
  'settings.save': write<DisplaySettings>('admin')(settingsSaveInput),
} as const;
