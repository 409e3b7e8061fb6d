/**
 * The one rule for who is a customer (METRICS: "customer state follows the deals"): a lead is a customer
 * exactly when it has a won deal that is not deleted, and its `customer_at` is the earliest such deal's
 * close time. Every path that changes deals (the deal commands, import, undo, and a CRM sync) calls
 * {@link followWonDeals} for the leads it touched, inside its own transaction, so the rule cannot be
 * bypassed by one path forgetting it. A person cannot make a lead a customer by hand; they win a deal.
 */
import type Database from 'better-sqlite3';
import type { LeadStage } from '@shared/domain';
import {
  getLead,
  insertLeadTransition,
  leadsOutOfStepWithWonDeals,
  updateLeadLifecycle,
  wonDealCustomerState,
  type Lead,
} from '../../db/repositories/leads-repository';

/** How one lead's customer state changed when it was brought in line with its won deals. */
export interface CustomerStateChange {
  /** the lead as it was before */
  before: Lead;
  /** the lead as it is now */
  after: Lead;
  /** true when the lead was not a customer and now is one */
  became: boolean;
  /** true when the lead was a customer and no longer is one */
  reverted: boolean;
}

/**
 * Brings each lead of `leadIds` (nulls and repeats are ignored) in line with its won deals: sets
 * `customer_at` to the earliest won deal's close time and the stage to 'customer', or, with no won deal
 * left, clears `customer_at` and moves a lead in 'customer' back to the furthest stage it reached before
 * (or 'disqualified' if it was disqualified). A stage change appends a `lead_transitions` row. The write
 * helpers journal every row written (change-journal.ts), so an undoable caller's event carries them; a
 * caller whose writes are not undoable (a CRM sync) runs as `runCommand(…, { undoable: false })`. `now` is the time of a transition
 * back from customer. Returns the leads that changed.
 */
export function followWonDeals(
  db: Database.Database,
  leadIds: Iterable<string | null | undefined>,
  now: number,
): CustomerStateChange[] {
  const result: CustomerStateChange[] = [];
  const seen = new Set<string>();
  for (const leadId of leadIds) {
    if (leadId == null || seen.has(leadId)) continue;
    seen.add(leadId);
    const lead = getLead(db, leadId);
    if (lead === undefined) continue;
    const { firstWonAt } = wonDealCustomerState(db, lead.id);
    const stage: LeadStage =
      firstWonAt !== null ? 'customer' : lead.stage === 'customer' ? stageBefore(lead) : lead.stage;
    if (lead.customerAt === firstWonAt && lead.stage === stage) continue;

    updateLeadLifecycle(db, lead.id, { stage, customerAt: firstWonAt }, now);
    if (stage !== lead.stage) {
      insertLeadTransition(db, {
        leadId: lead.id,
        fromStage: lead.stage,
        toStage: stage,
        at: stage === 'customer' ? firstWonAt! : now,
      });
    }
    const after = getLead(db, lead.id)!;
    result.push({
      before: lead,
      after,
      became: lead.customerAt === null && firstWonAt !== null,
      reverted: lead.customerAt !== null && firstWonAt === null,
    });
  }
  return result;
}

/**
 * Brings every lead whose customer state disagrees with its won deals in line (all leads, or only those
 * of `leadIds`): for a bulk write such as an import, which checks the whole set in one query instead of
 * one per row.
 */
export function followWonDealsInBulk(
  db: Database.Database,
  now: number,
  leadIds?: readonly string[],
): CustomerStateChange[] {
  return followWonDeals(db, leadsOutOfStepWithWonDeals(db, leadIds), now);
}

/** The stage a customer goes back to when it has no won deal left: the furthest one it reached before. */
function stageBefore(lead: Lead): LeadStage {
  if (lead.disqualifiedAt !== null) return 'disqualified';
  if (lead.opportunityAt !== null) return 'opportunity';
  if (lead.sqlAt !== null) return 'sql';
  if (lead.mqlAt !== null) return 'mql';
  return 'lead';
}
