import type { ActivityEvent } from '@shared/domain';
import type { NewActivity, RecordActivity } from '../../../electron/core/services/support/activity-recorder';

/** An event outside the event map: a made-up name, any payload or none. */
type AnyActivity = Omit<NewActivity, 'type' | 'payload'> & { type: string; payload?: Record<string, unknown> };

/**
 * The recorder without the event map's types, for the tests of the recorder and of undo themselves, which
 * record made-up events and forged changes that no command could.
 */
export function untyped(record: RecordActivity): (event: AnyActivity) => ActivityEvent {
  return (event) => record({ payload: {}, ...event } as unknown as NewActivity);
}
