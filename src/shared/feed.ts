/**
 * What the wall's live feed shows: the business — deals, stage changes, follow-ups, lead reviews, stand-ups
 * and meetings held. Settings, imports, planning edits, undo and other bookkeeping belong to the admin's
 * history, not the wall. Shared by the server (which lists the feed) and the renderer (which adds pushed
 * events to it), so that both keep the same events out.
 */
import type { ActivityEvent, Team } from './domain';

/** The event types the feed shows, and the team each belongs to ('joint' for both teams together). */
const FEED_TEAMS: Record<string, Team | 'joint' | 'by_stage'> = {
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
};

/** The event types of the feed, for the server's query. */
export const FEED_EVENT_TYPES: readonly string[] = Object.keys(FEED_TEAMS);

/** The lifecycle stages marketing owns by default (METRICS: owning team per stage); the rest are sales'. */
const MARKETING_STAGES = new Set(['lead', 'mql']);

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

/** Whether the feed shows events of this type. */
export function isFeedEvent(type: string): boolean {
  return Object.hasOwn(FEED_TEAMS, type);
}

/**
 * The team an event of the feed belongs to, shown by its colour and pattern: deals and follow-ups are
 * sales', new leads marketing's, a lead's stage move belongs to the team that owns the stage it moved to,
 * and a stand-up or meeting held is both teams' ('joint').
 */
export function feedTeam(event: Pick<ActivityEvent, 'type' | 'payload'>): Team | 'joint' {
  const team = FEED_TEAMS[event.type] ?? 'joint';
  if (team !== 'by_stage') return team;
  const stage = event.payload.toStage;
  return typeof stage === 'string' && MARKETING_STAGES.has(stage) ? 'marketing' : 'sales';
}

/** The event an undo names (`undoneEventId` of a 'change.undone' event), or null for any other event. */
export function undoneEventId(event: Pick<ActivityEvent, 'type' | 'payload'>): string | null {
  if (event.type !== 'change.undone') return null;
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
