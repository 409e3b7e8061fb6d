/**
 * The live activity feed (METRICS: activity and freshness): the newest business events first, each turned into the
 * words a person reads on the wall. The words come from the event's own payload, a snapshot taken when it
 * happened, so a later rename does not rewrite history and no join is needed per event
 * (src/shared/describe-activity.ts).
 */
import type { ActivityResult } from '@shared/domain';
import { describeActivity } from '@shared/describe-activity';
import type { CoreContext } from '../../context';
import { FEED_EVENT_TYPES } from '@shared/feed';
import { getLatestActivityAt, listFeedEvents } from '../../db/repositories/activity-repository';
import { describeFreshness } from '../support/freshness';
import { getDisplaySettings } from '../support/settings-service';

/** Input of {@link listActivity}. */
export interface ListActivityInput {
  /** how many events, newest first */
  limit: number;
  /** only events older than this sequence number (paging back) */
  beforeSeq?: number;
}

/**
 * The feed of the business, newest first (by local sequence), each event with its headline and detail:
 * the event types of src/shared/feed.ts (deals, stage changes, follow-ups, reviews, stand-ups held), not
 * the bookkeeping that the admin's history lists, and nothing that was undone.
 */
export function listActivity(ctx: CoreContext, input: ListActivityInput): ActivityResult {
  const { db, clock } = ctx;
  const now = clock.now();
  const { currency } = getDisplaySettings(ctx);
  return db
    .transaction((): ActivityResult => {
      const options =
        input.beforeSeq === undefined
          ? { types: FEED_EVENT_TYPES, limit: input.limit }
          : { types: FEED_EVENT_TYPES, limit: input.limit, beforeSeq: input.beforeSeq };
      const items = listFeedEvents(db, options).map((event) => ({
        ...event,
        ...describeActivity(event, currency),
      }));
      return {
        items,
        freshness: describeFreshness(db, now, getLatestActivityAt(db)),
      };
    })
    .deferred();
}

/*
 * The wording of an event lives in src/shared so that the renderer can re-word events without names and
 * amounts in privacy mode; it is re-exported here for the server's callers.
 */
export { describeActivity, type ActivityDescription } from '@shared/describe-activity';
