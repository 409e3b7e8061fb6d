/**
 * Salesforce through its own client (`@jsforce/jsforce-node`): a connected app signs in with the OAuth 2.0
 * client credentials flow (or the refresh token flow when the admin has a refresh token), then SOQL reads
 * User, OpportunityStage, Campaign, Lead and Opportunity with `queryMore` paging. Deleted records come from
 * `queryAll` (IsDeleted). Every answer's `Sforce-Limit-Info` header keeps the daily allowance, which the
 * admin sees; a sync stops short of spending the last of it.
 */
import { Connection, type QueryOptions } from '@jsforce/jsforce-node';
import type { ApiAllowance, SyncObject } from '@shared/connections';
import { CrmError, callWithLimits, type CallLimits } from '../call-limits';
import type { CrmCampaign, CrmConnector, CrmDeal, CrmLead, CrmPage, CrmRecordOf, PagedObject } from '../crm-types';

/** Salesforce's login URL when the admin gives none. */
export const SALESFORCE_DEFAULT_LOGIN_URL = 'https://login.salesforce.com';
/** The sentence that stops a connection whose credentials Salesforce refuses. */
export const SALESFORCE_REFUSED =
  'Salesforce refused the connected app: check its consumer key and secret, or create a new refresh token';
const API_VERSION = '62.0';
/** A sync leaves this share of the daily allowance to the org's other integrations. */
const ALLOWANCE_RESERVE = 0.05;

/** Options of {@link createSalesforceConnector}. */
export interface SalesforceOptions {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken?: string;
  limits: CallLimits;
  now: () => number;
}

type SfRecord = Record<string, unknown> & { Id: string };
interface SfResult {
  records: SfRecord[];
  done: boolean;
  nextRecordsUrl?: string;
  totalSize: number;
}

const SOQL = {
  campaigns: 'SELECT Id, Name, Type, OwnerId, LastModifiedDate FROM Campaign',
  leads:
    'SELECT Id, FirstName, LastName, Company, Status, OwnerId, LeadSource, CreatedDate, LastModifiedDate, IsConverted, ConvertedDate, ConvertedOpportunityId FROM Lead',
  deals:
    'SELECT Id, Name, Amount, StageName, OwnerId, CampaignId, Campaign.Name, CreatedDate, CloseDate, IsClosed, IsWon, LastModifiedDate FROM Opportunity',
} as const;
const SOBJECT: Record<PagedObject, string> = { campaigns: 'Campaign', leads: 'Lead', deals: 'Opportunity' };

