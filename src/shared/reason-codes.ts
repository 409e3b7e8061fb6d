/**
 * Why a deal was won or lost: the codes of the `reason_codes` table (migration 0001) that a move to a
 * won or lost stage may carry, with the words a person picks from. Kept here so that the admin form
 * and the main side's validation use one list.
 */
import type { DealStatus } from './domain';

export type CloseReasonKind = Exclude<DealStatus, 'open'>;

export interface CloseReason {
  code: string;
  kind: CloseReasonKind;
  label: string;
}

export const CLOSE_REASONS: readonly CloseReason[] = [
  { code: 'won_product_fit', kind: 'won', label: 'Product fit' },
  { code: 'won_price', kind: 'won', label: 'Price' },
  { code: 'won_relationship', kind: 'won', label: 'Relationship' },
  { code: 'won_speed', kind: 'won', label: 'Speed of response' },
  { code: 'lost_price', kind: 'lost', label: 'Price too high' },
  { code: 'lost_competitor', kind: 'lost', label: 'Chose a competitor' },
  { code: 'lost_no_decision', kind: 'lost', label: 'No decision' },
  { code: 'lost_features', kind: 'lost', label: 'Missing features' },
  { code: 'lost_timing', kind: 'lost', label: 'Timing' },
];

/** The reasons a deal can be closed with in a stage of the given kind (none for open stages). */
export function closeReasonsFor(kind: DealStatus): CloseReason[] {
  return CLOSE_REASONS.filter((reason) => reason.kind === kind);
}
