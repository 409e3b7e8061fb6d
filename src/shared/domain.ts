/**
 * Domain types shared by the main side and the renderer. Plain data only: no DOM, no Node.
 * Times are epoch milliseconds (UTC); calendar dates are 'YYYY-MM-DD' in the room's time zone;
 * money is in minor units (cents) with its ISO 4217 currency.
 */
import type { ClockSetting } from './format/room';

export type Team = 'sales' | 'marketing';
export type LifecycleStage = 'lead' | 'mql' | 'sql' | 'opportunity' | 'customer';
export type LeadStage = LifecycleStage | 'disqualified';
export type DealStatus = 'open' | 'won' | 'lost';
/** The CRMs a connection syncs from (connections.ts has their labels and lists). */
export type CrmVendor = 'hubspot' | 'salesforce';
export type PeriodKind = 'week' | 'month' | 'quarter';

/** The lifecycle stages in funnel order. */
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['lead', 'mql', 'sql', 'opportunity', 'customer'];

/** What a person reads for each stage of a lead. */
export const LEAD_STAGE_NAMES: Record<LeadStage, string> = {
  lead: 'Lead',
  mql: 'MQL',
  sql: 'SQL',
  opportunity: 'Opportunity',
  customer: 'Customer',
  disqualified: 'Disqualified',
};

export interface Person {
  id: string;
  name: string;
  team: Team;
}

export interface Campaign {
  id: string;
  name: string;
  channel: string;
  sourceTeam: Team;
  ownerId: string | null;
}

export interface PipelineStage {
  id: string;
  name: string;
  position: number;
  kind: DealStatus;
}

export interface Deal {
  id: string;
  /** the CRM that keeps this deal (its fields are read-only here); absent or null for the room's own */
  syncedFrom?: CrmVendor | null;
  title: string;
  leadId: string | null;
  amountMinor: number;
  currency: string;
  stageId: string;
  status: DealStatus;
  closingRepId: string | null;
  sourcingMarketerId: string | null;
  campaignId: string | null;
  createdAt: number;
  closedAt: number | null;
  closeReason: string | null;
}

/** A calendar period in the room's time zone; `end` is exclusive. */
export interface Period {
  kind: PeriodKind;
  start: number;
  end: number;
  /** e.g. "November 2026", "Week 48, 2026", "Q4 2026" */
  label: string;
}

/** How old the data behind a figure is (METRICS: data age). */
export interface Freshness {
  /** when the slide's data was computed */
  computedAt: number;
  /** latest change to any row the slide reads, or null if it reads none */
  latestChangeAt: number | null;
  /** where the figures came from, e.g. "Local database" or "Demo data" */
  source: string;
}

export interface FunnelLifecycleRow {
  stage: LifecycleStage;
  label: string;
  ownerTeam: Team;
  /**
   * the bar's figure: leads whose latest reached stage is this one and that are not disqualified; for the
   * opportunity stage only those with an open deal (open opportunities); for the customer stage the new
   * customers of the period (see `measure`)
   */
  inStage: number;
  /** what `inStage` counts: the stage now, or (customers) the new ones of the period */
  measure: 'now' | 'new_in_period';
  /** leads whose entry time for this stage falls in the period */
  enteredInPeriod: number;
  /** the same count for the previous period up to the same point (like for like, see `comparison`) */
  enteredPreviousPeriod: number;
  /** opportunity stage only: leads whose deals were all lost, by the time of the last loss, this period */
  lostInPeriod: number | null;
  /** the same for the previous period up to the same point */
  lostPreviousPeriod: number | null;
  /** cohort conversion to any later stage over the window; null for the last stage or an empty cohort */
  conversionToNext: number | null;
  /** size of the cohort the conversion is computed over */
  cohortSize: number;
  /** median hours from entering this stage to entering the next reached stage, within the window */
  medianHoursInStage: number | null;
}

export interface MoneyAmount {
  currency: string;
  amountMinor: number;
}

export interface FunnelPipelineRow {
  stageId: string;
  name: string;
  position: number;
  openCount: number;
  /** the room currency first, other currencies separately, never added together */
  amounts: MoneyAmount[];
}

export interface FunnelResult {
  period: Period;
  /** the period before, for "change against the previous period" */
  previousPeriod: Period;
  /**
   * the stretch of the previous period the changes compare with: its start up to the same elapsed share of
   * working days as now (METRICS: like for like); `end` equals `previousPeriod.end` only once it is complete
   */
  comparison: { start: number; end: number };
  /** the follow-up target from the SLA, drawn at the MQL stage; null without SLA terms */
  slaFollowUpHours: number | null;
  /** whether those hours are business hours (docs/metrics.md, SLA); false without SLA terms */
  slaBusinessHoursOnly: boolean;
  /** the conversion cohort window, e.g. last 90 days */
  window: { days: number; from: number; to: number };
  currency: string;
  lifecycle: FunnelLifecycleRow[];
  pipeline: FunnelPipelineRow[];
  freshness: Freshness;
}

/**
 * The figures a sprint goal can be tied to (docs/metrics.md, sprints), each counted over the sprint's dates
 * with the wall's own definition; migration 0007 checks the same list.
 */
