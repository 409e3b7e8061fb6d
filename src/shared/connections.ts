/**
 * CRM connections (HubSpot, Salesforce): what the admin and the wall learn about them. Result types only,
 * so that views import them without zod. A room has at most one connection per vendor; the vendor is the
 * connection's id and the `external_source` of every record it syncs.
 */
import type { CrmVendor, Team } from './domain';

export type { CrmVendor };

/** The CRMs Alignboard syncs from. */
export const CRM_VENDORS = ['hubspot', 'salesforce'] as const satisfies readonly CrmVendor[];

/** How each vendor is named on the wall ("HubSpot · 40 s ago"). */
export const CRM_VENDOR_LABELS: Record<CrmVendor, string> = { hubspot: 'HubSpot', salesforce: 'Salesforce' };

/**
 * The kinds of records a sync keeps, in the wall's words. The CRM names them its own way
 * ({@link SyncObjectStatus.crmName}): HubSpot owners / deal pipelines / deals / contacts; Salesforce
 * users / opportunity stages / opportunities / leads / campaigns.
 */
export const SYNC_OBJECTS = ['people', 'stages', 'campaigns', 'leads', 'deals'] as const;
export type SyncObject = (typeof SYNC_OBJECTS)[number];

/** The default time between two polls of a connection. */
export const DEFAULT_POLL_INTERVAL_SEC = 60;

/**
 * Where a connection stands:
 * - `needs_credentials`: saved without working credentials yet;
 * - `needs_mapping`: connected, waiting for the admin to confirm the stage and owner mapping;
 * - `idle`: synced, waiting for its next poll; `syncing`: a sync runs now;
 * - `failing`: the last sync failed on something that may pass (network, 5xx, rate limit): it retries;
 * - `stopped`: the CRM refused the credentials; nothing runs until new ones are saved;
 * - `paused`: the admin paused it.
 * The wall keeps showing the last synced data in every state.
 */
export type ConnectionState =
  'needs_credentials' | 'needs_mapping' | 'idle' | 'syncing' | 'failing' | 'stopped' | 'paused';

/** An error with the time it happened (epoch ms). */
export interface TimedError {
  message: string;
  at: number;
}

/** The status of one kind of record of a connection. */
export interface SyncObjectStatus {
  object: SyncObject;
  /** the CRM's own name for it, e.g. "Contacts", "Opportunities" */
  crmName: string;
  /** whether the admin chose to sync it */
  enabled: boolean;
  /** the last sync of this object that finished without error (epoch ms), or null */
  lastSuccessAt: number | null;
  /** how many records of this kind this connection holds on the wall now */
  records: number;
  /** the CRM's last-modified time up to which everything has been read (epoch ms), or null before the first */
  syncedThrough: number | null;
  /** whether the first full read (history, not live events) has finished */
  initialSyncDone: boolean;
  lastError: TimedError | null;
}

/**
 * Salesforce's daily API request allowance, as the last answer's `Sforce-Limit-Info` header reported it
 * (`api-usage=used/max`); HubSpot's per-10-second allowance from `X-HubSpot-RateLimit-*`.
 */
export interface ApiAllowance {
  used: number;
  max: number;
  /** 'day' for Salesforce's daily allowance; 'interval' for HubSpot's rolling window */
  window: 'day' | 'interval';
  /** when the CRM reported it (epoch ms) */
  at: number;
}

/** A CRM stage that deals are in but that the confirmed mapping does not know: reported, never guessed. */
export interface UnknownStage {
  crmStageId: string;
  label: string;
  /** deals seen in it, left off the wall until it is mapped */
  deals: number;
  firstSeenAt: number;
}

/**
 * What any display may know about a connection (the wall's freshness line and the quiet footer of a
 * connection that fails for long): no URL, no credentials.
 */
export interface ConnectionStatus {
  vendor: CrmVendor;
  /** "HubSpot" or "Salesforce" */
  label: string;
  state: ConnectionState;
  paused: boolean;
  /** the last sync that finished without error (epoch ms), or null */
  lastSuccessAt: number | null;
  /** when the scheduler polls next (epoch ms); null while paused, stopped or waiting for a mapping */
  nextRunAt: number | null;
  /** the newest error; cleared by the next success */
  lastError: TimedError | null;
  /** since when every sync has failed (epoch ms), or null when the last one succeeded */
  failingSince: number | null;
}

