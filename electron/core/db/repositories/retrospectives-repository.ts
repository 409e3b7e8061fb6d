import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { getLiveRow, insertLiveRow, listLiveRows, softDeleteLiveRow, updateLiveRow } from './live-rows';
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

/** A retrospective's columns as a form edits them. */
function retroColumns(retro: Pick<Retrospective, 'sprintId' | 'heldOn' | 'wentWell' | 'toImprove'>) {
  return { sprint_id: retro.sprintId, held_on: retro.heldOn, went_well: retro.wentWell, to_improve: retro.toImprove };
}

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
  insertLiveRow(db, 'retrospectives', row.id, retroColumns(row), at);
  return row;
}

/** One retrospective not deleted, or undefined. */
export function getRetrospective(db: Database.Database, id: string): Retrospective | undefined {
  return getLiveRow<Retrospective>(db, 'retrospectives', RETRO_COLUMNS, id);
}

/** Every retrospective not deleted, the latest first. */
export function listRetrospectives(db: Database.Database): Retrospective[] {
  return listLiveRows<Retrospective>(db, 'retrospectives', RETRO_COLUMNS, 'held_on DESC, id DESC');
}

/** An action item's columns as its form edits them (not whether it is done). */
function itemColumns(item: Pick<ActionItem, 'retrospectiveId' | 'title' | 'ownerId' | 'dueOn'>) {
  return { retrospective_id: item.retrospectiveId, title: item.title, owner_id: item.ownerId, due_on: item.dueOn };
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
  insertLiveRow(db, 'action_items', row.id, { ...itemColumns(row), done_at: row.doneAt }, at);
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
  return updateLiveRow(db, 'retrospectives', id, retroColumns(retro), at);
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
  return updateLiveRow(db, 'action_items', id, itemColumns(item), at);
}

/** Marks an action item deleted at `at`; returns whether it existed. */
export function softDeleteActionItem(db: Database.Database, id: string, at: number): boolean {
  return softDeleteLiveRow(db, 'action_items', id, at);
}
