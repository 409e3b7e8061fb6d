import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  createDeal,
  deleteDeal,
  moveDealStage,
  updateDeal,
} from '../../../electron/core/services/writes/deal-commands';
import { deleteCampaign, saveCampaign } from '../../../electron/core/services/writes/campaign-commands';
import { deleteLead, listLeadRecords, saveLead } from '../../../electron/core/services/writes/lead-commands';
import {
  getReviewQueue,
  listReasonCodeRecords,
  saveLeadReview,
} from '../../../electron/core/services/writes/lead-review-commands';
import { deletePerson, savePerson } from '../../../electron/core/services/writes/people-commands';
import { insertLead } from '../../../electron/core/db/repositories/leads-repository';
import { insertLeadReview } from '../../../electron/core/db/repositories/lead-reviews-repository';
import { listCampaigns } from '../../../electron/core/db/repositories/campaigns-repository';
import { listPeople } from '../../../electron/core/db/repositories/people-repository';
import {
  allEvents,
  changesOf,
  DAY,
  entryRoom,
  everything,
  expectApiError,
  HOUR,
  keptAndRecountedAggregates,
  MINUTE,
  oneEvent,
  rawRow,
  T0,
  type EntryRoom,
} from './entry-fixtures';

let room: EntryRoom;
beforeEach(() => {
  room = entryRoom();
});
afterEach(() => room.temp.cleanup());

const db = () => room.ctx.db;

describe('people', () => {
  test('a new person is one row and one person.created event carrying it', () => {
    const { result, event } = oneEvent(db(), () => savePerson(room.ctx, { name: 'Lea Brandt', team: 'marketing' }));
    const row = rawRow(db(), 'people', { id: result.id });
    expect(row).toMatchObject({ name: 'Lea Brandt', team: 'marketing', created_at: T0, deleted_at: null });
    expect(event).toMatchObject({ type: 'person.created', entity: 'person', entityId: result.id });
    expect(event.payload).toMatchObject({ name: 'Lea Brandt', team: 'marketing' });
    expect(changesOf(event)).toEqual([{ table: 'people', id: result.id, before: null, after: row }]);
  });

  test('an update carries the whole row before and after; an update that changes nothing records nothing', () => {
    const before = rawRow(db(), 'people', { id: room.rep });
    room.clock.advance(5 * MINUTE);
    const { event } = oneEvent(db(), () =>
      savePerson(room.ctx, { id: room.rep, name: 'Ana Lima-Costa', team: 'sales' }),
    );
    const after = rawRow(db(), 'people', { id: room.rep });
    expect(after).toMatchObject({ name: 'Ana Lima-Costa', updated_at: T0 + 5 * MINUTE });
    expect(event.type).toBe('person.updated');
    expect(event.payload).toMatchObject({ previousName: 'Ana Lima', name: 'Ana Lima-Costa' });
    expect(changesOf(event)).toEqual([{ table: 'people', id: room.rep, before, after }]);

    const all = everything(db());
    savePerson(room.ctx, { id: room.rep, name: 'Ana Lima-Costa', team: 'sales' });
    expect(everything(db())).toEqual(all);
  });

  test('a delete is soft, even for a person who owns open deals', () => {
    createDeal(room.ctx, {
      title: 'Kestrel',
      amountMinor: 100,
      currency: 'EUR',
      stageId: 'demo',
      closingRepId: room.rep,
    });
    const before = rawRow(db(), 'people', { id: room.rep });
    const { event } = oneEvent(db(), () => deletePerson(room.ctx, { id: room.rep }));
    const after = rawRow(db(), 'people', { id: room.rep });
    expect(after).toEqual({ ...before, deleted_at: T0, updated_at: T0 });
    expect(listPeople(db()).map((p) => p.id)).not.toContain(room.rep);
    expect(changesOf(event)).toEqual([{ table: 'people', id: room.rep, before, after }]);
    // A deleted person is gone for commands too.
    const all = everything(db());
    expectApiError(() => deletePerson(room.ctx, { id: room.rep }), 'not_found', 'id');
    expectApiError(() => savePerson(room.ctx, { id: room.rep, name: 'X', team: 'sales' }), 'not_found', 'id');
    expect(everything(db())).toEqual(all);
  });
});

