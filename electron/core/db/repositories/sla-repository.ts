import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { PeriodKind } from '@shared/domain';
import { journalRow } from './change-journal';
import { prepared } from './statements';

/** The two-way agreement in force from `validFrom` until a newer row replaces it. */
export interface SlaTerms {
  id: string;
  validFrom: number;
  /** marketing's commitment: MQLs per period */
  mqlsPerPeriod: number;
  periodKind: PeriodKind;
  /** sales' commitment: first follow-up within this many hours of mql_at */
  followUpHours: number;
  businessHoursOnly: boolean;
  createdAt: number;
}

interface SlaRow {
  id: string;
  valid_from: number;
  mqls_per_period: number;
  period_kind: PeriodKind;
  follow_up_hours: number;
  business_hours_only: 0 | 1;
  created_at: number;
}

function toTerms(row: SlaRow): SlaTerms {
  return {
    id: row.id,
    validFrom: row.valid_from,
    mqlsPerPeriod: row.mqls_per_period,
    periodKind: row.period_kind,
    followUpHours: row.follow_up_hours,
    businessHoursOnly: row.business_hours_only === 1,
    createdAt: row.created_at,
  };
}

const COLUMNS = 'id, valid_from, mqls_per_period, period_kind, follow_up_hours, business_hours_only, created_at';

/** Adds a version of the SLA terms; `id` defaults to a new UUIDv7, `businessHoursOnly` to false. */
export function insertSlaTerms(
  db: Database.Database,
  terms: Omit<SlaTerms, 'id' | 'businessHoursOnly' | 'createdAt'> & { id?: string; businessHoursOnly?: boolean },
  at: number,
): SlaTerms {
  const row: SlaTerms = {
    ...terms,
    id: terms.id ?? uuidv7(),
    businessHoursOnly: terms.businessHoursOnly ?? false,
    createdAt: at,
  };
  journalRow(db, 'sla_terms', row.id);
  prepared(db, `INSERT INTO sla_terms (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
    row.id,
    row.validFrom,
    row.mqlsPerPeriod,
    row.periodKind,
    row.followUpHours,
    row.businessHoursOnly ? 1 : 0,
    at,
  );
  return row;
}

/** The terms in force at `at` (the newest with valid_from ≤ at), or undefined. */
export function getSlaTermsAt(db: Database.Database, at: number): SlaTerms | undefined {
  const row = prepared(
    db,
    `SELECT ${COLUMNS} FROM sla_terms WHERE valid_from <= ? ORDER BY valid_from DESC, id DESC LIMIT 1`,
  ).get(at) as SlaRow | undefined;
  return row === undefined ? undefined : toTerms(row);
}

/** Every version of the terms, oldest first. */
export function listSlaTerms(db: Database.Database): SlaTerms[] {
  return (prepared(db, `SELECT ${COLUMNS} FROM sla_terms ORDER BY valid_from, id`).all() as SlaRow[]).map(toTerms);
}
