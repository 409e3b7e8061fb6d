/**
 * Data entry for the SLA between marketing and sales. Terms are versioned: saving adds a version
 * valid from now, and the earlier ones stay, so past periods are still judged by the terms of their time.
 */
import { uuidv7 } from 'uuidv7';
import type { SlaTermsSnapshot } from '@shared/activity-events';
import type { MethodParsedInput } from '@shared/contract';
import type { SlaTermsRecord } from '@shared/records';
import type { CoreContext } from '../../context';
import { getSlaTermsAt, insertSlaTerms, listSlaTerms, type SlaTerms } from '../../db/repositories/sla-repository';
import { runCommand } from '../support/activity-recorder';

/** Every version of the SLA terms, the newest (the one in force, unless dated ahead) first. */
export function listSlaTermsHistory(ctx: Pick<CoreContext, 'db'>): SlaTermsRecord[] {
  return listSlaTerms(ctx.db).reverse().map(toRecord);
}

/**
 * Adds a version of the terms valid from now; the SLA slide judges from now on by it. When the terms in
 * force already say exactly this, nothing is written and they are returned. Event: 'sla.terms_changed',
 * with the previous terms (null for the first).
 */
export function saveSlaTerms(ctx: CoreContext, input: MethodParsedInput<'sla.saveTerms'>): SlaTermsRecord {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const current = getSlaTermsAt(db, now) ?? null;
    if (current !== null && sameTerms(current, input)) return toRecord(current);

    const id = uuidv7();
    const saved = insertSlaTerms(db, { ...input, id, validFrom: now }, now);
    record({
      type: 'sla.terms_changed',
      entity: 'sla_terms',
      entityId: id,
      payload: {
        termsId: id,
        ...termsSnapshot(saved),
        previous: current === null ? null : termsSnapshot(current),
      },
    });
    return toRecord(saved);
  });
}

function sameTerms(terms: SlaTerms, input: MethodParsedInput<'sla.saveTerms'>): boolean {
  return (
    terms.mqlsPerPeriod === input.mqlsPerPeriod &&
    terms.periodKind === input.periodKind &&
    terms.followUpHours === input.followUpHours &&
    terms.businessHoursOnly === input.businessHoursOnly
  );
}

function termsSnapshot(terms: SlaTerms): SlaTermsSnapshot {
  return {
    mqlsPerPeriod: terms.mqlsPerPeriod,
    periodKind: terms.periodKind,
    followUpHours: terms.followUpHours,
    businessHoursOnly: terms.businessHoursOnly,
  };
}

function toRecord(terms: SlaTerms): SlaTermsRecord {
  return {
    id: terms.id,
    validFrom: terms.validFrom,
    mqlsPerPeriod: terms.mqlsPerPeriod,
    periodKind: terms.periodKind,
    followUpHours: terms.followUpHours,
    businessHoursOnly: terms.businessHoursOnly,
  };
}