describe('campaigns', () => {
  test('create, keep the owner by leaving it out, clear it with null, delete softly', () => {
    const { result: created, event } = oneEvent(db(), () =>
      saveCampaign(room.ctx, { name: 'Trade fair', channel: 'event', sourceTeam: 'marketing', ownerId: room.marketer }),
    );
    expect(created).toMatchObject({ name: 'Trade fair', ownerId: room.marketer });
    expect(event.payload).toMatchObject({ campaignName: 'Trade fair', ownerName: 'Tom Berg' });
    expect(changesOf(event)).toEqual([
      { table: 'campaigns', id: created.id, before: null, after: rawRow(db(), 'campaigns', { id: created.id }) },
    ]);

    const kept = saveCampaign(room.ctx, {
      id: created.id,
      name: 'Trade fair 2026',
      channel: 'event',
      sourceTeam: 'marketing',
    });
    expect(kept.ownerId).toBe(room.marketer);
    const cleared = saveCampaign(room.ctx, {
      id: created.id,
      name: 'Trade fair 2026',
      channel: 'event',
      sourceTeam: 'marketing',
      ownerId: null,
    });
    expect(rawRow(db(), 'campaigns', { id: created.id })).toMatchObject({ name: 'Trade fair 2026', owner_id: null });
    expect(cleared.ownerId).toBeNull();

    const { event: deleted } = oneEvent(db(), () => deleteCampaign(room.ctx, { id: created.id }));
    expect(deleted.type).toBe('campaign.deleted');
    expect(rawRow(db(), 'campaigns', { id: created.id })).toMatchObject({ deleted_at: T0 });
    expect(listCampaigns(db()).map((c) => c.id)).not.toContain(created.id);
  });

  test('an unknown owner is not_found on ownerId and nothing is written', () => {
    const all = everything(db());
    expectApiError(
      () => saveCampaign(room.ctx, { name: 'Ghost', channel: 'paid', sourceTeam: 'marketing', ownerId: 'nobody' }),
      'not_found',
      'ownerId',
    );
    expect(everything(db())).toEqual(all);
  });
});

describe('leads', () => {
  test('a new lead arrives now in stage lead; its event carries the row and the names', () => {
    const { result, event } = oneEvent(db(), () =>
      saveLead(room.ctx, {
        name: 'Finn Maier',
        company: '  Maier AG ',
        sourceTeam: 'marketing',
        campaignId: room.campaign,
        ownerId: room.rep,
      }),
    );
    expect(result).toMatchObject({ stage: 'lead', leadAt: T0, company: 'Maier AG', mqlAt: null, marketerId: null });
    expect(event).toMatchObject({ type: 'lead.created', entity: 'lead', entityId: result.id });
    expect(event.payload).toMatchObject({ leadName: 'Finn Maier', campaignName: 'Webinar Q1', ownerName: 'Ana Lima' });
    expect(changesOf(event)).toEqual([
      { table: 'leads', id: result.id, before: null, after: rawRow(db(), 'leads', { id: result.id }) },
    ]);
  });

  test('an update changes the details only; left-out references stay, null clears them', () => {
    const before = rawRow(db(), 'leads', { id: room.lead });
    room.clock.advance(HOUR);
    const { result, event } = oneEvent(db(), () =>
      saveLead(room.ctx, { id: room.lead, name: 'Eva Keller', company: null, sourceTeam: 'sales', ownerId: null }),
    );
    expect(result).toMatchObject({ company: null, sourceTeam: 'sales', ownerId: null, campaignId: room.campaign });
    const after = rawRow(db(), 'leads', { id: room.lead });
    expect(after).toEqual({
      ...before,
      company: null,
      source_team: 'sales',
      owner_id: null,
      updated_at: T0 + HOUR,
    });
    expect(changesOf(event)).toEqual([{ table: 'leads', id: room.lead, before, after }]);
  });

  test.each([
    ['campaignId', { campaignId: 'ghost' }],
    ['marketerId', { marketerId: 'ghost' }],
    ['ownerId', { ownerId: 'ghost' }],
    ['id', { id: 'ghost' }],
  ])('an unknown %s is not_found naming it, and nothing is written', (field, overrides) => {
    const all = everything(db());
    expectApiError(() => saveLead(room.ctx, { name: 'Nobody', sourceTeam: 'sales', ...overrides }), 'not_found', field);
    expect(everything(db())).toEqual(all);
  });

  test('list filters by stage and by a search that treats % and _ literally; deleted leads are left out', () => {
    insertLead(db(), { name: '100% Pure', stage: 'mql', sourceTeam: 'sales', leadAt: T0 - DAY, mqlAt: T0 - HOUR }, T0);
    insertLead(db(), { name: '100 Percent', stage: 'lead', sourceTeam: 'sales', leadAt: T0 - 2 * DAY }, T0);
    const gone = insertLead(db(), { name: 'Gone', stage: 'lead', sourceTeam: 'sales', leadAt: T0 - HOUR }, T0).id;
    deleteLead(room.ctx, { id: gone });

    const names = (input: Parameters<typeof listLeadRecords>[1]) => listLeadRecords(room.ctx, input).map((l) => l.name);
    expect(names({ limit: 100 })).toEqual(['100% Pure', '100 Percent', 'Eva Keller']);
    expect(names({ limit: 100, stage: 'mql' })).toEqual(['100% Pure']);
    expect(names({ limit: 100, search: '0%' })).toEqual(['100% Pure']);
    expect(names({ limit: 100, search: 'kestrel' })).toEqual(['Eva Keller']);
    expect(names({ limit: 1 })).toEqual(['100% Pure']);
  });

  test('a delete is soft and carries the row', () => {
    const before = rawRow(db(), 'leads', { id: room.lead });
    const { event } = oneEvent(db(), () => deleteLead(room.ctx, { id: room.lead }));
    const after = rawRow(db(), 'leads', { id: room.lead });
    expect(after).toEqual({ ...before, deleted_at: T0, updated_at: T0 });
    expect(event.type).toBe('lead.deleted');
    expect(changesOf(event)).toEqual([{ table: 'leads', id: room.lead, before, after }]);
  });
});

