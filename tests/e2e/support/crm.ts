/**
 * The HubSpot account of the end-to-end test, on the suite's fake HubSpot (loopback only; HubSpot's
 * documented shapes, tests/integration/connections/fake-hubspot.ts): an owner in a sales team, the default
 * deal pipeline, a contact that came from paid search, an open deal of that contact and a deal won long
 * ago. The test moves the open deal to won here, as a rep would in HubSpot.
 */
import { startFakeHubSpot, type FakeHubSpot } from '../../integration/connections/fake-hubspot';

/** The deal the test wins, and the names the wall must show when it is celebrated. */
export const WON_DEAL = {
  id: '501',
  title: 'Northwind Traders – platform rollout',
  repName: 'Riley Chen',
  /** the campaign HubSpot's original source PAID_SEARCH stands for on the wall */
  campaignName: 'Paid search',
} as const;

/** A deal the room typed in before connecting that HubSpot holds too, with another amount. */
export const ENTERED_TWIN = { title: 'Contoso – pilot', amountMinor: 1_150_000 } as const;

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

const STAGES = [
  { id: 'appointmentscheduled', label: 'Appointment scheduled', probability: '0.2', closed: 'false' },
  { id: 'qualifiedtobuy', label: 'Qualified to buy', probability: '0.4', closed: 'false' },
  { id: 'contractsent', label: 'Contract sent', probability: '0.9', closed: 'false' },
  { id: 'closedwon', label: 'Closed won', probability: '1.0', closed: 'true' },
  { id: 'closedlost', label: 'Closed lost', probability: '0.0', closed: 'true' },
];

/** Starts the fake HubSpot with the test's account in it. */
export async function startFakeCrm(): Promise<FakeCrm> {
  const fake: FakeHubSpot = await startFakeHubSpot({ token: 'pat-eu1-e2e00000-0000-4000-8000-00000000a1b2' });
  const now = Date.now();
  const created = now - 30 * 86_400_000;
  const iso = (at: number) => new Date(at).toISOString();

  fake.owners.push({
    id: '9001',
    email: 'riley.chen@example.com',
    firstName: 'Riley',
    lastName: 'Chen',
    teams: [{ id: '1', name: 'Inside Sales', primary: true }],
  });
  fake.pipelines.push({
    id: 'default',
    label: 'Sales Pipeline',
    displayOrder: 0,
    stages: STAGES.map((stage, index) => ({
      id: stage.id,
      label: stage.label,
      displayOrder: index,
      metadata: { isClosed: stage.closed, probability: stage.probability },
    })),
  });
  fake.touchContact(
    '101',
    {
      firstname: 'Morgan',
      lastname: 'Blake',
      email: 'morgan.blake@northwind.example',
      company: 'Northwind Traders',
      hubspot_owner_id: '9001',
      lifecyclestage: 'opportunity',
      hs_analytics_source: 'PAID_SEARCH',
      hs_lifecyclestage_lead_date: iso(created),
      hs_lifecyclestage_marketingqualifiedlead_date: iso(created + 3_600_000),
      hs_lifecyclestage_salesqualifiedlead_date: iso(created + 7_200_000),
      hs_lifecyclestage_opportunity_date: iso(created + 86_400_000),
    },
    created + 86_400_000,
  );
  const deal = (id: string, dealname: string, dealstage: string, amount: string, at: number) => {
    fake.touchDeal(
      id,
      {
        dealname,
        amount,
        deal_currency_code: 'EUR',
        dealstage,
        pipeline: 'default',
        hubspot_owner_id: '9001',
        closedate: dealstage === 'closedwon' ? iso(at) : null,
        closed_won_reason: dealstage === 'closedwon' ? 'Price' : null,
        hs_analytics_source: 'PAID_SEARCH',
      },
      at,
    );
    fake.deals.get(id)!.contacts = ['101'];
  };
  deal(WON_DEAL.id, WON_DEAL.title, 'contractsent', '48000', now - 3_600_000);
  deal('502', ENTERED_TWIN.title, 'contractsent', '12000', now - 10 * 86_400_000);
  deal('503', 'Fabrikam – renewal', 'closedwon', '9000', now - 12 * 86_400_000);

  return {
    url: fake.url,
    token: fake.token,
    wonStageId: 'closedwon',
    stageIds: STAGES.map((stage) => stage.id),
    dealsInStage: (stageId) => [...fake.deals.values()].filter((d) => d.properties.dealstage === stageId).length,
    moveDealToWon(dealId) {
      const at = Date.now();
      fake.touchDeal(dealId, { dealstage: 'closedwon', closedate: iso(at), closed_won_reason: 'Price' }, at);
    },
    close: () => fake.close(),
  };
}
