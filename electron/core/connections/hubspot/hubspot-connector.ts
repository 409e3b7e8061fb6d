/**
 * HubSpot through its own client (`@hubspot/api-client`), with a private app's access token. Full reads
 * use the list endpoints (100 records a call, associations inline, no cap); incremental reads use the CRM
 * search API sorted by last-modified time, whose 10,000-result cap is met by starting a new search at the
 * last time read (the engine dedupes the overlap by id). Archived records are found by listing them.
 * Every call passes through the rate pacer: HubSpot reports its window in `X-HubSpot-RateLimit-*`.
 */
import { Client } from '@hubspot/api-client';
import type { ApiAllowance, SyncObject } from '@shared/connections';
import { CrmError, callWithLimits, classifyHttpFailure, sleep, type CallLimits } from '../call-limits';
import type { CrmConnector, CrmDeal, CrmLead, CrmPage, CrmRecordOf, PagedObject } from '../crm-types';
import {
  CONTACT_PROPERTIES,
  DEAL_PROPERTIES,
  MODIFIED_PROPERTY,
  timeOf,
  toDeal,
  toLead,
  toOwner,
  toStages,
  type HubSpotObject,
} from './hubspot-fields';

/** HubSpot's API base when the admin gives none. */
export const HUBSPOT_DEFAULT_BASE_URL = 'https://api.hubapi.com';
/** The sentence that stops a connection whose token HubSpot refuses. */
export const HUBSPOT_REFUSED = 'HubSpot refused the token: create a new private app token';
/** HubSpot's search returns at most this many results per query, however it is paged. */
export const HUBSPOT_SEARCH_CAP = 10_000;
const PAGE = 100;

type Headers = Record<string, string | undefined>;
interface WithHeaders<T> {
  headers: Headers;
  data: T;
}

/** Options of {@link createHubSpotConnector}. */
export interface HubSpotOptions {
  baseUrl: string;
  accessToken: string;
  limits: CallLimits;
  now: () => number;
}

/** A connector for one HubSpot account. */
export function createHubSpotConnector(options: HubSpotOptions): CrmConnector {
  const client = new Client({
    accessToken: options.accessToken,
    basePath: options.baseUrl.replace(/\/+$/, ''),
    // Retries are ours (call-limits.ts): one policy, with jitter and a ceiling, for both vendors.
    numberOfApiCallRetries: 0,
  });
  const pacer = new RatePacer(options.now);

  async function call<T>(run: () => Promise<WithHeaders<T>>): Promise<T> {
    return callWithLimits(
      async () => {
        await pacer.beforeCall(options.limits.signal);
        try {
          const answer = await run();
          pacer.afterAnswer(answer.headers);
          return answer.data;
        } catch (error) {
          const headers = (error as { headers?: Headers }).headers;
          if (headers) pacer.afterAnswer(headers);
          throw error;
        }
      },
      classify,
      options.limits,
    );
  }

  async function owners() {
    const all = [];
    let after: string | undefined;
    do {
      const page = await call(() => client.crm.owners.ownersApi.getPageWithHttpInfo(undefined, after, 500, false));
      all.push(...page.results.map(toOwner));
      after = page.paging?.next?.after;
    } while (after);
    return all;
  }

  async function stages() {
    const answer = await call(() => client.crm.pipelines.pipelinesApi.getAllWithHttpInfo('deals'));
    return toStages(answer.results as Parameters<typeof toStages>[0]);
  }

  async function contactIdsOf(dealIds: string[]): Promise<Map<string, string[]>> {
    const byDeal = new Map<string, string[]>();
    if (dealIds.length === 0) return byDeal;
    const answer = await call(() =>
      client.crm.associations.v4.batchApi.getPageWithHttpInfo('deals', 'contacts', {
        inputs: dealIds.map((id) => ({ id })),
      }),
    );
    for (const result of answer.results) {
      byDeal.set(
        result._from.id,
        result.to.map((to) => String(to.toObjectId)),
      );
    }
    return byDeal;
  }

  async function listPage(object: 'deals' | 'contacts', after: string | null, archived: boolean) {
    const api = object === 'deals' ? client.crm.deals.basicApi : client.crm.contacts.basicApi;
    const properties = object === 'deals' ? DEAL_PROPERTIES : CONTACT_PROPERTIES;
    return call(() =>
      api.getPageWithHttpInfo(
        PAGE,
        after ?? undefined,
        archived ? ['hs_object_id'] : properties,
        undefined,
        object === 'deals' && !archived ? ['contacts'] : undefined,
        archived,
      ),
    );
  }

  async function searchPage(object: 'deals' | 'contacts', since: number, after: string | null) {
    const api = object === 'deals' ? client.crm.deals.searchApi : client.crm.contacts.searchApi;
    const modified = MODIFIED_PROPERTY[object];
    return call(() =>
      api.doSearchWithHttpInfo({
        filterGroups: [{ filters: [{ propertyName: modified, operator: 'GTE' as never, value: String(since) }] }],
        sorts: [modified],
        properties: object === 'deals' ? DEAL_PROPERTIES : CONTACT_PROPERTIES,
        limit: PAGE,
        after: after ?? undefined,
      }),
    );
  }

  async function page<O extends PagedObject>(
    object: O,
    since: number | null,
    resume: string | null,
  ): Promise<CrmPage<CrmRecordOf<O>>> {
    const hubObject = object === 'deals' ? 'deals' : 'contacts';
    let results: HubSpotObject[];
    let next: string | null;
    let capped = false;
    if (since === null) {
      const answer = await listPage(hubObject, resume, false);
      results = answer.results as HubSpotObject[];
      next = answer.paging?.next?.after ?? null;
    } else {
      const answer = await searchPage(hubObject, since, resume);
      results = answer.results as HubSpotObject[];
      next = answer.paging?.next?.after ?? null;
      // The search stops answering at 10,000 results: end this search here; the engine starts the next one
      // at the last modified time it wrote (the overlap is deduplicated by id).
      if (next !== null && Number(next) + PAGE > HUBSPOT_SEARCH_CAP) {
        next = null;
        capped = true;
      }
    }
    if (object === 'deals') {
      const inline = since === null;
      const contacts = inline ? null : await contactIdsOf(results.map((result) => result.id));
      const deals: CrmDeal[] = results.map((result) =>
        toDeal(
          result,
          inline
            ? (result.associations?.contacts?.results ?? []).map((association) => association.id)
            : (contacts?.get(result.id) ?? []),
        ),
      );
      return { records: deals as CrmRecordOf<O>[], next, capped };
    }
    const leads: CrmLead[] = results.map(toLead);
    return { records: leads as CrmRecordOf<O>[], next, capped };
  }

  return {
    pagedObjects: ['leads', 'deals'],
    objectNames: OBJECT_NAMES,
    async test() {
      const found = await owners();
      const pipelines = await call(() => client.crm.pipelines.pipelinesApi.getAllWithHttpInfo('deals'));
      return `Connected to HubSpot: ${found.length} owner${found.length === 1 ? '' : 's'}, ${pipelines.results.length} deal pipeline${pipelines.results.length === 1 ? '' : 's'}.`;
    },
    owners,
    stages,
    async dealCountsByStage() {
      const counts = new Map<string, number>();
      for (const stage of await stages()) {
        const answer = await call(() =>
          client.crm.deals.searchApi.doSearchWithHttpInfo({
            filterGroups: [
              { filters: [{ propertyName: 'dealstage', operator: 'EQ' as never, value: stage.crmStageId }] },
            ],
            properties: ['dealstage'],
            limit: 1,
          }),
        );
        counts.set(stage.crmStageId, answer.total);
      }
      return counts;
    },
    page,
    async deleted(object, since) {
      if (object === 'campaigns') return [];
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const answer = await listPage(object === 'deals' ? 'deals' : 'contacts', after, true);
        for (const result of answer.results as (HubSpotObject & { archivedAt?: Date | string })[]) {
          const at = timeOf(result.archivedAt ?? null);
          if (since === null || at === null || at >= since) ids.push(result.id);
        }
        after = answer.paging?.next?.after ?? null;
      } while (after !== null);
      return ids;
    },
    allowance: () => pacer.allowance,
  };
}

