/**
 * One sync of one connection: owners, stages, then each paged object (campaigns, leads, deals) from its
 * cursor, then the records the CRM deleted. Every page commits with the cursor it moves, so a sync cut
 * short (crash, network, abort) resumes where the last committed page left it and loses nothing: a full
 * read resumes at the CRM's paging token; an incremental read re-reads from the cursor minus an overlap,
 * and records already held at the same CRM version are skipped (dedupe by CRM id).
 */
import type { CrmVendor, OwnerTeamRule, SyncObject } from '@shared/connections';
import type { Team } from '@shared/domain';
import type { CoreContext } from '../context';
import {
  countSynced,
  findPersonByEmail,
  getConnectionRow,
  getSyncObject,
  listCrmOwners,
  listCrmStages,
  saveSyncObject,
  setCrmOwnerPerson,
  leadsOfSyncedDeals,
  softDeleteSynced,
  upsertCrmOwner,
  upsertCrmStage,
  type SyncObjectRow,
} from '../db/repositories/crm-repository';
import { insertPerson } from '../db/repositories/people-repository';
import { runCommand } from '../services/support/activity-recorder';
import { followWonDeals } from '../services/support/customer-state';
import { CrmError } from './call-limits';
import type { CrmConnector, CrmPage, CrmRecordOf, PagedObject } from './crm-types';
import { writeCampaignPage, writeDealPage, writeLeadPage } from './record-writer';

/** How far back an incremental read reaches before its cursor, for records the CRM indexes late. */
export const CURSOR_OVERLAP_MS = 2 * 60_000;
/** Owners and stages change rarely: read again after this long, or at once when a record names an unknown one. */
export const METADATA_REFRESH_MS = 10 * 60_000;

/**
 * Finding deleted records means listing every archived one, so it runs at most this often (and on a
 * connection's first sync); a deletion reaches the wall within this time.
 */
export const DELETION_CHECK_MS = 5 * 60_000;

/** What one sync did. */
export interface SyncOutcome {
  written: number;
  deleted: number;
  unmapped: number;
  /**
   * The paged objects read to the end; the caller marks their success together with the connection's, in
   * one transaction (an idle poll then costs one write).
   */
  succeeded: SyncObject[];
}

/** Runs one sync; throws a {@link CrmError} (or a database error) when it cannot finish. */
export async function runSync(
  ctx: CoreContext,
  vendor: CrmVendor,
  connector: CrmConnector,
  signal: AbortSignal,
  progress: { object: SyncObject | null } = { object: null },
): Promise<SyncOutcome> {
  const connection = getConnectionRow(ctx.db, vendor);
  if (connection === undefined) throw new CrmError('invalid', 'the connection was removed');
  const enabled = new Set<SyncObject>(connection.objects);
  const outcome: SyncOutcome = { written: 0, deleted: 0, unmapped: 0, succeeded: [] };
  const now = () => ctx.clock.now();

  if (enabled.has('people') && isDue(getSyncObject(ctx.db, vendor, 'people'), now())) {
    progress.object = 'people';
    await syncOwners(ctx, vendor, connector, connection.teamRule);
  }
  if (enabled.has('stages') && isDue(getSyncObject(ctx.db, vendor, 'stages'), now())) {
    progress.object = 'stages';
    await syncStages(ctx, vendor, connector);
  }
  for (const object of connector.pagedObjects) {
    if (!enabled.has(object)) continue;
    progress.object = object;
    const result = await syncPaged(ctx, vendor, connector, object, signal, connection.teamRule);
    outcome.written += result.written;
    outcome.unmapped += result.unmapped;
    const state = getSyncObject(ctx.db, vendor, object);
    if (
      object !== 'campaigns' &&
      (state.deletionsCheckedAt === null || now() - state.deletionsCheckedAt >= DELETION_CHECK_MS)
    ) {
      outcome.deleted += await removeDeleted(ctx, vendor, connector, object);
      saveSyncObject(ctx.db, vendor, { ...getSyncObject(ctx.db, vendor, object), deletionsCheckedAt: now() });
    }
    outcome.succeeded.push(object);
  }
  // A vendor without campaigns of their own (HubSpot's original sources) fills them from its records.
  if (enabled.has('campaigns') && !connector.pagedObjects.includes('campaigns')) outcome.succeeded.push('campaigns');
  progress.object = null;
  return outcome;
}

function isDue(state: SyncObjectRow, now: number): boolean {
  return state.lastSuccessAt === null || now - state.lastSuccessAt >= METADATA_REFRESH_MS;
}

