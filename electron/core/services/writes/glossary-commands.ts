/**
 * Data entry for the shared glossary. Definitions are versioned: a change adds the next version
 * and keeps every earlier one, so the room can see what a term meant when a figure was argued about.
 */
import { uuidv7 } from 'uuidv7';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import { LIFECYCLE_STAGES, type LifecycleStage } from '@shared/domain';
import type { GlossaryVersionRecord } from '@shared/records';
import type { CoreContext } from '../../context';
import {
  addGlossaryTermVersion,
  listGlossaryTermVersions,
  type GlossaryTerm,
} from '../../db/repositories/glossary-repository';
import { getPipelineStage } from '../../db/repositories/pipeline-repository';
import { runCommand } from '../support/activity-recorder';

/** Every version of one term, oldest first; empty for a term never defined. */
export function glossaryHistory(
  ctx: Pick<CoreContext, 'db'>,
  input: MethodParsedInput<'glossary.history'>,
): GlossaryVersionRecord[] {
  return listGlossaryTermVersions(ctx.db, input.term).map(toRecord);
}

/**
 * Saves a term's definition as its next version (version 1 for a new term); earlier versions stay. An
 * omitted `stageKey` keeps the current version's link; a given one must be a lifecycle stage key or a
 * pipeline stage id (`invalid_input` on 'stageKey'). A save that changes neither the definition nor the
 * link adds nothing and returns the current version. Event: 'glossary.term_changed'.
 */
export function saveGlossaryTerm(ctx: CoreContext, input: MethodParsedInput<'glossary.save'>): GlossaryVersionRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const stageKey = input.stageKey === undefined ? undefined : input.stageKey?.trim() || null;
    if (stageKey != null && !LIFECYCLE_STAGES.includes(stageKey as LifecycleStage)) {
      if (getPipelineStage(db, stageKey, { includeArchived: true }) === undefined) {
        throw new ApiError('invalid_input', `stageKey "${stageKey}" is not a lifecycle or pipeline stage`, 'stageKey');
      }
    }
    const current = listGlossaryTermVersions(db, input.term).at(-1) ?? null;
    const nextStageKey = stageKey === undefined ? (current?.stageKey ?? null) : stageKey;
    if (current !== null && current.definition === input.definition && current.stageKey === nextStageKey) {
      return toRecord(current);
    }

    const id = uuidv7();
    const saved = addGlossaryTermVersion(
      db,
      { id, term: input.term, definition: input.definition, stageKey: nextStageKey },
      ctx.clock.now(),
    );
    record({
      type: 'glossary.term_changed',
      entity: 'glossary',
      entityId: saved.term,
      payload: {
        term: saved.term,
        version: saved.version,
        definition: saved.definition,
        stageKey: saved.stageKey,
        previousDefinition: current?.definition ?? null,
      },
    });
    return toRecord(saved);
  });
}

function toRecord(term: GlossaryTerm): GlossaryVersionRecord {
  return {
    term: term.term,
    version: term.version,
    definition: term.definition,
    stageKey: term.stageKey,
    changedAt: term.changedAt,
    changedBy: term.changedBy,
  };
}