/** A connector for one Salesforce org. */
export function createSalesforceConnector(options: SalesforceOptions): CrmConnector {
  const loginUrl = options.loginUrl.replace(/\/+$/, '');
  const oauth2 = { clientId: options.clientId, clientSecret: options.clientSecret, loginUrl };
  let connection: Connection | null = null;
  let allowance: ApiAllowance | null = null;

  async function signIn(): Promise<Connection> {
    if (connection !== null) return connection;
    const conn = new Connection({ oauth2, loginUrl, version: API_VERSION });
    if (options.refreshToken) {
      const token = await conn.oauth2.refreshToken(options.refreshToken);
      connection = new Connection({
        oauth2,
        version: API_VERSION,
        instanceUrl: token.instance_url,
        accessToken: token.access_token,
        refreshToken: options.refreshToken,
      });
    } else {
      await conn.authorize({ grant_type: 'client_credentials' });
      connection = conn;
    }
    return connection;
  }

  async function call<T>(run: (conn: Connection) => Promise<T>): Promise<T> {
    return callWithLimits(
      async () => {
        const conn = await signIn();
        const answer = await run(conn);
        const usage = conn.limitInfo?.apiUsage;
        if (usage) allowance = { used: usage.used, max: usage.limit, window: 'day', at: options.now() };
        return answer;
      },
      classify,
      options.limits,
    );
  }

  function checkAllowance(): void {
    if (allowance !== null && allowance.used >= allowance.max * (1 - ALLOWANCE_RESERVE)) {
      throw new CrmError(
        'rate',
        `Salesforce's daily API allowance is nearly used (${allowance.used} of ${allowance.max}): syncing waits for it to refill`,
      );
    }
  }

  async function query(soql: string, locator: string | null, deleted = false): Promise<SfResult> {
    checkAllowance();
    return call(
      async (conn) =>
        (locator === null
          ? await conn.query(soql, { autoFetch: false, scanAll: deleted })
          : await conn.queryMore(locator, { autoFetch: false } as QueryOptions)) as unknown as SfResult,
    );
  }

  async function queryEverything(soql: string): Promise<SfRecord[]> {
    const all: SfRecord[] = [];
    let result = await query(soql, null);
    all.push(...result.records);
    while (!result.done && result.nextRecordsUrl) {
      result = await query(soql, result.nextRecordsUrl);
      all.push(...result.records);
    }
    return all;
  }

  async function page<O extends PagedObject>(
    object: O,
    since: number | null,
    resume: string | null,
  ): Promise<CrmPage<CrmRecordOf<O>>> {
    const soql =
      since === null
        ? `${SOQL[object]} ORDER BY Id`
        : `${SOQL[object]} WHERE LastModifiedDate >= ${new Date(since).toISOString()} ORDER BY LastModifiedDate, Id`;
    let result: SfResult;
    try {
      result = await query(soql, resume);
    } catch (error) {
      // A query locator lives 15 minutes: a full read resumed later starts over (records already held are skipped).
      if (resume === null || !(error instanceof CrmError) || error.kind !== 'invalid') throw error;
      result = await query(soql, null);
    }
    const next = result.done ? null : (result.nextRecordsUrl ?? null);
    if (object === 'campaigns') return { records: result.records.map(toCampaign) as CrmRecordOf<O>[], next };
    if (object === 'leads') return { records: result.records.map(toLead) as CrmRecordOf<O>[], next };
    const leadsByOpportunity = await convertedLeads(result.records.map((record) => record.Id));
    return {
      records: result.records.map((record) =>
        toDeal(record, leadsByOpportunity.get(record.Id) ?? null),
      ) as CrmRecordOf<O>[],
      next,
    };
  }

  async function convertedLeads(opportunityIds: string[]): Promise<Map<string, string>> {
    const byOpportunity = new Map<string, string>();
    if (opportunityIds.length === 0) return byOpportunity;
    const list = opportunityIds.map((id) => `'${id.replace(/[^A-Za-z0-9]/g, '')}'`).join(', ');
    for (const lead of await queryEverything(
      `SELECT Id, ConvertedOpportunityId FROM Lead WHERE ConvertedOpportunityId IN (${list})`,
    )) {
      byOpportunity.set(String(lead.ConvertedOpportunityId), lead.Id);
    }
    return byOpportunity;
  }

  async function stages() {
    const rows = await queryEverything(
      'SELECT Id, ApiName, MasterLabel, SortOrder, DefaultProbability, IsClosed, IsWon, IsActive FROM OpportunityStage WHERE IsActive = true',
    );
    return rows.map((row) => ({
      crmStageId: String(row.ApiName ?? row.MasterLabel),
      label: String(row.MasterLabel),
      pipelineLabel: 'Opportunities',
      order: Number(row.SortOrder ?? 0),
      probability: row.DefaultProbability == null ? null : Number(row.DefaultProbability) / 100,
      isClosed: row.IsClosed === true,
      isWon: row.IsWon === true,
    }));
  }

  async function owners() {
    const rows = await queryEverything('SELECT Id, Name, Email, UserRole.Name FROM User WHERE IsActive = true');
    return rows.map((row) => ({
      crmId: row.Id,
      name: String(row.Name ?? row.Email ?? row.Id),
      email: typeof row.Email === 'string' ? row.Email : null,
      teams:
        typeof (row.UserRole as { Name?: unknown } | null)?.Name === 'string'
          ? [(row.UserRole as { Name: string }).Name]
          : [],
    }));
  }

  return {
    pagedObjects: ['campaigns', 'leads', 'deals'],
    objectNames: OBJECT_NAMES,
    async test() {
      const found = await owners();
      const stageCount = (await stages()).length;
      return `Connected to Salesforce: ${found.length} active user${found.length === 1 ? '' : 's'}, ${stageCount} opportunity stage${stageCount === 1 ? '' : 's'}.`;
    },
    owners,
    stages,
    async dealCountsByStage() {
      const rows = await queryEverything('SELECT StageName, COUNT(Id) n FROM Opportunity GROUP BY StageName');
      return new Map(rows.map((row) => [String(row.StageName), Number(row.n)]));
    },
    page,
    async deleted(object) {
      const ids: string[] = [];
      let result = await query(`SELECT Id FROM ${SOBJECT[object]} WHERE IsDeleted = true`, null, true);
      ids.push(...result.records.map((record) => record.Id));
      while (!result.done && result.nextRecordsUrl) {
        result = await query('', result.nextRecordsUrl);
        ids.push(...result.records.map((record) => record.Id));
      }
      return ids;
    },
    allowance: () => allowance,
  };
}

const OBJECT_NAMES: Record<SyncObject, string> = {
  people: 'Users',
  stages: 'Opportunity stages',
  campaigns: 'Campaigns',
  leads: 'Leads',
  deals: 'Opportunities',
};

function time(value: unknown): number | null {
  if (typeof value !== 'string' || value === '') return null;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value.replace(/\+0000$/, 'Z'));
  return Number.isNaN(ms) ? null : ms;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const CAMPAIGN_CHANNELS: Record<string, string> = {
  Webinar: 'webinar',
  Conference: 'event',
  'Trade Show': 'event',
  Email: 'email',
  Advertisement: 'paid',
  'Banner Ads': 'paid',
  'Direct Mail': 'outbound',
  Telemarketing: 'outbound',
  Referral: 'referral',
  Partners: 'partner',
  'Public Relations': 'content',
};

