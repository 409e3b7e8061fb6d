/** The service level agreement between the teams: the figure the wall shows and the terms behind it. */
import { z } from 'zod';
import type { SlaResult } from '../figures';
import type { SlaTermsRecord } from '../records';
import { none, periodKind, read, typedNumber, wholeNumber, write } from './define';

/** New SLA terms take effect now; the previous terms stay in the history. */
export const slaTermsInput = z
  .object({
    mqlsPerPeriod: wholeNumber().min(0, 'must not be negative').max(1_000_000),
    periodKind,
    followUpHours: typedNumber.positive('must be more than 0').max(24 * 60, 'is too long'),
    businessHoursOnly: z.boolean().default(false),
  })
  .strict();

/** The SLA domain: name (domain.verb) → kind, input schema, result type. */
export const slaMethods = {
  'sla.get': read<SlaResult>('viewer')(none),
  'sla.terms': read<SlaTermsRecord[]>('viewer')(none),
  'sla.saveTerms': write<SlaTermsRecord>('admin')(slaTermsInput),
} as const;
