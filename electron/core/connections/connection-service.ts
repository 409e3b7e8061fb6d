/**
 * The connection methods: connect, test, map, sync, pause, disconnect, link entered deals. Settings and
 * status live in the database; credentials only in the secret store, and answers carry their last 4
 * characters at most.
 */
import { ApiError, type MethodParsedInput } from '@shared/contract';
import {
  CRM_VENDOR_LABELS,
  SYNC_OBJECTS,
  type ApiAllowance,
  type ConnectionInfo,
  type ConnectionState,
  type ConnectionStatus,
  type ConnectionTest,
  type CrmVendor,
  type DisconnectResult,
  type LinkResult,
  type MappingPreview,
  type OwnerMatch,
  type OwnerTeamRule,
  type StageSuggestion,
  type SyncObjectStatus,
} from '@shared/connections';
import type { Team } from '@shared/domain';
import type { CoreContext } from '../context';
import {
  adoptSyncedIdentity,
  countSynced,
  dealSource,
  deleteConnectionRows,
  deleteDealRow,
  findPersonByEmail,
  getConnectionRow,
  insertConnectionRow,
  listConnectionRows,
  listCrmOwners,
  listCrmStages,
  listEnteredLookalikes,
  listSyncedCampaigns,
  listSyncObjects,
  listUnknownStages,
  clearUnknownStages,
  resetSyncObject,
  setCrmOwnerPerson,
  setCrmStageMapping,
  updateConnectionRow,
  type ConnectionRow,
  type CrmStageRow,
} from '../db/repositories/crm-repository';
import { getDeal } from '../db/repositories/deals-repository';
import { getPerson } from '../db/repositories/people-repository';
import { getPipelineStage, listPipelineStages } from '../db/repositories/pipeline-repository';
import { runCommand } from '../services/support/activity-recorder';
import { CrmError } from './call-limits';
import { ConnectionRuntime } from './connection-runtime';
import type { ConnectionScheduler } from './connection-scheduler';
import { createConnector, DEFAULT_BASE_URLS } from './connector-factory';
import { CREDENTIAL_FIELDS, credentialHints, deleteCredentials, hasCredentials, writeCredentials } from './credentials';
import type { CrmConnector } from './crm-types';
import { createOwnerPerson, syncedCounts, syncOwners, syncStages, teamFor } from './sync-engine';

const DEFAULT_RULE: OwnerTeamRule = { defaultTeam: 'sales', rules: [] };
const OBJECT_NAMES: Record<CrmVendor, Record<string, string>> = {
  hubspot: {
    people: 'Owners',
    stages: 'Deal pipelines',
    campaigns: 'Original sources',
    leads: 'Contacts',
    deals: 'Deals',
  },
  salesforce: {
    people: 'Users',
    stages: 'Opportunity stages',
    campaigns: 'Campaigns',
    leads: 'Leads',
    deals: 'Opportunities',
  },
};

/** The runtime of the core, created on first use (createCore starts it). */
export function connectionRuntime(ctx: CoreContext): ConnectionScheduler {
  if (!ctx.connections) {
    ctx.connections = new ConnectionRuntime(ctx);
    wireStatusEvents(ctx, ctx.connections);
  }
  return ctx.connections;
}

/** Makes the runtime push each state change as 'connection.changed' (public status only). */
export function wireStatusEvents(ctx: CoreContext, runtime: ConnectionScheduler): void {
  runtime.statusListeners.add((vendor) => {
    const row = ctx.db.open ? getConnectionRow(ctx.db, vendor) : undefined;
    if (row !== undefined) ctx.bus.emit('connection.changed', toStatus(ctx, row));
  });
}

function requireConnection(ctx: CoreContext, vendor: CrmVendor): ConnectionRow {
  const row = getConnectionRow(ctx.db, vendor);
  if (row === undefined)
    throw new ApiError('not_found', `there is no ${CRM_VENDOR_LABELS[vendor]} connection`, 'vendor');
  return row;
}

