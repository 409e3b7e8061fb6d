/**
 * The freshness line under every slide: where its figures come from and how old they are. Local data says
 * "Updated 2 min ago · Local database"; data synced from a CRM puts the source first, "HubSpot · 40 s ago",
 * its age counted from the last successful sync (the figures are as old as that, whenever they were
 * computed). A sync that has been failing for a long time adds a quiet note, so that a room notices the
 * wall stopped following the CRM without an alarm on the screen.
 */
import type { Freshness } from '@shared/domain';
import { vendorName, formatSyncAge } from './crm-words';
import { DEFAULT_ROOM_FORMAT, formatClock, formatRelative, type RoomFormat } from '@shared/format';

/** A sync failing for this long is mentioned under the slide; shorter hiccups retry unseen. */
export const LONG_FAILURE_MS = 10 * 60_000;

/** What a CRM connection tells the freshness line of a slide whose figures it feeds. */
export interface CrmFreshness {
  vendor: string;
  /** the last successful sync of what the slide reads; null before the first */
  syncedAt: number | null;
  /** when the current run of failed syncs began; null while syncs succeed */
  failingSince: number | null;
}

/** The freshness line's parts. */
export interface FreshnessWords {
  /** "Updated 2 min ago · Demo data" or "HubSpot · 40 s ago"; '' when there is nothing to say */
  line: string;
  /** the moment the age counts from (for the stale mark) */
  asOf: number | null;
  /** "HubSpot sync failing since 09:12", only after {@link LONG_FAILURE_MS} */
  failing: string;
}

/**
 * The freshness line for a slide's figures at `now`. `crm` lists the connections that feed this slide
 * (none for a slide of local data such as sprints); with them the line names each CRM with the age of
 * its last successful sync, and the stale mark counts from the oldest.
 */
export function freshnessWords(
  freshness: Freshness | null | undefined,
  now: number,
  crm: readonly CrmFreshness[] = [],
  room: RoomFormat = DEFAULT_ROOM_FORMAT,
): FreshnessWords {
  if (!freshness) return { line: '', asOf: null, failing: '' };
  if (crm.length > 0) {
    const line = crm
      .map((source) => {
        const age = source.syncedAt === null ? 'not synced yet' : formatSyncAge(source.syncedAt, now);
        return `${vendorName(source.vendor)} · ${age}`;
      })
      .join(' · ');
    const failing = crm
      .filter((source) => source.failingSince !== null && now - source.failingSince >= LONG_FAILURE_MS)
      .map((source) => `${vendorName(source.vendor)} sync failing since ${formatClock(source.failingSince!, room)}`)
      .join(' · ');
    const synced = crm.map((source) => source.syncedAt).filter((at): at is number => at !== null);
    return { line, asOf: synced.length > 0 ? Math.min(...synced) : null, failing };
  }
  const asOf = freshness.latestChangeAt ?? freshness.computedAt ?? null;
  if (asOf === null) return { line: '', asOf: null, failing: '' };
  const parts = [`Updated ${formatRelative(asOf, now)}`];
  if (freshness.source) parts.push(freshness.source);
  return { line: parts.join(' · '), asOf, failing: '' };
}
