/**
 * Reads a CSV's stage, source and owner texts: deal stages (HubSpot's and Salesforce's defaults included),
 * lifecycle stages, the team that sourced a lead, and owners as a name, an email or both.
 */
import type { LeadStage, Team } from '@shared/domain';
import type { OwnerRef, StageOption } from './row-drafts';

/** HubSpot's and Salesforce's default deal stages, by the stage of the default pipeline they correspond to. */
const CRM_DEAL_STAGES: Record<string, string> = {
  appointmentscheduled: 'discovery',
  qualifiedtobuy: 'discovery',
  presentationscheduled: 'demo',
  decisionmakerboughtin: 'proposal',
  contractsent: 'negotiation',
  prospecting: 'discovery',
  qualification: 'discovery',
  needsanalysis: 'demo',
  valueproposition: 'demo',
  iddecisionmakers: 'proposal',
  perceptionanalysis: 'proposal',
  proposalpricequote: 'proposal',
  negotiationreview: 'negotiation',
};

function stageKey(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The pipeline stage a CSV value names: the mapping's own translation first, then a stage's id or name,
 * then the CRMs' default stages ("Closed Won" is the pipeline's won stage whatever its id).
 */
export function resolveDealStage(
  value: string,
  stages: readonly StageOption[],
  stageMap: Record<string, string> | undefined,
): StageOption | null {
  if (value === '') return null;
  const key = stageKey(value);
  const mapped =
    stageMap === undefined ? undefined : Object.entries(stageMap).find(([from]) => stageKey(from) === key)?.[1];
  if (mapped !== undefined) return stages.find((stage) => stage.id === mapped) ?? null;
  const direct = stages.find((stage) => stageKey(stage.id) === key || stageKey(stage.name) === key);
  if (direct !== undefined) return direct;
  if (key === 'closedwon' || key === 'won') return stages.find((stage) => stage.kind === 'won') ?? null;
  if (key === 'closedlost' || key === 'lost') return stages.find((stage) => stage.kind === 'lost') ?? null;
  const alias = CRM_DEAL_STAGES[key];
  return alias === undefined ? null : (stages.find((stage) => stage.id === alias && stage.kind === 'open') ?? null);
}

const LEAD_STAGES: Record<string, LeadStage> = {
  subscriber: 'lead',
  lead: 'lead',
  marketingqualifiedlead: 'mql',
  mql: 'mql',
  salesqualifiedlead: 'sql',
  sql: 'sql',
  opportunity: 'opportunity',
  customer: 'customer',
  evangelist: 'customer',
};

/** The lifecycle stage a CSV value names (HubSpot's names included), or null. */
export function resolveLeadStage(value: string, stageMap: Record<string, string> | undefined): LeadStage | null {
  const key = stageKey(value);
  const mapped =
    stageMap === undefined ? undefined : Object.entries(stageMap).find(([from]) => stageKey(from) === key)?.[1];
  const stage = mapped !== undefined ? LEAD_STAGES[stageKey(mapped)] : LEAD_STAGES[key];
  return stage ?? null;
}

/**
 * Who sourced a lead (METRICS: source_team). 'sales' or 'marketing' are taken as written; HubSpot's
 * "Offline Sources" (contacts a rep created or imported) and "outbound" mean sales; every other source
 * (organic and paid search, email, social, referral sites, direct traffic, campaigns) and an empty one
 * mean marketing.
 */
export function sourceTeamOf(value: string): Team {
  const key = stageKey(value);
  return key === 'sales' || key === 'offlinesources' || key === 'offline' || key === 'outbound' ? 'sales' : 'marketing';
}

/** "Ana Lima", "ana@example.com", "Ana Lima <ana@example.com>" or "Ana Lima (ana@example.com)". */
export function parseOwner(text: string): OwnerRef {
  const bracketed = /^(.*?)\s*[<(]\s*([^<>()\s]+@[^<>()\s]+)\s*[>)]$/.exec(text);
  if (bracketed) return { text, name: bracketed[1]!.trim() || null, email: bracketed[2]!.toLowerCase() };
  if (/^[^\s@]+@[^\s@]+$/.test(text)) return { text, name: null, email: text.toLowerCase() };
  return { text, name: text, email: null };
}