describe('deals', () => {
  test('an update carries the whole row; a left-out reference stays and nothing-changed records nothing', () => {
    const deal = createDeal(room.ctx, {
      title: 'Kestrel',
      amountMinor: 100_000,
      currency: 'EUR',
      stageId: 'demo',
      closingRepId: room.rep,
      leadId: room.lead,
    });
    const before = rawRow(db(), 'deals', { id: deal.id });
    room.clock.advance(MINUTE);
    const { result, event } = oneEvent(db(), () =>
      updateDeal(room.ctx, {
        id: deal.id,
        title: 'Kestrel – Team',
        amountMinor: 250_000,
        currency: 'EUR',
        closingRepId: room.otherRep,
      }),
    );
    expect(result).toMatchObject({
      title: 'Kestrel – Team',
      amountMinor: 250_000,
      closingRepId: room.otherRep,
      leadId: room.lead,
    });
    const after = rawRow(db(), 'deals', { id: deal.id });
    expect(after).toEqual({
      ...before,
      title: 'Kestrel – Team',
      amount_minor: 250_000,
      closing_rep_id: room.otherRep,
      updated_at: T0 + MINUTE,
    });
    expect(event).toMatchObject({ type: 'deal.updated', entity: 'deal', entityId: deal.id });
    expect(event.payload).toMatchObject({
      closingRepName: 'Jonas Weber',
      changed: ['title', 'amountMinor', 'closingRepId'],
    });
    expect(changesOf(event)).toEqual([{ table: 'deals', id: deal.id, before, after }]);

    const all = everything(db());
    updateDeal(room.ctx, { id: deal.id, title: 'Kestrel – Team', amountMinor: 250_000, currency: 'EUR' });
    expect(everything(db())).toEqual(all);
    // The open pipeline's aggregate followed the amount.
    const kept = keptAndRecountedAggregates(db());
    expect(kept.kept).toEqual(kept.recounted);
  });

  test('giving a won deal a lead that is not yet a customer makes it one at the close time, in the same event', () => {
    const other = insertLead(
      db(),
      { name: 'Oskar Wolf', stage: 'sql', sourceTeam: 'sales', leadAt: T0 - 9 * DAY, sqlAt: T0 - 2 * DAY },
      T0,
    ).id;
    const deal = createDeal(room.ctx, { title: 'Wolf', amountMinor: 500, currency: 'EUR', stageId: 'demo' });
    room.clock.advance(HOUR);
    moveDealStage(room.ctx, { dealId: deal.id, stageId: 'won', closingRepId: room.rep });
    room.clock.advance(HOUR);
    const leadBefore = rawRow(db(), 'leads', { id: other });
    const count = allEvents(db()).length;

    updateDeal(room.ctx, {
      id: deal.id,
      title: 'Wolf',
      amountMinor: 500,
      currency: 'EUR',
      leadId: other,
      closingRepId: room.rep,
    });

    const added = allEvents(db()).slice(count);
    expect(added.map((e) => e.type)).toEqual(['deal.updated', 'lead.became_customer']);
    expect(rawRow(db(), 'leads', { id: other })).toMatchObject({ stage: 'customer', customer_at: T0 + HOUR });
    const changes = changesOf(added[0]!);
    expect(changes.map((c) => [c.table, c.before === null])).toEqual([
      ['deals', false],
      ['leads', false],
      ['lead_transitions', true],
    ]);
    expect(changes[1]).toEqual({
      table: 'leads',
      id: other,
      before: leadBefore,
      after: rawRow(db(), 'leads', { id: other }),
    });
    expect(added[1]!.payload.changes).toBeUndefined();
  });

  test('an unknown reference is not_found naming it and nothing is written; a delete is soft', () => {
    const deal = createDeal(room.ctx, { title: 'Kestrel', amountMinor: 100, currency: 'EUR', stageId: 'demo' });
    const all = everything(db());
    for (const [field, value] of [
      ['closingRepId', 'ghost'],
      ['sourcingMarketerId', 'ghost'],
      ['campaignId', 'ghost'],
      ['leadId', 'ghost'],
      ['id', 'ghost'],
    ] as const) {
      expectApiError(
        () => updateDeal(room.ctx, { id: deal.id, title: 'X', amountMinor: 1, currency: 'EUR', [field]: value }),
        'not_found',
        field,
      );
    }
    expect(everything(db())).toEqual(all);

    const before = rawRow(db(), 'deals', { id: deal.id });
    const { event } = oneEvent(db(), () => deleteDeal(room.ctx, { id: deal.id }));
    expect(event.type).toBe('deal.deleted');
    expect(changesOf(event)).toEqual([
      { table: 'deals', id: deal.id, before, after: { ...before, deleted_at: T0, updated_at: T0 } },
    ]);
    expectApiError(() => deleteDeal(room.ctx, { id: deal.id }), 'not_found', 'id');
  });
});

