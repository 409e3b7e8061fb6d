/** Sprints and their goals: the current sprint the wall shows, and the sprints and goals the admin keeps. */
import { z } from 'zod';
import { SPRINT_GOAL_FIGURES, type SprintResult } from '../domain';
import type { SprintGoalRecord, SprintRecord } from '../records';
import { daysBetween } from '../calendar/days';
import { amount, byId, calendarDate, id, name, none, optionalId, read, write } from './define';

/** The longest sprint: a year (366 days in a leap year). */
export const MAX_SPRINT_DAYS = 366;

export const sprintSaveInput = z
  .object({ id: optionalId, name, startsOn: calendarDate, endsOn: calendarDate })
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
    /** a typed goal's value (default 0); refused for a goal tied to a figure, whose value is computed */
    current: amount.optional(),
    unit: z.string().trim().max(40, 'must be at most 40 characters').default(''),
    ownerIds: z.array(id).max(10, 'at most 10 owners').default([]),
    /** the figure the goal follows, null for a typed goal; omitted keeps a saved goal's choice */
    figure: z
      .enum(SPRINT_GOAL_FIGURES, { error: `must be one of ${SPRINT_GOAL_FIGURES.join(', ')}, or null` })
      .nullable()
      .optional(),
  })
  .strict();

export const goalProgressInput = z.object({ goalId: id, current: amount }).strict();

/** The sprints domain: name (domain.verb) → kind, input schema, result type. */
export const sprintsMethods = {
  'sprints.current': read<SprintResult>('viewer')(none),
  'sprints.list': read<SprintRecord[]>('viewer')(none),
  'sprints.save': write<SprintRecord>('admin')(sprintSaveInput),
  'sprints.delete': write<{ id: string }>('admin')(byId),
  'sprintGoals.save': write<SprintGoalRecord>('admin')(sprintGoalSaveInput),
  'sprintGoals.updateProgress': write<SprintGoalRecord>('admin')(goalProgressInput),
  'sprintGoals.delete': write<{ id: string }>('admin')(byId),
} as const;