/** Notes that an object was read to the end now (clearing its last error). */
export function markSuccess(ctx: CoreContext, vendor: CrmVendor, object: SyncObject): void {
  const state = getSyncObject(ctx.db, vendor, object);
  // Owners and stages are read whole each time: their first success is their initial sync.
  const whole = object === 'people' || object === 'stages';
  saveSyncObject(ctx.db, vendor, {
    ...state,
    initialDone: state.initialDone || whole,
    lastSuccessAt: ctx.clock.now(),
    lastError: null,
    lastErrorAt: null,
  });
}

/**
 * Reads the CRM's owners, matches each to a person by email (case-insensitively) and, once the admin has
 * confirmed the mapping, creates a person for each one left, with the team the admin's rule gives. Like
 * every write of a sync, not undoable (record-writer.ts).
 */
export async function syncOwners(
  ctx: CoreContext,
  vendor: CrmVendor,
  connector: CrmConnector,
  rule: OwnerTeamRule,
): Promise<void> {
  const owners = await connector.owners();
  runCommand(
    ctx,
    () => {
      const { db } = ctx;
      const confirmed = getConnectionRow(db, vendor)?.mappingConfirmedAt != null;
      for (const owner of owners) {
        upsertCrmOwner(db, vendor, {
          crmOwnerId: owner.crmId,
          name: owner.name,
          email: owner.email,
          crmTeams: owner.teams,
        });
      }
      for (const owner of listCrmOwners(db, vendor)) {
        if (owner.personId !== null) continue;
        const match = owner.email === null ? undefined : findPersonByEmail(db, owner.email);
        if (match !== undefined) setCrmOwnerPerson(db, vendor, owner.crmOwnerId, match.id);
        else if (confirmed) createOwnerPerson(ctx, vendor, owner, teamFor(rule, owner.crmTeams));
      }
    },
    { undoable: false },
  );
  markSuccess(ctx, vendor, 'people');
}

/** Adds the person a CRM owner is on the wall. */
export function createOwnerPerson(
  ctx: CoreContext,
  vendor: CrmVendor,
  owner: { crmOwnerId: string; name: string; email: string | null },
  team: Team,
): string {
  const person = insertPerson(
    ctx.db,
    { name: owner.name.slice(0, 200), team, email: owner.email, externalSource: vendor, externalId: owner.crmOwnerId },
    ctx.clock.now(),
  );
  setCrmOwnerPerson(ctx.db, vendor, owner.crmOwnerId, person.id);
  return person.id;
}

/** The team the admin's rule gives an owner with these CRM team or role names. */
export function teamFor(rule: OwnerTeamRule, crmTeams: string[]): Team {
  const names = crmTeams.map((name) => name.toLowerCase());
  const hit = rule.rules.find((candidate) => names.some((name) => name.includes(candidate.contains.toLowerCase())));
  return hit?.team ?? rule.defaultTeam;
}

/** Reads the CRM's stages (their labels, order, probability and closed/won flags), keeping the mapping. */
export async function syncStages(ctx: CoreContext, vendor: CrmVendor, connector: CrmConnector): Promise<void> {
  const stages = await connector.stages();
  runCommand(ctx, () => {
    for (const stage of stages) {
      upsertCrmStage(ctx.db, vendor, {
        crmStageId: stage.crmStageId,
        label: stage.label,
        pipelineLabel: stage.pipelineLabel,
        position: stage.order,
        probability: stage.probability,
        isClosed: stage.isClosed,
        isWon: stage.isWon,
      });
    }
  });
  markSuccess(ctx, vendor, 'stages');
}

