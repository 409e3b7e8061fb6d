/**
 * Result types of the wall's figures beyond the first three slides (shared KPI, SLA, lead quality,
 * meetings and actions, glossary, stand-up). Each figure is defined in shared/METRICS.md and computed in
 * electron/core/services; these are the shapes that cross the contract.
 */
import type { ActivityItem, Freshness, MoneyAmount, Period, PeriodKind, Team } from './domain';

/** On track when actual ≥ pace; otherwise behind by ⌈pace − actual⌉ (METRICS: pace). */
export type PaceStatus = 'on_track' | 'behind' | 'no_target';

export interface PaceFigure {
  actual: number;
  /** null when nobody entered a target for the period */
  target: number | null;
  /** target × elapsed working share; equals target at the end of the period */
  pace: number | null;
  /** working days elapsed ÷ working days in the period, 0…1 */
  elapsedShare: number;
  status: PaceStatus;
  /** ⌈pace − actual⌉ when behind, else null */
  behindBy: number | null;
}

export interface KpiTrendPoint {
  period: Period;
  actual: number;
  target: number | null;
}

export interface KpiResult {
  kpi: { id: string; name: string; description: string; unit: string };
  period: Period;
  figure: PaceFigure;
  /** new customers by the lead's source team; the two sum to figure.actual */
  split: { marketing: number; sales: number };
  /**
   * the last periods (at most six), oldest first, ending with the current one; none before the period of
   * the first lead, so that a young database shows fewer periods rather than months of zeros
   */
  trend: KpiTrendPoint[];
  freshness: Freshness;
}

export interface SlaTermsView {
  mqlsPerPeriod: number;
  periodKind: PeriodKind;
  followUpHours: number;
  businessHoursOnly: boolean;
  /** the follow-up compliance the room aims for, 0…1 (setting `slaComplianceTarget`, default 0.9) */
  complianceTarget: number;
}

/** Every breached MQL of one owner (the slide groups breaches this way when there are many). */
export interface SlaOwnerBreaches {
  ownerId: string | null;
  ownerName: string | null;
  /** breached MQLs of this owner */
  count: number;
  /** the due time of the longest overdue one */
  oldestDueAt: number;
}

/** An MQL waiting for (or overdue for) its first sales follow-up. */
export interface SlaLeadView {
  leadId: string;
  leadName: string;
  company: string | null;
  ownerId: string | null;
  ownerName: string | null;
  mqlAt: number;
  dueAt: number;
}

export interface SlaResult {
  /** null when no SLA has been agreed yet */
  terms: SlaTermsView | null;
  period: Period;
  /** marketing's side: MQLs delivered against the commitment, with pace */
  marketing: PaceFigure;
  /** sales' side over MQLs whose due time falls in the period (waiting ones not yet counted) */
  sales: { met: number; late: number; breached: number; waiting: number; compliance: number | null };
  /** no follow-up yet and not yet due, soonest due first (the slide shows a countdown) */
  waiting: SlaLeadView[];
  /** no follow-up yet and overdue, longest overdue first (the slide names the owner); at most a wall's worth */
  breaches: SlaLeadView[];
  /**
   * every breach the list is drawn from (not only the first ones listed), by owner: most breaches first,
   * then longest overdue, so that a wall short of space still accounts for each breach
   */
  breachesByOwner: SlaOwnerBreaches[];
  /** how many MQLs are breached and waiting in all (the lists may hold fewer) */
  open: { breached: number; waiting: number };
  freshness: Freshness;
}

export interface LeadQualitySource {
  campaignId: string | null;
  campaignName: string;
  sourceTeam: Team;
  reviews: number;
  averageRating: number;
  /** fewer than 3 reviews: shown greyed as "too few to judge" */
  tooFew: boolean;
}

export interface ReasonCount {
  code: string;
  label: string;
  count: number;
}

export interface LeadQualityResult {
  window: { days: number; from: number; to: number };
  sources: LeadQualitySource[];
  winReasons: ReasonCount[];
  lossReasons: ReasonCount[];
  freshness: Freshness;
}

