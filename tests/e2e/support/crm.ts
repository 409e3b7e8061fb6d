/**
 * A small HubSpot on 127.0.0.1 for the end-to-end test: one account with an owner, a deal pipeline, a
 * contact and two deals, answering the CRM v3/v4 calls the HubSpot connector makes through
 * `@hubspot/api-client` in HubSpot's documented shapes (owners, pipelines, object lists with inline
 * associations, search with filters, sorts and `after` paging, batch association reads, rate-limit
 * headers, 401 for a wrong token). The test moves a deal to won here, as a rep would in HubSpot.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The deal the test wins, and the names the wall must show when it is celebrated. */
export const WON_DEAL = {
  id: '501',
  title: 'Northwind Traders – platform rollout',
  repName: 'Riley Chen',
  /** the campaign HubSpot's original source PAID_SEARCH stands for on the wall */
  campaignName: 'Paid search',
} as const;

export interface FakeCrm {
  /** the API base to give the connection, e.g. http://127.0.0.1:41234 */
  url: string;
  /** the private app token the account accepts */
  token: string;
  wonStageId: string;
  /** every stage of the account's pipeline */
  stageIds: string[];
  dealsInStage(stageId: string): number;
  /** moves a deal to the won stage now, as a rep does in HubSpot */
  moveDealToWon(dealId: string): void;
  close(): Promise<void>;
}

interface HubObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  contactIds?: string[];
}

const STAGES = [
  { id: 'appointmentscheduled', label: 'Appointment scheduled', probability: '0.2', closed: 'false' },
  { id: 'qualifiedtobuy', label: 'Qualified to buy', probability: '0.4', closed: 'false' },
  { id: 'contractsent', label: 'Contract sent', probability: '0.9', closed: 'false' },
  { id: 'closedwon', label: 'Closed won', probability: '1.0', closed: 'true' },
  { id: 'closedlost', label: 'Closed lost', probability: '0.0', closed: 'true' },
];

