/**
 * A Salesforce stand-in on 127.0.0.1 that answers as Salesforce's REST API is documented: the OAuth 2.0
 * token endpoint (client credentials and refresh token flows; `invalid_client` otherwise), SOQL through
 * `/query` and `/queryAll` in batches with `nextRecordsUrl` for `queryMore`, `Sforce-Limit-Info:
 * api-usage=used/max` on every answer, and 401 INVALID_SESSION_ID for a token it did not issue. Its SOQL
 * understands what a sync sends: FROM, LastModifiedDate >=, IsActive/IsDeleted = true, IN lists,
 * ORDER BY and a GROUP BY count.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Row = Record<string, unknown> & { Id: string; LastModifiedDate?: string; IsDeleted?: boolean };

/** A running fake Salesforce org. */
export interface FakeSalesforce {
  url: string;
  clientId: string;
  clientSecret: string;
  tables: Record<'User' | 'OpportunityStage' | 'Campaign' | 'Lead' | 'Opportunity', Row[]>;
  apiUsed: number;
  apiMax: number;
  requests: string[];
  /** records per batch (Salesforce's default is 2,000) */
  batchSize: number;
  /** sets fields of a record (created if missing) and stamps LastModifiedDate */
  touch(table: keyof FakeSalesforce['tables'], id: string, fields: Record<string, unknown>, at: number): void;
  close(): Promise<void>;
}

const sfTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');

