/**
 * Small, readable data for the lead-quality, meetings and glossary slides' component tests. Times are
 * fixed in Berlin (the zone vitest pins); tests pin the clock with `vi.setSystemTime`.
 */
import type { Freshness } from '@shared/domain';
import type {
  ActionItemView,
  GlossaryEntry,
  GlossaryResult,
  LeadQualityResult,
  MeetingOccurrence,
  MeetingsResult,
} from '@shared/figures';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** An instant at hh:mm Berlin time (CET, UTC+1, in late November 2026) on the given November day. */
export function berlin(hour: number, minute = 0, day = 24): number {
  return Date.UTC(2026, 10, day, hour - 1, minute);
}

/** Tue 24 Nov 2026, 10:30 in Berlin. */
export const NOW = berlin(10, 30);

export const freshness: Freshness = { computedAt: NOW, latestChangeAt: NOW - 5 * MINUTE, source: 'Demo data' };

export function leadQuality(): LeadQualityResult {
  return {
    window: { days: 90, from: NOW - 90 * DAY, to: NOW },
    sources: [
      {
        campaignId: 'c-demo',
        campaignName: 'Website demo requests',
        sourceTeam: 'marketing',
        reviews: 12,
        averageRating: 4.5,
        tooFew: false,
      },
      {
        campaignId: 'c-out',
        campaignName: 'Outbound – mid-market',
        sourceTeam: 'sales',
        reviews: 8,
        averageRating: 3.25,
        tooFew: false,
      },
      {
        campaignId: 'c-partner',
        campaignName: 'Partner co-marketing',
        sourceTeam: 'marketing',
        reviews: 2,
        averageRating: 5,
        tooFew: true,
      },
      {
        campaignId: null,
        campaignName: 'No campaign',
        sourceTeam: 'sales',
        reviews: 1,
        averageRating: 2,
        tooFew: true,
      },
    ],
    winReasons: [
      { code: 'won_product_fit', label: 'Product fit', count: 9 },
      { code: 'won_speed', label: 'Speed of response', count: 4 },
    ],
    lossReasons: [
      { code: 'lost_price', label: 'Price too high', count: 7 },
      { code: 'lost_competitor', label: 'Chose a competitor', count: 5 },
      { code: 'lost_timing', label: 'Timing', count: 1 },
    ],
    freshness,
  };
}

export function emptyLeadQuality(): LeadQualityResult {
  return { ...leadQuality(), sources: [], winReasons: [], lossReasons: [] };
}

export function occurrence(
  meetingId: string,
  kind: MeetingOccurrence['kind'],
  title: string,
  startsAt: number,
  minutes: number,
): MeetingOccurrence {
  return { meetingId, kind, title, startsAt, endsAt: startsAt + minutes * MINUTE, slideIds: [] };
}

export const standupToday = occurrence('m-standup', 'standup', 'Daily stand-up', berlin(9, 30), 15);
export const standupTomorrow = occurrence('m-standup', 'standup', 'Daily stand-up', berlin(9, 30, 25), 15);
export const clinic = occurrence('m-clinic', 'other', 'Pipeline clinic', berlin(10, 15), 45);
export const leadReview = occurrence('m-review', 'lead_review', 'Weekly lead review', berlin(14), 45);

export const overdueItem: ActionItemView = {
  id: 'a-route',
  title: 'Route website demo requests to the rep on duty',
  ownerId: 'p-ana',
  ownerName: 'Ana Lima',
  ownerTeam: 'sales',
  dueOn: '2026-11-20',
  overdue: true,
};

export const openItem: ActionItemView = {
  id: 'a-sla',
  title: 'Review the follow-up SLA after two sprints',
  ownerId: 'p-tom',
  ownerName: 'Tom Berg',
  ownerTeam: 'marketing',
  dueOn: '2026-11-28',
  overdue: false,
};

export function meetings(overrides: Partial<MeetingsResult> = {}): MeetingsResult {
  return {
    today: '2026-11-24',
    meetings: [standupToday, clinic, leadReview],
    nextStandup: standupTomorrow,
    upcoming: [clinic, leadReview, standupTomorrow],
    actionItems: [overdueItem, openItem],
    // the last five stand-ups, 09:30 on the working days before Tue 24 Nov, 11 to 18 minutes long
    standupRuns: [14, 11, 18, 13, 12].map((minutes, i) => ({
      startedAt: Date.UTC(2026, 10, [17, 18, 19, 20, 23][i]!, 8, 30),
      durationMs: minutes * 60_000,
    })),
    standupPlannedMs: 15 * 60_000,
    freshness,
    ...overrides,
  };
}

export function emptyMeetings(): MeetingsResult {
  return meetings({ meetings: [], nextStandup: null, upcoming: [], actionItems: [], standupRuns: [] });
}

export function glossaryEntry(term: string, overrides: Partial<GlossaryEntry> = {}): GlossaryEntry {
  return {
    term,
    definition: `What both teams mean by ${term}.`,
    version: 1,
    changedAt: NOW - 40 * DAY,
    changedByName: 'Ana Lima',
    ...overrides,
  };
}

export function glossary(count = 3): GlossaryResult {
  const names = ['Lead', 'MQL', 'SQL', 'Opportunity', 'Paying customer', 'Follow-up', 'Win rate', 'Pace', 'SLA'];
  return {
    terms: names
      .slice(0, count)
      .map((term) =>
        term === 'MQL'
          ? glossaryEntry(term, { version: 2, changedAt: NOW - 3 * DAY, changedByName: 'Elena Rossi' })
          : glossaryEntry(term),
      ),
    freshness,
  };
}
