import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ApiError, type ServerEvent } from '@shared/contract';
import type { ActivityEvent } from '@shared/domain';
import type { CoreContext } from '../../../electron/core/context';
import { listActivityEvents } from '../../../electron/core/db/repositories/activity-repository';
import { insertCampaign, type NewCampaign } from '../../../electron/core/db/repositories/campaigns-repository';
import { countDeals, getDeal } from '../../../electron/core/db/repositories/deals-repository';
import { getLead, insertLead, listLeadTransitions } from '../../../electron/core/db/repositories/leads-repository';
import { insertPerson } from '../../../electron/core/db/repositories/people-repository';
import { archivePipelineStage } from '../../../electron/core/db/repositories/pipeline-repository';
import { runCommand } from '../../../electron/core/services/support/activity-recorder';
import { createDeal, moveDealStage } from '../../../electron/core/services/writes/deal-commands';
import { tempContext, type TempDatabase } from '../db/temp-database';
import { untyped } from './untyped-record';

const T0 = Date.UTC(2026, 2, 16, 9, 0);
const MINUTE = 60_000;

let ctx: CoreContext;
let clock: ReturnType<typeof tempContext>['clock'];
let temp: TempDatabase;
let emitted: ServerEvent[];
let people: { rep: string; marketer: string; otherRep: string };
let campaign: string;
let lead: string;

beforeEach(() => {
  ({ ctx, clock, temp } = tempContext(T0));
  const { db } = ctx;
  people = {
    rep: insertPerson(db, { name: 'Ana Lima', team: 'sales' }, T0).id,
    marketer: insertPerson(db, { name: 'Tom Berg', team: 'marketing' }, T0).id,
    otherRep: insertPerson(db, { name: 'Jonas Weber', team: 'sales' }, T0).id,
  };
  const webinar: NewCampaign = {
    name: 'Webinar Q1',
    channel: 'webinar',
    sourceTeam: 'marketing',
    ownerId: people.marketer,
  };
  campaign = insertCampaign(db, webinar, T0).id;
  lead = insertLead(
    db,
    {
      name: 'Eva Keller',
      company: 'Kestrel Logistics GmbH',
      stage: 'opportunity',
      sourceTeam: 'marketing',
      campaignId: campaign,
      marketerId: people.marketer,
      ownerId: people.rep,
      leadAt: T0 - 20 * 24 * 60 * MINUTE,
      opportunityAt: T0 - 24 * 60 * MINUTE,
    },
    T0,
  ).id;
  emitted = [];
  ctx.bus.subscribe((event) => emitted.push(event));
});
afterEach(() => temp.cleanup());

/** Everything a command could have written, to show that a refused one wrote nothing. */
function snapshot() {
  const { db } = ctx;
  return {
    deals: db.prepare('SELECT * FROM deals ORDER BY id').all(),
    leads: db.prepare('SELECT * FROM leads ORDER BY id').all(),
    transitions: db.prepare('SELECT * FROM lead_transitions ORDER BY id').all(),
    events: db.prepare('SELECT * FROM activity_events ORDER BY seq').all(),
  };
}

function eventsOf(type?: string): ActivityEvent[] {
  return listActivityEvents(ctx.db, { limit: 200 })
    .reverse()
    .filter((event) => type === undefined || event.type === type);
}

function newDeal(overrides: Partial<Parameters<typeof createDeal>[1]> = {}) {
  return createDeal(ctx, {
    title: 'Kestrel – Team plan',
    amountMinor: 1_250_000,
    currency: 'EUR',
    stageId: 'discovery',
    closingRepId: people.rep,
    leadId: lead,
    ...overrides,
  });
}

function expectApiError(run: () => unknown, code: string, field: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ApiError);
  expect((caught as ApiError).code).toBe(code);
  expect((caught as ApiError).field).toBe(field);
  expect((caught as ApiError).message.length).toBeGreaterThan(5);
}