function stateOf(ctx: CoreContext, row: ConnectionRow): ConnectionState {
  const runtime = connectionRuntime(ctx);
  if (!hasCredentials(ctx.secrets, row.vendor)) return 'needs_credentials';
  if (row.stoppedReason !== null) return 'stopped';
  if (row.paused) return 'paused';
  if (runtime.isRunning(row.vendor)) return 'syncing';
  if (row.mappingConfirmedAt === null) return 'needs_mapping';
  if (row.failingSince !== null) return 'failing';
  return 'idle';
}

function toStatus(ctx: CoreContext, row: ConnectionRow): ConnectionStatus {
  return {
    vendor: row.vendor,
    label: CRM_VENDOR_LABELS[row.vendor],
    state: stateOf(ctx, row),
    paused: row.paused,
    lastSuccessAt: row.lastSuccessAt,
    nextRunAt: connectionRuntime(ctx).nextRunAt(row.vendor),
    lastError:
      row.lastError === null || row.lastErrorAt === null ? null : { message: row.lastError, at: row.lastErrorAt },
    failingSince: row.failingSince,
  };
}

function toInfo(ctx: CoreContext, row: ConnectionRow): ConnectionInfo {
  const counts = syncedCounts(ctx, row.vendor);
  const states = new Map(listSyncObjects(ctx.db, row.vendor).map((state) => [state.object, state]));
  const objects: SyncObjectStatus[] = SYNC_OBJECTS.map((object) => {
    const state = states.get(object);
    return {
      object,
      crmName: OBJECT_NAMES[row.vendor][object]!,
      enabled: row.objects.includes(object),
      lastSuccessAt: state?.lastSuccessAt ?? null,
      records: counts[object],
      syncedThrough: state?.initialDone ? state.cursorMs : null,
      initialSyncDone: state?.initialDone ?? false,
      lastError:
        state?.lastError && state.lastErrorAt !== null ? { message: state.lastError, at: state.lastErrorAt } : null,
    };
  });
  return {
    ...toStatus(ctx, row),
    baseUrl: row.baseUrl,
    pollIntervalSec: row.pollIntervalSec,
    credentials: credentialHints(ctx.secrets, row.vendor),
    mappingConfirmedAt: row.mappingConfirmedAt,
    teamRule: row.teamRule,
    objects,
    allowance: row.allowance === null ? null : (JSON.parse(row.allowance) as ApiAllowance),
    unknownStages: listUnknownStages(ctx.db, row.vendor),
    stoppedReason: row.stoppedReason,
    entryMatches: listEnteredLookalikes(ctx.db, row.vendor, 200),
  };
}

/** Every connection with its full status (admin). */
export function listConnections(ctx: CoreContext): ConnectionInfo[] {
  return listConnectionRows(ctx.db).map((row) => toInfo(ctx, row));
}

/** Every connection's public status (any display). */
export function listConnectionStatus(ctx: CoreContext): ConnectionStatus[] {
  return listConnectionRows(ctx.db).map((row) => toStatus(ctx, row));
}

/** One connection's full status. */
export function getConnectionInfo(ctx: CoreContext, vendor: CrmVendor): ConnectionInfo {
  return toInfo(ctx, requireConnection(ctx, vendor));
}

/**
 * Creates or changes a connection. Credentials must be the vendor's kind (`invalid_input` on
 * 'credentials'); new ones clear a stop caused by refused ones. A new connection needs them.
 */
