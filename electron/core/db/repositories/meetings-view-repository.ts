/**
 * Read-only queries behind the meetings-and-actions slide. Meetings and action items are few, so these
 * read rows; the write side lives in the meetings and retrospectives repositories.
 */
import type Database from 'better-sqlite3';
import type { Team } from '@shared/domain';
import { latestOf, prepared } from './statements';

/** An open action item with its owner's name and team. */
export interface OpenActionItemRow {
  id: string;
  title: string;
  /** null when unassigned or when the owner has been deleted (the item needs a new owner) */
  ownerId: string | null;
  ownerName: string | null;
  ownerTeam: Team | null;
  /** 'YYYY-MM-DD' in the room's zone */
  dueOn: string | null;
  createdAt: number;
}

/**
 * Action items that are open (not done, not deleted, and not from a deleted retrospective), by due date
 * with undated ones last, then oldest first. Since overdue items are exactly those due before today, this
 * order lists them first.
 */
export function listOpenActionItems(db: Database.Database): OpenActionItemRow[] {
  return prepared(
    db,
    `SELECT a.id, a.title, p.id AS ownerId, p.name AS ownerName, p.team AS ownerTeam, a.due_on AS dueOn,
            a.created_at AS createdAt
       FROM action_items a
       LEFT JOIN people p ON p.id = a.owner_id AND p.deleted_at IS NULL
       LEFT JOIN retrospectives r ON r.id = a.retrospective_id
       WHERE a.done_at IS NULL AND a.deleted_at IS NULL AND r.deleted_at IS NULL
       ORDER BY a.due_on IS NULL, a.due_on, a.created_at, a.id`,
  ).all() as OpenActionItemRow[];
}

/**
 * The latest change to anything the meetings slide shows (METRICS: data age): meetings and action items
 * (deleted and done ones too: a removal or a tick is a change) and the owners' names. Null when there is
 * nothing.
 */
export function getMeetingsLatestChange(db: Database.Database): number | null {
  return latestOf(db, [
    'SELECT MAX(updated_at) FROM meetings',
    'SELECT MAX(updated_at) FROM action_items',
    'SELECT MAX(ended_at) FROM meeting_runs',
    'SELECT MAX(p.updated_at) FROM people p JOIN action_items a ON a.owner_id = p.id',
  ]);
}
