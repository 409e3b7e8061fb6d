/** Handlers of the meeting methods (src/shared/methods/meetings-methods.ts). */
import type { meetingsMethods } from '@shared/methods/meetings-methods';
import { deleteMeeting, listMeetingRecords, saveMeeting } from '../services/writes/meeting-commands';
import { getMeetingsToday } from '../services/reads/meetings-service';
import { getSinceYesterday, recordMeetingRun } from '../services/reads/standup-service';
import type { HandlerGroup } from './handler-types';

/** Today's meetings, the stand-up, and the recurring meetings the admin keeps. */
export const meetingsHandlers = {
  'meetings.today': (ctx) => getMeetingsToday(ctx),
  'standup.since': (ctx) => getSinceYesterday(ctx),
  'meetings.recordRun': (ctx, input) => recordMeetingRun(ctx, input),
  'meetings.list': (ctx) => listMeetingRecords(ctx),
  'meetings.save': (ctx, input) => saveMeeting(ctx, input),
  'meetings.delete': (ctx, input) => deleteMeeting(ctx, input),
} satisfies HandlerGroup<typeof meetingsMethods>;