export function saveConnection(ctx: CoreContext, input: MethodParsedInput<'connections.save'>): ConnectionInfo {
  const { vendor } = input;
  const credentials = input.credentials as Record<string, string | undefined> | undefined;
  if (credentials !== undefined) {
    const { required, optional } = CREDENTIAL_FIELDS[vendor];
    const missing = required.filter((field) => !credentials[field]);
    const foreign = Object.keys(credentials).filter((field) => !required.includes(field) && !optional.includes(field));
    if (missing.length > 0 || foreign.length > 0) {
      throw new ApiError(
        'invalid_input',
        `${CRM_VENDOR_LABELS[vendor]} takes ${[...required, ...optional.map((field) => `${field} (optional)`)].join(', ')}`,
        'credentials',
      );
    }
  }
  const existing = getConnectionRow(ctx.db, vendor);
  if (existing === undefined && credentials === undefined && !hasCredentials(ctx.secrets, vendor)) {
    throw new ApiError('invalid_input', `connecting ${CRM_VENDOR_LABELS[vendor]} needs its credentials`, 'credentials');
  }
  const now = ctx.clock.now();
  runCommand(ctx, (record) => {
    if (existing === undefined) insertConnectionRow(ctx.db, vendor, input.baseUrl ?? DEFAULT_BASE_URLS[vendor], now);
    updateConnectionRow(
      ctx.db,
      vendor,
      {
        baseUrl: input.baseUrl,
        pollIntervalSec: input.pollIntervalSec,
        objects:
          input.objects === undefined ? undefined : SYNC_OBJECTS.filter((object) => input.objects!.includes(object)),
        ...(credentials === undefined ? {} : { stoppedReason: null }),
      },
      now,
    );
    // What changed, never the values of credentials.
    record({
      type: existing === undefined ? 'connection.created' : 'connection.updated',
      entity: 'connection',
      entityId: vendor,
      payload: {
        vendor,
        label: CRM_VENDOR_LABELS[vendor],
        credentialsChanged: credentials !== undefined,
        baseUrl: input.baseUrl ?? null,
        pollIntervalSec: input.pollIntervalSec ?? null,
      },
    });
  });
  if (credentials !== undefined) writeCredentials(ctx.secrets, vendor, credentials);
  const runtime = connectionRuntime(ctx);
  runtime.schedule(vendor, 0);
  runtime.emit(vendor);
  return getConnectionInfo(ctx, vendor);
}

function connectorFor(ctx: CoreContext, row: ConnectionRow): CrmConnector {
  const runtime = connectionRuntime(ctx);
  return createConnector(ctx, row.vendor, row.baseUrl, { ...runtime.limits(), attempts: 2 });
}

/** Calls the CRM with the saved credentials; keeps only the reported allowance. */
export async function testConnection(ctx: CoreContext, vendor: CrmVendor): Promise<ConnectionTest> {
  const row = requireConnection(ctx, vendor);
  let connector: CrmConnector | null = null;
  try {
    connector = connectorFor(ctx, row);
    const message = await connector.test();
    const allowance = connector.allowance();
    if (allowance !== null)
      updateConnectionRow(ctx.db, vendor, { allowance: JSON.stringify(allowance) }, ctx.clock.now());
    return { ok: true, message, allowance };
  } catch (error) {
    if (!(error instanceof CrmError)) throw error;
    return { ok: false, message: error.message, allowance: connector?.allowance() ?? null };
  }
}

/**
 * Reads the CRM's stages, owners and deal counts and suggests a mapping: won and lost stages by the CRM's
 * own flags, open ones by probability (else by order); owners matched by email, the rest with a team by
 * the rule. What the admin confirmed before stays as confirmed.
 */
