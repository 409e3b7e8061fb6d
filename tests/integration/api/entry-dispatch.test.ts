import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { MethodName } from '@shared/contract';
import type { LeadRecord } from '@shared/records';
import { createDispatcher, type Dispatch } from '../../../electron/core/api/dispatch';
import { allEvents, entryRoom, everything, rowCounts, type EntryRoom } from '../services/entry-fixtures';

let room: EntryRoom;
let dispatch: Dispatch;
beforeEach(() => {
  room = entryRoom();
  dispatch = createDispatcher(
    room.ctx,
    { name: 'Alignboard', version: '0.0.0-test', bootId: 'boot' },
    { logError: () => {} },
  );
});
afterEach(() => room.temp.cleanup());

async function call<T>(method: MethodName, input: unknown): Promise<T> {
  const outcome = await dispatch(method, input, { role: 'admin' });
  if (!outcome.ok) throw new Error(`${method} failed: ${JSON.stringify(outcome.error)}`);
  return outcome.result as T;
}

describe('entry methods through the dispatcher', () => {
  const tooMany = Array.from({ length: 11 }, (_, i) => `code${i}`);
  const bad: [MethodName, (room: EntryRoom) => Record<string, unknown>, string][] = [
    ['people.save', () => ({ name: '  ', team: 'sales' }), 'name'],
    ['people.save', () => ({ name: 'Lea', team: 'ops' }), 'team'],
    ['people.save', () => ({ name: 'Lea', team: 'sales', email: 'x@y' }), 'email'],
    ['people.delete', () => ({}), 'id'],
    ['campaigns.save', (r) => ({ name: 'Fair', channel: '', sourceTeam: 'marketing', ownerId: r.marketer }), 'channel'],
    ['campaigns.save', () => ({ name: 'Fair', channel: 'event', sourceTeam: 'both' }), 'sourceTeam'],
    ['leads.save', () => ({ sourceTeam: 'sales' }), 'name'],
    ['leads.save', () => ({ name: 'Finn', sourceTeam: 'sales', company: 'x'.repeat(201) }), 'company'],
    ['leads.moveStage', (r) => ({ leadId: r.lead, stage: 'won' }), 'stage'],
    ['leads.moveStage', (r) => ({ leadId: r.lead, stage: 'mql', at: -5 }), 'at'],
    ['leads.moveStage', (r) => ({ leadId: r.lead, stage: 'mql', at: 'yesterday' }), 'at'],
    ['leads.logFollowUp', () => ({}), 'leadId'],
    ['leads.delete', () => ({ id: 7 }), 'id'],
    ['deals.update', () => ({ id: 'd', title: 'T', amountMinor: -1, currency: 'EUR' }), 'amountMinor'],
    ['deals.update', () => ({ id: 'd', title: 'T', amountMinor: 1.5, currency: 'EUR' }), 'amountMinor'],
    ['deals.update', () => ({ id: 'd', title: 'T', amountMinor: 1, currency: 'eur' }), 'currency'],
    ['deals.delete', () => ({ id: '' }), 'id'],
    ['leadReviews.save', (r) => ({ leadId: r.lead, rating: 6 }), 'rating'],
    ['leadReviews.save', (r) => ({ leadId: r.lead, rating: 0 }), 'rating'],
    ['leadReviews.save', (r) => ({ leadId: r.lead, rating: 3, reasonCodes: tooMany }), 'reasonCodes'],
    ['leadReviews.save', (r) => ({ leadId: r.lead, rating: 3, notes: 'x'.repeat(2001) }), 'notes'],
    ['history.undo', () => ({ eventId: '' }), 'eventId'],
    ['history.recent', () => ({ limit: 0 }), 'limit'],
  ];

  test.each(bad)(
    '%s with bad input (case %#) is invalid_input naming the field, and nothing is written',
    async (method, input, field) => {
      const before = everything(room.ctx.db);
      const outcome = await dispatch(method, input(room), { role: 'admin' });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.error).toMatchObject({ code: 'invalid_input', field });
      expect(outcome.error.message).toMatch(new RegExp(`^${field.replace('.', '\\.')} `));
      expect(everything(room.ctx.db)).toEqual(before);
    },
  );

  test('a service refusal reaches the caller with its field, and nothing is written', async () => {
    const counts = rowCounts(room.ctx.db);
    const outcome = await dispatch(
      'leadReviews.save',
      { leadId: room.lead, rating: 3, reasonCodes: ['won_price'] },
      { role: 'admin' },
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'reasonCodes' } });
    const missing = await dispatch('campaigns.delete', { id: 'ghost' }, { role: 'admin' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect(rowCounts(room.ctx.db)).toEqual(counts);
  });

  test('a new user’s path: campaign, lead, MQL, SQL, follow-up, review, a won deal, then undo the win', async () => {
    const campaign = await call<{ id: string }>('campaigns.save', {
      name: 'Spring webinar',
      channel: 'webinar',
      sourceTeam: 'marketing',
      ownerId: room.marketer,
    });
    const lead = await call<LeadRecord>('leads.save', {
      name: 'Mara Vogt',
      company: 'Vogt GmbH',
      sourceTeam: 'marketing',
      campaignId: campaign.id,
      ownerId: room.rep,
    });
    await call('leads.moveStage', { leadId: lead.id, stage: 'mql' });
    await call('leads.logFollowUp', { leadId: lead.id });
    await call('leads.moveStage', { leadId: lead.id, stage: 'sql' });
    await call('leadReviews.save', { leadId: lead.id, rating: 4, reasonCodes: ['good_fit'] });
    const deal = await call<{ id: string }>('deals.create', {
      title: 'Vogt – Starter',
      amountMinor: 480_000,
      currency: 'EUR',
      stageId: 'proposal',
      leadId: lead.id,
    });
    await call('deals.moveStage', {
      dealId: deal.id,
      stageId: 'won',
      reason: 'won_product_fit',
      closingRepId: room.rep,
    });

    const listed = await call<LeadRecord[]>('leads.list', { search: 'vogt' });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ stage: 'customer', campaignId: campaign.id });
    expect(listed[0]!.firstFollowUpAt).not.toBeNull();

    const history = await call<{ type: string; undoable: boolean }[]>('history.recent', {});
    expect(history.map((entry) => entry.type)).toEqual([
      'deal.won',
      'deal.created',
      'lead.reviewed',
      'lead.stage_changed',
      'lead.followed_up',
      'lead.stage_changed',
      'lead.created',
      'campaign.created',
    ]);
    const undone = await call<{ type: string }>('history.undo', {});
    expect(undone.type).toBe('deal.won');
    const after = await call<LeadRecord[]>('leads.list', { search: 'vogt' });
    expect(after[0]).toMatchObject({ stage: 'sql', customerAt: null });
    expect(allEvents(room.ctx.db).at(-1)).toMatchObject({ type: 'change.undone' });

    const queue = await call<{ lead: { id: string }; review: { rating: number } | null }[]>('leadReviews.queue', {});
    expect(queue.find((item) => item.lead.id === lead.id)?.review).toMatchObject({ rating: 4 });
    const codes = await call<{ kind: string }[]>('reasonCodes.list', {});
    expect(codes.some((code) => code.kind === 'review')).toBe(true);
  });
});
