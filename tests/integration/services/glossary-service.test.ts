import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { GlossaryEntry } from '@shared/figures';
import { listGlossary } from '../../../electron/core/services/reads/glossary-service';
import { contextAt, insertPerson, openTempDatabase, testId, type TempDatabase } from './figures-fixtures';

const NOW = Date.parse('2026-11-18T10:00:00Z');
const DAY = 86_400_000;

/* Plain INSERTs, on purpose not the app's repositories. */
function addVersion(
  db: Database.Database,
  row: { term: string; version: number; definition: string; stageKey?: string | null; at: number; by?: string | null },
): void {
  db.prepare(
    `INSERT INTO glossary_terms (id, term, version, definition, stage_key, changed_at, changed_by)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(testId('term'), row.term, row.version, row.definition, row.stageKey ?? null, row.at, row.by ?? null);
}

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.close());

describe('listGlossary', () => {
  it('is empty without terms', () => {
    expect(listGlossary(contextAt(temp, NOW))).toEqual({
      terms: [],
      freshness: { computedAt: NOW, latestChangeAt: null, source: 'Local database' },
    });
  });

  it('shows the current version of each term, stage terms in funnel order, then the rest alphabetically', () => {
    const { db } = temp;
    const tom = insertPerson(db, { name: 'Tom Berg', team: 'marketing', updatedAt: NOW - 30 * DAY });
    const ana = insertPerson(db, { name: 'Ana Lima', team: 'sales', updatedAt: NOW - 30 * DAY });
    // Inserted out of order on purpose.
    addVersion(db, { term: 'win rate', version: 1, definition: 'Won ÷ closed.', at: NOW - 20 * DAY, by: ana });
    addVersion(db, {
      term: 'Paying customer',
      version: 1,
      definition: 'First deal won.',
      stageKey: 'customer',
      at: NOW - 20 * DAY,
      by: ana,
    });
    addVersion(db, {
      term: 'MQL',
      version: 1,
      definition: 'Downloaded content.',
      stageKey: 'mql',
      at: NOW - 20 * DAY,
      by: tom,
    });
    addVersion(db, {
      term: 'MQL',
      version: 3,
      definition: 'Asked for a demo; 20–2,000 people.',
      stageKey: 'mql',
      at: NOW - 2 * DAY,
      by: ana,
    });
    addVersion(db, {
      term: 'MQL',
      version: 2,
      definition: 'Attended a webinar.',
      stageKey: 'mql',
      at: NOW - 9 * DAY,
      by: tom,
    });
    addVersion(db, { term: 'Follow-up', version: 1, definition: 'First personal contact.', at: NOW - 20 * DAY });
    addVersion(db, {
      term: 'SQL',
      version: 1,
      definition: 'Confirmed need.',
      stageKey: 'sql',
      at: NOW - 20 * DAY,
      by: ana,
    });
    addVersion(db, {
      term: 'Lead',
      version: 1,
      definition: 'Gave contact details.',
      stageKey: 'lead',
      at: NOW - 20 * DAY,
      by: tom,
    });
    addVersion(db, {
      term: 'Discovery',
      version: 1,
      definition: 'First pipeline stage.',
      stageKey: 'discovery',
      at: NOW - 20 * DAY,
      by: ana,
    });
    addVersion(db, {
      term: 'Opportunity',
      version: 1,
      definition: 'Has a deal.',
      stageKey: 'opportunity',
      at: NOW - 20 * DAY,
      by: ana,
    });
    addVersion(db, { term: 'ARR', version: 1, definition: 'Annual recurring revenue.', at: NOW - 20 * DAY });

    const { terms, freshness } = listGlossary(contextAt(temp, NOW));

    // The current versions, found independently: for each term, the row with no higher version.
    const current = db
      .prepare(
        `SELECT a.term, a.definition, a.version, a.changed_at AS changedAt, p.name AS changedByName
           FROM glossary_terms a LEFT JOIN people p ON p.id = a.changed_by
          WHERE NOT EXISTS (SELECT 1 FROM glossary_terms b WHERE b.term = a.term AND b.version > a.version)`,
      )
      .all() as GlossaryEntry[];
    const byTerm = new Map(current.map((entry) => [entry.term, entry]));
    expect(terms).toHaveLength(current.length);
    expect(terms).toEqual(terms.map((entry) => byTerm.get(entry.term)));

    expect(terms.map((entry) => entry.term)).toEqual([
      'Lead',
      'MQL',
      'SQL',
      'Opportunity',
      'Paying customer',
      'ARR',
      'Discovery',
      'Follow-up',
      'win rate',
    ]);
    expect(terms[1]).toEqual({
      term: 'MQL',
      definition: 'Asked for a demo; 20–2,000 people.',
      version: 3,
      changedAt: NOW - 2 * DAY,
      changedByName: 'Ana Lima',
    });
    expect(terms.find((entry) => entry.term === 'Follow-up')?.changedByName).toBeNull();
    expect(freshness.latestChangeAt).toBe(NOW - 2 * DAY);
  });
});
