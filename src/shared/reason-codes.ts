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

/** The words of each reason by kind, then by code; a code starts with its kind (`won_…`, `lost_…`). */
const LABELS_BY_KIND: Readonly<Record<CloseReasonKind, Readonly<Record<string, string>>>> = {
  won: {
    won_product_fit: 'Product fit',
    won_price: 'Price',
    won_relationship: 'Relationship',
    won_speed: 'Speed of response',
  },
  lost: {
    lost_price: 'Price too high',
    lost_competitor: 'Chose a competitor',
    lost_no_decision: 'No decision',
    lost_features: 'Missing features',
    lost_timing: 'Timing',
  },
};

/** Every close reason, the won ones first, each kind in the order a person picks from. */
export const CLOSE_REASONS: readonly CloseReason[] = (['won', 'lost'] as const).flatMap((kind) =>
  Object.entries(LABELS_BY_KIND[kind]).map(([code, label]) => ({ code, kind, label })),
);

/** The reasons a deal can be closed with in a stage of the given kind (none for open stages). */
export function closeReasonsFor(kind: DealStatus): CloseReason[] {
  return CLOSE_REASONS.filter((reason) => reason.kind === kind);
}
