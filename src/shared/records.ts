/**
 * Records the admin side reads and edits: what a form shows for each entity. Times are epoch ms
 * (UTC); calendar dates 'YYYY-MM-DD'; money in minor units.
 */
import type { CrmVendor, LeadStage, PeriodKind, SprintGoalFigure, Team } from './domain';
import type { MeetingKind } from './figures';

export interface LeadRecord {
  id: string;
  /** the CRM that keeps this lead (its fields are read-only here); absent or null for the room's own */
  syncedFrom?: CrmVendor | null;
  name: string;
  company: string | null;
  stage: LeadStage;
  sourceTeam: Team;
  campaignId: string | null;
  marketerId: string | null;
  ownerId: string | null;
  leadAt: number;
  mqlAt: number | null;
  sqlAt: number | null;
  opportunityAt: number | null;
  customerAt: number | null;
  disqualifiedAt: number | null;
  firstFollowUpAt: number | null;
}

/** A lead waiting in lead review mode, with what the reviewer needs to judge it. */
export interface ReviewQueueItem {
  lead: LeadRecord;
  campaignName: string | null;
  ownerName: string | null;
  /** the existing review, when the lead was reviewed already */
  review: { rating: number; reasonCodes: string[]; notes: string } | null;
}

export interface ReasonCodeRecord {
  code: string;
  kind: 'review' | 'won' | 'lost';
  label: string;
}

export interface SprintRecord {
  id: string;
  name: string;
  startsOn: string;
  endsOn: string;
  goals: SprintGoalRecord[];
}

export interface SprintGoalRecord {
  id: string;
  sprintId: string;
  title: string;
  ownerTeam: Team | 'joint';
  target: number;
  /** the typed value, or for a tied goal the figure's live value over the sprint so far */
  current: number;
  unit: string;
  ownerIds: string[];
  /** the figure the goal's progress follows, or null for a typed goal */
  figure: SprintGoalFigure | null;
  /** a tied goal whose figure has nothing to measure yet (see SprintGoalView) */
  awaiting: boolean;
}

export interface RetrospectiveRecord {
  id: string;
  sprintId: string | null;
  heldOn: string;
  wentWell: string;
  toImprove: string;
  actionItems: ActionItemRecord[];
}

export interface ActionItemRecord {
  id: string;
  retrospectiveId: string | null;
  title: string;
  ownerId: string | null;
  dueOn: string | null;
  doneAt: number | null;
}

export interface SlaTermsRecord {
  id: string;
  validFrom: number;
  mqlsPerPeriod: number;
  periodKind: PeriodKind;
  followUpHours: number;
  businessHoursOnly: boolean;
}

export interface KpiTargetRecord {
  kpiId: string;
  periodKind: PeriodKind;
  periodStart: string;
  target: number;
}

export interface MeetingRecord {
  id: string;
  kind: MeetingKind;
  title: string;
  /** ISO weekdays, 1 = Monday */
  weekdays: number[];
  startTime: string;
  durationMin: number;
  slideIds: string[];
}

export interface GlossaryVersionRecord {
  term: string;
  version: number;
  definition: string;
  stageKey: string | null;
  changedAt: number;
  changedBy: string | null;
}

/** One change in the history the admin can undo. */
export interface HistoryEntry {
  /** the activity event that recorded the change */
  eventId: string;
  seq: number;
  at: number;
  type: string;
  entity: string;
  entityId: string;
  /** e.g. "Deal moved to Proposal: Acme renewal" */
  summary: string;
  /** false when a later change to the same row makes undoing this one unsafe, or it was undone already */
  undoable: boolean;
}