export const SPRINT_GOAL_FIGURES = [
  'mqls_delivered',
  'sqls',
  'new_customers',
  'lead_reviews',
  'follow_up_compliance',
] as const;
export type SprintGoalFigure = (typeof SPRINT_GOAL_FIGURES)[number];

/** What the wall and the admin call each figure a goal can be tied to (the glossary's words). */
export const SPRINT_GOAL_FIGURE_LABELS: Record<SprintGoalFigure, string> = {
  mqls_delivered: 'MQLs delivered',
  sqls: 'SQLs',
  new_customers: 'New paying customers',
  lead_reviews: 'Lead reviews done',
  follow_up_compliance: 'Follow-up compliance',
};

/** The unit a tied goal's value is in: compliance is a percentage, the others are counts. */
export const SPRINT_GOAL_FIGURE_UNITS: Record<SprintGoalFigure, string> = {
  mqls_delivered: 'MQLs',
  sqls: 'SQLs',
  new_customers: 'customers',
  lead_reviews: 'reviews',
  follow_up_compliance: '%',
};

export interface SprintGoalView {
  id: string;
  title: string;
  ownerTeam: Team | 'joint';
  owners: Person[];
  target: number;
  /** the typed value, or for a tied goal the figure over the sprint so far (0 while `awaiting`) */
  current: number;
  unit: string;
  /** current ÷ target; may exceed 1 */
  progress: number;
  /** the figure the goal's progress follows, or null for a typed goal */
  figure: SprintGoalFigure | null;
  /** a tied goal whose figure has nothing to measure yet (compliance before any MQL fell due, or no SLA) */
  awaiting: boolean;
}

export interface SprintView {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  /** working days from today to the end date, today included if a working day */
  daysLeft: number;
  goals: SprintGoalView[];
  /** METRICS burn-up: one point per sprint day; actual is null for days still ahead */
  burnUp: BurnUpPoint[];
}

export interface BurnUpPoint {
  date: string;
  actual: number | null;
  ideal: number;
}

export interface SprintResult {
  sprint: SprintView | null;
  freshness: Freshness;
}

export interface ActivityEvent {
  seq: number;
  id: string;
  at: number;
  machineId: string;
  type: string;
  entity: string;
  entityId: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

/** An activity event with the words a person reads on the wall. */
export interface ActivityItem extends ActivityEvent {
  /** e.g. "Deal won: Acme renewal — €12,000" */
  headline: string;
  /** e.g. "closed by Ana Lima · sourced by Webinar Q4 (Tom Berg)" */
  detail: string;
}

export interface ActivityResult {
  items: ActivityItem[];
  freshness: Freshness;
}

export interface PlaylistEntry {
  slideId: string;
  enabled: boolean;
  durationSec: number;
}

/** One day of the week from its start until a time, in the room's zone. */
export interface WeeklyMorning {
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
  /** 'HH:MM', exclusive: "until 12:00" shows at 11:59 and not at 12:00 */
  until: string;
}

/** A daily time window in the room's zone, 'HH:MM' to 'HH:MM' (may wrap past midnight). */
export interface TimeWindow {
  start: string;
  end: string;
}

export interface DisplaySettings {
  playlist: PlaylistEntry[];
  timezone: string;
  /** the room's locale for dates, times and numbers, a BCP 47 tag such as "en-GB" or "de-DE" */
  locale: string;
  /** 24-hour or 12-hour clock, or as the locale writes times */
  clock: ClockSetting;
  currency: string;
  periodKind: PeriodKind;
  theme: 'dark' | 'light';
  /** skip a slide that has nothing to show instead of saying so */
  skipEmptySlides: boolean;
  /** off hours: outside `workday` and, if set, on weekends the wall shows a dark screen with a small clock */
  night: { enabled: boolean; workday: TimeWindow; weekends: boolean };
  /** burn-in protection: the layout drifts by up to `maxShiftPx` every `everyMinutes` */
  burnIn: { enabled: boolean; maxShiftPx: number; everyMinutes: number };
  /** privacy mode (no names, no amounts) during this window every day, besides the P key */
  privacySchedule: TimeWindow | null;
  /** when the "Last week" slide, once switched on in the playlist, is in the rotation */
  lastWeekSlide: WeeklyMorning;
  /** won-deal celebrations: bursts within `batchWindowSec` become one; none during quiet hours */
  celebrations: { enabled: boolean; durationSec: number; batchWindowSec: number; quietHours: TimeWindow | null };
  /** minutes before a meeting when its banner appears */
  meetingBannerMinutes: number;
  /** seconds each speaker gets in the stand-up */
  standupSecondsPerSpeaker: number;
  /** a slide's data counts as stale after this many hours without a change */
  staleAfterHours: number;
  /** what the two teams are called on the wall (the data's vocabulary stays sales/marketing) */
  teamNames: { sales: string; marketing: string };
  /** the SLA follow-up compliance the room aims for, 0…1; the SLA slide shows compliance against it */
  slaComplianceTarget: number;
}

export interface AppInfo {
  name: string;
  version: string;
  /** changes every time the server starts: a browser that sees a new one reloads itself */
  bootId: string;
  machineId: string;
  /** true while the database holds the generated demo data */
  demo: boolean;
  /**
   * Set when the database file failed its check at start: it is open read-only (writes are refused) until
   * a backup is restored in Admin → Backups; `reason` is what SQLite found.
   */
  corrupt: { reason: string } | null;
}
