import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import { journalRow } from './change-journal';
import { prepared } from './statements';

/** A sales rep's verdict on a lead marketing passed over (METRICS: lead quality). */
export interface LeadReview {
  id: string;
  leadId: string;
  reviewerId: string | null;
  /** 1–5 */
  rating: number;
  notes: string;
  reviewedAt: number;
  /** review reason codes, sorted */
  reasonCodes: string[];
}

/** Adds a review with its reason codes; `id` defaults to a new UUIDv7. */
export function insertLeadReview(
  db: Database.Database,
  review: Omit<LeadReview, 'id' | 'notes' | 'reviewerId' | 'reasonCodes'> & {
    id?: string;
    reviewerId?: string | null;
    notes?: string;
    reasonCodes?: string[];
  },
): LeadReview {
  const row: LeadReview = {
    id: review.id ?? uuidv7(),
    leadId: review.leadId,
    reviewerId: review.reviewerId ?? null,
    rating: review.rating,
    notes: review.notes ?? '',
    reviewedAt: review.reviewedAt,
    reasonCodes: [...new Set(review.reasonCodes ?? [])].sort(),
  };
  journalRow(db, 'lead_reviews', row.id);
  for (const code of row.reasonCodes) journalRow(db, 'lead_review_reasons', `${row.id}|${code}`);
  prepared(
    db,
    `INSERT INTO lead_reviews (id, lead_id, reviewer_id, rating, notes, reviewed_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(row.id, row.leadId, row.reviewerId, row.rating, row.notes, row.reviewedAt);
  const addReason = prepared(db, `INSERT INTO lead_review_reasons (review_id, code) VALUES (?, ?)`);
  for (const code of row.reasonCodes) addReason.run(row.id, code);
  return row;
}

interface ReviewRow {
  id: string;
  lead_id: string;
  reviewer_id: string | null;
  rating: number;
  notes: string;
  reviewed_at: number;
  codes: string | null;
}

function toReview(row: ReviewRow): LeadReview {
  return {
    id: row.id,
    leadId: row.lead_id,
    reviewerId: row.reviewer_id,
    rating: row.rating,
    notes: row.notes,
    reviewedAt: row.reviewed_at,
    reasonCodes: row.codes === null ? [] : (JSON.parse(row.codes) as string[]).sort(),
  };
}

const SELECT = `SELECT r.id, r.lead_id, r.reviewer_id, r.rating, r.notes, r.reviewed_at,
  (SELECT json_group_array(code) FROM lead_review_reasons WHERE review_id = r.id) AS codes
  FROM lead_reviews r`;

/** Reviews not deleted, newest first, optionally only those at or after `since`. */
export function listLeadReviews(db: Database.Database, options: { since?: number } = {}): LeadReview[] {
  const rows = prepared(
    db,
    `${SELECT} WHERE r.deleted_at IS NULL AND r.reviewed_at >= ? ORDER BY r.reviewed_at DESC, r.id DESC`,
  ).all(options.since ?? Number.MIN_SAFE_INTEGER) as ReviewRow[];
  return rows.map(toReview);
}

/** A lead's reviews not deleted, oldest first. */
export function listLeadReviewsForLead(db: Database.Database, leadId: string): LeadReview[] {
  const rows = prepared(db, `${SELECT} WHERE r.deleted_at IS NULL AND r.lead_id = ? ORDER BY r.reviewed_at, r.id`).all(
    leadId,
  ) as ReviewRow[];
  return rows.map(toReview);
}

/** The newest review of a lead that is not deleted (lead review mode keeps one per lead), or undefined. */
export function getLatestReviewForLead(db: Database.Database, leadId: string): LeadReview | undefined {
  const row = prepared(
    db,
    `${SELECT} WHERE r.deleted_at IS NULL AND r.lead_id = ? ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1`,
  ).get(leadId) as ReviewRow | undefined;
  return row === undefined ? undefined : toReview(row);
}

/** Changes a review's verdict; returns whether a review that is not deleted matched. */
export function updateLeadReviewVerdict(
  db: Database.Database,
  id: string,
  verdict: { rating: number; notes: string; reviewedAt: number },
): boolean {
  journalRow(db, 'lead_reviews', id);
  return (
    prepared(
      db,
      `UPDATE lead_reviews SET rating = ?, notes = ?, reviewed_at = ? WHERE id = ? AND deleted_at IS NULL`,
    ).run(verdict.rating, verdict.notes, verdict.reviewedAt, id).changes > 0
  );
}

/** Adds one reason code to a review (nothing happens when it has it already). */
export function addLeadReviewReason(db: Database.Database, reviewId: string, code: string): void {
  journalRow(db, 'lead_review_reasons', `${reviewId}|${code}`);
  prepared(db, `INSERT OR IGNORE INTO lead_review_reasons (review_id, code) VALUES (?, ?)`).run(reviewId, code);
}

/** Removes one reason code from a review. */
export function removeLeadReviewReason(db: Database.Database, reviewId: string, code: string): void {
  journalRow(db, 'lead_review_reasons', `${reviewId}|${code}`);
  prepared(db, `DELETE FROM lead_review_reasons WHERE review_id = ? AND code = ?`).run(reviewId, code);
}
