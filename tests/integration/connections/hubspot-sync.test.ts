/**
 * The HubSpot sync end to end: the real `@hubspot/api-client` against a fake HubSpot on loopback, into a
 * real SQLite file. Every figure is checked against an independent SQL query over the same data.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ConnectionInfo } from '../../../src/shared/connections';
import { call, sqlValue, connectHubSpot, crmCore, NOW, syncOnce } from './crm-harness';
import { seedHubSpot, startFakeHubSpot, type FakeHubSpot } from './fake-hubspot';

const DAY = 86_400_000;
let fake: FakeHubSpot;
let t: ReturnType<typeof crmCore>;

beforeEach(async () => {
  fake = await startFakeHubSpot();
  t = crmCore();
});
afterEach(async () => {
  t.cleanup();
  await fake.close();
});

const count = (sql: string, ...params: unknown[]) => sqlValue(t.core, sql, ...params) as number;

async function info(): Promise<ConnectionInfo> {
  const [connection] = await call<ConnectionInfo[]>(t.core, 'connections.list', {});
  return connection!;
}

describe('a HubSpot connection', () => {
  test('syncs from empty as history: every deal and contact once, with CRM id and last-modified, no live events', async () => {
    seedHubSpot(fake, { deals: 250, contacts: 120, since: NOW - 30 * DAY });
    await connectHubSpot(t.core, fake);
    t.events.length = 0;
    await syncOnce(t.core);

    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot' AND deleted_at IS NULL`)).toBe(250);
    expect(count(`SELECT count(DISTINCT external_id) FROM deals WHERE external_source = 'hubspot'`)).toBe(250);
    expect(count(`SELECT count(*) FROM leads WHERE external_source = 'hubspot'`)).toBe(120);
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot' AND external_modified_at IS NULL`)).toBe(
      0,
    );
    // Won deals (every fifth stage is closedwon) are history: no celebration storm.
    expect(count(`SELECT count(*) FROM deals WHERE status = 'won'`)).toBe(50);
    expect(t.events.filter((event) => event.type === 'deal.won')).toHaveLength(0);
    // Owners matched by email case-insensitively or created with the rule's team.
    expect(count(`SELECT count(*) FROM people WHERE external_source = 'hubspot'`)).toBe(2);
    expect(count(`SELECT team FROM people WHERE email = 'mo.marketer@example.com'`)).toBe('marketing' as never);
    // The deal's lead is its associated contact, and the wall's deal sum equals the CRM's.
    const crmSum = [...fake.deals.values()].reduce((sum, deal) => sum + Number(deal.properties.amount) * 100, 0);
    expect(count(`SELECT sum(amount_minor) FROM deals WHERE external_source = 'hubspot'`)).toBe(crmSum);
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot' AND lead_id IS NULL`)).toBe(0);

    const connection = await info();
    expect(connection.state).toBe('idle');
    expect(connection.objects.find((object) => object.object === 'deals')).toMatchObject({
      records: 250,
      initialSyncDone: true,
    });
    expect(connection.allowance).toMatchObject({ max: 100, window: 'interval' });
  });

  test('picks up changes incrementally; a deal won in HubSpot is a live deal.won at HubSpot’s time, with rep and campaign', async () => {
    seedHubSpot(fake, { deals: 20, since: NOW - 30 * DAY });
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    t.events.length = 0;
    const before = fake.requests.length;

    const wonAt = NOW - 5_000;
    fake.touchDeal(
      '100001',
      { dealstage: 'closedwon', closedate: new Date(wonAt).toISOString(), hs_analytics_source: 'PAID_SEARCH' },
      wonAt,
    );
    await syncOnce(t.core);

    const won = t.events.filter((event) => event.type === 'deal.won');
    expect(won).toHaveLength(1);
    expect(won[0]!.at).toBe(wonAt);
    expect(won[0]!.payload).toMatchObject({
      title: 'Deal 1',
      closingRepName: 'Ana Rep',
      campaignName: 'Paid search',
      source: 'hubspot',
    });
    expect(count(`SELECT status FROM deals WHERE external_id = '100001'`)).toBe('won' as never);
    // Only the change was read: a search and its associations, not the whole account again.
    const calls = fake.requests.slice(before);
    expect(calls.filter((line) => line.includes('/objects/deals/search'))).toHaveLength(1);
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot'`)).toBe(20);
  });

  test('a contact is a customer only through a deal won on the wall: won, reopened and archived in HubSpot', async () => {
    // Contact 1's only deal is deal 100001 (open); HubSpot already calls the contact a customer.
    seedHubSpot(fake, { deals: 5, contacts: 5, since: NOW - 30 * DAY });
    fake.touchContact(
      '1',
      { lifecyclestage: 'customer', hs_lifecyclestage_customer_date: new Date(NOW - 20 * DAY).toISOString() },
      NOW - 20 * DAY,
    );
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    const lead = () =>
      sqlValue(t.core, `SELECT stage || ' ' || COALESCE(customer_at, '-') FROM leads WHERE external_id = '1'`);
    const firstWin = () =>
      sqlValue(
        t.core,
        `SELECT COALESCE(MIN(d.closed_at), '-') FROM deals d JOIN leads l ON l.id = d.lead_id
          WHERE l.external_id = '1' AND d.status = 'won' AND d.deleted_at IS NULL`,
      );
    expect(firstWin()).toBe('-');
    expect(lead()).toBe('mql -');

    const wonAt = NOW - 4_000;
    fake.touchDeal('100001', { dealstage: 'closedwon', closedate: new Date(wonAt).toISOString() }, wonAt);
    await syncOnce(t.core);
    expect(firstWin()).toBe(wonAt);
    expect(lead()).toBe(`customer ${wonAt}`);

    fake.touchDeal('100001', { dealstage: 'contractsent', closedate: null }, NOW - 3_000);
    await syncOnce(t.core);
    expect(lead()).toBe('mql -');

    fake.touchDeal('100001', { dealstage: 'closedwon', closedate: new Date(wonAt).toISOString() }, NOW - 2_000);
    await syncOnce(t.core);
    expect(lead()).toBe(`customer ${wonAt}`);
    // Archived deals are looked for every few minutes: the next look after that makes it no customer again.
    fake.deals.get('100001')!.archivedAt = NOW - 1_000;
    t.clock.advance(10 * 60_000);
    await syncOnce(t.core);
    expect(firstWin()).toBe('-');
    expect(lead()).toBe('mql -');
  });

  test('removes deals archived in HubSpot from the wall', async () => {
    seedHubSpot(fake, { deals: 10, since: NOW - 30 * DAY });
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    fake.deals.get('100003')!.archivedAt = NOW - 1000;
    await syncOnce(t.core);
    // Archived records are looked for every few minutes, not at every poll.
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot' AND deleted_at IS NULL`)).toBe(10);
    t.clock.advance(5 * 60_000);
    await syncOnce(t.core);
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot' AND deleted_at IS NULL`)).toBe(9);
    expect(count(`SELECT deleted_at IS NOT NULL FROM deals WHERE external_id = '100003'`)).toBe(1);
  });

  test('splits the time window past the 10,000-result search cap and loses nothing', async () => {
    seedHubSpot(fake, { deals: 5, contacts: 5, since: NOW - 30 * DAY });
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    for (let i = 0; i < 10_250; i += 1) {
      fake.touchDeal(
        String(200_000 + i),
        { dealname: `Bulk ${i}`, amount: '10', dealstage: 'qualifiedtobuy', hubspot_owner_id: '101' },
        NOW - 20 * DAY + i * 10,
      );
    }
    // On a busy machine a call may time out: the next sync resumes from the cursor, as a wall's next poll would.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await syncOnce(t.core);
      if ((await info()).state === 'idle') break;
    }
    expect((await info()).state).toBe('idle');
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot' AND deleted_at IS NULL`)).toBe(10_255);
    expect(count(`SELECT count(DISTINCT external_id) FROM deals WHERE external_source = 'hubspot'`)).toBe(10_255);
    const searches = fake.requests.filter((line) => line.includes('/objects/deals/search')).length;
    expect(searches).toBeGreaterThan(100);
  }, 180_000);

  test('waits out a 429 and retries a 5xx, then finishes', async () => {
    seedHubSpot(fake, { deals: 30, since: NOW - 30 * DAY });
    await connectHubSpot(t.core, fake);
    fake.faultsOn.set('/objects/deals', [
      { kind: 'status', status: 502 },
      { kind: 'status', status: 503 },
    ]);
    fake.faultsOn.set('/objects/contacts', [{ kind: 'status', status: 429 }]);
    await syncOnce(t.core);
    expect((await info()).state).toBe('idle');
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot'`)).toBe(30);
  });

  test('honours the rate window: past the allowance it waits instead of hammering', async () => {
    await fake.close();
    fake = await startFakeHubSpot({ rateMax: 5, rateIntervalMs: 400 });
    seedHubSpot(fake, { deals: 300, contacts: 10, since: NOW - 30 * DAY });
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot'`)).toBe(300);
    // The pacer reads the headers; a 429 may happen at a window's edge, never a storm of them.
    expect(fake.rateLimited).toBeLessThanOrEqual(2);
  });

  test('a refused token stops the connection with one clear message and keeps the wall’s data', async () => {
    seedHubSpot(fake, { deals: 10, since: NOW - 30 * DAY });
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    await call(t.core, 'connections.save', { vendor: 'hubspot', credentials: { accessToken: 'pat-wrong-token-9999' } });
    await syncOnce(t.core);
    const connection = await info();
    expect(connection.state).toBe('stopped');
    expect(connection.stoppedReason).toBe('HubSpot refused the token: create a new private app token');
    expect(connection.lastError?.message).toBe('HubSpot refused the token: create a new private app token');
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot' AND deleted_at IS NULL`)).toBe(10);
    const requests = fake.requests.length;
    await syncOnce(t.core);
    expect(fake.requests.length).toBe(requests);
  });

  test('a sync killed mid-way resumes from its cursor and loses nothing', async () => {
    seedHubSpot(fake, { deals: 450, contacts: 10, since: NOW - 30 * DAY });
    await connectHubSpot(t.core, fake);
    // The third page of deals never answers: the connection drops, every retry too.
    fake.faultsOn.set('/crm/v3/objects/deals', [{ kind: 'drop' }, { kind: 'drop' }, { kind: 'drop' }]);
    const listCalls = () => fake.requests.filter((line) => line === 'GET /crm/v3/objects/deals').length;
    // Let two pages through first by answering the queue only after them.
    const queued = fake.faultsOn.get('/crm/v3/objects/deals')!;
    fake.faultsOn.delete('/crm/v3/objects/deals');
    const timer = setInterval(() => {
      if (listCalls() >= 2 && !fake.faultsOn.has('/crm/v3/objects/deals'))
        fake.faultsOn.set('/crm/v3/objects/deals', queued);
    }, 1);
    await syncOnce(t.core);
    clearInterval(timer);
    const partial = count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot'`);
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(450);
    expect((await info()).state).toBe('failing');

    fake.faultsOn.clear();
    const before = listCalls();
    await syncOnce(t.core);
    expect(count(`SELECT count(*) FROM deals WHERE external_source = 'hubspot'`)).toBe(450);
    expect(count(`SELECT count(DISTINCT external_id) FROM deals WHERE external_source = 'hubspot'`)).toBe(450);
    // It resumed at the page it lost, not from the start: 450 deals are 5 pages, of which 2 were kept.
    expect(listCalls() - before).toBeLessThanOrEqual(5);
    expect((await info()).state).toBe('idle');
  });
});