/** How many of the last stand-ups the Meetings slide's trend shows. */
export const STANDUP_TREND_RUNS = 10;

export type MeetingKind = 'standup' | 'lead_review' | 'retro' | 'planning' | 'other';

/** One occurrence of a recurring meeting. */
export interface MeetingOccurrence {
  meetingId: string;
  kind: MeetingKind;
  title: string;
  startsAt: number;
  endsAt: number;
  /** the slides to show while the meeting runs; empty = the normal playlist */
  slideIds: string[];
}

export interface ActionItemView {
  id: string;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  ownerTeam: Team | null;
  dueOn: string | null;
  /** due date before today (room zone) and not done */
  overdue: boolean;
}

export interface MeetingsResult {
  /** today in the room's zone, 'YYYY-MM-DD' */
  today: string;
  /** today's occurrences in time order */
  meetings: MeetingOccurrence[];
  /** the next stand-up to start after now, looking up to 7 days ahead */
  nextStandup: MeetingOccurrence | null;
  /** occurrences starting within the next 24 h or running now, for banners and meeting slide sets */
  upcoming: MeetingOccurrence[];
  /** open retrospective action items, overdue first, then by due date */
  actionItems: ActionItemView[];
  /** the last stand-ups held (at most {@link STANDUP_TREND_RUNS}), oldest first: their recorded length */
  standupRuns: { startedAt: number; durationMs: number }[];
  /** the stand-up's planned length (its recurring meeting's), null without a recurring stand-up */
  standupPlannedMs: number | null;
  freshness: Freshness;
}

export interface GlossaryEntry {
  term: string;
  definition: string;
  version: number;
  changedAt: number;
  changedByName: string | null;
}

export interface GlossaryResult {
  terms: GlossaryEntry[];
  freshness: Freshness;
}

/** What changed since the previous working day's stand-up (or 24 h), for the stand-up view. */
export interface SinceYesterdayResult {
  since: number;
  counts: {
    newLeads: number;
    newMqls: number;
    newSqls: number;
    newDeals: number;
    dealsWon: number;
    dealsLost: number;
    newCustomers: number;
  };
  /** the notable events in that time (won and lost deals, new customers), newest first */
  highlights: ActivityItem[];
}

export interface MeetingRunView {
  id: string;
  meetingId: string | null;
  startedAt: number;
  endedAt: number;
  durationMs: number;
}

/** One won deal with its credit on both sides: the rep who closed it, the campaign and marketer who sourced it. */
export interface WinCredit {
  dealId: string;
  title: string;
  amountMinor: number;
  currency: string;
  closedAt: number;
  closingRepName: string | null;
  campaignName: string | null;
  marketerName: string | null;
  /** the deal's lead's source team; null for a deal without a lead */
  sourceTeam: Team | null;
}

/**
 * Joint credit for the period (METRICS: win rate, sourced revenue): both teams' contributions side by
 * side, per won deal rather than per person, so that the slide shows collaboration and ranks nobody.
 */
export interface JointCreditResult {
  period: Period;
  /** the room's currency, listed first in every amount list */
  currency: string;
  /** deals closed in the period: won ÷ (won + lost); rate null when none closed */
  winRate: { won: number; lost: number; rate: number | null };
  /**
   * won amount in the period by the deal's lead's source team, the room's currency first, other
   * currencies apart (never added); `unlinked` for won deals without a lead
   */
  sourcedRevenue: { marketing: MoneyAmount[]; sales: MoneyAmount[]; unlinked: MoneyAmount[] };
  /** sales' side: wins with a closing rep, and how many reps closed them */
  sales: { wins: number; people: number };
  /** marketing's side: wins credited to a campaign or a marketer, and how many campaigns and marketers */
  marketing: { wins: number; campaigns: number; people: number };
  /** wins that credit both a closing rep and a campaign or marketer */
  jointWins: number;
  /** the newest wins of the period with their credit, newest first (at most 8) */
  recentWins: WinCredit[];
  freshness: Freshness;
}
