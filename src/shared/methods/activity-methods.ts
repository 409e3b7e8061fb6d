/** The activity log: the live feed the wall shows, and the undo list built on the same events. */
import { z } from 'zod';
import type { ActivityResult } from '../domain';
import type { HistoryEntry } from '../records';
import { id, listLimit, read, write } from './define';

export const activityListInput = z
  .object({
    limit: listLimit(200, 30),
    beforeSeq: z.number().int().positive().optional(),
  })
  .strict();

/** The activity domain: name (domain.verb) → kind, input schema, result type. */
export const activityMethods = {
  'activity.list': read<ActivityResult>('viewer')(activityListInput),
  /** the newest changes, for the undo list */
  'history.recent': read<HistoryEntry[]>('viewer')(z.object({ limit: listLimit(100, 20) }).strict()),
  /** undoes one change (the newest undoable one when no eventId is given); deletes are undone this way too */
  'history.undo': write<HistoryEntry>('admin')(z.object({ eventId: id.optional() }).strict()),
} as const;
