/**
 * Commands for campaigns (lead sources). Each is one transaction through {@link runCommand} that records
 * one event carrying the changed row (the undo convention in activity-recorder.ts).
 */
import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { MethodParsedInput } from '@shared/contract';
import type { Campaign, Person } from '@shared/domain';
import type { CoreContext } from '../../context';
import { insertCampaign, softDeleteCampaign, updateCampaign } from '../../db/repositories/campaigns-repository';
import { getPerson } from '../../db/repositories/people-repository';
import { runCommand } from '../support/activity-recorder';
import { optionalPerson, requireCampaign } from '../support/references';

/**
 * Adds a campaign (no `id`) or changes one (`id`; `not_found` on 'id' when there is none). The owner must
 * be a person that exists (`not_found` on 'ownerId'). Leaving `ownerId` out of an update keeps the owner;
 * null clears it. Events: 'campaign.created' or 'campaign.updated'; nothing is recorded when an update
 * changes nothing.
 */
export function saveCampaign(ctx: CoreContext, input: MethodParsedInput<'campaigns.save'>): Campaign {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const existing = input.id == null ? null : requireCampaign(db, input.id, 'id');
    // Only an owner the input names is checked: a kept owner who has since been deleted stays as is.
    const ownerId = input.ownerId === undefined ? (existing?.ownerId ?? null) : input.ownerId;
    const owner = input.ownerId === undefined ? personOrNull(db, ownerId) : optionalPerson(db, ownerId, 'ownerId');
    const fields = { name: input.name, channel: input.channel, sourceTeam: input.sourceTeam, ownerId };

    if (existing === null) {
      const campaign = insertCampaign(db, { id: uuidv7(), ...fields }, now);
      record({ type: 'campaign.created', ...campaignEvent(campaign, owner?.name ?? null) });
      return campaign;
    }
    const campaign: Campaign = { id: existing.id, ...fields };
    if (sameCampaign(existing, campaign)) return existing;
    updateCampaign(db, existing.id, fields, now);
    record({ type: 'campaign.updated', ...campaignEvent(campaign, owner?.name ?? null) });
    return campaign;
  });
}

/**
 * Deletes a campaign softly (`not_found` on 'id' when there is none): it leaves the lists and forms, while
 * its leads and deals keep their credit, and undo brings it back. Event: 'campaign.deleted'.
 */
export function deleteCampaign(ctx: CoreContext, input: MethodParsedInput<'campaigns.delete'>): { id: string } {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const campaign = requireCampaign(db, input.id, 'id');
    const owner = personOrNull(db, campaign.ownerId);
    softDeleteCampaign(db, campaign.id, ctx.clock.now());
    record({ type: 'campaign.deleted', ...campaignEvent(campaign, owner?.name ?? null) });
    return { id: campaign.id };
  });
}

function personOrNull(db: Database.Database, id: string | null): Person | null {
  return id === null ? null : (getPerson(db, id) ?? null);
}

function sameCampaign(a: Campaign, b: Campaign): boolean {
  return a.name === b.name && a.channel === b.channel && a.sourceTeam === b.sourceTeam && a.ownerId === b.ownerId;
}

function campaignEvent(campaign: Campaign, ownerName: string | null) {
  return {
    entity: 'campaign',
    entityId: campaign.id,
    payload: {
      campaignId: campaign.id,
      name: campaign.name,
      campaignName: campaign.name,
      channel: campaign.channel,
      sourceTeam: campaign.sourceTeam,
      ownerId: campaign.ownerId,
      ownerName,
    },
  };
}
