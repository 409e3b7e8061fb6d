import type Database from 'better-sqlite3';
import type { Freshness } from '@shared/domain';
import { isDemoData } from './settings-service';

/**
 * The freshness of figures computed at `now` (METRICS: data age), given the latest change to any row they
 * read. The source says "Demo data" while the database holds the generated demo, so nobody mistakes it
 * for the real pipeline.
 */
export function describeFreshness(db: Database.Database, now: number, latestChangeAt: number | null): Freshness {
  return {
    computedAt: now,
    latestChangeAt,
    source: isDemoData(db) ? 'Demo data' : 'Local database',
  };
}
