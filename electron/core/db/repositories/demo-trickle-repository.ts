import type Database from 'better-sqlite3';
import { prepared } from './statements';

/** An open deal the demo can move, with the open stage after its own (null in the last open stage). */
export interface OpenDemoDeal {
  id: string;
  stageId: string;
  nextStageId: string | null;
  hasRep: number;
}

/**
 * Open deals (not deleted) furthest along the pipeline first, each with the next open stage: what a
 * simulated stage move or win picks from; with `movable`, only those that have a next open stage. At most
 * `limit`.
 */
export function listOpenDealsFurthestFirst(
  db: Database.Database,
  query: { limit: number; movable: boolean },
): OpenDemoDeal[] {
  return prepared(
    db,
    `SELECT * FROM (
       SELECT d.id, d.stage_id AS stageId, d.closing_rep_id IS NOT NULL AS hasRep, s.position, d.stage_entered_at,
              (SELECT n.id FROM pipeline_stages n
                WHERE n.kind = 'open' AND n.archived_at IS NULL AND n.position > s.position
                ORDER BY n.position LIMIT 1) AS nextStageId
         FROM deals d JOIN pipeline_stages s ON s.id = d.stage_id
        WHERE d.deleted_at IS NULL AND s.kind = 'open')
      WHERE @movable = 0 OR nextStageId IS NOT NULL
      ORDER BY position DESC, stage_entered_at, id
      LIMIT @limit`,
  ).all({ limit: query.limit, movable: query.movable ? 1 : 0 }) as OpenDemoDeal[];
}

/** The id of the pipeline's won stage (the first by position), or undefined. */
export function wonStageId(db: Database.Database): string | undefined {
  const row = prepared(
    db,
    `SELECT id FROM pipeline_stages WHERE kind = 'won' AND archived_at IS NULL ORDER BY position LIMIT 1`,
  ).get() as { id: string } | undefined;
  return row?.id;
}

/** MQLs (not deleted) still waiting for a first follow-up, oldest first, at most `limit`. */
export function listUnfollowedMqlIds(db: Database.Database, limit: number): string[] {
  return (
    prepared(
      db,
      `SELECT id FROM leads
        WHERE deleted_at IS NULL AND mql_at IS NOT NULL AND first_follow_up_at IS NULL AND disqualified_at IS NULL
        ORDER BY mql_at, id LIMIT ?`,
    ).all(limit) as { id: string }[]
  ).map((row) => row.id);
}
