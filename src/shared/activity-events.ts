/**
 * Every activity event the app records, by name, with the payload its writers put in it: the one list the
 * recorder, the feed's wording, the wall's feed, the celebrations and undo are checked against. Names are
 * past tense, `entity.verb`. A payload is a snapshot of what the wall needs to word the event without joins,
 * so a later rename does not rewrite history.
 *
 * Writers are held to these types (the recorder takes `ActivityEvents[K]` for an event `K`). Readers still
 * read payloads defensively: the log keeps events written by older versions, imports and CRM syncs, and a
 * newer writer's event must never break an older wall.
 */
import type { ActivityEvent, DealStatus, SprintGoalFigure, Team } from './domain';

/**
 * A companion event of a command (a win recorded beside the deal's creation, a lead becoming a customer
 * beside its deal's win) names the event of the same command that carries the changes, so that undoing that
 * event takes the companion off the feed too.
 */
export interface PartOfEvent {
  eventId: string;
  entity: string;
  entityId: string;
}

/** What the recorder may add to any payload. */
export interface RecordedPayloadExtras {
  /** the rows a command changed, for undo (activity-recorder.ts); displays never see it */
  changes?: readonly unknown[];
  /** set on the demo's simulated activity */
  demo?: true;
  /** on a companion event: the event of the same command that carries the changes */
  partOf?: PartOfEvent;
}

/**
 * A deal's snapshot with the names of what it refers to ('deal.*' events; deal-commands.ts). A type, not an
 * interface, so that it passes as a plain record where generated history is written in bulk.
 */
export type DealEventPayload = {
  dealId: string;
  title: string;
  amountMinor: number;
  currency: string;
  status: DealStatus;
  fromStageId: string | null;
  fromStageName: string | null;
  toStageId: string;
  toStageName: string;
  closingRepId: string | null;
  closingRepName: string | null;
  sourcingMarketerId: string | null;
  sourcingMarketerName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  leadId: string | null;
  leadName: string | null;
  closeReason: string | null;
  closeReasonLabel: string | null;
  /** 'deal.updated': the details that changed */
  changed?: string[];
  /** the changed columns, for a change of an existing deal */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** a deal from a CRM sync: its close note and the CRM it came from */
  closeNote?: string | null;
  source?: string;
  partOf?: PartOfEvent;
};

/** A lead that became a paying customer, with the won deal's credit ('lead.became_customer'). */
export type CustomerEventPayload = Omit<DealEventPayload, 'leadId' | 'leadName' | 'before' | 'after'> & {
  leadId: string;
  leadName: string;
  customerAt: number;
  before: { stage: string; customerAt: number | null };
  after: { stage: 'customer'; customerAt: number };
};

/** A lead's snapshot ('lead.*' events; lead-commands.ts). */
export interface LeadEventPayload {
  leadId: string;
  leadName: string;
  company: string | null;
  stage: string;
  sourceTeam: Team;
  campaignId: string | null;
  campaignName: string | null;
  marketerId: string | null;
  sourcingMarketerName: string | null;
  ownerId: string | null;
  ownerName: string | null;
}

/** A lead moved to another lifecycle stage, or disqualified. */
export interface LeadStagePayload extends LeadEventPayload {
  fromStage: string;
  fromStageLabel: string | undefined;
  toStage: string;
  toStageLabel: string | undefined;
  at: number;
  reason: string | null;
}

/** A lead's first follow-up. */
export interface LeadFollowedUpPayload extends LeadEventPayload {
  followedUpAt: number;
  mqlAt: number | null;
}

/** Sales' review of a lead's quality (lead-review-commands.ts). */
export interface LeadReviewedPayload {
  leadId: string;
  leadName: string;
  reviewId: string;
  rating: number;
  reasonCodes: string[];
  reasonLabels: string[];
  campaignId: string | null;
  campaignName: string | null;
  sourceTeam: Team;
  previousRating: number | null;
}

/** A person's snapshot ('person.*'). */
export interface PersonEventPayload {
  personId: string;
  name: string;
  team: Team;
}

/** A campaign's snapshot ('campaign.*'). */
export interface CampaignEventPayload {
  campaignId: string;
  name: string;
  campaignName: string;
  channel: string | null;
  sourceTeam: Team;
  ownerId: string | null;
  ownerName: string | null;
}

/** A sprint saved or removed. */
export interface SprintEventPayload {
  sprintId: string;
  name: string;
  startsOn?: string;
  endsOn?: string;
  created?: boolean;
}

/** A sprint goal's snapshot ('goal.*'; sprint-commands.ts). */
export interface GoalEventPayload {
  goalId: string;
  sprintId: string;
  sprintName: string | null;
  title: string;
  ownerTeam: string | null;
  current: number;
  target: number;
  unit: string | null;
  /** the figure a tied goal follows (absent or null: typed) */
  figure?: SprintGoalFigure | null;
  ownerIds?: string[];
  created?: boolean;
  /** 'goal.progressed': the figure before */
  previous?: number;
}

