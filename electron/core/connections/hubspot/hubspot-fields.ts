/**
 * HubSpot's records in the engine's neutral shape (crm-types.ts). HubSpot's CRM v3 gives every property
 * as a string: datetimes as ISO text (or epoch ms in some accounts), numbers as decimal text.
 */
import type { CrmCampaign, CrmDeal, CrmLead, CrmOwner, CrmStage } from '../crm-types';

/** The deal properties a sync asks for. */
export const DEAL_PROPERTIES = [
  'dealname',
  'amount',
  'deal_currency_code',
  'dealstage',
  'pipeline',
  'hubspot_owner_id',
  'createdate',
  'closedate',
  'hs_lastmodifieddate',
  'closed_won_reason',
  'closed_lost_reason',
  'hs_analytics_source',
];

/** The contact properties a sync asks for: lifecycle stage and the date it entered each. */
export const CONTACT_PROPERTIES = [
  'firstname',
  'lastname',
  'email',
  'company',
  'hubspot_owner_id',
  'lifecyclestage',
  'hs_lead_status',
  'createdate',
  'lastmodifieddate',
  'hs_analytics_source',
  'hs_lifecyclestage_lead_date',
  'hs_lifecyclestage_marketingqualifiedlead_date',
  'hs_lifecyclestage_salesqualifiedlead_date',
  'hs_lifecyclestage_opportunity_date',
  'hs_lifecyclestage_customer_date',
];

/** The last-modified property of each object, as its search filters and sorts name it. */
export const MODIFIED_PROPERTY = { deals: 'hs_lastmodifieddate', contacts: 'lastmodifieddate' } as const;

type Properties = Record<string, string | null | undefined>;

/** A HubSpot object as the v3 API returns it. */
export interface HubSpotObject {
  id: string;
  properties: Properties;
  createdAt?: Date | string;
  updatedAt?: Date | string;
  archived?: boolean;
  associations?: Record<string, { results?: { id: string }[] } | undefined>;
}

