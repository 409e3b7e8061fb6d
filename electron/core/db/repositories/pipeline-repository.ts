import type Database from 'better-sqlite3';
import type { DealStatus, PipelineStage } from '@shared/domain';
import { prepared } from './statements';
import { journalRow } from './change-journal';

/** Why a lead was rated as it was ('review'), or why a deal was won or lost. */
export type ReasonKind = 'review' | 'won' | 'lost';

export interface ReasonCode {
  code: string;
  kind: ReasonKind;
  label: string;
}

/** A pipeline stage with the columns the wall does not show. */
export interface PipelineStageRecord extends PipelineStage {
  probability: number;
  archivedAt: number | null;
}

const COLUMNS = 'id, name, position, kind, probability, archived_at AS archivedAt';

/** The stages deals can be in now (not archived), in pipeline order. */
export function listPipelineStages(db: Database.Database): PipelineStageRecord[] {
  return prepared(
    db,
    `SELECT ${COLUMNS} FROM pipeline_stages WHERE archived_at IS NULL ORDER BY position, id`,
  ).all() as PipelineStageRecord[];
}

/**
 * One stage, or undefined. Archived stages are found only with `includeArchived`: a deal may no longer be
 * moved into one, but a deal that sits in one still needs its name.
 */
export function getPipelineStage(
  db: Database.Database,
  id: string,
  options: { includeArchived?: boolean } = {},
): PipelineStageRecord | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM pipeline_stages WHERE id = ?`).get(id) as
    PipelineStageRecord | undefined;
  if (row === undefined || (row.archivedAt !== null && options.includeArchived !== true)) return undefined;
  return row;
}

/** A stage to add to the pipeline. */
export interface NewPipelineStage {
  id: string;
  name: string;
  position: number;
  kind: DealStatus;
  probability?: number;
}

/** Adds a stage. */
export function insertPipelineStage(db: Database.Database, stage: NewPipelineStage): PipelineStageRecord {
  const probability = stage.probability ?? (stage.kind === 'won' ? 1 : 0);
  journalRow(db, 'pipeline_stages', stage.id);
  prepared(db, `INSERT INTO pipeline_stages (id, name, position, kind, probability) VALUES (?, ?, ?, ?, ?)`).run(
    stage.id,
    stage.name,
    stage.position,
    stage.kind,
    probability,
  );
  return { ...stage, probability, archivedAt: null };
}

/** Archives a stage (deals keep pointing at it); returns whether it changed. */
export function archivePipelineStage(db: Database.Database, id: string, at: number): boolean {
  journalRow(db, 'pipeline_stages', id);
  return (
    prepared(db, `UPDATE pipeline_stages SET archived_at = ? WHERE id = ? AND archived_at IS NULL`).run(at, id)
      .changes > 0
  );
}

/** Reason codes, of one kind or all, ordered by kind then code. */
export function listReasonCodes(db: Database.Database, kind?: ReasonKind): ReasonCode[] {
  return (
    kind === undefined
      ? prepared(db, `SELECT code, kind, label FROM reason_codes ORDER BY kind, code`).all()
      : prepared(db, `SELECT code, kind, label FROM reason_codes WHERE kind = ? ORDER BY code`).all(kind)
  ) as ReasonCode[];
}

/** One reason code, or undefined. */
export function getReasonCode(db: Database.Database, code: string): ReasonCode | undefined {
  return prepared(db, `SELECT code, kind, label FROM reason_codes WHERE code = ?`).get(code) as ReasonCode | undefined;
}