/** A retrospective saved. */
export interface RetrospectiveEventPayload {
  retrospectiveId: string;
  heldOn: string;
  sprintId: string | null;
  sprintName: string | null;
  created: boolean;
}

/** An action item's snapshot ('action_item.*'; retro-commands.ts). */
export interface ActionItemEventPayload {
  actionItemId: string;
  retrospectiveId: string | null;
  title: string;
  ownerId: string | null;
  ownerName: string | null;
  dueOn: string | null;
  doneAt: number | null;
  created?: boolean;
}

/** The SLA's terms as a payload holds them. */
export interface SlaTermsSnapshot {
  mqlsPerPeriod: number;
  periodKind: string;
  followUpHours: number;
  businessHoursOnly: boolean;
}

/** New SLA terms, with the ones they replace. */
export interface SlaTermsChangedPayload extends SlaTermsSnapshot {
  termsId: string;
  previous: SlaTermsSnapshot | null;
}

/** A shared KPI's target for one period. */
export interface KpiTargetSetPayload {
  kpiId: string;
  name: string;
  periodKind: string;
  periodStart: string;
  periodLabel: string;
  target: number;
  previousTarget: number | null;
}

/** A recurring meeting's snapshot ('meeting.saved', 'meeting.deleted'). */
export interface MeetingEventPayload {
  meetingId: string;
  kind: string;
  title: string;
  weekdays: readonly number[];
  startTime: string;
  durationMin: number;
  created?: boolean;
}

/** A stand-up or another meeting held (standup-service.ts). */
export interface MeetingHeldPayload {
  runId: string;
  meetingId: string | null;
  meetingTitle: string | null;
  meetingKind: string;
  startedAt: number;
  endedAt: number;
  durationMs: number;
  speakers: number;
}

/** A glossary term's new version. */
export interface GlossaryTermChangedPayload {
  term: string;
  version: number;
  definition: string;
  stageKey: string | null;
  previousDefinition: string | null;
}

/** Settings saved: which keys, and the values shown to displays (none for secrets). */
export interface SettingsChangedPayload {
  keys: string[];
  values: Record<string, unknown>;
}

/** The first-run setup finished (setup-service.ts); never the PIN. */
export interface SetupCompletedPayload {
  data: string;
  teamNames: Record<string, string>;
  periodKind: string;
  periodStart: string;
  periodLabel: string;
  target: number;
  slides: readonly string[];
}

/** Sharing on the local network switched or moved. */
export interface SharingChangedPayload {
  enabled: boolean;
  host: string;
  port: number;
}

/** A backup restored (backup-service.ts), or an export file loaded (export-service.ts). */
export type DataRestoredPayload =
  | {
      title: string;
      fileName: string;
      /** the backup's time in the room's zone, 'YYYY-MM-DD HH:mm' */
      backupTakenAt: string | null;
      safetyBackup: string | null;
      changes: [];
    }
  | { exportedAt: string; tables: number; rows: number };

/** A CSV import finished. */
export interface ImportCompletedPayload {
  fileName: string;
  format: string;
  target: string;
  imported: number;
  updated: number;
  peopleCreated: number;
  undoable: boolean;
}

/** What every CRM connection event names. */
export interface ConnectionEventPayload {
  vendor: string;
  label: string;
}

/** An undo: the undone event's id, type and snapshot (undo-service.ts); undoing it redoes the change. */
export interface ChangeUndonePayload {
  undoneEventId: string;
  undoneType: string;
  undonePayload: Record<string, unknown>;
}

