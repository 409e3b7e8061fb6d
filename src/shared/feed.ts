/**
 * What the wall's live feed shows: the business — deals, stage changes, follow-ups, lead reviews, stand-ups
 * and meetings held. Settings, imports, planning edits, undo and other bookkeeping belong to the admin's
 * history, not the wall. Shared by the server (which lists the feed) and the renderer (which adds pushed
 * events to it), so that both keep the same events out.
 */
import { isEventOf, type ActivityEventType } from './activity-events';
import type { ActivityEvent, Team } from './domain';

export type { PartOfEvent } from './activity-events';

/**
 * For every event, the team it belongs to on the feed ('joint' for both teams together), or null for an
 * event the feed leaves out: a new event must say whether the wall shows it.
 */
const FEED_TEAMS: Record<ActivityEventType, Team | 'joint' | 'by_stage' | null> = {
  'deal.created': 'sales',
  'deal.stage_changed': 'sales',
  'deal.won': 'sales',
  'deal.lost': 'sales',
  'lead.created': 'marketing',
  'lead.stage_changed': 'by_stage',
  'lead.disqualified': 'sales',
  'lead.followed_up': 'sales',
  'lead.became_customer': 'sales',
  'lead.reviewed': 'sales',
  'standup.held': 'joint',
  'meeting.held': 'joint',
  'deal.updated': null,
  'deal.deleted': null,
  'lead.updated': null,
  'lead.deleted': null,
  'person.created': null,
  'person.updated': null,
  'person.deleted': null,
  'campaign.created': null,
  'campaign.updated': null,
  'campaign.deleted': null,
  'sprint.saved': null,
  'sprint.deleted': null,
  'goal.saved': null,
  'goal.progressed': null,
  'goal.deleted': null,
  'retrospective.saved': null,
  'action_item.saved': null,
  'action_item.done': null,
  'action_item.reopened': null,
  'action_item.deleted': null,
  'sla.terms_changed': null,
  'kpi.target_set': null,
  'meeting.saved': null,
  'meeting.deleted': null,
  'glossary.term_changed': null,
  'settings.changed': null,
  'setup.completed': null,
  'sharing.changed': null,
  'sharing.tokensRotated': null,
  'import.mapping_saved': null,
  'import.completed': null,
  'data.restored': null,
  'data.demo_removed': null,
  'connection.created': null,
  'connection.updated': null,
  'connection.mapping_confirmed': null,
  'connection.paused': null,
  'connection.resumed': null,
  'connection.removed': null,
  'connection.entries_linked': null,
  'change.undone': null,
};

/** The event types of the feed, for the server's query. */
export const FEED_EVENT_TYPES: readonly ActivityEventType[] = (Object.keys(FEED_TEAMS) as ActivityEventType[]).filter(
  (type) => FEED_TEAMS[type] !== null,
);

/** The lifecycle stages marketing owns by default (METRICS: owning team per stage); the rest are sales'. */
const MARKETING_STAGES = new Set(['lead', 'mql']);

/** Whether the feed shows events of this type. */
export function isFeedEvent(type: string): boolean {
  return Object.hasOwn(FEED_TEAMS, type) && FEED_TEAMS[type as ActivityEventType] !== null;
}

/**
 * The team an event of the feed belongs to, shown by its colour and pattern: deals and follow-ups are
 * sales', new leads marketing's, a lead's stage move belongs to the team that owns the stage it moved to,
 * and a stand-up or meeting held is both teams' ('joint').
 */
export function feedTeam(event: Pick<ActivityEvent, 'type' | 'payload'>): Team | 'joint' {
  const team = FEED_TEAMS[event.type as ActivityEventType] ?? 'joint';
  if (team !== 'by_stage') return team;
  const stage = event.payload.toStage;
  return typeof stage === 'string' && MARKETING_STAGES.has(stage) ? 'marketing' : 'sales';
}

/** The event an undo names (`undoneEventId` of a 'change.undone' event), or null for any other event. */
export function undoneEventId(event: Pick<ActivityEvent, 'type' | 'payload'>): string | null {
  if (!isEventOf(event, 'change.undone')) return null;
  const id = event.payload.undoneEventId;
  return typeof id === 'string' ? id : null;
}

/** The id of the event a companion event is part of, or null. */
export function partOfEventId(event: Pick<ActivityEvent, 'payload'>): string | null {
  const part = event.payload.partOf;
  if (part === null || typeof part !== 'object') return null;
  const id = (part as Record<string, unknown>).eventId;
  return typeof id === 'string' ? id : null;
}