async function syncPaged(
  ctx: CoreContext,
  vendor: CrmVendor,
  connector: CrmConnector,
  object: PagedObject,
  signal: AbortSignal,
  rule: OwnerTeamRule,
): Promise<{ written: number; unmapped: number }> {
  const total = { written: 0, unmapped: 0 };
  let state = getSyncObject(ctx.db, vendor, object);
  const full = !state.initialDone;
  let resume = full ? state.resumeToken : null;
  let since = full ? null : Math.max(0, (state.cursorMs ?? 0) - CURSOR_OVERLAP_MS);
  const fullStartedAt = full ? (state.fullStartedAt ?? Date.now()) : null;
  // The next page is asked for while this one is written, so the CRM's answer time and ours overlap.
  let ahead: Promise<CrmPage<CrmRecordOf<PagedObject>>> | null = null;
  for (;;) {
    if (signal.aborted) throw new CrmError('aborted', 'the sync was stopped');
    const page: CrmPage<CrmRecordOf<PagedObject>> = await (ahead ?? connector.page(object, since, resume));
    ahead = null;
    if (page.next !== null && !signal.aborted) {
      ahead = connector.page(object, since, page.next);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      ahead.catch(() => undefined);
    }
    await knowOwners(ctx, vendor, connector, rule, page.records);
    if (object === 'deals') await knowStages(ctx, vendor, connector, page.records as { crmStageId: string }[]);
    const newest = page.records.reduce((max, record) => Math.max(max, record.modifiedAt), state.cursorMs ?? 0);
    const next: SyncObjectRow = full
      ? {
          ...state,
          resumeToken: page.next,
          fullStartedAt,
          cursorMs: page.records.length > 0 ? newest : state.cursorMs,
          // The full read is done with its last page; the cursor then never passes the time it began (our
          // clock) nor the newest change it saw (the CRM's clock), whichever is earlier.
          ...(page.next === null
            ? {
                initialDone: true,
                resumeToken: null,
                fullStartedAt: null,
                cursorMs: newest > 0 ? Math.min(fullStartedAt!, newest) : fullStartedAt,
              }
            : {}),
        }
      : { ...state, cursorMs: newest };
    // An empty page that moves nothing writes nothing: an idle poll stays a few reads.
    if (
      page.records.length === 0 &&
      next.cursorMs === state.cursorMs &&
      next.initialDone === state.initialDone &&
      next.resumeToken === state.resumeToken
    ) {
      if (full || !page.capped) return total;
    }
    const write = {
      vendor,
      live: !full,
      andThen: () => saveSyncObject(ctx.db, vendor, next),
    };
    const result =
      object === 'deals'
        ? writeDealPage(ctx, page.records as never, write)
        : object === 'leads'
          ? writeLeadPage(ctx, page.records as never, write)
          : writeCampaignPage(ctx, page.records as never, write);
    total.written += result.written;
    total.unmapped += result.unmapped;
    state = next;
    if (full) {
      if (page.next === null) return total;
      resume = page.next;
      continue;
    }
    if (page.next !== null) {
      resume = page.next;
      continue;
    }
    if (!page.capped) return total;
    // The CRM's result cap ended this query: a new one starts at the newest time written (the window splits).
    if (state.cursorMs === null || since === null || state.cursorMs <= since) {
      throw new CrmError('invalid', `more ${object} changed at the same moment than the CRM lets one search return`);
    }
    since = state.cursorMs;
    resume = null;
  }
}

/** Reads the owners again when a page names one the sync does not know yet (a new rep's first deal). */
async function knowOwners(
  ctx: CoreContext,
  vendor: CrmVendor,
  connector: CrmConnector,
  rule: OwnerTeamRule,
  records: readonly { ownerCrmId?: string | null }[],
): Promise<void> {
  if (!(getConnectionRow(ctx.db, vendor)?.objects ?? []).includes('people')) return;
  const known = new Set(listCrmOwners(ctx.db, vendor).map((owner) => owner.crmOwnerId));
  if (records.some((record) => record.ownerCrmId != null && !known.has(record.ownerCrmId))) {
    await syncOwners(ctx, vendor, connector, rule);
  }
}

/** Reads the stages again when a deal is in one never seen, so that its report names it. */
async function knowStages(
  ctx: CoreContext,
  vendor: CrmVendor,
  connector: CrmConnector,
  deals: readonly { crmStageId: string }[],
): Promise<void> {
  const known = new Set(listCrmStages(ctx.db, vendor).map((stage) => stage.crmStageId));
  if (deals.some((deal) => !known.has(deal.crmStageId))) await syncStages(ctx, vendor, connector);
}

async function removeDeleted(
  ctx: CoreContext,
  vendor: CrmVendor,
  connector: CrmConnector,
  object: 'leads' | 'deals',
): Promise<number> {
  const ids = await connector.deleted(object, null);
  if (ids.length === 0) return 0;
  return runCommand(
    ctx,
    () => {
      const { db } = ctx;
      const leads = object === 'deals' ? leadsOfSyncedDeals(db, vendor, ids) : [];
      const removed = softDeleteSynced(db, object, vendor, ids, ctx.clock.now()).length;
      // A lead is a customer only through a won deal that is still on the wall.
      followWonDeals(db, leads, ctx.clock.now());
      return removed;
    },
    { undoable: false },
  );
}

/** Records per object a connection holds on the wall now. */
export function syncedCounts(ctx: CoreContext, vendor: CrmVendor): Record<SyncObject, number> {
  const { db } = ctx;
  return {
    people: listCrmOwners(db, vendor).filter((owner) => owner.personId !== null).length,
    stages: listCrmStages(db, vendor).length,
    campaigns: countSynced(db, 'campaigns', vendor),
    leads: countSynced(db, 'leads', vendor),
    deals: countSynced(db, 'deals', vendor),
  };
}