describe('reason codes and lead reviews', () => {
  test('reason codes list every code with its kind and label', () => {
    const direct = db().prepare('SELECT code, kind, label FROM reason_codes ORDER BY code').all();
    const listed = listReasonCodeRecords(room.ctx);
    expect([...listed].sort((a, b) => a.code.localeCompare(b.code))).toEqual(direct);
  });

  test('the queue holds leads of the seven days before today and today (room zone), oldest first, with any review', () => {
    // Today is Monday 2026-03-16 in Berlin; the window opens Monday 2026-03-09 00:00 Berlin = 03-08 23:00 UTC.
    const opens = Date.UTC(2026, 2, 8, 23, 0);
    const first = insertLead(
      db(),
      { name: 'At the opening', stage: 'lead', sourceTeam: 'sales', leadAt: opens },
      T0,
    ).id;
    insertLead(db(), { name: 'Just before', stage: 'lead', sourceTeam: 'sales', leadAt: opens - 1 }, T0);
    const newest = insertLead(
      db(),
      { name: 'Just now', stage: 'mql', sourceTeam: 'marketing', leadAt: T0, mqlAt: T0 },
      T0,
    ).id;
    const gone = insertLead(db(), { name: 'Deleted', stage: 'lead', sourceTeam: 'sales', leadAt: T0 - HOUR }, T0).id;
    deleteLead(room.ctx, { id: gone });
    insertLeadReview(db(), {
      leadId: room.lead,
      rating: 4,
      reviewedAt: T0 - HOUR,
      notes: 'ok',
      reasonCodes: ['good_fit'],
    });

    const queue = getReviewQueue(room.ctx);

    // Independent: the same window straight from SQL.
    const expected = db()
      .prepare('SELECT id FROM leads WHERE deleted_at IS NULL AND lead_at >= ? AND lead_at <= ? ORDER BY lead_at, id')
      .all(opens, T0) as { id: string }[];
    expect(queue.map((item) => item.lead.id)).toEqual(expected.map((row) => row.id));
    expect(queue.map((item) => item.lead.id)).toEqual([first, room.lead, newest]);
    const eva = queue.find((item) => item.lead.id === room.lead)!;
    expect(eva).toMatchObject({
      campaignName: 'Webinar Q1',
      ownerName: 'Ana Lima',
      review: { rating: 4, reasonCodes: ['good_fit'], notes: 'ok' },
    });
    expect(queue[0]!.review).toBeNull();
  });

  test('a lead keeps one review: the second save changes it, with reason rows by composite id', () => {
    const { result, event } = oneEvent(db(), () =>
      saveLeadReview(room.ctx, {
        leadId: room.lead,
        rating: 2,
        reasonCodes: ['no_budget', 'bad_timing', 'no_budget'],
        notes: '',
      }),
    );
    const reviewId = result.id;
    expect(event).toMatchObject({ type: 'lead.reviewed', entity: 'lead', entityId: room.lead });
    expect(event.payload).toMatchObject({
      rating: 2,
      reasonCodes: ['bad_timing', 'no_budget'],
      leadName: 'Eva Keller',
    });
    expect(changesOf(event)).toEqual([
      { table: 'lead_reviews', id: reviewId, before: null, after: rawRow(db(), 'lead_reviews', { id: reviewId }) },
      {
        table: 'lead_review_reasons',
        id: `${reviewId}|bad_timing`,
        before: null,
        after: { review_id: reviewId, code: 'bad_timing' },
      },
      {
        table: 'lead_review_reasons',
        id: `${reviewId}|no_budget`,
        before: null,
        after: { review_id: reviewId, code: 'no_budget' },
      },
    ]);

    room.clock.advance(HOUR);
    const reviewBefore = rawRow(db(), 'lead_reviews', { id: reviewId });
    const { result: again, event: second } = oneEvent(db(), () =>
      saveLeadReview(room.ctx, {
        leadId: room.lead,
        rating: 3,
        reasonCodes: ['no_budget', 'good_fit'],
        notes: 'call back',
      }),
    );
    expect(again.id).toBe(reviewId);
    expect(db().prepare('SELECT count(*) AS n FROM lead_reviews WHERE lead_id = ?').get(room.lead)).toEqual({ n: 1 });
    expect(changesOf(second)).toEqual([
      {
        table: 'lead_reviews',
        id: reviewId,
        before: reviewBefore,
        after: { ...reviewBefore, rating: 3, notes: 'call back', reviewed_at: T0 + HOUR },
      },
      {
        table: 'lead_review_reasons',
        id: `${reviewId}|bad_timing`,
        before: { review_id: reviewId, code: 'bad_timing' },
        after: null,
      },
      {
        table: 'lead_review_reasons',
        id: `${reviewId}|good_fit`,
        before: null,
        after: { review_id: reviewId, code: 'good_fit' },
      },
    ]);
    const kept = keptAndRecountedAggregates(db());
    expect(kept.kept).toEqual(kept.recounted);
  });

  test('a reason that is not a review reason is invalid_input on reasonCodes; an unknown lead is not_found', () => {
    const all = everything(db());
    expectApiError(
      () =>
        saveLeadReview(room.ctx, { leadId: room.lead, rating: 3, reasonCodes: ['good_fit', 'won_price'], notes: '' }),
      'invalid_input',
      'reasonCodes',
    );
    expectApiError(
      () => saveLeadReview(room.ctx, { leadId: room.lead, rating: 3, reasonCodes: ['made_up'], notes: '' }),
      'invalid_input',
      'reasonCodes',
    );
    expectApiError(
      () => saveLeadReview(room.ctx, { leadId: 'ghost', rating: 3, reasonCodes: [], notes: '' }),
      'not_found',
      'leadId',
    );
    expect(everything(db())).toEqual(all);
  });
});