/** Starts the fake on an ephemeral loopback port. */
export async function startFakeCrm(): Promise<FakeCrm> {
  const token = 'pat-eu1-e2e00000-0000-4000-8000-00000000a1b2';
  const iso = (at: number) => new Date(at).toISOString();
  const created = Date.now() - 30 * 86_400_000;
  const deal = (id: string, name: string, stage: string, amount: string, at: number): HubObject => ({
    id,
    createdAt: iso(created),
    updatedAt: iso(at),
    contactIds: ['101'],
    properties: {
      dealname: name,
      amount,
      deal_currency_code: 'EUR',
      dealstage: stage,
      pipeline: 'default',
      hubspot_owner_id: '9001',
      createdate: iso(created),
      closedate: stage === 'closedwon' ? iso(at) : null,
      hs_lastmodifieddate: iso(at),
      closed_won_reason: stage === 'closedwon' ? 'Price' : null,
      closed_lost_reason: null,
      hs_analytics_source: 'PAID_SEARCH',
      hs_object_id: id,
    },
  });
  const deals: HubObject[] = [
    deal(WON_DEAL.id, WON_DEAL.title, 'contractsent', '48000', Date.now() - 3_600_000),
    deal('502', 'Contoso – pilot', 'closedwon', '12000', Date.now() - 10 * 86_400_000),
  ];
  const contacts: HubObject[] = [
    {
      id: '101',
      createdAt: iso(created),
      updatedAt: iso(created + 86_400_000),
      properties: {
        firstname: 'Morgan',
        lastname: 'Blake',
        email: 'morgan.blake@northwind.example',
        company: 'Northwind Traders',
        hubspot_owner_id: '9001',
        lifecyclestage: 'opportunity',
        hs_lead_status: null,
        createdate: iso(created),
        lastmodifieddate: iso(created + 86_400_000),
        hs_analytics_source: 'PAID_SEARCH',
        hs_lifecyclestage_lead_date: iso(created),
        hs_lifecyclestage_marketingqualifiedlead_date: iso(created + 3_600_000),
        hs_lifecyclestage_salesqualifiedlead_date: iso(created + 7_200_000),
        hs_lifecyclestage_opportunity_date: iso(created + 86_400_000),
        hs_lifecyclestage_customer_date: null,
        hs_object_id: '101',
      },
    },
  ];

  const server = createServer((request, response) => {
    void answer(request, response).catch((error: unknown) => send(response, 500, { message: String(error) }));
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.authorization !== `Bearer ${token}`) {
      send(response, 401, {
        status: 'error',
        message: 'Authentication credentials not found.',
        category: 'INVALID_AUTHENTICATION',
      });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/\/+$/, '');
    const body = request.method === 'POST' ? (JSON.parse((await readBody(request)) || '{}') as SearchBody) : null;
    if (path === '/crm/v3/owners') {
      send(response, 200, {
        results: [
          {
            id: '9001',
            email: 'riley.chen@example.com',
            firstName: 'Riley',
            lastName: 'Chen',
            userId: 77,
            archived: false,
            createdAt: iso(created),
            updatedAt: iso(created),
            teams: [{ id: '1', name: 'Inside Sales', primary: true }],
          },
        ],
      });
    } else if (path === '/crm/v3/pipelines/deals') {
      send(response, 200, {
        results: [
          {
            id: 'default',
            label: 'Sales Pipeline',
            displayOrder: 0,
            archived: false,
            createdAt: iso(created),
            updatedAt: iso(created),
            stages: STAGES.map((stage, index) => ({
              id: stage.id,
              label: stage.label,
              displayOrder: index,
              archived: false,
              createdAt: iso(created),
              updatedAt: iso(created),
              metadata: { isClosed: stage.closed, probability: stage.probability },
            })),
          },
        ],
      });
    } else if (path === '/crm/v3/objects/deals' || path === '/crm/v3/objects/contacts') {
      const archived = url.searchParams.get('archived') === 'true';
      const all = archived ? [] : path.endsWith('deals') ? deals : contacts;
      send(response, 200, { results: all.map(asHubSpot) });
    } else if (path === '/crm/v3/objects/deals/search' || path === '/crm/v3/objects/contacts/search') {
      const found = search(path.endsWith('deals/search') ? deals : contacts, body ?? {});
      const after = Number(body?.after ?? 0);
      const limit = Math.min(body?.limit ?? 10, 200);
      const page = found.slice(after, after + limit);
      send(response, 200, {
        total: found.length,
        results: page.map(asHubSpot),
        ...(after + limit < found.length ? { paging: { next: { after: String(after + limit) } } } : {}),
      });
    } else if (path === '/crm/v4/associations/deals/contacts/batch/read') {
      const inputs = (body as { inputs?: { id: string }[] } | null)?.inputs ?? [];
      send(response, 200, {
        status: 'COMPLETE',
        startedAt: iso(Date.now()),
        completedAt: iso(Date.now()),
        results: inputs.map(({ id }) => ({
          from: { id },
          to: (deals.find((candidate) => candidate.id === id)?.contactIds ?? []).map((contactId) => ({
            toObjectId: Number(contactId),
            associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 3, label: null }],
          })),
        })),
      });
    } else {
      send(response, 404, { status: 'error', message: `Unknown path ${path}`, category: 'OBJECT_NOT_FOUND' });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    wonStageId: 'closedwon',
    stageIds: STAGES.map((stage) => stage.id),
    dealsInStage: (stageId) => deals.filter((candidate) => candidate.properties.dealstage === stageId).length,
    moveDealToWon(dealId) {
      const found = deals.find((candidate) => candidate.id === dealId);
      if (!found) throw new Error(`no deal ${dealId}`);
      const now = new Date().toISOString();
      Object.assign(found.properties, {
        dealstage: 'closedwon',
        closedate: now,
        closed_won_reason: 'Price',
        hs_lastmodifieddate: now,
      });
      found.updatedAt = now;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface SearchBody {
  filterGroups?: { filters?: { propertyName: string; operator: string; value?: string }[] }[];
  sorts?: (string | { propertyName: string })[];
  limit?: number;
  after?: string;
}

/** HubSpot's search: filters within a group are ANDed, groups ORed; results sorted by the first sort. */
function search(objects: HubObject[], body: SearchBody): HubObject[] {
  const groups = body.filterGroups ?? [];
  const matches = (object: HubObject) =>
    groups.length === 0 ||
    groups.some((group) =>
      (group.filters ?? []).every((filter) => {
        const value = object.properties[filter.propertyName] ?? null;
        if (filter.operator === 'EQ') return value === filter.value;
        if (filter.operator === 'GTE') return value !== null && comparable(value) >= comparable(filter.value ?? '');
        throw new Error(`the e2e HubSpot does not know the operator ${filter.operator}`);
      }),
    );
  const sort = body.sorts?.[0];
  const by = typeof sort === 'string' ? sort : sort?.propertyName;
  const found = objects.filter(matches);
  return by ? found.toSorted((a, b) => comparable(a.properties[by] ?? '') - comparable(b.properties[by] ?? '')) : found;
}

/** A property as HubSpot compares it: a time (ISO or epoch ms) or a number. */
function comparable(value: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const at = Date.parse(value);
  return Number.isNaN(at) ? 0 : at;
}

function asHubSpot(object: HubObject) {
  return {
    id: object.id,
    properties: object.properties,
    createdAt: object.createdAt,
    updatedAt: object.updatedAt,
    archived: false,
    ...(object.contactIds
      ? {
          associations: {
            contacts: { results: object.contactIds.map((id) => ({ id, type: 'deal_to_contact' })) },
          },
        }
      : {}),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString()));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'Content-Type': 'application/json;charset=utf-8',
    'X-HubSpot-RateLimit-Max': '190',
    'X-HubSpot-RateLimit-Remaining': '189',
    'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
  });
  response.end(JSON.stringify(body));
}
