/**
 * CRM connections: connect, test, map, sync, pause, disconnect. Credentials go in through `connections.save`
 * and never come back out: every answer shows at most their last 4 characters.
 */
import { z } from 'zod';
import {
  CRM_VENDORS,
  SYNC_OBJECTS,
  type ConnectionInfo,
  type ConnectionStatus,
  type ConnectionTest,
  type DisconnectResult,
  type LinkResult,
  type MappingPreview,
} from '../connections';
import { id, read, wholeNumber, write } from './define';

const team = z.enum(['sales', 'marketing'], { error: 'must be sales or marketing' });

/** A vendor name: 'hubspot' or 'salesforce'. */
export const crmVendor = z.enum(CRM_VENDORS, { error: 'must be hubspot or salesforce' });

/** The input of a method that names one connection. */
export const connectionRef = z.object({ vendor: crmVendor }).strict();

/** An http(s) URL (tests use http on 127.0.0.1; a CRM uses https). */
const baseUrl = z
  .string()
  .trim()
  .max(500, 'is too long')
  .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value), 'must be an http(s) address');

const secret = z.string().trim().min(1, 'is required').max(4000, 'is too long');

/** HubSpot: a private app's access token. */
export const hubspotCredentials = z.object({ accessToken: secret }).strict();
/**
 * Salesforce: a connected app's consumer key and secret (OAuth 2.0 client credentials flow), and a refresh
 * token where the admin has one (then the refresh token flow is used).
 */
export const salesforceCredentials = z
  .object({ clientId: secret, clientSecret: secret, refreshToken: secret.optional() })
  .strict();

/** The rule giving new owners their team. */
export const ownerTeamRule = z
  .object({
    defaultTeam: team,
    rules: z
      .array(z.object({ contains: z.string().trim().min(1, 'is required').max(100, 'is too long'), team }).strict())
      .max(20, 'at most 20 rules'),
  })
  .strict();

/**
 * Input of `connections.save`: creates the vendor's connection or changes it. Credentials left out keep
 * the stored ones; new credentials clear a stop caused by refused ones.
 */
export const connectionSaveInput = z
  .object({
    vendor: crmVendor,
    /** HubSpot's API base (default https://api.hubapi.com) or Salesforce's login URL (default https://login.salesforce.com) */
    baseUrl: baseUrl.optional(),
    credentials: z.union([hubspotCredentials, salesforceCredentials]).optional(),
    pollIntervalSec: wholeNumber('must be whole seconds')
      .min(15, 'must be at least 15 seconds')
      .max(86_400, 'must be at most a day')
      .optional(),
    /** the kinds of records to sync; default all */
    objects: z.array(z.enum(SYNC_OBJECTS)).min(1, 'choose at least one').optional(),
  })
  .strict();

/** Input of `connections.previewMapping`: optionally a team rule to try before confirming it. */
export const mappingPreviewInput = z.object({ vendor: crmVendor, teamRule: ownerTeamRule.optional() }).strict();

/** Input of `connections.confirmMapping`: every CRM stage's wall stage, the owners' people, the team rule. */
export const mappingConfirmInput = z
  .object({
    vendor: crmVendor,
    stages: z.array(z.object({ crmStageId: z.string().min(1).max(200), stageId: id }).strict()).max(500),
    /** overrides of the preview's owner matches: a person to match, or null to create one with `team` */
    owners: z
      .array(
        z.object({ crmOwnerId: z.string().min(1).max(200), personId: id.nullable(), team: team.optional() }).strict(),
      )
      .max(5000)
      .optional(),
    teamRule: ownerTeamRule.optional(),
  })
  .strict();

/** Input of `connections.linkEntered`: what to do with each entered deal that matches a synced one. */
export const linkEnteredInput = z
  .object({
    vendor: crmVendor,
    links: z
      .array(z.object({ enteredDealId: id, syncedDealId: id, action: z.enum(['link', 'replace']) }).strict())
      .min(1, 'is required')
      .max(5000),
  })
  .strict();

/** A test or a mapping preview calls the CRM itself: a handful a minute, never a storm against its limits. */
const CRM_CALL_RATE = { rate: { calls: 10, perMs: 60_000 } } as const;

/** Connection methods: name (domain.verb) → kind, input schema, result type. */
export const connectionsMethods = {
  /** every connection with full status (admin); credentials only as last-4 hints */
  'connections.list': read<ConnectionInfo[]>('admin')(z.object({}).strict()),
  /** what any display may know: state, last success, next run, last error (freshness line, footer) */
  'connections.status': read<ConnectionStatus[]>('viewer')(z.object({}).strict()),
  'connections.save': write<ConnectionInfo>('admin')(connectionSaveInput),
  /** calls the CRM with the saved credentials; stores nothing but the reported allowance */
  'connections.test': write<ConnectionTest>('admin', CRM_CALL_RATE)(connectionRef),
  /** reads the CRM's stages, owners and sources and suggests a mapping; changes nothing */
  'connections.previewMapping': write<MappingPreview>('admin', CRM_CALL_RATE)(mappingPreviewInput),
  /** stores the mapping; the next sync uses it (a changed mapping re-reads the deals as history) */
  'connections.confirmMapping': write<ConnectionInfo>('admin')(mappingConfirmInput),
  /** starts a sync now and answers at once; `connection.changed` events follow its progress */
  'connections.syncNow': write<ConnectionInfo>('admin')(connectionRef),
  'connections.pause': write<ConnectionInfo>('admin')(connectionRef),
  'connections.resume': write<ConnectionInfo>('admin')(connectionRef),
  /** forgets the connection and its credentials; the synced records stay on the wall */
  'connections.disconnect': write<DisconnectResult>('admin')(connectionRef),
  /** links entered deals to the synced ones they duplicate, or replaces them */
  'connections.linkEntered': write<LinkResult>('admin')(linkEnteredInput),
} as const;
