import type Database from 'better-sqlite3';
import type { Freshness } from '@shared/domain';
import { CRM_VENDOR_LABELS } from '@shared/connections';
import { listConnectionRows } from '../../db/repositories/crm-repository';
import { isDemoData } from './settings-service';

/**
 * The freshness of figures computed at `now` (METRICS: data age), given the latest change to any row they
 * read. The source says "Demo data" while the database holds the generated demo, so nobody mistakes it
 * for the real pipeline. Once a CRM connection has synced, the source is that CRM ("HubSpot"), whose
 * connection status tells the displays how old its data is.
 */
export function describeFreshness(db: Database.Database, now: number, latestChangeAt: number | null): Freshness {
  return {
    computedAt: now,
    latestChangeAt,
    source: crmSource(db) ?? (isDemoData(db) ? 'Demo data' : 'Local database'),
  };
}

/** The label of the CRM the wall's pipeline comes from (the first that synced), or null. */
function crmSource(db: Database.Database): string | null {
  // A damaged file opened read-only may predate the connections table: it has no CRM source then.
  let rows;
  try {
    rows = listConnectionRows(db);
  } catch {
    return null;
  }
  const synced = rows.find((row) => row.mappingConfirmedAt !== null && row.lastSuccessAt !== null);
  return synced === undefined ? null : CRM_VENDOR_LABELS[synced.vendor];
}
