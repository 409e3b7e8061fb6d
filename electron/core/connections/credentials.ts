/**
 * CRM credentials in the machine's secret store (never the database): one entry per field, named
 * `crm.<vendor>.<field>`. Answers to the admin carry only a hint of the last 4 characters.
 */
import type { CredentialHint, CrmVendor } from '@shared/connections';
import type { SecretStore } from '../secrets/secret-store';

/** The credential fields of each vendor; the first ones are required. */
export const CREDENTIAL_FIELDS: Record<CrmVendor, { required: string[]; optional: string[] }> = {
  hubspot: { required: ['accessToken'], optional: [] },
  salesforce: { required: ['clientId', 'clientSecret'], optional: ['refreshToken'] },
};

function key(vendor: CrmVendor, field: string): string {
  return `crm.${vendor}.${field}`;
}

/** The stored credentials of a vendor, field by field. */
export function readCredentials(secrets: SecretStore, vendor: CrmVendor): Record<string, string> {
  const fields = CREDENTIAL_FIELDS[vendor];
  const found: Record<string, string> = {};
  for (const field of [...fields.required, ...fields.optional]) {
    const value = secrets.get(key(vendor, field));
    if (value !== null) found[field] = value;
  }
  return found;
}

/** Whether every required credential of the vendor is stored. */
export function hasCredentials(secrets: SecretStore, vendor: CrmVendor): boolean {
  const found = readCredentials(secrets, vendor);
  return CREDENTIAL_FIELDS[vendor].required.every((field) => found[field] !== undefined);
}

/** Replaces the vendor's credentials with these (fields left out are forgotten). */
export function writeCredentials(
  secrets: SecretStore,
  vendor: CrmVendor,
  values: Record<string, string | undefined>,
): void {
  const fields = CREDENTIAL_FIELDS[vendor];
  for (const field of [...fields.required, ...fields.optional]) {
    const value = values[field];
    if (value === undefined) secrets.delete(key(vendor, field));
    else secrets.set(key(vendor, field), value);
  }
}

/** Forgets every credential of the vendor. */
export function deleteCredentials(secrets: SecretStore, vendor: CrmVendor): void {
  writeCredentials(secrets, vendor, {});
}

/** The stored credentials as hints: '…' and the last 4 characters (fewer of a very short value). */
export function credentialHints(secrets: SecretStore, vendor: CrmVendor): CredentialHint[] {
  return Object.entries(readCredentials(secrets, vendor)).map(([field, value]) => ({
    field,
    hint: `…${value.slice(-Math.min(4, Math.floor(value.length / 2)))}`,
  }));
}