describe('createDeal', () => {
  test('writes the deal and one deal.created event with a snapshot of names', () => {
    const deal = newDeal();

    expect(deal).toMatchObject({
      title: 'Kestrel – Team plan',
      amountMinor: 1_250_000,
      currency: 'EUR',
      stageId: 'discovery',
      status: 'open',
      closingRepId: people.rep,
      leadId: lead,
      createdAt: T0,
      closedAt: null,
      closeReason: null,
    });
    expect(getDeal(ctx.db, deal.id)).toMatchObject(deal);

    const events = eventsOf();
    expect(events.map((e) => e.type)).toEqual(['deal.created']);
    expect(events[0]).toMatchObject({ at: T0, machineId: 'test-machine', entity: 'deal', entityId: deal.id });
    expect(events[0]!.payload).toMatchObject({
      title: 'Kestrel – Team plan',
      amountMinor: 1_250_000,
      currency: 'EUR',
      fromStageId: null,
      toStageId: 'discovery',
      toStageName: 'Discovery',
      closingRepId: people.rep,
      closingRepName: 'Ana Lima',
      leadId: lead,
      leadName: 'Eva Keller',
    });
    expect(emitted).toEqual([{ name: 'activity.recorded', data: events[0] }]);
  });

  test('inherits the lead’s campaign and marketer unless told otherwise', () => {
    const inherited = newDeal();
    expect(inherited).toMatchObject({ campaignId: campaign, sourcingMarketerId: people.marketer });
    expect(eventsOf()[0]!.payload).toMatchObject({ campaignName: 'Webinar Q1', sourcingMarketerName: 'Tom Berg' });

    const cleared = newDeal({ campaignId: null, sourcingMarketerId: null });
    expect(cleared).toMatchObject({ campaignId: null, sourcingMarketerId: null });

    const bare = createDeal(ctx, { title: 'No lead', amountMinor: 0, currency: 'USD', stageId: 'demo' });
    expect(bare).toMatchObject({ leadId: null, campaignId: null, sourcingMarketerId: null, closingRepId: null });
  });

  test('created straight into Won: closed now, and the lead becomes a customer', () => {
    const deal = newDeal({ stageId: 'won' });
    expect(deal).toMatchObject({ status: 'won', closedAt: T0 });
    expect(eventsOf().map((e) => e.type)).toEqual(['deal.created', 'deal.won', 'lead.became_customer']);
    expect(getLead(ctx.db, lead)).toMatchObject({ stage: 'customer', customerAt: T0 });
  });

  test.each([
    ['stageId', { stageId: 'nowhere' }],
    ['closingRepId', { closingRepId: 'ghost' }],
    ['sourcingMarketerId', { sourcingMarketerId: 'ghost' }],
    ['campaignId', { campaignId: 'ghost' }],
    ['leadId', { leadId: 'ghost' }],
  ])('an unknown %s is refused with not_found naming the field, and nothing is written', (field, overrides) => {
    const before = snapshot();
    expectApiError(() => newDeal(overrides), 'not_found', field);
    expect(snapshot()).toEqual(before);
    expect(emitted).toEqual([]);
  });

  test('an archived stage cannot take new deals', () => {
    archivePipelineStage(ctx.db, 'demo', T0);
    expectApiError(() => newDeal({ stageId: 'demo' }), 'not_found', 'stageId');
    expect(countDeals(ctx.db)).toBe(0);
  });
});

