/**
 * Data entry for retrospectives and their action items. Each write is one {@link runCommand}
 * transaction with one activity event carrying a snapshot for the feed and the raw `changes` for undo.
 */
import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { ActionItemEventPayload } from '@shared/activity-events';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import type { ActionItemRecord, RetrospectiveRecord } from '@shared/records';
import type { CoreContext } from '../../context';
import { getPerson } from '../../db/repositories/people-repository';
import {
  getActionItem,
  getRetrospective,
  insertActionItem,
  insertRetrospective,
  listActionItems,
  listRetrospectives,
  setActionItemDone,
  softDeleteActionItem,
  updateActionItem,
  updateRetrospective,
  type ActionItem,
  type Retrospective,
} from '../../db/repositories/retrospectives-repository';
import { getSprint } from '../../db/repositories/sprints-repository';
import { runCommand } from '../support/activity-recorder';

/**
 * Every retrospective not deleted, the latest first, each with its action items (not deleted; by due date,
 * undated last). Action items without a retrospective are not listed here.
 */
export function listRetrospectiveRecords(ctx: Pick<CoreContext, 'db'>): RetrospectiveRecord[] {
  const { db } = ctx;
  return db.transaction(() => listRetrospectives(db).map((retro) => toRetroRecord(db, retro))).deferred();
}

/**
 * Creates a retrospective (no id) or changes one (`not_found` on 'id' if there is none). A sprint it names
 * must exist (`not_found` on 'sprintId'). A save that changes nothing records nothing.
 * Event: 'retrospective.saved' (`created` says which).
 */
export function saveRetrospective(ctx: CoreContext, input: MethodParsedInput<'retros.save'>): RetrospectiveRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const existing = input.id == null ? null : getRetrospective(db, input.id);
    if (existing === undefined) throw notFound('id', `there is no retrospective "${input.id}"`);
    const sprint = input.sprintId == null ? null : getSprint(db, input.sprintId);
    if (sprint === undefined) throw notFound('sprintId', `there is no sprint "${input.sprintId}"`);

    const fields = {
      sprintId: sprint?.id ?? null,
      heldOn: input.heldOn,
      wentWell: input.wentWell,
      toImprove: input.toImprove,
    };
    const id = existing?.id ?? uuidv7();
    if (
      existing !== null &&
      existing.sprintId === fields.sprintId &&
      existing.heldOn === fields.heldOn &&
      existing.wentWell === fields.wentWell &&
      existing.toImprove === fields.toImprove
    ) {
      return toRetroRecord(db, existing);
    }
    if (existing === null) insertRetrospective(db, { ...fields, id }, now);
    else updateRetrospective(db, id, fields, now);
    record({
      type: 'retrospective.saved',
      entity: 'retrospective',
      entityId: id,
      payload: {
        retrospectiveId: id,
        heldOn: fields.heldOn,
        sprintId: fields.sprintId,
        sprintName: sprint?.name ?? null,
        created: existing === null,
      },
    });
    return toRetroRecord(db, getRetrospective(db, id)!);
  });
}

/**
 * Creates an action item (no id) or changes its title, owner, due date or retrospective; whether it is
 * done changes only through {@link setActionItemDoneCommand}. Named rows must exist (`not_found` on 'id',
 * 'retrospectiveId' or 'ownerId'). Event: 'action_item.saved'.
 */
