/**
 * Plain INSERTs of the lead columns the KPI and SLA read (source team, owner, follow-up), written without
 * the app's repositories so that those figures are checked against independently written data.
 */
import type Database from 'better-sqlite3';
import { testId } from './figures-fixtures';

export interface LeadFields {
  id?: string;
  name?: string;
  company?: string | null;
  sourceTeam?: 'marketing' | 'sales';
  ownerId?: string | null;
  leadAt: number;
  mqlAt?: number | null;
  customerAt?: number | null;
  disqualifiedAt?: number | null;
  firstFollowUpAt?: number | null;
  updatedAt?: number;
  deletedAt?: number | null;
}

/** Inserts a lead; `stage` follows the write side's rule (disqualified, else the furthest stage reached). */
export function insertLeadRow(db: Database.Database, lead: LeadFields): string {
  const id = lead.id ?? testId('lead');
  const stage =
    lead.disqualifiedAt != null
      ? 'disqualified'
      : lead.customerAt != null
        ? 'customer'
        : lead.mqlAt != null
          ? 'mql'
          : 'lead';
  db.prepare(
    `INSERT INTO leads (id, name, company, stage, source_team, owner_id, lead_at, mql_at, customer_at, disqualified_at,
                        first_follow_up_at, created_at, updated_at, deleted_at)
     VALUES (@id, @name, @company, @stage, @sourceTeam, @ownerId, @leadAt, @mqlAt, @customerAt, @disqualifiedAt,
             @firstFollowUpAt, @leadAt, @updatedAt, @deletedAt)`,
  ).run({
    id,
    name: lead.name ?? `Lead ${id}`,
    company: lead.company ?? null,
    stage,
    sourceTeam: lead.sourceTeam ?? 'marketing',
    ownerId: lead.ownerId ?? null,
    leadAt: lead.leadAt,
    mqlAt: lead.mqlAt ?? null,
    customerAt: lead.customerAt ?? null,
    disqualifiedAt: lead.disqualifiedAt ?? null,
    firstFollowUpAt: lead.firstFollowUpAt ?? null,
    updatedAt: lead.updatedAt ?? lead.leadAt,
    deletedAt: lead.deletedAt ?? null,
  });
  return id;
}

/** Sets a KPI target with a plain INSERT. */
export function insertKpiTargetRow(
  db: Database.Database,
  target: {
    kpiId?: string;
    periodKind: 'week' | 'month' | 'quarter';
    periodStart: string;
    target: number;
    updatedAt?: number;
  },
): void {
  db.prepare(
    `INSERT INTO kpi_targets (id, kpi_id, period_kind, period_start, target, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(
    testId('target'),
    target.kpiId ?? 'new_paying_customers',
    target.periodKind,
    target.periodStart,
    target.target,
    target.updatedAt ?? 0,
  );
}

/** Adds a version of the SLA terms with a plain INSERT. */
export function insertSlaTermsRow(
  db: Database.Database,
  terms: {
    validFrom: number;
    mqlsPerPeriod: number;
    periodKind: 'week' | 'month' | 'quarter';
    followUpHours: number;
    businessHoursOnly?: boolean;
    createdAt?: number;
  },
): void {
  db.prepare(
    `INSERT INTO sla_terms (id, valid_from, mqls_per_period, period_kind, follow_up_hours, business_hours_only, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    testId('sla'),
    terms.validFrom,
    terms.mqlsPerPeriod,
    terms.periodKind,
    terms.followUpHours,
    terms.businessHoursOnly ? 1 : 0,
    terms.createdAt ?? terms.validFrom,
  );
}