/** Every activity event, by name, with its payload. */
export interface ActivityEvents {
  'deal.created': DealEventPayload;
  'deal.stage_changed': DealEventPayload;
  'deal.won': DealEventPayload;
  'deal.lost': DealEventPayload;
  'deal.updated': DealEventPayload;
  'deal.deleted': DealEventPayload;
  'lead.created': LeadEventPayload;
  'lead.updated': LeadEventPayload;
  'lead.deleted': LeadEventPayload;
  'lead.stage_changed': LeadStagePayload;
  'lead.disqualified': LeadStagePayload;
  'lead.followed_up': LeadFollowedUpPayload;
  'lead.became_customer': CustomerEventPayload;
  'lead.reviewed': LeadReviewedPayload;
  'person.created': PersonEventPayload;
  'person.updated': PersonEventPayload & { previousName: string; previousTeam: Team };
  'person.deleted': PersonEventPayload;
  'campaign.created': CampaignEventPayload;
  'campaign.updated': CampaignEventPayload;
  'campaign.deleted': CampaignEventPayload;
  'sprint.saved': SprintEventPayload;
  'sprint.deleted': SprintEventPayload;
  'goal.saved': GoalEventPayload;
  'goal.progressed': GoalEventPayload;
  'goal.deleted': GoalEventPayload;
  'retrospective.saved': RetrospectiveEventPayload;
  'action_item.saved': ActionItemEventPayload;
  'action_item.done': ActionItemEventPayload;
  'action_item.reopened': ActionItemEventPayload;
  'action_item.deleted': ActionItemEventPayload;
  'sla.terms_changed': SlaTermsChangedPayload;
  'kpi.target_set': KpiTargetSetPayload;
  'meeting.saved': MeetingEventPayload;
  'meeting.deleted': MeetingEventPayload;
  'standup.held': MeetingHeldPayload;
  'meeting.held': MeetingHeldPayload;
  'glossary.term_changed': GlossaryTermChangedPayload;
  'settings.changed': SettingsChangedPayload;
  'setup.completed': SetupCompletedPayload;
  'sharing.changed': SharingChangedPayload;
  'sharing.tokensRotated': Record<string, never>;
  'import.mapping_saved': { headers: number; target: string };
  'import.completed': ImportCompletedPayload;
  'data.restored': DataRestoredPayload;
  'data.demo_removed': { fileName: string; removedRows: number; changes: [] };
  'connection.created': ConnectionEventPayload & {
    credentialsChanged: boolean;
    baseUrl: string | null;
    pollIntervalSec: number | null;
  };
  'connection.updated': ActivityEvents['connection.created'];
  'connection.mapping_confirmed': ConnectionEventPayload & {
    stages: number;
    peopleCreated: number;
    rereadDeals: boolean;
  };
  'connection.paused': ConnectionEventPayload;
  'connection.resumed': ConnectionEventPayload;
  'connection.removed': ConnectionEventPayload & { keptRecords: number };
  'connection.entries_linked': ConnectionEventPayload & {
    linked: number;
    replaced: number;
    deals: (string | null)[];
  };
  'change.undone': ChangeUndonePayload;
}

/** The name of an activity event. */
export type ActivityEventType = keyof ActivityEvents;

// One entry per event, so that the list cannot miss a name of the map (nor hold one it does not have).
const EVENT_TYPES: { [K in ActivityEventType]: true } = {
  'deal.created': true,
  'deal.stage_changed': true,
  'deal.won': true,
  'deal.lost': true,
  'deal.updated': true,
  'deal.deleted': true,
  'lead.created': true,
  'lead.updated': true,
  'lead.deleted': true,
  'lead.stage_changed': true,
  'lead.disqualified': true,
  'lead.followed_up': true,
  'lead.became_customer': true,
  'lead.reviewed': true,
  'person.created': true,
  'person.updated': true,
  'person.deleted': true,
  'campaign.created': true,
  'campaign.updated': true,
  'campaign.deleted': true,
  'sprint.saved': true,
  'sprint.deleted': true,
  'goal.saved': true,
  'goal.progressed': true,
  'goal.deleted': true,
  'retrospective.saved': true,
  'action_item.saved': true,
  'action_item.done': true,
  'action_item.reopened': true,
  'action_item.deleted': true,
  'sla.terms_changed': true,
  'kpi.target_set': true,
  'meeting.saved': true,
  'meeting.deleted': true,
  'standup.held': true,
  'meeting.held': true,
  'glossary.term_changed': true,
  'settings.changed': true,
  'setup.completed': true,
  'sharing.changed': true,
  'sharing.tokensRotated': true,
  'import.mapping_saved': true,
  'import.completed': true,
  'data.restored': true,
  'data.demo_removed': true,
  'connection.created': true,
  'connection.updated': true,
  'connection.mapping_confirmed': true,
  'connection.paused': true,
  'connection.resumed': true,
  'connection.removed': true,
  'connection.entries_linked': true,
  'change.undone': true,
};

/** Some event names, checked against {@link ActivityEvents}: `EventNames<'deal.won' | 'deal.lost'>`. */
export type EventNames<T extends ActivityEventType> = T;

/** Every event name of {@link ActivityEvents}. */
export const ACTIVITY_EVENT_TYPES = Object.keys(EVENT_TYPES) as readonly ActivityEventType[];

/** Whether `type` is an event this version knows (the log may hold newer ones). */
export function isActivityEventType(type: string): type is ActivityEventType {
  return Object.hasOwn(EVENT_TYPES, type);
}

/** A stored event of type `K`, its payload as its writer typed it. */
export type ActivityEventOf<K extends ActivityEventType> = Omit<ActivityEvent, 'type' | 'payload'> & {
  type: K;
  payload: ActivityEvents[K] & RecordedPayloadExtras;
};

/** A stored event of any known type, discriminated by `type`. */
export type KnownActivityEvent = { [K in ActivityEventType]: ActivityEventOf<K> }[ActivityEventType];

/**
 * Whether `event` is of type `type` (one of `types`), narrowing it to that event's payload. The name is
 * checked against {@link ActivityEvents}, so a misspelt event name does not compile.
 */
export function isEventOf<E extends Pick<ActivityEvent, 'type'>, K extends ActivityEventType>(
  event: E,
  ...types: K[]
): event is E & { type: K; payload: ActivityEvents[K] & RecordedPayloadExtras } {
  return (types as string[]).includes(event.type);
}
