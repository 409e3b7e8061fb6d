/**
 * Data entry for the room's recurring meetings: stand-ups, lead reviews, retros, planning. Each
 * write is one {@link runCommand} transaction with one activity event carrying the raw `changes` for undo.
 */
import { uuidv7 } from 'uuidv7';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import type { MeetingEventPayload } from '@shared/activity-events';
import type { MeetingRecord } from '@shared/records';
import { isSlideId } from '@shared/slides';
import type { CoreContext } from '../../context';
import {
  getMeeting,
  insertMeeting,
  listMeetings,
  softDeleteMeeting,
  updateMeeting,
  type Meeting,
} from '../../db/repositories/meetings-repository';
import { runCommand } from '../support/activity-recorder';

/** Every meeting not deleted, by start time. */
export function listMeetingRecords(ctx: Pick<CoreContext, 'db'>): MeetingRecord[] {
  return listMeetings(ctx.db).map(toRecord);
}

/**
 * Creates a meeting (no id) or changes one (`not_found` on 'id'). Weekdays are stored sorted without
 * repeats; every slide id must name a slide of the wall (`invalid_input` on 'slideIds.N'). A save that
 * changes nothing records nothing. Event: 'meeting.saved' (`created` says which).
 */
export function saveMeeting(ctx: CoreContext, input: MethodParsedInput<'meetings.save'>): MeetingRecord {
  input.slideIds.forEach((slideId, index) => {
    if (!isSlideId(slideId)) {
      throw new ApiError(
        'invalid_input',
        `slideIds.${index} "${slideId}" is not a slide of the wall`,
        `slideIds.${index}`,
      );
    }
  });
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const existing = input.id == null ? null : getMeeting(db, input.id);
    if (existing === undefined) throw new ApiError('not_found', `there is no meeting "${input.id}"`, 'id');

    const meeting: Meeting = {
      id: existing?.id ?? uuidv7(),
      kind: input.kind,
      title: input.title,
      weekdays: [...new Set(input.weekdays)].sort((a, b) => a - b),
      startTime: input.startTime,
      durationMin: input.durationMin,
      slideIds: input.slideIds,
    };
    if (existing !== null && JSON.stringify(toRecord(existing)) === JSON.stringify(toRecord(meeting))) {
      return toRecord(existing);
    }
    if (existing === null) insertMeeting(db, meeting, now);
    else updateMeeting(db, meeting, now);
    record({
      type: 'meeting.saved',
      entity: 'meeting',
      entityId: meeting.id,
      payload: { ...snapshot(meeting), created: existing === null },
    });
    return toRecord(getMeeting(db, meeting.id)!);
  });
}

/** Deletes a meeting softly; `not_found` on 'id'. Event: 'meeting.deleted'. */
export function deleteMeeting(ctx: CoreContext, input: MethodParsedInput<'meetings.delete'>): { id: string } {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const meeting = getMeeting(db, input.id);
    if (meeting === undefined) throw new ApiError('not_found', `there is no meeting "${input.id}"`, 'id');
    softDeleteMeeting(db, meeting.id, ctx.clock.now());
    record({
      type: 'meeting.deleted',
      entity: 'meeting',
      entityId: meeting.id,
      payload: snapshot(meeting),
    });
    return { id: meeting.id };
  });
}

/** What a meeting's events carry: its record without the slides it shows. */
function snapshot(meeting: Meeting): MeetingEventPayload {
  const { id, kind, title, weekdays, startTime, durationMin } = toRecord(meeting);
  return { meetingId: id, kind, title, weekdays, startTime, durationMin };
}

function toRecord(meeting: Meeting): MeetingRecord {
  return {
    id: meeting.id,
    kind: meeting.kind,
    title: meeting.title,
    weekdays: meeting.weekdays,
    startTime: meeting.startTime,
    durationMin: meeting.durationMin,
    slideIds: meeting.slideIds,
  };
}
