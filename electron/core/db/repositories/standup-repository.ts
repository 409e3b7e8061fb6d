/**
 * Counts behind the stand-up's "since yesterday" panel: how many leads and deals moved in a time range,
 * read from the stage-entry and close times of the leads and deals tables.
 */
import type Database from 'better-sqlite3';
import { prepared } from './statements';

/** What happened in a time range, counted from the leads and deals tables. */
export interface ChangeCounts {
  newLeads: number;
  newMqls: number;
  newSqls: number;
  newDeals: number;
  dealsWon: number;
  dealsLost: number;
  newCustomers: number;
}

/**
 * Counts over [from, to) of rows not deleted: leads by their lead, MQL, SQL and customer entry times,
 * deals by their creation time, and won and lost deals by their close time. Each count is a range scan of
 * the index led by that time column.
 */
export function countChangesBetween(db: Database.Database, from: number, to: number): ChangeCounts {
  return prepared(
    db,
    `SELECT
       (SELECT COUNT(*) FROM leads WHERE deleted_at IS NULL AND lead_at >= @from AND lead_at < @to) AS newLeads,
       (SELECT COUNT(*) FROM leads WHERE deleted_at IS NULL AND mql_at >= @from AND mql_at < @to) AS newMqls,
       (SELECT COUNT(*) FROM leads WHERE deleted_at IS NULL AND sql_at >= @from AND sql_at < @to) AS newSqls,
       (SELECT COUNT(*) FROM deals WHERE deleted_at IS NULL AND created_at >= @from AND created_at < @to) AS newDeals,
       (SELECT COUNT(*) FROM deals WHERE deleted_at IS NULL AND status = 'won'
          AND closed_at >= @from AND closed_at < @to) AS dealsWon,
       (SELECT COUNT(*) FROM deals WHERE deleted_at IS NULL AND status = 'lost'
          AND closed_at >= @from AND closed_at < @to) AS dealsLost,
       (SELECT COUNT(*) FROM leads WHERE deleted_at IS NULL AND customer_at >= @from AND customer_at < @to)
         AS newCustomers`,
  ).get({ from, to }) as ChangeCounts;
}