describe('moveDealStage', () => {
  test('an open move records before/after of the changed columns', () => {
    const deal = newDeal();
    clock.advance(30 * MINUTE);

    const moved = moveDealStage(ctx, { dealId: deal.id, stageId: 'proposal' });

    expect(moved).toMatchObject({ stageId: 'proposal', status: 'open', closedAt: null });
    const [event] = eventsOf('deal.stage_changed');
    expect(event!.payload).toMatchObject({
      fromStageId: 'discovery',
      fromStageName: 'Discovery',
      toStageId: 'proposal',
      toStageName: 'Proposal',
      closingRepName: 'Ana Lima',
      before: { stageId: 'discovery', stageEnteredAt: T0 },
      after: { stageId: 'proposal', stageEnteredAt: T0 + 30 * MINUTE },
    });
    expect(Object.keys(event!.payload.before as object).sort()).toEqual(['stageEnteredAt', 'stageId']);
    expect(event!.at).toBe(T0 + 30 * MINUTE);
  });

  test('winning closes the deal with its reason and makes the lead a customer at the close time', () => {
    const deal = newDeal();
    clock.advance(60 * MINUTE);

    const won = moveDealStage(ctx, { dealId: deal.id, stageId: 'won', reason: 'won_price' });

    const closedAt = T0 + 60 * MINUTE;
    expect(won).toMatchObject({ status: 'won', stageId: 'won', closedAt, closeReason: 'won_price' });
    expect(getLead(ctx.db, lead)).toMatchObject({ stage: 'customer', customerAt: closedAt });
    expect(listLeadTransitions(ctx.db, lead).map((t) => [t.fromStage, t.toStage, t.at])).toEqual([
      ['opportunity', 'customer', closedAt],
    ]);
    expect(eventsOf().map((e) => e.type)).toEqual(['deal.created', 'deal.won', 'lead.became_customer']);
    const [wonEvent] = eventsOf('deal.won');
    expect(wonEvent!.payload).toMatchObject({
      status: 'won',
      closeReason: 'won_price',
      closeReasonLabel: 'Price',
      before: { status: 'open', closedAt: null, closeReason: null, stageId: 'discovery' },
      after: { status: 'won', closedAt, closeReason: 'won_price', stageId: 'won' },
    });
    const [customerEvent] = eventsOf('lead.became_customer');
    expect(customerEvent).toMatchObject({ entity: 'lead', entityId: lead });
    expect(customerEvent!.payload).toMatchObject({
      leadName: 'Eva Keller',
      title: 'Kestrel – Team plan',
      closingRepName: 'Ana Lima',
      campaignName: 'Webinar Q1',
      customerAt: closedAt,
      before: { customerAt: null },
      after: { stage: 'customer', customerAt: closedAt },
    });
  });

  test('customer_at follows the earliest won deal: reopening the only win takes the customer back', () => {
    const first = newDeal();
    const second = newDeal({ title: 'Kestrel – Expansion' });
    clock.advance(60 * MINUTE);
    moveDealStage(ctx, { dealId: first.id, stageId: 'won' });
    expect(getLead(ctx.db, lead)).toMatchObject({ stage: 'customer', customerAt: T0 + 60 * MINUTE });
    clock.advance(24 * 60 * MINUTE);

    // Reopening the only win: no won deal is left, so the lead is an opportunity again.
    moveDealStage(ctx, { dealId: first.id, stageId: 'negotiation' });
    expect(getLead(ctx.db, lead)).toMatchObject({ stage: 'opportunity', customerAt: null });
    // Winning the second makes it a customer at the second's close time.
    clock.advance(60 * MINUTE);
    moveDealStage(ctx, { dealId: second.id, stageId: 'won' });
    const secondClosedAt = T0 + 26 * 60 * MINUTE;

    const firstWon = ctx.db
      .prepare(`SELECT min(closed_at) AS at FROM deals WHERE lead_id = ? AND status = 'won' AND deleted_at IS NULL`)
      .get(lead) as { at: number };
    expect(firstWon.at).toBe(secondClosedAt);
    expect(getLead(ctx.db, lead)).toMatchObject({ stage: 'customer', customerAt: firstWon.at });
    expect(eventsOf('lead.became_customer')).toHaveLength(2);
    expect(eventsOf('deal.won')).toHaveLength(2);
    expect(listLeadTransitions(ctx.db, lead).map((t) => t.toStage)).toEqual(['customer', 'opportunity', 'customer']);
  });

  test('a win names its closing rep: a deal without one is refused, and the move may name it', () => {
    const deal = newDeal({ closingRepId: null });
    const before = snapshot();
    expectApiError(() => moveDealStage(ctx, { dealId: deal.id, stageId: 'won' }), 'invalid_input', 'closingRepId');
    expectApiError(
      () => createDeal(ctx, { title: 'Won now', amountMinor: 1, currency: 'EUR', stageId: 'won' }),
      'invalid_input',
      'closingRepId',
    );
    expectApiError(
      () => moveDealStage(ctx, { dealId: deal.id, stageId: 'demo', closingRepId: people.rep }),
      'invalid_input',
      'closingRepId',
    );
    expect(snapshot()).toEqual(before);

    const won = moveDealStage(ctx, { dealId: deal.id, stageId: 'won', closingRepId: people.otherRep });
    expect(won.closingRepId).toBe(people.otherRep);
    expect(eventsOf('deal.won')[0]!.payload).toMatchObject({ closingRepName: 'Jonas Weber' });
    expect(eventsOf('lead.became_customer')[0]!.payload).toMatchObject({ closingRepName: 'Jonas Weber' });
  });

  test('losing closes with a lost reason; reopening clears the close', () => {
    const deal = newDeal();
    clock.advance(10 * MINUTE);
    const lost = moveDealStage(ctx, { dealId: deal.id, stageId: 'lost', reason: 'lost_competitor' });
    expect(lost).toMatchObject({ status: 'lost', closedAt: T0 + 10 * MINUTE, closeReason: 'lost_competitor' });
    expect(getLead(ctx.db, lead)!.customerAt).toBeNull();

    clock.advance(10 * MINUTE);
    const reopened = moveDealStage(ctx, { dealId: deal.id, stageId: 'demo' });

    expect(reopened).toMatchObject({ status: 'open', stageId: 'demo', closedAt: null, closeReason: null });
    expect(eventsOf().map((e) => e.type)).toEqual(['deal.created', 'deal.lost', 'deal.stage_changed']);
    expect(eventsOf('deal.stage_changed')[0]!.payload).toMatchObject({
      fromStageId: 'lost',
      toStageId: 'demo',
      before: { status: 'lost', closedAt: T0 + 10 * MINUTE, closeReason: 'lost_competitor' },
      after: { status: 'open', closedAt: null, closeReason: null },
    });
  });

  test('a move to the stage the deal is in changes nothing', () => {
    const deal = newDeal();
    const before = snapshot();
    emitted = [];
    expect(moveDealStage(ctx, { dealId: deal.id, stageId: 'discovery' })).toMatchObject({
      id: deal.id,
      stageId: 'discovery',
    });
    expect(snapshot()).toEqual(before);
    expect(emitted).toEqual([]);
  });

  test.each([
    ['a reason of the other kind', 'lost', 'won_price'],
    ['a review reason', 'won', 'good_fit'],
    ['an unknown reason', 'lost', 'because'],
    ['a reason for an open stage', 'demo', 'won_price'],
  ])('%s is refused as invalid_input on "reason", and nothing is written', (_name, stageId, reason) => {
    const deal = newDeal();
    const before = snapshot();
    emitted = [];
    expectApiError(() => moveDealStage(ctx, { dealId: deal.id, stageId, reason }), 'invalid_input', 'reason');
    expect(snapshot()).toEqual(before);
    expect(emitted).toEqual([]);
  });

  test.each([
    ['dealId', { dealId: 'ghost' }],
    ['stageId', { stageId: 'nowhere' }],
  ])('an unknown %s is refused with not_found naming the field, and nothing is written', (field, input) => {
    const deal = newDeal();
    const before = snapshot();
    emitted = [];
    expectApiError(() => moveDealStage(ctx, { dealId: deal.id, stageId: 'demo', ...input }), 'not_found', field);
    expect(snapshot()).toEqual(before);
    expect(emitted).toEqual([]);
  });
});

