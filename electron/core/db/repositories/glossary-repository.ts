import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { journalRow } from './change-journal';
import { latestOf, prepared } from './statements';

/** One version of a term's agreed definition. */
export interface GlossaryTerm {
  id: string;
  term: string;
  version: number;
  definition: string;
  /** the lifecycle or pipeline stage this term defines, if any */
  stageKey: string | null;
  changedAt: number;
  changedBy: string | null;
}

const COLUMNS =
  'id, term, version, definition, stage_key AS stageKey, changed_at AS changedAt, changed_by AS changedBy';

/**
 * Adds the next version of a term (version 1 for a new term); older versions stay, so the wall can show
 * what changed. The version is computed in the same statement so two writers cannot take the same one.
 */
export function addGlossaryTermVersion(
  db: Database.Database,
  entry: { term: string; definition: string; stageKey?: string | null; changedBy?: string | null; id?: string },
  at: number,
): GlossaryTerm {
  const id = entry.id ?? uuidv7();
  journalRow(db, 'glossary_terms', id);
  prepared(
    db,
    `INSERT INTO glossary_terms (id, term, version, definition, stage_key, changed_at, changed_by)
     SELECT ?, ?, coalesce(max(version), 0) + 1, ?, ?, ?, ? FROM glossary_terms WHERE term = ?`,
  ).run(id, entry.term, entry.definition, entry.stageKey ?? null, at, entry.changedBy ?? null, entry.term);
  return prepared(db, `SELECT ${COLUMNS} FROM glossary_terms WHERE id = ?`).get(id) as GlossaryTerm;
}

/** The current (highest) version of every term, by term. */
export function listGlossaryTerms(db: Database.Database): GlossaryTerm[] {
  return prepared(
    db,
    `SELECT ${COLUMNS} FROM glossary_terms g
     WHERE version = (SELECT max(version) FROM glossary_terms WHERE term = g.term)
     ORDER BY term`,
  ).all() as GlossaryTerm[];
}

/** Every version of one term, oldest first. */
export function listGlossaryTermVersions(db: Database.Database, term: string): GlossaryTerm[] {
  return prepared(db, `SELECT ${COLUMNS} FROM glossary_terms WHERE term = ? ORDER BY version`).all(
    term,
  ) as GlossaryTerm[];
}

/** The current version of a term with the name of the person who last changed it. */
export interface GlossaryEntryRow extends GlossaryTerm {
  /** null when nobody is named, or the person is unknown */
  changedByName: string | null;
}

/** The current (highest) version of every term, with who changed it last, by term. */
export function listCurrentGlossaryEntries(db: Database.Database): GlossaryEntryRow[] {
  return prepared(
    db,
    `SELECT g.id, g.term, g.version, g.definition, g.stage_key AS stageKey, g.changed_at AS changedAt,
            g.changed_by AS changedBy, p.name AS changedByName
       FROM glossary_terms g
       LEFT JOIN people p ON p.id = g.changed_by
       WHERE g.version = (SELECT max(version) FROM glossary_terms WHERE term = g.term)
       ORDER BY g.term`,
  ).all() as GlossaryEntryRow[];
}

/** The latest change to the glossary or to the names of the people who changed it; null when empty. */
export function getGlossaryLatestChange(db: Database.Database): number | null {
  return latestOf(db, [
    'SELECT MAX(changed_at) FROM glossary_terms',
    'SELECT MAX(p.updated_at) FROM people p JOIN glossary_terms g ON g.changed_by = p.id',
  ]);
}