/** A credential as the admin sees it: only that it is set, and its last 4 characters. */
export interface CredentialHint {
  /** e.g. 'accessToken', 'clientId', 'clientSecret', 'refreshToken' */
  field: string;
  /** '…' followed by the last 4 characters; never more */
  hint: string;
}

/** How owners found in the CRM without a person on the wall get their team. */
export interface OwnerTeamRule {
  /** the team when no rule matches */
  defaultTeam: Team;
  /**
   * Tried in order, the first whose text is contained (case-insensitively) in the owner's HubSpot team
   * names or Salesforce role name wins.
   */
  rules: { contains: string; team: Team }[];
}

/** Everything the admin sees about a connection (Admin → Connections). */
export interface ConnectionInfo extends ConnectionStatus {
  /** the API base URL (HubSpot) or login URL (Salesforce) */
  baseUrl: string;
  pollIntervalSec: number;
  /** set credentials, each as a hint of its last 4 characters */
  credentials: CredentialHint[];
  /** when the admin confirmed the stage and owner mapping, or null */
  mappingConfirmedAt: number | null;
  teamRule: OwnerTeamRule;
  objects: SyncObjectStatus[];
  /** the CRM's reported API allowance, when it reports one */
  allowance: ApiAllowance | null;
  unknownStages: UnknownStage[];
  /** the message that stopped the connection (a refused credential), or null */
  stoppedReason: string | null;
  /**
   * Deals entered here that look like synced ones (same title) but were not linked automatically; the
   * admin links or replaces them with `connections.linkEntered`.
   */
  entryMatches: EntryMatch[];
}

/** The answer of `connections.test`. */
export interface ConnectionTest {
  ok: boolean;
  /** what the CRM said, in words for the admin ("Connected to HubSpot: 12 owners, 2 pipelines.") */
  message: string;
  allowance: ApiAllowance | null;
}

/** One CRM stage with the wall stage it is suggested for (or confirmed as). */
export interface StageSuggestion {
  crmStageId: string;
  label: string;
  /** the CRM pipeline it belongs to ("Sales Pipeline"); Salesforce has one */
  pipelineLabel: string;
  /** the CRM's order of the stage within its pipeline */
  order: number;
  /** the CRM's probability, 0..1, when it gives one */
  probability: number | null;
  /** the CRM's own closed/won flags */
  isClosed: boolean;
  isWon: boolean;
  /** deals in this stage in the CRM now */
  deals: number;
  /** the wall stage (pipeline_stages id) suggested, or already confirmed */
  stageId: string | null;
  /** true when `stageId` comes from the confirmed mapping rather than a suggestion */
  confirmed: boolean;
}

/** One CRM owner (HubSpot owner, Salesforce user) and the person they are on the wall. */
export interface OwnerMatch {
  crmOwnerId: string;
  name: string;
  email: string | null;
  /** HubSpot team names or the Salesforce role */
  crmTeams: string[];
  /** the person matched by email (case-insensitively), or null when one will be created */
  personId: string | null;
  personName: string | null;
  /** the team a new person gets by the rule (or the matched person's team) */
  team: Team;
  /** 'matched' by email, or 'create' a new person on confirmation */
  action: 'matched' | 'create';
}

/** The answer of `connections.previewMapping`: what a confirmation would set, before the first sync. */
export interface MappingPreview {
  vendor: CrmVendor;
  stages: StageSuggestion[];
  owners: OwnerMatch[];
  /** campaigns (Salesforce campaigns, HubSpot original sources) with how many records name each */
  campaigns: { crmId: string; name: string; records: number }[];
  teamRule: OwnerTeamRule;
}

/** An entered deal that looks like a synced one. */
export interface EntryMatch {
  enteredDealId: string;
  enteredTitle: string;
  enteredAmountMinor: number;
  syncedDealId: string;
  syncedTitle: string;
  syncedAmountMinor: number;
  currency: string;
}

/** The answer of `connections.linkEntered`. */
export interface LinkResult {
  /** entered deals that now are the synced deal (they keep their id and local data) */
  linked: number;
  /** entered deals removed in favour of the synced deal */
  replaced: number;
}

/** The answer of `connections.disconnect`: the connection is gone, its synced records stay. */
export interface DisconnectResult {
  vendor: CrmVendor;
  /** synced records that stay on the wall (now no longer updated) */
  keptRecords: number;
}