describe('runCommand', () => {
  test('events reach the bus only after the commit, visible to another connection', () => {
    const observed: { inTransaction: boolean; committedRows: number }[] = [];
    ctx.bus.subscribe((event) => {
      if (event.name !== 'activity.recorded') return;
      // A second connection sees only committed rows.
      const reader = new Database(temp.file, { readonly: true });
      try {
        const row = reader.prepare('SELECT count(*) AS n FROM activity_events WHERE id = ?').get(event.data.id) as {
          n: number;
        };
        observed.push({ inTransaction: ctx.db.inTransaction, committedRows: row.n });
      } finally {
        reader.close();
      }
    });

    newDeal({ stageId: 'won' });

    expect(observed).toEqual([
      { inTransaction: false, committedRows: 1 },
      { inTransaction: false, committedRows: 1 },
      { inTransaction: false, committedRows: 1 },
    ]);
  });

  test('work that throws rolls back its rows and events and emits nothing', () => {
    const before = snapshot();
    expect(() =>
      runCommand(ctx, (record) => {
        ctx.db.prepare(`UPDATE leads SET name = 'Changed' WHERE id = ?`).run(lead);
        untyped(record)({ type: 'lead.renamed', entity: 'lead', entityId: lead, payload: { name: 'Changed' } });
        throw new Error('halfway');
      }),
    ).toThrow('halfway');
    expect(snapshot()).toEqual(before);
    expect(emitted).toEqual([]);
  });

  test('recorded events are stamped with the clock, the machine and a UUIDv7, in order', () => {
    const result = runCommand(ctx, (record) => {
      const a = untyped(record)({ type: 'test.one', entity: 'test', entityId: 'x' });
      clock.advance(5);
      const b = untyped(record)({
        type: 'test.two',
        entity: 'test',
        entityId: 'x',
        actorId: people.rep,
        payload: { n: 2 },
      });
      return [a, b];
    });
    expect(result.map((e) => [e.type, e.at, e.machineId, e.actorId])).toEqual([
      ['test.one', T0, 'test-machine', null],
      ['test.two', T0 + 5, 'test-machine', people.rep],
    ]);
    expect(result[0]!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(result[1]!.seq).toBe(result[0]!.seq + 1);
    expect(emitted.map((e) => e.data)).toEqual(result);
  });

  test('a nested command joins the outer one: its events wait for the outer commit, and vanish with its rollback', () => {
    const seenInside: number[] = [];
    runCommand(ctx, (record) => {
      untyped(record)({ type: 'outer.start', entity: 'test', entityId: 'o' });
      runCommand(ctx, (inner) => untyped(inner)({ type: 'inner.kept', entity: 'test', entityId: 'i' }));
      seenInside.push(emitted.length);
      expect(() =>
        runCommand(ctx, (inner) => {
          untyped(inner)({ type: 'inner.dropped', entity: 'test', entityId: 'i' });
          throw new Error('inner failed');
        }),
      ).toThrow('inner failed');
    });
    expect(seenInside).toEqual([0]);
    expect(emitted.map((e) => (e.data as ActivityEvent).type)).toEqual(['outer.start', 'inner.kept']);
    expect(eventsOf().map((e) => e.type)).toEqual(['outer.start', 'inner.kept']);
  });

  test('asynchronous work is refused and rolled back', () => {
    const before = snapshot();
    expect(() =>
      runCommand(ctx, async (record) => {
        untyped(record)({ type: 'test.async', entity: 'test', entityId: 'a' });
      }),
    ).toThrow(/synchronous/);
    expect(snapshot()).toEqual(before);
    expect(emitted).toEqual([]);
  });
});