const OBJECT_NAMES: Record<SyncObject, string> = {
  people: 'Owners',
  stages: 'Deal pipelines',
  campaigns: 'Original sources',
  leads: 'Contacts',
  deals: 'Deals',
};

function classify(error: unknown): CrmError {
  const failure = error as { code?: unknown; headers?: Headers; body?: unknown; message?: string };
  const status = typeof failure.code === 'number' ? failure.code : null;
  const detail =
    typeof failure.body === 'object' && failure.body !== null && 'message' in failure.body
      ? String((failure.body as { message: unknown }).message)
      : (failure.message ?? String(error)).split('\n')[0]!;
  return classifyHttpFailure({ status, headers: lowerKeys(failure.headers ?? {}) }, HUBSPOT_REFUSED, detail);
}

function lowerKeys(headers: Headers): Headers {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

/**
 * Keeps to HubSpot's window: `X-HubSpot-RateLimit-Remaining` calls are left of `-Max` in the current window
 * of `-Interval-Milliseconds`. When none are left, the next call waits for the window to end, so that a sync
 * runs at the rate HubSpot allows rather than into 429s.
 */
class RatePacer {
  allowance: ApiAllowance | null = null;
  private windowEndsAt = 0;
  private remaining: number | null = null;

  constructor(private readonly now: () => number) {}

  async beforeCall(signal: AbortSignal | undefined): Promise<void> {
    const wait = this.windowEndsAt - this.now();
    if (this.remaining !== null && this.remaining <= 0 && wait > 0) {
      await sleep(wait, signal);
      this.remaining = null;
    }
  }

  afterAnswer(raw: Headers): void {
    const headers = lowerKeys(raw);
    const max = Number(headers['x-hubspot-ratelimit-max']);
    const remaining = Number(headers['x-hubspot-ratelimit-remaining']);
    const interval = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
    if (!Number.isFinite(max) || !Number.isFinite(remaining) || headers['x-hubspot-ratelimit-max'] === undefined)
      return;
    const now = this.now();
    // The first call of a window (max − 1 left) tells when the window began.
    if (remaining >= max - 1 || now >= this.windowEndsAt) {
      this.windowEndsAt = now + (Number.isFinite(interval) ? interval : 10_000);
    }
    this.remaining = remaining;
    this.allowance = { used: max - remaining, max, window: 'interval', at: now };
  }
}