export function saveActionItem(ctx: CoreContext, input: MethodParsedInput<'actionItems.save'>): ActionItemRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const existing = input.id == null ? null : getActionItem(db, input.id);
    if (existing === undefined) throw notFound('id', `there is no action item "${input.id}"`);
    const retro = input.retrospectiveId == null ? null : getRetrospective(db, input.retrospectiveId);
    if (retro === undefined) throw notFound('retrospectiveId', `there is no retrospective "${input.retrospectiveId}"`);
    const owner = input.ownerId == null ? null : getPerson(db, input.ownerId);
    if (owner === undefined) throw notFound('ownerId', `there is no person "${input.ownerId}"`);

    const fields = {
      retrospectiveId: retro?.id ?? null,
      title: input.title,
      ownerId: owner?.id ?? null,
      dueOn: input.dueOn ?? null,
    };
    if (
      existing !== null &&
      existing.retrospectiveId === fields.retrospectiveId &&
      existing.title === fields.title &&
      existing.ownerId === fields.ownerId &&
      existing.dueOn === fields.dueOn
    ) {
      return toItemRecord(existing);
    }
    const id = existing?.id ?? uuidv7();
    if (existing === null) insertActionItem(db, { ...fields, id }, now);
    else updateActionItem(db, id, fields, now);
    const item = getActionItem(db, id)!;
    record({
      type: 'action_item.saved',
      entity: 'action_item',
      entityId: id,
      payload: { ...itemSnapshot(item, owner?.name ?? null), created: existing === null },
    });
    return toItemRecord(item);
  });
}

/**
 * Marks an action item done now, or not done (done_at null). Marking a done item done again keeps the time
 * it was done, and records nothing. `not_found` on 'id'. Event: 'action_item.done' or 'action_item.reopened'.
 */
export function setActionItemDoneCommand(
  ctx: CoreContext,
  input: MethodParsedInput<'actionItems.setDone'>,
): ActionItemRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const item = getActionItem(db, input.id);
    if (item === undefined) throw notFound('id', `there is no action item "${input.id}"`);
    if ((item.doneAt !== null) === input.done) return toItemRecord(item);
    const now = ctx.clock.now();
    setActionItemDone(db, item.id, input.done ? now : null, now);
    const updated = getActionItem(db, item.id)!;
    const owner = updated.ownerId === null ? null : (getPerson(db, updated.ownerId)?.name ?? null);
    record({
      type: input.done ? 'action_item.done' : 'action_item.reopened',
      entity: 'action_item',
      entityId: item.id,
      payload: itemSnapshot(updated, owner),
    });
    return toItemRecord(updated);
  });
}

/** Deletes an action item softly; `not_found` on 'id'. Event: 'action_item.deleted'. */
export function deleteActionItem(ctx: CoreContext, input: MethodParsedInput<'actionItems.delete'>): { id: string } {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const item = getActionItem(db, input.id);
    if (item === undefined) throw notFound('id', `there is no action item "${input.id}"`);
    softDeleteActionItem(db, item.id, ctx.clock.now());
    const owner = item.ownerId === null ? null : (getPerson(db, item.ownerId)?.name ?? null);
    record({
      type: 'action_item.deleted',
      entity: 'action_item',
      entityId: item.id,
      payload: itemSnapshot(item, owner),
    });
    return { id: item.id };
  });
}

/** What the feed shows of an action item; `ownerName` is a person's name (redacted in privacy mode). */
function itemSnapshot(item: ActionItem, ownerName: string | null): ActionItemEventPayload {
  return {
    actionItemId: item.id,
    retrospectiveId: item.retrospectiveId,
    title: item.title,
    ownerId: item.ownerId,
    ownerName,
    dueOn: item.dueOn,
    doneAt: item.doneAt,
  };
}

function toRetroRecord(db: Database.Database, retro: Retrospective): RetrospectiveRecord {
  return {
    id: retro.id,
    sprintId: retro.sprintId,
    heldOn: retro.heldOn,
    wentWell: retro.wentWell,
    toImprove: retro.toImprove,
    actionItems: listActionItems(db, { retrospectiveId: retro.id }).map(toItemRecord),
  };
}

function toItemRecord(item: ActionItem): ActionItemRecord {
  return {
    id: item.id,
    retrospectiveId: item.retrospectiveId,
    title: item.title,
    ownerId: item.ownerId,
    dueOn: item.dueOn,
    doneAt: item.doneAt,
  };
}

function notFound(field: string, message: string): ApiError {
  return new ApiError('not_found', message, field);
}
