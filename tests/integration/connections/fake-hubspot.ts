/**
 * A HubSpot stand-in on 127.0.0.1 that answers the way HubSpot's CRM v3/v4 APIs are documented: bearer
 * token auth (401 otherwise), `X-HubSpot-RateLimit-*` headers on every answer and 429 past the window's
 * allowance, list endpoints paged by `after` (with `archived=true` listing archived records), the search
 * endpoint with filters, ascending sort and its 10,000-result cap (400 beyond), and batch association reads.
 * Tests change the records and inject faults (5xx, dropped connections, slow answers).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A stored HubSpot object. */
export interface FakeObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: number;
  updatedAt: number;
  archivedAt: number | null;
  /** deals only: associated contact ids */
  contacts?: string[];
}

/** A fake owner. */
export interface FakeOwner {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  teams?: { id: string; name: string; primary: boolean }[];
}

/** Options of {@link startFakeHubSpot}. */
export interface FakeHubSpotOptions {
  token?: string;
  /** calls allowed per window (HubSpot's documented private app rate: 100 per 10 s; 150 on paid tiers) */
  rateMax?: number;
  rateIntervalMs?: number;
}

type Fault = { kind: 'status'; status: number } | { kind: 'drop' } | { kind: 'slow'; ms: number };

/** A running fake HubSpot. */
export interface FakeHubSpot {
  url: string;
  token: string;
  owners: FakeOwner[];
  pipelines: {
    id: string;
    label: string;
    displayOrder: number;
    stages: { id: string; label: string; displayOrder: number; metadata: Record<string, string> }[];
  }[];
  deals: Map<string, FakeObject>;
  contacts: Map<string, FakeObject>;
  /** every request as `METHOD path` (query left off) */
  requests: string[];
  /** answers the next calls with these faults, in order */
  faults: Fault[];
  /** answers calls whose path contains the key with a fault from its queue */
  faultsOn: Map<string, Fault[]>;
  rateLimited: number;
  /** sets a deal's properties and its modified time (HubSpot stamps hs_lastmodifieddate on every change) */
  touchDeal(id: string, properties: Record<string, string | null>, at: number): void;
  touchContact(id: string, properties: Record<string, string | null>, at: number): void;
  close(): Promise<void>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Starts a fake HubSpot on an ephemeral loopback port. */
export async function startFakeHubSpot(options: FakeHubSpotOptions = {}): Promise<FakeHubSpot> {
  const token = options.token ?? 'pat-eu1-fake-0000-token-abcd';
  const rateMax = options.rateMax ?? 100;
  const rateIntervalMs = options.rateIntervalMs ?? 10_000;
  let windowStart = 0;
  let used = 0;

  const fake: FakeHubSpot = {
    url: '',
    token,
    owners: [],
    pipelines: [],
    deals: new Map(),
    contacts: new Map(),
    requests: [],
    faults: [],
    faultsOn: new Map(),
    rateLimited: 0,
    touchDeal(id, properties, at) {
      touch(fake.deals, id, properties, at, 'hs_lastmodifieddate');
    },
    touchContact(id, properties, at) {
      touch(fake.contacts, id, properties, at, 'lastmodifieddate');
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  function rateHeaders(res: ServerResponse): boolean {
    const now = Date.now();
    if (now - windowStart >= rateIntervalMs) {
      windowStart = now;
      used = 0;
    }
    used += 1;
    res.setHeader('X-HubSpot-RateLimit-Max', String(rateMax));
    res.setHeader('X-HubSpot-RateLimit-Remaining', String(Math.max(0, rateMax - used)));
    res.setHeader('X-HubSpot-RateLimit-Interval-Milliseconds', String(rateIntervalMs));
    return used <= rateMax;
  }

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { status: 'error', message: String(error) }));
  });
  server.keepAliveTimeout = 1000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    fake.requests.push(`${req.method} ${url.pathname}`);
    const keyed = [...fake.faultsOn.entries()].find(([key, queue]) => url.pathname.includes(key) && queue.length > 0);
    const fault = keyed ? keyed[1].shift() : fake.faults.shift();
    if (fault?.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (req.headers.authorization !== `Bearer ${token}`) {
      return send(res, 401, {
        status: 'error',
        message: 'Authentication credentials not found. This API supports OAuth 2.0 authentication.',
        correlationId: 'fake',
        category: 'INVALID_AUTHENTICATION',
      });
    }
    if (!rateHeaders(res)) {
      fake.rateLimited += 1;
      return send(res, 429, {
        status: 'error',
        message: 'You have reached your ten_secondly_rolling limit.',
        errorType: 'RATE_LIMIT',
        correlationId: 'fake',
        policyName: 'TEN_SECONDLY_ROLLING',
      });
    }
    if (fault?.kind === 'status')
      return send(res, fault.status, { status: 'error', message: 'internal error', category: 'INTERNAL' });

    const path = url.pathname.replace(/\/+$/, '');
    if (req.method === 'GET' && path === '/crm/v3/owners') return send(res, 200, listOwners(url));
    if (req.method === 'GET' && path === '/crm/v3/pipelines/deals') {
      return send(res, 200, {
        results: fake.pipelines.map((pipeline) => ({
          ...pipeline,
          archived: false,
          createdAt: iso(0),
          updatedAt: iso(0),
          stages: pipeline.stages.map((stage) => ({
            ...stage,
            archived: false,
            createdAt: iso(0),
            updatedAt: iso(0),
            writePermissions: 'CRM_PERMISSIONS_ENFORCEMENT',
          })),
        })),
      });
    }
    const list = /^\/crm\/v3\/objects\/(deals|contacts)$/.exec(path);
    if (req.method === 'GET' && list) return send(res, 200, listObjects(list[1] as 'deals' | 'contacts', url));
    const search = /^\/crm\/v3\/objects\/(deals|contacts)\/search$/.exec(path);
    if (req.method === 'POST' && search) {
      const answer = searchObjects(search[1] as 'deals' | 'contacts', JSON.parse(body || '{}'));
      return send(res, answer.status, answer.body);
    }
    if (req.method === 'POST' && path === '/crm/v4/associations/deals/contacts/batch/read') {
      const inputs = (JSON.parse(body) as { inputs: { id: string }[] }).inputs;
      return send(res, 200, {
        status: 'COMPLETE',
        startedAt: iso(Date.now()),
        completedAt: iso(Date.now()),
        results: inputs
          .filter((input) => fake.deals.has(input.id))
          .map((input) => ({
            from: { id: input.id },
            to: (fake.deals.get(input.id)!.contacts ?? []).map((id) => ({
              toObjectId: Number(id),
              associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
            })),
          })),
      });
    }
    send(res, 404, { status: 'error', message: `no route ${req.method} ${path}`, category: 'OBJECT_NOT_FOUND' });
  }

  function listOwners(url: URL) {
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const start = Number(url.searchParams.get('after') ?? 0);
    const slice = fake.owners.slice(start, start + limit);
    const next = start + limit < fake.owners.length ? String(start + limit) : null;
    return {
      results: slice.map((owner) => ({
        ...owner,
        type: 'PERSON',
        userId: 1,
        archived: false,
        teams: owner.teams ?? [],
        createdAt: iso(0),
        updatedAt: iso(0),
      })),
      ...(next === null ? {} : { paging: { next: { after: next, link: '' } } }),
    };
  }

  function objectJson(kind: 'deals' | 'contacts', object: FakeObject, properties: string[], withAssociations: boolean) {
    const picked: Record<string, string | null> = { hs_object_id: object.id };
    for (const name of properties) if (name in object.properties) picked[name] = object.properties[name] ?? null;
    return {
      id: object.id,
      properties: picked,
      createdAt: iso(object.createdAt),
      updatedAt: iso(object.updatedAt),
      archived: object.archivedAt !== null,
      ...(object.archivedAt === null ? {} : { archivedAt: iso(object.archivedAt) }),
      ...(withAssociations && kind === 'deals'
        ? {
            associations: {
              contacts: { results: (object.contacts ?? []).map((id) => ({ id, type: 'deal_to_contact' })) },
            },
          }
        : {}),
    };
  }

  function listObjects(kind: 'deals' | 'contacts', url: URL) {
    const archived = url.searchParams.get('archived') === 'true';
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 10));
    const properties = url.searchParams.getAll('properties').flatMap((value) => value.split(','));
    const associations = url.searchParams.getAll('associations').flatMap((value) => value.split(','));
    // Paging by id order, as HubSpot's list endpoints do; `after` is the last id read.
    const all = [...fake[kind].values()]
      .filter((object) => (object.archivedAt !== null) === archived)
      .sort((a, b) => Number(a.id) - Number(b.id));
    const after = url.searchParams.get('after');
    const startIndex = after === null ? 0 : all.findIndex((object) => Number(object.id) > Number(after));
    const slice = startIndex < 0 ? [] : all.slice(startIndex, startIndex + limit);
    const last = slice.at(-1);
    const more = last !== undefined && all.at(-1) !== last;
    return {
      results: slice.map((object) => objectJson(kind, object, properties, associations.includes('contacts'))),
      ...(more ? { paging: { next: { after: last.id, link: '' } } } : {}),
    };
  }

  function searchObjects(
    kind: 'deals' | 'contacts',
    request: {
      filterGroups?: { filters: { propertyName: string; operator: string; value?: string }[] }[];
      sorts?: (string | { propertyName: string; direction?: string })[];
      properties?: string[];
      limit?: number;
      after?: string;
    },
  ): { status: number; body: unknown } {
    const limit = Math.min(200, request.limit ?? 10);
    const after = Number(request.after ?? 0);
    if (after + limit > 10_000) {
      return {
        status: 400,
        body: {
          status: 'error',
          message: 'The search API returns at most 10,000 results',
          category: 'VALIDATION_ERROR',
        },
      };
    }
    const value = (object: FakeObject, name: string): string | null =>
      name === 'hs_object_id' ? object.id : (object.properties[name] ?? null);
    const asNumber = (raw: string | null) => (raw === null ? NaN : /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw));
    const matches = (object: FakeObject) =>
      (request.filterGroups ?? []).length === 0 ||
      (request.filterGroups ?? []).some((group) =>
        group.filters.every((filter) => {
          const actual = value(object, filter.propertyName);
          switch (filter.operator) {
            case 'EQ':
              return actual === filter.value;
            case 'GTE':
              return asNumber(actual) >= asNumber(filter.value ?? null);
            case 'GT':
              return asNumber(actual) > asNumber(filter.value ?? null);
            case 'LTE':
              return asNumber(actual) <= asNumber(filter.value ?? null);
            case 'LT':
              return asNumber(actual) < asNumber(filter.value ?? null);
            default:
              return false;
          }
        }),
      );
    const sort = request.sorts?.[0];
    const sortName = typeof sort === 'string' ? sort.replace(/^-/, '') : sort?.propertyName;
    const descending = typeof sort === 'string' ? sort.startsWith('-') : sort?.direction === 'DESCENDING';
    const found = [...fake[kind].values()].filter((object) => object.archivedAt === null && matches(object));
    if (sortName !== undefined) {
      found.sort((a, b) => {
        const order = asNumber(value(a, sortName)) - asNumber(value(b, sortName)) || Number(a.id) - Number(b.id);
        return descending ? -order : order;
      });
    } else found.sort((a, b) => Number(a.id) - Number(b.id));
    const slice = found.slice(after, after + limit);
    const next = after + limit < found.length ? String(after + limit) : null;
    return {
      status: 200,
      body: {
        total: found.length,
        results: slice.map((object) => objectJson(kind, object, request.properties ?? [], false)),
        ...(next === null ? {} : { paging: { next: { after: next, link: '' } } }),
      },
    };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function touch(
  store: Map<string, FakeObject>,
  id: string,
  properties: Record<string, string | null>,
  at: number,
  modified: string,
): void {
  const existing = store.get(id);
  const object: FakeObject = existing ?? { id, properties: {}, createdAt: at, updatedAt: at, archivedAt: null };
  object.properties = { ...object.properties, ...properties, [modified]: iso(at) };
  object.properties.createdate ??= iso(object.createdAt);
  object.updatedAt = at;
  store.set(id, object);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** A HubSpot account with a sales pipeline, owners and `deals` deals with contacts, modified from `since`. */
export function seedHubSpot(fake: FakeHubSpot, counts: { deals: number; contacts?: number; since: number }): void {
  fake.owners.push(
    {
      id: '101',
      email: 'Ana.Rep@Example.com',
      firstName: 'Ana',
      lastName: 'Rep',
      teams: [{ id: 't1', name: 'Sales EMEA', primary: true }],
    },
    {
      id: '102',
      email: 'mo.marketer@example.com',
      firstName: 'Mo',
      lastName: 'Marketer',
      teams: [{ id: 't2', name: 'Marketing', primary: true }],
    },
  );
  fake.pipelines.push({
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    stages: [
      {
        id: 'appointmentscheduled',
        label: 'Appointment Scheduled',
        displayOrder: 0,
        metadata: { isClosed: 'false', probability: '0.2' },
      },
      {
        id: 'qualifiedtobuy',
        label: 'Qualified To Buy',
        displayOrder: 1,
        metadata: { isClosed: 'false', probability: '0.4' },
      },
      {
        id: 'contractsent',
        label: 'Contract Sent',
        displayOrder: 2,
        metadata: { isClosed: 'false', probability: '0.8' },
      },
      { id: 'closedwon', label: 'Closed Won', displayOrder: 3, metadata: { isClosed: 'true', probability: '1.0' } },
      { id: 'closedlost', label: 'Closed Lost', displayOrder: 4, metadata: { isClosed: 'true', probability: '0.0' } },
    ],
  });
  const contacts = counts.contacts ?? counts.deals;
  for (let i = 1; i <= contacts; i += 1) {
    const at = counts.since + i * 1000;
    fake.touchContact(
      String(i),
      {
        firstname: `Lead`,
        lastname: `${i}`,
        company: `Company ${i}`,
        hubspot_owner_id: '101',
        lifecyclestage: 'marketingqualifiedlead',
        hs_analytics_source: i % 2 === 0 ? 'PAID_SEARCH' : 'ORGANIC_SEARCH',
        hs_lifecyclestage_lead_date: iso(at - 500),
        hs_lifecyclestage_marketingqualifiedlead_date: iso(at),
      },
      at,
    );
  }
  const stages = ['appointmentscheduled', 'qualifiedtobuy', 'contractsent', 'closedwon', 'closedlost'];
  for (let i = 1; i <= counts.deals; i += 1) {
    const at = counts.since + i * 1000;
    const stage = stages[i % stages.length]!;
    fake.touchDeal(
      String(100_000 + i),
      {
        dealname: `Deal ${i}`,
        amount: String(1000 + i),
        deal_currency_code: 'EUR',
        dealstage: stage,
        pipeline: 'default',
        hubspot_owner_id: '101',
        closedate: stage.startsWith('closed') ? iso(at) : null,
      },
      at,
    );
    fake.deals.get(String(100_000 + i))!.contacts = [String(((i - 1) % contacts) + 1)];
  }
}