/** A property's time in epoch ms, or null when absent or unreadable. */
export function timeOf(value: string | Date | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

function text(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value.trim();
}

/** HubSpot's original source values, named as a room says them, with the channel and team they mean. */
const SOURCES: Record<string, { name: string; channel: string; team: 'sales' | 'marketing' }> = {
  ORGANIC_SEARCH: { name: 'Organic search', channel: 'inbound', team: 'marketing' },
  PAID_SEARCH: { name: 'Paid search', channel: 'paid', team: 'marketing' },
  EMAIL_MARKETING: { name: 'Email marketing', channel: 'email', team: 'marketing' },
  SOCIAL_MEDIA: { name: 'Organic social', channel: 'inbound', team: 'marketing' },
  PAID_SOCIAL: { name: 'Paid social', channel: 'paid', team: 'marketing' },
  REFERRALS: { name: 'Referrals', channel: 'referral', team: 'marketing' },
  OTHER_CAMPAIGNS: { name: 'Other campaigns', channel: 'content', team: 'marketing' },
  DIRECT_TRAFFIC: { name: 'Direct traffic', channel: 'inbound', team: 'marketing' },
  AI_REFERRALS: { name: 'AI referrals', channel: 'referral', team: 'marketing' },
  OFFLINE: { name: 'Offline sources', channel: 'outbound', team: 'sales' },
};

/** The campaign an original source stands for on the wall; null without a source. */
export function sourceCampaign(value: string | null | undefined, modifiedAt: number): CrmCampaign | null {
  const source = text(value);
  if (source === null) return null;
  const known = SOURCES[source];
  const name = known?.name ?? source.charAt(0) + source.slice(1).toLowerCase().replaceAll('_', ' ');
  return {
    crmId: `source:${source}`,
    name,
    channel: known?.channel ?? 'inbound',
    // Offline sources are sales' own work (imports, records a rep created); the rest is marketing's.
    sourceTeam: known?.team ?? 'marketing',
    ownerCrmId: null,
    modifiedAt,
  };
}

/** A HubSpot owner. */
export function toOwner(owner: {
  id: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  teams?: { name: string }[];
}): CrmOwner {
  const name = [owner.firstName, owner.lastName]
    .filter((part) => part && part.trim() !== '')
    .join(' ')
    .trim();
  return {
    crmId: owner.id,
    name: name || owner.email || `HubSpot owner ${owner.id}`,
    email: text(owner.email),
    teams: (owner.teams ?? []).map((team) => team.name),
  };
}

/** The stages of HubSpot deal pipelines (metadata: isClosed, probability as strings). */
export function toStages(
  pipelines: {
    label: string;
    displayOrder: number;
    stages: { id: string; label: string; displayOrder: number; metadata: Record<string, string> }[];
  }[],
): CrmStage[] {
  return pipelines
    .toSorted((a, b) => a.displayOrder - b.displayOrder)
    .flatMap((pipeline) =>
      pipeline.stages.map((stage) => {
        const probability = stage.metadata.probability === undefined ? null : Number(stage.metadata.probability);
        const isClosed = stage.metadata.isClosed === 'true';
        return {
          crmStageId: stage.id,
          label: stage.label,
          pipelineLabel: pipeline.label,
          order: stage.displayOrder,
          probability: probability !== null && Number.isFinite(probability) ? probability : null,
          isClosed,
          isWon: isClosed && probability === 1,
        };
      }),
    );
}

/** A HubSpot deal; its lead is its first associated contact. */
export function toDeal(object: HubSpotObject, contactIds: string[]): CrmDeal {
  const p = object.properties;
  const modifiedAt = timeOf(p.hs_lastmodifieddate) ?? timeOf(object.updatedAt) ?? 0;
  const amount = text(p.amount) === null ? null : Number(p.amount);
  return {
    crmId: object.id,
    title: text(p.dealname) ?? `HubSpot deal ${object.id}`,
    amount: amount !== null && Number.isFinite(amount) ? amount : null,
    currency: text(p.deal_currency_code)?.toUpperCase() ?? null,
    crmStageId: text(p.dealstage) ?? '',
    ownerCrmId: text(p.hubspot_owner_id),
    leadCrmId: contactIds.toSorted()[0] ?? null,
    campaign: sourceCampaign(p.hs_analytics_source, modifiedAt),
    createdAt: timeOf(p.createdate) ?? timeOf(object.createdAt) ?? modifiedAt,
    closedAt: timeOf(p.closedate),
    closeReason: text(p.closed_won_reason) ?? text(p.closed_lost_reason),
    modifiedAt,
  };
}

/** A HubSpot contact as a lead, with its lifecycle stage dates. */
export function toLead(object: HubSpotObject): CrmLead {
  const p = object.properties;
  const modifiedAt = timeOf(p.lastmodifieddate) ?? timeOf(object.updatedAt) ?? 0;
  const createdAt = timeOf(p.createdate) ?? timeOf(object.createdAt) ?? modifiedAt;
  const name =
    [text(p.firstname), text(p.lastname)].filter(Boolean).join(' ') || text(p.email) || `Contact ${object.id}`;
  const entered: CrmLead['entered'] = { lead: timeOf(p.hs_lifecyclestage_lead_date) ?? createdAt };
  const mql = timeOf(p.hs_lifecyclestage_marketingqualifiedlead_date);
  const sql = timeOf(p.hs_lifecyclestage_salesqualifiedlead_date);
  const opportunity = timeOf(p.hs_lifecyclestage_opportunity_date);
  const customer = timeOf(p.hs_lifecyclestage_customer_date);
  if (mql !== null) entered.mql = mql;
  if (sql !== null) entered.sql = sql;
  if (opportunity !== null) entered.opportunity = opportunity;
  if (customer !== null) entered.customer = customer;
  const unqualified = text(p.hs_lead_status) === 'UNQUALIFIED' && customer === null;
  return {
    crmId: object.id,
    name: name.slice(0, 200),
    company: text(p.company),
    ownerCrmId: text(p.hubspot_owner_id),
    campaign: sourceCampaign(p.hs_analytics_source, modifiedAt),
    createdAt,
    entered,
    disqualifiedAt: unqualified ? modifiedAt : null,
    disqualifiedReason: unqualified ? 'Unqualified in HubSpot' : null,
    modifiedAt,
  };
}