function toCampaign(row: SfRecord): CrmCampaign {
  const type = str(row.Type);
  const channel = (type && CAMPAIGN_CHANNELS[type]) ?? 'inbound';
  return {
    crmId: row.Id,
    name: str(row.Name) ?? row.Id,
    channel,
    sourceTeam: channel === 'outbound' ? 'sales' : 'marketing',
    ownerCrmId: str(row.OwnerId),
    modifiedAt: time(row.LastModifiedDate) ?? 0,
  };
}

/** A lead source picklist value as a campaign (Salesforce's primary campaign source is on opportunities). */
function leadSource(value: unknown, modifiedAt: number): CrmCampaign | null {
  const source = str(value);
  if (source === null) return null;
  const sales = /cold call|outbound|sales|partner referral/i.test(source);
  return {
    crmId: `source:${source}`,
    name: source,
    channel: sales ? 'outbound' : 'inbound',
    sourceTeam: sales ? 'sales' : 'marketing',
    ownerCrmId: null,
    modifiedAt,
  };
}

function toLead(row: SfRecord): CrmLead {
  const modifiedAt = time(row.LastModifiedDate) ?? 0;
  const createdAt = time(row.CreatedDate) ?? modifiedAt;
  const status = str(row.Status) ?? '';
  const converted = row.IsConverted === true;
  const convertedAt = converted ? (time(row.ConvertedDate) ?? modifiedAt) : null;
  const dropped = !converted && /unqualified|not converted|disqualified/i.test(status);
  const entered: CrmLead['entered'] = { lead: createdAt };
  if (/working|contacted|qualified/i.test(status) && !dropped) entered.mql = createdAt;
  if (convertedAt !== null) {
    entered.sql = convertedAt;
    if (str(row.ConvertedOpportunityId) !== null) entered.opportunity = convertedAt;
  }
  return {
    crmId: row.Id,
    name: ([str(row.FirstName), str(row.LastName)].filter(Boolean).join(' ') || row.Id).slice(0, 200),
    company: str(row.Company),
    ownerCrmId: str(row.OwnerId),
    campaign: leadSource(row.LeadSource, modifiedAt),
    createdAt,
    entered,
    disqualifiedAt: dropped ? modifiedAt : null,
    disqualifiedReason: dropped ? status : null,
    modifiedAt,
  };
}

function toDeal(row: SfRecord, leadId: string | null): CrmDeal {
  const modifiedAt = time(row.LastModifiedDate) ?? 0;
  const amount = typeof row.Amount === 'number' ? row.Amount : null;
  const campaignId = str(row.CampaignId);
  return {
    crmId: row.Id,
    title: str(row.Name) ?? row.Id,
    amount,
    currency: str(row.CurrencyIsoCode),
    crmStageId: str(row.StageName) ?? '',
    ownerCrmId: str(row.OwnerId),
    leadCrmId: leadId,
    campaign:
      campaignId === null
        ? null
        : {
            crmId: campaignId,
            name: str((row.Campaign as { Name?: unknown } | null)?.Name) ?? campaignId,
            channel: 'inbound',
            sourceTeam: 'marketing',
            ownerCrmId: null,
            modifiedAt,
          },
    createdAt: time(row.CreatedDate) ?? modifiedAt,
    closedAt: row.IsClosed === true ? (time(row.CloseDate) ?? modifiedAt) : null,
    closeReason: null,
    modifiedAt,
  };
}

const REFUSED_CODES = new Set([
  'INVALID_SESSION_ID',
  'invalid_client',
  'invalid_client_id',
  'invalid_grant',
  'unauthorized_client',
  'inactive_user',
  'INVALID_AUTH_HEADER',
]);

function classify(error: unknown): CrmError {
  const failure = error as { name?: string; errorCode?: string; message?: string; code?: string };
  const code = failure.errorCode ?? failure.name ?? '';
  const message = (failure.message ?? String(error)).split('\n')[0]!;
  if (REFUSED_CODES.has(code) || /No refresh token found/i.test(message))
    return new CrmError('auth', SALESFORCE_REFUSED);
  if (code === 'REQUEST_LIMIT_EXCEEDED')
    return new CrmError('rate', `Salesforce's API allowance is used up: ${message}`, 3_600_000);
  if (/^ERROR_HTTP_5\d\d$/.test(code) || code === 'SERVER_UNAVAILABLE')
    return new CrmError('server', `Salesforce answered ${code}: ${message}`);
  if (code === 'ERROR_HTTP_429') return new CrmError('rate', 'Salesforce asked us to slow down (429)');
  if (code === 'INVALID_QUERY_LOCATOR' || /^[A-Z_]+$/.test(code))
    return new CrmError('invalid', `Salesforce refused the query: ${message}`);
  return new CrmError('network', `Salesforce could not be reached: ${message}`);
}
