/**
 * The stand-up: what changed since the previous one ("since yesterday"), and recording a stand-up run from
 * presenter mode so that its length is kept and shows in the activity feed.
 */
import type { ActivityEventType } from '@shared/activity-events';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import type { MeetingRunView, SinceYesterdayResult } from '@shared/figures';
import type { CoreContext } from '../../context';
import { listActivityEventsOfTypesBetween, listUndoneEventIds } from '../../db/repositories/activity-repository';
import { withoutJournal } from '../../db/repositories/change-journal';
import { getMeeting, insertMeetingRun, listMeetings } from '../../db/repositories/meetings-repository';
import { getPerson } from '../../db/repositories/people-repository';
import { countChangesBetween } from '../../db/repositories/standup-repository';
import { runCommand } from '../support/activity-recorder';
import { describeActivity } from './activity-service';
import { isWorkingDate, localDate, localDayOf, localDayStart } from '@shared/calendar';
import { expandOccurrences } from '../support/meeting-occurrences';
import { getDisplaySettings } from '../support/settings-service';

const HOUR_MS = 3_600_000;
/** The activity the stand-up calls out: won and lost deals and new paying customers. */
export const HIGHLIGHT_TYPES = [
  'deal.won',
  'deal.lost',
  'lead.became_customer',
] as const satisfies readonly ActivityEventType[];
/** At most this many highlights. */
export const MAX_HIGHLIGHTS = 8;
/** How many days back the previous stand-up is looked for (meetings recur weekly). */
const STANDUP_LOOKBACK_DAYS = 7;

/**
 * Where "since yesterday" starts: the start of the previous working day's stand-up, i.e. the latest
 * occurrence of a stand-up meeting that started on a working day (Mon–Fri) before today in the room's zone
 * (on Monday, Friday's). Where the stand-up does not meet every working day, its latest such occurrence in
 * the past week. Without a stand-up meeting (or any such occurrence), 24 hours before now.
 */
export function sinceYesterdayStart(ctx: CoreContext): number {
  const now = ctx.clock.now();
  const { timezone } = getDisplaySettings(ctx);
  const standups = listMeetings(ctx.db).filter((meeting) => meeting.kind === 'standup');
  const today = localDayOf(now, timezone);
  const previous = expandOccurrences(
    standups,
    localDayStart(today.date, timezone, -STANDUP_LOOKBACK_DAYS),
    today.start,
    timezone,
  ).filter((occurrence) => isWorkingDate(localDate(occurrence.startsAt, timezone)));
  return previous[previous.length - 1]?.startsAt ?? now - 24 * HOUR_MS;
}

/**
 * What changed since the previous working day's stand-up (see {@link sinceYesterdayStart}) until now,
 * [since, now): leads that entered lead, MQL, SQL and customer; deals created, won and lost; and the
 * highlights, the won and lost deals and new customers from the activity log, newest first, at most 8,
 * in the words of the live feed. A highlight that was undone since (a win entered by mistake) is left out.
 */
export function getSinceYesterday(ctx: CoreContext): SinceYesterdayResult {
  const { db, clock } = ctx;
  const now = clock.now();
  const { currency } = getDisplaySettings(ctx);
  return db
    .transaction((): SinceYesterdayResult => {
      const since = sinceYesterdayStart(ctx);
      // Undone ones are dropped after the read; reading a few more keeps the list full unless many were undone.
      const candidates = listActivityEventsOfTypesBetween(db, {
        types: HIGHLIGHT_TYPES,
        from: since,
        to: now,
        limit: MAX_HIGHLIGHTS * 3,
      });
      const undone = listUndoneEventIds(db, candidates);
      const highlights = candidates
        .filter((event) => !undone.has(event.id))
        .slice(0, MAX_HIGHLIGHTS)
        .map((event) => ({ ...event, ...describeActivity(event, currency) }));
      return { since, counts: countChangesBetween(db, since, now), highlights };
    })
    .deferred();
}

/** A run is recorded when it ends; a wall that was offline may send it up to a week later. */
export const RUN_RECORD_WINDOW_MS = 7 * 86_400_000;
/** Clocks of the wall and the server may differ by this much. */
const CLOCK_SKEW_MS = 5 * 60_000;

function checkRunTimes(now: number, run: { startedAt: number; endedAt: number }): void {
  if (run.endedAt > now + CLOCK_SKEW_MS) {
    throw new ApiError('invalid_input', 'endedAt must not be in the future', 'endedAt');
  }
  if (run.startedAt < now - RUN_RECORD_WINDOW_MS) {
    throw new ApiError('invalid_input', 'startedAt must be within the last 7 days', 'startedAt');
  }
}

/**
 * Records a held meeting (a stand-up run from presenter mode) and its activity event in one transaction.
 * The event is 'standup.held' for a stand-up or a run without a meeting (an ad-hoc stand-up), and
 * 'meeting.held' for another kind of meeting; its payload carries the duration and the number of
 * speakers. An unknown or deleted `meetingId` or speaker fails with `not_found` naming the field, a run
 * that ends in the future or ended more than {@link RUN_RECORD_WINDOW_MS} ago with `invalid_input`, and
 * nothing is written. Speakers' times are not stored beyond the count: the wall shows how long the
 * meeting took.
 */
export function recordMeetingRun(ctx: CoreContext, input: MethodParsedInput<'meetings.recordRun'>): MeetingRunView {
  checkRunTimes(ctx.clock.now(), input);
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    input.speakers.forEach((speaker, index) => {
      if (!getPerson(db, speaker.personId)) {
        throw new ApiError('not_found', `There is no person "${speaker.personId}".`, `speakers.${index}.personId`);
      }
    });
    const meeting = input.meetingId === null ? null : (getMeeting(db, input.meetingId) ?? null);
    if (input.meetingId !== null && meeting === null) {
      throw new ApiError('not_found', `There is no meeting "${input.meetingId}".`, 'meetingId');
    }
    // A meeting held is a fact of the room, not an edit: it is not offered for undo.
    const run = withoutJournal(db, () =>
      insertMeetingRun(db, {
        meetingId: input.meetingId,
        startedAt: input.startedAt,
        endedAt: input.endedAt,
      }),
    );
    const durationMs = input.endedAt - input.startedAt;
    const isStandup = meeting === null || meeting.kind === 'standup';
    record({
      type: isStandup ? 'standup.held' : 'meeting.held',
      entity: 'meeting_run',
      entityId: run.id,
      payload: {
        runId: run.id,
        meetingId: meeting?.id ?? null,
        meetingTitle: meeting?.title ?? null,
        meetingKind: meeting?.kind ?? 'standup',
        startedAt: input.startedAt,
        endedAt: input.endedAt,
        durationMs,
        speakers: input.speakers.length,
      },
    });
    return { id: run.id, meetingId: run.meetingId, startedAt: input.startedAt, endedAt: input.endedAt, durationMs };
  });
}