export async function previewMapping(
  ctx: CoreContext,
  input: MethodParsedInput<'connections.previewMapping'>,
): Promise<MappingPreview> {
  const row = requireConnection(ctx, input.vendor);
  const rule = input.teamRule ?? row.teamRule ?? DEFAULT_RULE;
  let counts: Map<string, number>;
  try {
    const connector = connectorFor(ctx, row);
    await syncOwners(ctx, row.vendor, connector, row.teamRule);
    await syncStages(ctx, row.vendor, connector);
    counts = await connector.dealCountsByStage();
  } catch (error) {
    if (error instanceof CrmError) throw new ApiError('conflict', error.message);
    throw error;
  }
  const wallStages = listPipelineStages(ctx.db);
  const crmStages = listCrmStages(ctx.db, row.vendor);
  const stages: StageSuggestion[] = crmStages.map((stage) => ({
    crmStageId: stage.crmStageId,
    label: stage.label,
    pipelineLabel: stage.pipelineLabel,
    order: stage.position,
    probability: stage.probability,
    isClosed: stage.isClosed,
    isWon: stage.isWon,
    deals: counts.get(stage.crmStageId) ?? 0,
    stageId: stage.stageId ?? suggestStage(stage, crmStages, wallStages),
    confirmed: stage.stageId !== null,
  }));
  const owners: OwnerMatch[] = listCrmOwners(ctx.db, row.vendor).map((owner) => {
    const person = owner.personId === null ? undefined : getPerson(ctx.db, owner.personId);
    const matched = person ?? (owner.email === null ? undefined : findPersonByEmail(ctx.db, owner.email));
    return {
      crmOwnerId: owner.crmOwnerId,
      name: owner.name,
      email: owner.email,
      crmTeams: owner.crmTeams,
      personId: matched?.id ?? null,
      personName: matched?.name ?? null,
      team: matched?.team ?? teamFor(rule, owner.crmTeams),
      action: matched === undefined ? 'create' : 'matched',
    };
  });
  const campaigns = listSyncedCampaigns(ctx.db, row.vendor);
  return { vendor: row.vendor, stages, owners, campaigns, teamRule: rule };
}

/** The wall stage a CRM stage is suggested for. */
export function suggestStage(
  stage: Pick<CrmStageRow, 'crmStageId' | 'isClosed' | 'isWon' | 'probability' | 'pipelineLabel' | 'position'>,
  pipeline: readonly Pick<CrmStageRow, 'crmStageId' | 'isClosed' | 'pipelineLabel' | 'position'>[],
  wallStages: readonly { id: string; kind: string; probability: number }[],
): string | null {
  if (stage.isClosed) return wallStages.find((wall) => wall.kind === (stage.isWon ? 'won' : 'lost'))?.id ?? null;
  const open = wallStages.filter((wall) => wall.kind === 'open');
  if (open.length === 0) return null;
  if (stage.probability !== null) {
    const p = stage.probability;
    return open.reduce((best, wall) => (Math.abs(wall.probability - p) < Math.abs(best.probability - p) ? wall : best))
      .id;
  }
  const siblings = pipeline
    .filter((other) => other.pipelineLabel === stage.pipelineLabel && !other.isClosed)
    .toSorted((a, b) => a.position - b.position);
  const index = siblings.findIndex((other) => other.crmStageId === stage.crmStageId);
  return open[Math.min(open.length - 1, Math.floor((index / Math.max(1, siblings.length)) * open.length))]!.id;
}

/**
 * Stores the mapping: every CRM stage the sync knows must map to a wall stage (`invalid_input` on 'stages'
 * naming those left out); owners are matched or created; the team rule is kept. A change to a confirmed
 * mapping re-reads the deals as history (no live events for the re-read).
 */
