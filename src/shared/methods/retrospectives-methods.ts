/** Retrospectives and the action items they produce. */
import { z } from 'zod';
import type { ActionItemRecord, RetrospectiveRecord } from '../records';
import { byId, calendarDate, id, name, none, optionalId, read, write } from './define';

const longText = z.string().max(5000, 'must be at most 5000 characters');

export const retrospectiveSaveInput = z
  .object({
    id: optionalId,
    sprintId: optionalId,
    heldOn: calendarDate,
    wentWell: longText,
    toImprove: longText,
  })
  .strict();

export const actionItemSaveInput = z
  .object({
    id: optionalId,
    retrospectiveId: optionalId,
    title: name,
    ownerId: optionalId,
    dueOn: calendarDate.nullable().optional(),
  })
  .strict();

/** The retrospectives domain: name (domain.verb) → kind, input schema, result type. */
export const retrospectivesMethods = {
  'retros.list': read<RetrospectiveRecord[]>('viewer')(none),
  'retros.save': write<RetrospectiveRecord>('admin')(retrospectiveSaveInput),
  'actionItems.save': write<ActionItemRecord>('admin')(actionItemSaveInput),
  'actionItems.setDone': write<ActionItemRecord>('admin')(z.object({ id, done: z.boolean() }).strict()),
  'actionItems.delete': write<{ id: string }>('admin')(byId),
} as const;
