import type Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { Campaign, Team } from '@shared/domain';
import { getLiveRow, insertLiveRow, listLiveRows, softDeleteLiveRow, updateLiveRow } from './live-rows';

/** A campaign or lead source to add; `id` defaults to a new UUIDv7. */
export interface NewCampaign {
  id?: string;
  name: string;
  /** inbound, paid, event, email, webinar, content, outbound, referral, partner … */
  channel: string;
  /** who sources the leads that come in through it (METRICS: source_team) */
  sourceTeam: Team;
  ownerId?: string | null;
  /** 'YYYY-MM-DD' in the room's zone */
  startedOn?: string | null;
  endedOn?: string | null;
  externalSource?: string | null;
  externalId?: string | null;
}

const COLUMNS = 'id, name, channel, source_team AS sourceTeam, owner_id AS ownerId';

/** A campaign's columns as its form edits them. */
function campaignColumns(fields: Pick<Campaign, 'name' | 'channel' | 'sourceTeam' | 'ownerId'>) {
  return { name: fields.name, channel: fields.channel, source_team: fields.sourceTeam, owner_id: fields.ownerId };
}

/** Adds a campaign and returns it. */
export function insertCampaign(db: Database.Database, campaign: NewCampaign, at: number): Campaign {
  const { name, channel, sourceTeam } = campaign;
  const created: Campaign = {
    id: campaign.id ?? uuidv7(),
    name,
    channel,
    sourceTeam,
    ownerId: campaign.ownerId ?? null,
  };
  const columns = {
    ...campaignColumns(created),
    started_on: campaign.startedOn ?? null,
    ended_on: campaign.endedOn ?? null,
    external_source: campaign.externalSource ?? null,
    external_id: campaign.externalId ?? null,
  };
  insertLiveRow(db, 'campaigns', created.id, columns, at);
  return created;
}

/** Every campaign not deleted, by name. */
export function listCampaigns(db: Database.Database): Campaign[] {
  return listLiveRows<Campaign>(db, 'campaigns', COLUMNS, 'name, id');
}

/** One campaign that is not deleted, or undefined. */
export function getCampaign(db: Database.Database, id: string): Campaign | undefined {
  return getLiveRow<Campaign>(db, 'campaigns', COLUMNS, id);
}

/** Changes what a campaign form edits; returns whether a campaign that is not deleted matched. */
export function updateCampaign(
  db: Database.Database,
  id: string,
  fields: Pick<Campaign, 'name' | 'channel' | 'sourceTeam' | 'ownerId'>,
  at: number,
): boolean {
  return updateLiveRow(db, 'campaigns', id, campaignColumns(fields), at);
}

/** Marks a campaign deleted (soft: leads and deals keep pointing at it); returns whether it changed. */
export function softDeleteCampaign(db: Database.Database, id: string, at: number): boolean {
  return softDeleteLiveRow(db, 'campaigns', id, at);
}
