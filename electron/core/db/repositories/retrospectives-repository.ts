import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { journalRow } from './change-journal';
import { getLiveRow, softDeleteLiveRow, updateLiveRow } from './live-rows';
import { prepared } from './statements';

export interface Retrospective {
  id: string;
  sprintId: string | null;
  /** 'YYYY-MM-DD' in the room's zone */
  heldOn: string;
  wentWell: string;
  toImprove: string;
  createdAt: number;
}

export interface ActionItem {
  id: string;
  retrospectiveId: string | null;
  title: string;
  ownerId: string | null;
  /** 'YYYY-MM-DD' in the room's zone */
  dueOn: string | null;
  doneAt: number | null;
  createdAt: number;
}

const RETRO_COLUMNS =
  'id, sprint_id AS sprintId, held_on AS heldOn, went_well AS wentWell, to_improve AS toImprove, created_at AS createdAt';
const ITEM_COLUMNS = `id, retrospective_id AS retrospectiveId, title, owner_id AS ownerId, due_on AS dueOn,
  done_at AS doneAt, created_at AS createdAt`;

/** Adds a retrospective; `id` defaults to a new UUIDv7. */
export function insertRetrospective(
  db: Database.Database,
  retro: { id?: string; sprintId?: string | null; heldOn: string; wentWell?: string; toImprove?: string },
  at: number,
): Retrospective {
  const row: Retrospective = {
    id: retro.id ?? uuidv7(),
    sprintId: retro.sprintId ?? null,
    heldOn: retro.heldOn,
    wentWell: retro.wentWell ?? '',
    toImprove: retro.toImprove ?? '',
    createdAt: at,
  };
  journalRow(db, 'retrospectives', row.id);
  prepared(
    db,
    `INSERT INTO retrospectives (id, sprint_id, held_on, went_well, to_improve, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.id, row.sprintId, row.heldOn, row.wentWell, row.toImprove, at, at);
  return row;
}

/** One retrospective not deleted, or undefined. */
export function getRetrospective(db: Database.Database, id: string): Retrospective | undefined {
  return getLiveRow<Retrospective>(db, 'retrospectives', RETRO_COLUMNS, id);
}

/** Every retrospective not deleted, the latest first. */
export function listRetrospectives(db: Database.Database): Retrospective[] {
  return prepared(
    db,
    `SELECT ${RETRO_COLUMNS} FROM retrospectives WHERE deleted_at IS NULL ORDER BY held_on DESC, id DESC`,
  ).all() as Retrospective[];
}

/** Adds an action item; `id` defaults to a new UUIDv7. */
export function insertActionItem(
  db: Database.Database,
  item: {
    id?: string;
    retrospectiveId?: string | null;
    title: string;
    ownerId?: string | null;
    dueOn?: string | null;
    doneAt?: number | null;
  },
  at: number,
): ActionItem {
  const row: ActionItem = {
    id: item.id ?? uuidv7(),
    retrospectiveId: item.retrospectiveId ?? null,
    title: item.title,
    ownerId: item.ownerId ?? null,
    dueOn: item.dueOn ?? null,
    doneAt: item.doneAt ?? null,
    createdAt: at,
  };
  journalRow(db, 'action_items', row.id);
  prepared(
    db,
    `INSERT INTO action_items (id, retrospective_id, title, owner_id, due_on, done_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(row.id, row.retrospectiveId, row.title, row.ownerId, row.dueOn, row.doneAt, at, at);
  return row;
}

/** Marks an action item done at `at` (or not done with null); returns whether it existed. */
export function setActionItemDone(db: Database.Database, id: string, doneAt: number | null, at: number): boolean {
  return updateLiveRow(db, 'action_items', id, { done_at: doneAt }, at);
}

/** Action items not deleted (of one retrospective, or all), by due date with undated ones last. */
export function listActionItems(db: Database.Database, options: { retrospectiveId?: string } = {}): ActionItem[] {
  return (
    options.retrospectiveId === undefined
      ? prepared(
          db,
          `SELECT ${ITEM_COLUMNS} FROM action_items WHERE deleted_at IS NULL
           ORDER BY due_on IS NULL, due_on, created_at, id`,
        ).all()
      : prepared(
          db,
          `SELECT ${ITEM_COLUMNS} FROM action_items WHERE deleted_at IS NULL AND retrospective_id = ?
           ORDER BY due_on IS NULL, due_on, created_at, id`,
        ).all(options.retrospectiveId)
  ) as ActionItem[];
}

/** Changes a retrospective; returns whether it existed (and was not deleted). */
export function updateRetrospective(
  db: Database.Database,
  id: string,
  retro: { sprintId: string | null; heldOn: string; wentWell: string; toImprove: string },
  at: number,
): boolean {
  const columns = {
    sprint_id: retro.sprintId,
    held_on: retro.heldOn,
    went_well: retro.wentWell,
    to_improve: retro.toImprove,
  };
  return updateLiveRow(db, 'retrospectives', id, columns, at);
}

/** One action item not deleted, or undefined. */
export function getActionItem(db: Database.Database, id: string): ActionItem | undefined {
  return getLiveRow<ActionItem>(db, 'action_items', ITEM_COLUMNS, id);
}

/** Changes an action item's fields (not whether it is done); returns whether it existed. */
export function updateActionItem(
  db: Database.Database,
  id: string,
  item: { retrospectiveId: string | null; title: string; ownerId: string | null; dueOn: string | null },
  at: number,
): boolean {
  const columns = {
    retrospective_id: item.retrospectiveId,
    title: item.title,
    owner_id: item.ownerId,
    due_on: item.dueOn,
  };
  return updateLiveRow(db, 'action_items', id, columns, at);
}

/** Marks an action item deleted at `at`; returns whether it existed. */
export function softDeleteActionItem(db: Database.Database, id: string, at: number): boolean {
  return softDeleteLiveRow(db, 'action_items', id, at);
}