export function confirmMapping(
  ctx: CoreContext,
  input: MethodParsedInput<'connections.confirmMapping'>,
): ConnectionInfo {
  const row = requireConnection(ctx, input.vendor);
  const vendor = row.vendor;
  const known = listCrmStages(ctx.db, vendor);
  const given = new Map(input.stages.map((stage) => [stage.crmStageId, stage.stageId]));
  const missing = known.filter((stage) => !given.has(stage.crmStageId)).map((stage) => stage.label);
  if (known.length === 0) {
    throw new ApiError('conflict', 'read the CRM stages first (preview the mapping)', 'stages');
  }
  if (missing.length > 0) {
    throw new ApiError('invalid_input', `map every CRM stage; missing: ${missing.join(', ')}`, 'stages');
  }
  input.stages.forEach((stage, index) => {
    if (!known.some((crm) => crm.crmStageId === stage.crmStageId)) {
      throw new ApiError(
        'invalid_input',
        `"${stage.crmStageId}" is not a stage of this CRM`,
        `stages.${index}.crmStageId`,
      );
    }
    if (getPipelineStage(ctx.db, stage.stageId) === undefined) {
      throw new ApiError('not_found', `there is no pipeline stage "${stage.stageId}"`, `stages.${index}.stageId`);
    }
  });
  (input.owners ?? []).forEach((owner, index) => {
    if (owner.personId !== null && getPerson(ctx.db, owner.personId) === undefined) {
      throw new ApiError('not_found', `there is no person "${owner.personId}"`, `owners.${index}.personId`);
    }
  });
  const rule = input.teamRule ?? row.teamRule;
  const changed =
    row.mappingConfirmedAt !== null && known.some((stage) => stage.stageId !== given.get(stage.crmStageId));
  const now = ctx.clock.now();
  // The people it creates come from the CRM, as a sync's rows do: not undoable (record-writer.ts).
  runCommand(
    ctx,
    (record) => {
      for (const [crmStageId, stageId] of given) setCrmStageMapping(ctx.db, vendor, crmStageId, stageId);
      const overrides = new Map((input.owners ?? []).map((owner) => [owner.crmOwnerId, owner]));
      let created = 0;
      for (const owner of listCrmOwners(ctx.db, vendor)) {
        const override = overrides.get(owner.crmOwnerId);
        if (override?.personId) {
          setCrmOwnerPerson(ctx.db, vendor, owner.crmOwnerId, override.personId);
          continue;
        }
        if (owner.personId !== null && override === undefined) continue;
        const match =
          override === undefined && owner.email !== null ? findPersonByEmail(ctx.db, owner.email) : undefined;
        if (match !== undefined) setCrmOwnerPerson(ctx.db, vendor, owner.crmOwnerId, match.id);
        else {
          createOwnerPerson(ctx, vendor, owner, (override?.team as Team | undefined) ?? teamFor(rule, owner.crmTeams));
          created += 1;
        }
      }
      updateConnectionRow(ctx.db, vendor, { mappingConfirmedAt: now, teamRule: rule }, now);
      if (changed) {
        resetSyncObject(ctx.db, vendor, 'deals');
        clearUnknownStages(ctx.db, vendor);
      }
      record({
        type: 'connection.mapping_confirmed',
        entity: 'connection',
        entityId: vendor,
        payload: {
          vendor,
          label: CRM_VENDOR_LABELS[vendor],
          stages: given.size,
          peopleCreated: created,
          rereadDeals: changed,
        },
      });
    },
    { undoable: false },
  );
  connectionRuntime(ctx).schedule(vendor, 0);
  return getConnectionInfo(ctx, vendor);
}

/** Starts a sync now (`conflict` until the mapping is confirmed); answers at once. */
export function syncConnectionNow(ctx: CoreContext, vendor: CrmVendor): ConnectionInfo {
  const row = requireConnection(ctx, vendor);
  if (row.mappingConfirmedAt === null) throw new ApiError('conflict', 'confirm the stage mapping first');
  if (row.paused) throw new ApiError('conflict', `${CRM_VENDOR_LABELS[vendor]} is paused: resume it first`);
  if (row.stoppedReason !== null) throw new ApiError('conflict', row.stoppedReason);
  void connectionRuntime(ctx).runNow(vendor);
  return getConnectionInfo(ctx, vendor);
}

