/** Builds the connector of a connection from its settings and the credentials in the secret store. */
import type { CrmVendor } from '@shared/connections';
import type { CoreContext } from '../context';
import { CrmError, type CallLimits } from './call-limits';
import { readCredentials } from './credentials';
import type { CrmConnector } from './crm-types';
import { createHubSpotConnector, HUBSPOT_DEFAULT_BASE_URL } from './hubspot/hubspot-connector';
import { createSalesforceConnector, SALESFORCE_DEFAULT_LOGIN_URL } from './salesforce/salesforce-connector';

/** The base or login URL a vendor's connection uses when the admin gives none. */
export const DEFAULT_BASE_URLS: Record<CrmVendor, string> = {
  hubspot: HUBSPOT_DEFAULT_BASE_URL,
  salesforce: SALESFORCE_DEFAULT_LOGIN_URL,
};

/** A connector for `vendor` at `baseUrl`; 'auth' CrmError when its credentials are missing. */
export function createConnector(
  ctx: CoreContext,
  vendor: CrmVendor,
  baseUrl: string,
  limits: CallLimits,
): CrmConnector {
  const credentials = readCredentials(ctx.secrets, vendor);
  // Pacing and allowances follow the real clock: they are about the CRM's time, not the wall's.
  const now = () => Date.now();
  if (vendor === 'hubspot') {
    if (!credentials.accessToken) throw new CrmError('auth', 'HubSpot needs a private app token');
    return createHubSpotConnector({ baseUrl, accessToken: credentials.accessToken, limits, now });
  }
  if (!credentials.clientId || !credentials.clientSecret) {
    throw new CrmError('auth', "Salesforce needs the connected app's consumer key and secret");
  }
  return createSalesforceConnector({
    loginUrl: baseUrl,
    clientId: credentials.clientId,
    clientSecret: credentials.clientSecret,
    refreshToken: credentials.refreshToken,
    limits,
    now,
  });
}