/** Starts a fake Salesforce org on an ephemeral loopback port. */
export async function startFakeSalesforce(): Promise<FakeSalesforce> {
  const issued = new Set<string>();
  const cursors = new Map<string, { rows: Row[]; offset: number; type: string }>();
  let next = 1;
  const fake: FakeSalesforce = {
    url: '',
    clientId: '3MVG9fakeConsumerKey',
    clientSecret: 'fake-consumer-secret-7f3a',
    tables: { User: [], OpportunityStage: [], Campaign: [], Lead: [], Opportunity: [] },
    apiUsed: 0,
    apiMax: 15_000,
    requests: [],
    batchSize: 200,
    touch(table, id, fields, at) {
      const rows = fake.tables[table];
      let row = rows.find((candidate) => candidate.Id === id);
      if (!row) {
        row = { Id: id, CreatedDate: sfTime(at), IsDeleted: false };
        rows.push(row);
      }
      Object.assign(row, fields, { LastModifiedDate: sfTime(at) });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    fake.requests.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/services/oauth2/token') {
      const form = new URLSearchParams(body);
      const grant = form.get('grant_type');
      const good =
        form.get('client_id') === fake.clientId &&
        form.get('client_secret') === fake.clientSecret &&
        (grant === 'client_credentials' || (grant === 'refresh_token' && form.get('refresh_token') === 'fake-refresh'));
      if (!good) return send(res, 400, { error: 'invalid_client', error_description: 'invalid client credentials' });
      const token = `00Dfake!token${next++}`;
      issued.add(token);
      return send(res, 200, {
        access_token: token,
        instance_url: fake.url,
        id: `${fake.url}/id/00Dxx0000001gEREAY/005xx000001X8UzAAK`,
        token_type: 'Bearer',
        issued_at: String(Date.now()),
        signature: 'fake',
      });
    }
    const auth = (req.headers.authorization ?? '').replace(/^(Bearer|OAuth) /, '');
    if (!issued.has(auth))
      return send(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    fake.apiUsed += 1;
    res.setHeader('Sforce-Limit-Info', `api-usage=${fake.apiUsed}/${fake.apiMax}`);
    const more = /\/services\/data\/v[\d.]+\/query\/([\w-]+)$/.exec(url.pathname);
    if (more) {
      // A locator is '<query id>-<offset>', as Salesforce's are.
      const cursor = cursors.get(more[1]!.replace(/-\d+$/, ''));
      if (!cursor) return send(res, 400, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
      return send(res, 200, batch(more[1]!.replace(/-\d+$/, ''), cursor));
    }
    const query = /\/services\/data\/v[\d.]+\/(query|queryAll)$/.exec(url.pathname);
    if (query) {
      const soql = url.searchParams.get('q') ?? '';
      const { rows, type } = run(soql, query[1] === 'queryAll');
      const id = `01gfake${next++}`;
      const cursor = { rows, offset: 0, type };
      cursors.set(id, cursor);
      return send(res, 200, batch(id, cursor));
    }
    send(res, 404, [{ message: `no route ${url.pathname}`, errorCode: 'NOT_FOUND' }]);
  }

  function batch(id: string, cursor: { rows: Row[]; offset: number; type: string }) {
    const slice = cursor.rows.slice(cursor.offset, cursor.offset + fake.batchSize);
    cursor.offset += slice.length;
    const done = cursor.offset >= cursor.rows.length;
    return {
      totalSize: cursor.rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v62.0/query/${id}-${cursor.offset}` }),
      records: slice.map((row) => ({
        attributes: { type: cursor.type, url: `/services/data/v62.0/sobjects/${cursor.type}/${row.Id}` },
        ...row,
      })),
    };
  }

  function run(soql: string, all: boolean): { rows: Row[]; type: string } {
    const type = /\bFROM\s+(\w+)/i.exec(soql)![1] as keyof FakeSalesforce['tables'];
    let rows = [...fake.tables[type]];
    const where = /\bWHERE\s+(.+?)(\s+ORDER BY|\s+GROUP BY|$)/i.exec(soql)?.[1] ?? '';
    const since = /LastModifiedDate\s*>=\s*(\S+)/i.exec(where)?.[1];
    if (since)
      rows = rows.filter((row) => Date.parse(String(row.LastModifiedDate).replace('+0000', 'Z')) >= Date.parse(since));
    if (/IsDeleted\s*=\s*true/i.test(where)) rows = rows.filter((row) => row.IsDeleted === true);
    else if (!all) rows = rows.filter((row) => row.IsDeleted !== true);
    if (/IsActive\s*=\s*true/i.test(where)) rows = rows.filter((row) => row.IsActive !== false);
    const inList = /(\w+)\s+IN\s*\(([^)]*)\)/i.exec(where);
    if (inList) {
      const values = inList[2]!.split(',').map((value) => value.trim().replace(/^'|'$/g, ''));
      rows = rows.filter((row) => values.includes(String(row[inList[1]!])));
    }
    if (/GROUP BY\s+StageName/i.test(soql)) {
      const counts = new Map<string, number>();
      for (const row of rows) counts.set(String(row.StageName), (counts.get(String(row.StageName)) ?? 0) + 1);
      return { rows: [...counts].map(([stage, n]) => ({ Id: stage, StageName: stage, n })), type: 'AggregateResult' };
    }
    if (/ORDER BY LastModifiedDate/i.test(soql)) {
      rows.sort(
        (a, b) => String(a.LastModifiedDate).localeCompare(String(b.LastModifiedDate)) || a.Id.localeCompare(b.Id),
      );
    } else rows.sort((a, b) => a.Id.localeCompare(b.Id));
    return { rows, type };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** An org with two users, the standard opportunity stages, a campaign, leads and opportunities. */
export function seedSalesforce(fake: FakeSalesforce, counts: { opportunities: number; since: number }): void {
  fake.tables.User.push(
    {
      Id: '005A',
      Name: 'Sam Seller',
      Email: 'SAM@example.com',
      IsActive: true,
      UserRole: { Name: 'Account Executive' },
    },
    {
      Id: '005B',
      Name: 'Cam Campaigner',
      Email: 'cam@example.com',
      IsActive: true,
      UserRole: { Name: 'Marketing Manager' },
    },
  );
  const stages: [string, number, boolean, boolean][] = [
    ['Prospecting', 10, false, false],
    ['Qualification', 20, false, false],
    ['Proposal/Price Quote', 75, false, false],
    ['Closed Won', 100, true, true],
    ['Closed Lost', 0, true, false],
  ];
  stages.forEach(([name, probability, closed, won], index) =>
    fake.tables.OpportunityStage.push({
      Id: `01J${index}`,
      ApiName: name,
      MasterLabel: name,
      SortOrder: index + 1,
      DefaultProbability: probability,
      IsClosed: closed,
      IsWon: won,
      IsActive: true,
    }),
  );
  fake.touch('Campaign', '701A', { Name: 'Spring Webinar', Type: 'Webinar', OwnerId: '005B' }, counts.since);
  for (let i = 1; i <= counts.opportunities; i += 1) {
    const at = counts.since + i * 1000;
    const opportunityId = `006${String(i).padStart(5, '0')}`;
    const stage = stages[i % stages.length]!;
    fake.touch(
      'Opportunity',
      opportunityId,
      {
        Name: `Opp ${i}`,
        Amount: 2000 + i,
        StageName: stage[0],
        OwnerId: '005A',
        CampaignId: '701A',
        Campaign: { Name: 'Spring Webinar' },
        IsClosed: stage[2],
        IsWon: stage[3],
        CloseDate: new Date(at).toISOString().slice(0, 10),
      },
      at,
    );
    fake.touch(
      'Lead',
      `00Q${String(i).padStart(5, '0')}`,
      {
        FirstName: 'Lee',
        LastName: `${i}`,
        Company: `Org ${i}`,
        Status: 'Closed - Converted',
        OwnerId: '005A',
        LeadSource: 'Web',
        IsConverted: true,
        ConvertedDate: new Date(at).toISOString().slice(0, 10),
        ConvertedOpportunityId: opportunityId,
      },
      at - 500,
    );
  }
}
