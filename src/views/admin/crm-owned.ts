/**
 * Which records a CRM connection owns. A synced deal or lead carries the vendor that syncs it
 * (`syncedFrom`); the fields that come from the CRM are read-only here, because the next sync would
 * overwrite a change made here. Local data attached to it (reviews, follow-ups, the sourcing marketer)
 * stays editable.
 */
import type { CrmVendor } from '@shared/connections';
import { vendorName } from '../../lib/crm-words';

/** The vendor that syncs a record, or null for one entered or imported here. */
export function syncedFrom(record: object | null | undefined): CrmVendor | null {
  const value = (record as { syncedFrom?: unknown } | null | undefined)?.syncedFrom;
  return value === 'hubspot' || value === 'salesforce' ? value : null;
}

/** "From HubSpot: change it there." — the hint beside a read-only field. */
export function changeItThere(vendor: CrmVendor): string {
  return `From ${vendorName(vendor)}: change it there`;
}
