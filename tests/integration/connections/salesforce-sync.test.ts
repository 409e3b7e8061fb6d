/**
 * The Salesforce sync end to end: the real `@jsforce/jsforce-node` against a fake org on loopback
 * (client credentials flow, SOQL with queryMore, Sforce-Limit-Info), into a real SQLite file.
 */
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { ConnectionInfo } from '../../../src/shared/connections';
import { call, sqlValue, crmCore, NOW, syncOnce } from './crm-harness';
import { seedSalesforce, startFakeSalesforce, type FakeSalesforce } from './fake-salesforce';

const DAY = 86_400_000;
let fake: FakeSalesforce;
let t: ReturnType<typeof crmCore>;

beforeEach(async () => {
  fake = await startFakeSalesforce();
  seedSalesforce(fake, { opportunities: 450, since: NOW - 20 * DAY });
  t = crmCore();
});
afterEach(async () => {
  t.cleanup();
  await fake.close();
});

const value = (sql: string, ...params: unknown[]) => sqlValue(t.core, sql, ...params);

async function connect(credentials: Record<string, string>): Promise<void> {
  await call(t.core, 'connections.save', { vendor: 'salesforce', baseUrl: fake.url, credentials });
  const preview = await call<{ stages: { crmStageId: string; stageId: string }[]; owners: { action: string }[] }>(
    t.core,
    'connections.previewMapping',
    { vendor: 'salesforce', teamRule: { defaultTeam: 'sales', rules: [{ contains: 'marketing', team: 'marketing' }] } },
  );
  expect(preview.stages.map((stage) => stage.stageId)).toEqual(['discovery', 'demo', 'negotiation', 'won', 'lost']);
  await call(t.core, 'connections.confirmMapping', {
    vendor: 'salesforce',
    stages: preview.stages.map((stage) => ({ crmStageId: stage.crmStageId, stageId: stage.stageId })),
    teamRule: { defaultTeam: 'sales', rules: [{ contains: 'marketing', team: 'marketing' }] },
  });
}

test('syncs an org from empty through queryMore, keeps the daily allowance, then celebrates a win live', async () => {
  await connect({ clientId: fake.clientId, clientSecret: fake.clientSecret });
  await syncOnce(t.core, 'salesforce');
  expect(value(`SELECT count(*) FROM deals WHERE external_source = 'salesforce' AND deleted_at IS NULL`)).toBe(450);
  expect(value(`SELECT count(*) FROM leads WHERE external_source = 'salesforce'`)).toBe(450);
  expect(value(`SELECT count(*) FROM deals WHERE external_source = 'salesforce' AND lead_id IS NULL`)).toBe(0);
  expect(value(`SELECT count(*) FROM deals WHERE status = 'won'`)).toBe(90);
  expect(value(`SELECT team FROM people WHERE lower(email) = 'cam@example.com'`)).toBe('marketing');
  expect(fake.requests.filter((line) => /\/query\/01g/.test(line)).length).toBeGreaterThan(2);
  const [connection] = await call<ConnectionInfo[]>(t.core, 'connections.list', {});
  expect(connection!.allowance).toEqual(expect.objectContaining({ used: fake.apiUsed, max: 15_000, window: 'day' }));
  expect(t.events.filter((event) => event.type === 'deal.won')).toHaveLength(0);

  const wonAt = NOW - 2_000;
  fake.touch('Opportunity', '00600001', { StageName: 'Closed Won', IsClosed: true, IsWon: true }, wonAt);
  fake.tables.Opportunity.find((row) => row.Id === '00600002')!.IsDeleted = true;
  t.clock.advance(5 * 60_000);
  await syncOnce(t.core, 'salesforce');
  const won = t.events.filter((event) => event.type === 'deal.won');
  expect(won).toHaveLength(1);
  expect(won[0]).toMatchObject({
    at: wonAt,
    payload: {
      title: 'Opp 1',
      closingRepName: 'Sam Seller',
      campaignName: 'Spring Webinar',
      sourcingMarketerName: 'Cam Campaigner',
    },
  });
  expect(value(`SELECT count(*) FROM deals WHERE external_source = 'salesforce' AND deleted_at IS NULL`)).toBe(449);
});

test('a refresh token signs in through the refresh token flow', async () => {
  await connect({ clientId: fake.clientId, clientSecret: fake.clientSecret, refreshToken: 'fake-refresh' });
  await syncOnce(t.core, 'salesforce');
  expect(value(`SELECT count(*) FROM deals WHERE external_source = 'salesforce'`)).toBe(450);
});

test('a refused connected app stops the connection with one message', async () => {
  await connect({ clientId: fake.clientId, clientSecret: fake.clientSecret });
  await call(t.core, 'connections.save', {
    vendor: 'salesforce',
    credentials: { clientId: fake.clientId, clientSecret: 'wrong' },
  });
  await syncOnce(t.core, 'salesforce');
  const [connection] = await call<ConnectionInfo[]>(t.core, 'connections.list', {});
  expect(connection!.state).toBe('stopped');
  expect(connection!.stoppedReason).toMatch(/^Salesforce refused the connected app/);
});
