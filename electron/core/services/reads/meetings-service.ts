/**
 * The meetings-and-actions slide's figures and the meeting cadence the wall follows: today's meetings, the
 * countdown to the next stand-up, what starts soon (banners, meeting slide sets), and the open action items
 * from retrospectives. Meetings recur at a local time, so every occurrence is found in the room's zone.
 */
import { STANDUP_TREND_RUNS, type ActionItemView, type MeetingsResult } from '@shared/figures';
import type { CoreContext } from '../../context';
import { listMeetings, listRecentStandupRuns } from '../../db/repositories/meetings-repository';
import { getMeetingsLatestChange, listOpenActionItems } from '../../db/repositories/meetings-view-repository';
import { momentOf, type AsOf } from '../support/as-of';
import { describeFreshness } from '../support/freshness';
import { localDayOf } from '@shared/calendar';
import { expandOccurrences, occurrencesOverlapping } from '../support/meeting-occurrences';
import { getDisplaySettings } from '../support/settings-service';

const HOUR_MS = 3_600_000;
/** How far ahead `nextStandup` looks. */
export const NEXT_STANDUP_LOOKAHEAD_MS = 7 * 24 * HOUR_MS;
/** How far ahead `upcoming` looks. */
export const UPCOMING_LOOKAHEAD_MS = 24 * HOUR_MS;

/**
 * Today's meetings and open action items, in the room's zone:
 * - `meetings`: occurrences starting today (local day), in time order;
 * - `nextStandup`: the first stand-up occurrence starting after now, within 7 days, else null;
 * - `upcoming`: occurrences running now or starting within the next 24 hours, in time order;
 * - `actionItems`: open ones (not done, not deleted) with their owner's name and team, `overdue` when due
 *   before today, overdue ones first, then by due date (undated last).
 *
 * `asOf.at` makes "now" that moment (the weekly report: overdue at the end of the week); which items are
 * open is always the data as it stands.
 */
export function getMeetingsToday(ctx: CoreContext, asOf: Pick<AsOf, 'at'> = {}): MeetingsResult {
  const { db } = ctx;
  const now = momentOf(ctx, asOf);
  const { timezone } = getDisplaySettings(ctx);
  const today = localDayOf(now, timezone);

  return db
    .transaction((): MeetingsResult => {
      const meetings = listMeetings(db);
      const standups = meetings.filter((meeting) => meeting.kind === 'standup');
      // Starting strictly after now: a stand-up that begins this very millisecond is already running.
      const nextStandup =
        expandOccurrences(standups, now + 1, now + NEXT_STANDUP_LOOKAHEAD_MS + 1, timezone)[0] ?? null;
      const actionItems: ActionItemView[] = listOpenActionItems(db).map((item) => ({
        id: item.id,
        title: item.title,
        ownerId: item.ownerId,
        ownerName: item.ownerName,
        ownerTeam: item.ownerTeam,
        dueOn: item.dueOn,
        overdue: item.dueOn !== null && item.dueOn < today.date,
      }));
      // Stable sort: within each group the repository's order (due date, undated last) stays.
      actionItems.sort((a, b) => Number(b.overdue) - Number(a.overdue));
      return {
        today: today.date,
        meetings: expandOccurrences(meetings, today.start, today.end, timezone),
        nextStandup,
        upcoming: occurrencesOverlapping(meetings, now, now + UPCOMING_LOOKAHEAD_MS, timezone),
        actionItems,
        standupRuns: listRecentStandupRuns(db, STANDUP_TREND_RUNS),
        standupPlannedMs: standups.length === 0 ? null : standups[0]!.durationMin * 60_000,
        freshness: describeFreshness(db, now, getMeetingsLatestChange(db)),
      };
    })
    .deferred();
}
