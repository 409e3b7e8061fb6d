/** The record of weekly report deliveries (table report_sends, migration 0005). */
import type Database from 'better-sqlite3';
import type { ReportSendView } from '@shared/report';
import { prepared } from './statements';

/** A row as read: the recipients still as their stored JSON. */
type SendRow = Omit<ReportSendView, 'recipients'> & { recipients: string };

const COLUMNS = `id, week, trigger, status, recipients, file, attempts, next_attempt_at AS nextAttemptAt,
  last_error AS lastError, created_at AS createdAt, sent_at AS sentAt`;

function toView(row: SendRow): ReportSendView {
  return { ...row, recipients: JSON.parse(row.recipients) as string[] };
}

/** A new delivery to record. */
export interface NewReportSend {
  id: string;
  week: string;
  trigger: ReportSendView['trigger'];
  recipients: string[];
  createdAt: number;
  machineId: string;
}

/**
 * Records a delivery as pending. For a scheduled week that already has its row, nothing is written and
 * false is returned: that week is (being) sent already.
 */
export function insertReportSend(db: Database.Database, send: NewReportSend): boolean {
  const result = prepared(
    db,
    `INSERT INTO report_sends (id, week, trigger, status, recipients, attempts, created_at, machine_id)
       VALUES (@id, @week, @trigger, 'pending', @recipients, 0, @createdAt, @machineId)
       ON CONFLICT DO NOTHING`,
  ).run({ ...send, recipients: JSON.stringify(send.recipients) });
  return result.changes === 1;
}

/** Whether the schedule has recorded this week (sent, pending or failed). */
export function hasScheduledSend(db: Database.Database, week: string): boolean {
  return prepared(db, `SELECT 1 FROM report_sends WHERE trigger = 'schedule' AND week = ?`).get(week) !== undefined;
}

/** A delivery by id. */
export function findReportSend(db: Database.Database, id: string): ReportSendView | undefined {
  const row = prepared(db, `SELECT ${COLUMNS} FROM report_sends WHERE id = ?`).get(id) as SendRow | undefined;
  return row && toView(row);
}

/** Pending deliveries whose next attempt is due at `now` (never tried ones first), oldest week first. */
export function listDueReportSends(db: Database.Database, now: number): ReportSendView[] {
  return (
    prepared(
      db,
      `SELECT ${COLUMNS} FROM report_sends
         WHERE status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
         ORDER BY week, created_at`,
    ).all(now) as SendRow[]
  ).map(toView);
}

/** Marks a delivery sent. */
export function markReportSent(db: Database.Database, id: string, at: number, file: string | null): void {
  prepared(
    db,
    `UPDATE report_sends SET status = 'sent', sent_at = ?, file = ?, attempts = attempts + 1,
       next_attempt_at = NULL, last_error = NULL WHERE id = ?`,
  ).run(at, file, id);
}

/**
 * Records a failed attempt: still pending with its next attempt at `retryAt`, or failed for good when
 * `retryAt` is null.
 */
export function markReportAttemptFailed(
  db: Database.Database,
  id: string,
  failure: { error: string; retryAt: number | null; file: string | null },
): void {
  prepared(
    db,
    `UPDATE report_sends SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, file = COALESCE(?, file),
       status = CASE WHEN ? IS NULL THEN 'failed' ELSE 'pending' END WHERE id = ?`,
  ).run(failure.error, failure.retryAt, failure.file, failure.retryAt, id);
}

/** The newest deliveries first, at most `limit`. */
export function listReportSends(db: Database.Database, limit: number): ReportSendView[] {
  return (
    prepared(db, `SELECT ${COLUMNS} FROM report_sends ORDER BY created_at DESC, id DESC LIMIT ?`).all(
      limit,
    ) as SendRow[]
  ).map(toView);
}