function setPaused(ctx: CoreContext, vendor: CrmVendor, paused: boolean): ConnectionInfo {
  requireConnection(ctx, vendor);
  const runtime = connectionRuntime(ctx);
  runCommand(ctx, (record) => {
    updateConnectionRow(ctx.db, vendor, { paused }, ctx.clock.now());
    record({
      type: paused ? 'connection.paused' : 'connection.resumed',
      entity: 'connection',
      entityId: vendor,
      payload: { vendor, label: CRM_VENDOR_LABELS[vendor] },
    });
  });
  if (paused) runtime.cancel(vendor);
  else runtime.schedule(vendor, 0);
  runtime.emit(vendor);
  return getConnectionInfo(ctx, vendor);
}

/** Pauses a connection; a running sync stops after its current page (it resumes from the cursor). */
export function pauseConnection(ctx: CoreContext, vendor: CrmVendor): ConnectionInfo {
  return setPaused(ctx, vendor, true);
}

/** Resumes a paused connection with a sync right away. */
export function resumeConnection(ctx: CoreContext, vendor: CrmVendor): ConnectionInfo {
  return setPaused(ctx, vendor, false);
}

/** Forgets the connection and its credentials; its synced records stay on the wall, no longer updated. */
export function disconnectConnection(ctx: CoreContext, vendor: CrmVendor): DisconnectResult {
  requireConnection(ctx, vendor);
  connectionRuntime(ctx).cancel(vendor);
  const keptRecords = (['people', 'campaigns', 'leads', 'deals'] as const).reduce(
    (sum, table) => sum + countSynced(ctx.db, table, vendor),
    0,
  );
  runCommand(ctx, (record) => {
    deleteConnectionRows(ctx.db, vendor);
    record({
      type: 'connection.removed',
      entity: 'connection',
      entityId: vendor,
      payload: { vendor, label: CRM_VENDOR_LABELS[vendor], keptRecords },
    });
  });
  deleteCredentials(ctx.secrets, vendor);
  return { vendor, keptRecords };
}

/**
 * Resolves entered deals that duplicate synced ones: 'link' makes the entered deal the synced one (it keeps
 * its id and what the room attached to it, and takes the CRM's values); 'replace' removes it in favour of
 * the synced deal. Every pair is checked before anything is written.
 */
export function linkEnteredDeals(ctx: CoreContext, input: MethodParsedInput<'connections.linkEntered'>): LinkResult {
  requireConnection(ctx, input.vendor);
  input.links.forEach((link, index) => {
    const entered = dealSource(ctx.db, link.enteredDealId);
    if (entered === undefined)
      throw new ApiError('not_found', `there is no deal "${link.enteredDealId}"`, `links.${index}.enteredDealId`);
    if (entered.source !== null) {
      throw new ApiError('invalid_input', 'this deal came from a CRM, not from entry', `links.${index}.enteredDealId`);
    }
    const synced = dealSource(ctx.db, link.syncedDealId);
    if (synced === undefined || synced.source !== input.vendor) {
      throw new ApiError(
        'not_found',
        `there is no deal "${link.syncedDealId}" from ${CRM_VENDOR_LABELS[input.vendor]}`,
        `links.${index}.syncedDealId`,
      );
    }
  });
  const result: LinkResult = { linked: 0, replaced: 0 };
  // The deals become the CRM's: not undoable, as a sync's writes are not (record-writer.ts).
  runCommand(
    ctx,
    (record) => {
      const now = ctx.clock.now();
      for (const link of input.links) {
        if (link.action === 'link') {
          adoptSyncedIdentity(ctx.db, link.enteredDealId, link.syncedDealId, now);
          result.linked += 1;
        } else {
          deleteDealRow(ctx.db, link.enteredDealId, now);
          result.replaced += 1;
        }
      }
      record({
        type: 'connection.entries_linked',
        entity: 'connection',
        entityId: input.vendor,
        payload: {
          vendor: input.vendor,
          label: CRM_VENDOR_LABELS[input.vendor],
          ...result,
          deals: input.links.map(
            (link) => getDeal(ctx.db, link.action === 'link' ? link.enteredDealId : link.syncedDealId)?.title ?? null,
          ),
        },
      });
    },
    { undoable: false },
  );
  return result;
}
