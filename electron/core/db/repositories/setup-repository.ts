import type Database from 'better-sqlite3';
import { prepared } from './statements';

/**
 * The tables people fill with the room's data. Left out: the reference tables the migrations seed
 * (stages, reason codes, the KPI definition), `settings` (a fresh database writes its machine id there),
 * the figure aggregates (derived), and `activity_events`: a settings change logged before the first-run
 * setup is not data on the wall, and must not make the setup screen go away.
 */
const DATA_TABLES = [
  'people',
  'campaigns',
  'leads',
  'lead_transitions',
  'deals',
  'glossary_terms',
  'sprints',
  'sprint_goals',
  'retrospectives',
  'action_items',
  'lead_reviews',
  'sla_terms',
  'kpi_targets',
  'meetings',
  'meeting_runs',
] as const;

/**
 * Whether the database holds any of the room's data (deleted rows included: a database that ever had
 * data is not a new one). One EXISTS per table, so the answer costs the same for ten rows or a million.
 */
export function holdsRoomData(db: Database.Database): boolean {
  // LIMIT 1 says what EXISTS does anyway: each table is read up to its first row, never whole.
  const sql = `SELECT ${DATA_TABLES.map((table) => `EXISTS (SELECT 1 FROM ${table} LIMIT 1)`).join(' OR ')} AS filled`;
  return (prepared(db, sql).get() as { filled: number }).filled === 1;
}
