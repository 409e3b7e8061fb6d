/**
 * How the CRM connections read on the wall and in the admin: the vendors' own names, an age down to the
 * seconds (a CRM is polled every minute, so "just now" would hide whether the sync still runs), and a
 * credential shown only by its last characters.
 */
import { CRM_VENDOR_LABELS, type CrmVendor } from '@shared/connections';
import { formatRelative } from '@shared/format';

/** Where each CRM answers unless the admin says otherwise (sandboxes and EU data centres differ). */
export const DEFAULT_BASE_URLS: Readonly<Record<CrmVendor, string>> = {
  hubspot: 'https://api.hubapi.com',
  salesforce: 'https://login.salesforce.com',
};

/** "HubSpot", "Salesforce"; an unknown source name is shown as it came. */
export function vendorName(vendor: string): string {
  return CRM_VENDOR_LABELS[vendor as CrmVendor] ?? vendor;
}

/**
 * How old data synced at `at` is: "12 s ago", "40 s ago" (to 10 s, the wall's own tick), then as every
 * other age on the wall ("3 min ago", "2 h ago"). A time a little ahead of this screen's clock (another
 * machine's clock) reads "just now".
 */
export function formatSyncAge(at: number, now: number): string {
  const age = now - at;
  if (age < 10_000) return 'just now';
  if (age < 60_000) return `${Math.floor(age / 10_000) * 10} s ago`;
  return formatRelative(at, now);
}

/**
 * "••••1a2B" for a credential hint the server handed over ("…1a2B": never more than its last four
 * characters); "—" for none.
 */
export function maskedSecret(hint: string | null | undefined): string {
  const lastFour = (hint ?? '').replace(/^[.…•*]+/, '').slice(-4);
  return lastFour ? `••••${lastFour}` : '—';
}

/** "in 40 s", "in 3 min", "now" for a run that is due or overdue. */
export function formatDueIn(at: number, now: number): string {
  const wait = at - now;
  if (wait <= 1_000) return 'now';
  if (wait < 60_000) return `in ${Math.ceil(wait / 1_000)} s`;
  if (wait < 3_600_000) return `in ${Math.round(wait / 60_000)} min`;
  return `in ${Math.round(wait / 3_600_000)} h`;
}
