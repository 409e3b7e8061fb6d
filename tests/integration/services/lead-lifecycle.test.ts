import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDeal, moveDealStage } from '../../../electron/core/services/writes/deal-commands';
import { logFollowUp, moveLeadStage } from '../../../electron/core/services/writes/lead-commands';
import { getSla } from '../../../electron/core/services/reads/sla-service';
import { insertSlaTerms } from '../../../electron/core/db/repositories/sla-repository';
import {
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
const times = (id: string) =>
  db()
    .prepare(
      `SELECT stage, lead_at, mql_at, sql_at, opportunity_at, customer_at, disqualified_at, disqualified_reason,
              first_follow_up_at FROM leads WHERE id = ?`,
    )
    .get(id);
const transitions = (id: string) =>
  db().prepare('SELECT from_stage, to_stage, at FROM lead_transitions WHERE lead_id = ? ORDER BY at, rowid').all(id);
const leadAt = T0 - 3 * DAY;

describe('moving a lead through the lifecycle (METRICS: every stage entry is stored with its time)', () => {
  test('a forward move sets the stage and its entry time, writes a transition, and one event carries both rows', () => {
    const before = rawRow(db(), 'leads', { id: room.lead });
    const { result, event } = oneEvent(db(), () => moveLeadStage(room.ctx, { leadId: room.lead, stage: 'mql' }));

    expect(result).toMatchObject({ stage: 'mql', mqlAt: T0, sqlAt: null });
    const transition = db().prepare('SELECT * FROM lead_transitions WHERE lead_id = ?').get(room.lead) as {
      id: string;
    };
    expect(transition).toMatchObject({ from_stage: 'lead', to_stage: 'mql', at: T0 });
    expect(event).toMatchObject({ type: 'lead.stage_changed', entity: 'lead', entityId: room.lead });
    expect(event.payload).toMatchObject({
      leadName: 'Eva Keller',
      fromStage: 'lead',
      fromStageLabel: 'Lead',
      toStage: 'mql',
      toStageLabel: 'MQL',
      at: T0,
    });
    expect(changesOf(event)).toEqual([
      { table: 'leads', id: room.lead, before, after: rawRow(db(), 'leads', { id: room.lead }) },
      { table: 'lead_transitions', id: transition.id, before: null, after: transition },
    ]);
  });

  test('skipping stages leaves their times empty; a given time in the past is used', () => {
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'opportunity', at: T0 - DAY });
    expect(times(room.lead)).toMatchObject({
      stage: 'opportunity',
      mql_at: null,
      sql_at: null,
      opportunity_at: T0 - DAY,
    });
  });

  test('a move back sets the stage but keeps every time; a later forward move sets no time behind the furthest stage', () => {
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'mql', at: T0 - 2 * DAY });
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'opportunity', at: T0 - DAY });
    room.clock.advance(HOUR);
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'mql' });
    expect(times(room.lead)).toMatchObject({ stage: 'mql', mql_at: T0 - 2 * DAY, opportunity_at: T0 - DAY });

    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'sql' });
    expect(times(room.lead)).toMatchObject({ stage: 'sql', sql_at: null, opportunity_at: T0 - DAY });
    expect(transitions(room.lead)).toEqual([
      { from_stage: 'lead', to_stage: 'mql', at: T0 - 2 * DAY },
      { from_stage: 'mql', to_stage: 'opportunity', at: T0 - DAY },
      { from_stage: 'opportunity', to_stage: 'mql', at: T0 + HOUR },
      { from_stage: 'mql', to_stage: 'sql', at: T0 + HOUR },
    ]);
    const kept = keptAndRecountedAggregates(db());
    expect(kept.kept).toEqual(kept.recounted);
  });

  test('disqualifying sets its time and reason and keeps the entry times; qualifying again clears them', () => {
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'mql', at: T0 - DAY });
    const { event } = oneEvent(db(), () =>
      moveLeadStage(room.ctx, { leadId: room.lead, stage: 'disqualified', reason: ' Student project ' }),
    );
    expect(event.type).toBe('lead.disqualified');
    expect(event.payload).toMatchObject({ reason: 'Student project', fromStage: 'mql' });
    expect(times(room.lead)).toMatchObject({
      stage: 'disqualified',
      mql_at: T0 - DAY,
      disqualified_at: T0,
      disqualified_reason: 'Student project',
    });

    room.clock.advance(MINUTE);
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'sql' });
    expect(times(room.lead)).toMatchObject({
      stage: 'sql',
      sql_at: T0 + MINUTE,
      disqualified_at: null,
      disqualified_reason: null,
    });
  });

  test('customer is never a move by hand: a move to it, or of a lead a won deal holds, is refused naming the deal', () => {
    const all = everything(db());
    expectApiError(() => moveLeadStage(room.ctx, { leadId: room.lead, stage: 'customer' }), 'invalid_input', 'stage');
    expect(everything(db())).toEqual(all);

    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'opportunity', at: T0 - DAY });
    const deal = createDeal(room.ctx, {
      title: 'Kestrel',
      amountMinor: 1,
      currency: 'EUR',
      stageId: 'won',
      leadId: room.lead,
      closingRepId: room.rep,
    });
    expect(deal.status).toBe('won');
    const held = everything(db());
    const error = expectApiError(
      () => moveLeadStage(room.ctx, { leadId: room.lead, stage: 'opportunity' }),
      'invalid_input',
      'stage',
    );
    expect(error.message).toContain('“Kestrel”');
    expect(everything(db())).toEqual(held);
  });

  test('a won deal still makes the lead a customer at the close time', () => {
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'opportunity', at: T0 - DAY });
    const deal = createDeal(room.ctx, {
      title: 'Kestrel',
      amountMinor: 1,
      currency: 'EUR',
      stageId: 'proposal',
      leadId: room.lead,
      closingRepId: room.rep,
    });
    room.clock.advance(2 * HOUR);
    moveDealStage(room.ctx, { dealId: deal.id, stageId: 'won' });
    expect(times(room.lead)).toMatchObject({ stage: 'customer', opportunity_at: T0 - DAY, customer_at: T0 + 2 * HOUR });
  });

  test('a move to the stage the lead is in changes nothing', () => {
    const all = everything(db());
    expect(moveLeadStage(room.ctx, { leadId: room.lead, stage: 'lead' })).toMatchObject({ stage: 'lead' });
    expect(everything(db())).toEqual(all);
  });

  test.each([
    ['a time in the future', { stage: 'mql', at: T0 + 1 }, 'invalid_input', 'at'],
    ['a time before the lead came in', { stage: 'mql', at: leadAt - 1 }, 'invalid_input', 'at'],
    ['a reason without disqualifying', { stage: 'sql', reason: 'why' }, 'invalid_input', 'reason'],
    ['an unknown lead', { stage: 'sql', leadId: 'ghost' }, 'not_found', 'leadId'],
  ] as const)('%s is refused naming the field, and nothing is written', (_name, input, code, field) => {
    const all = everything(db());
    expectApiError(() => moveLeadStage(room.ctx, { leadId: room.lead, ...input }), code, field);
    expect(everything(db())).toEqual(all);
  });

  test('a time before the latest entry time is refused with the stage and its time in words', () => {
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'sql', at: T0 - DAY });
    const error = expectApiError(
      () => moveLeadStage(room.ctx, { leadId: room.lead, stage: 'opportunity', at: T0 - 2 * DAY }),
      'invalid_input',
      'at',
    );
    // T0 − 1 day is 2026-03-15 10:00 in Berlin.
    expect(error.message).toContain('SQL (2026-03-15 10:00)');
  });
});

describe('the first sales follow-up (METRICS: SLA)', () => {
  test('is logged once; a second is refused on leadId saying when, and nothing is written', () => {
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'mql', at: T0 - 5 * HOUR });
    const before = rawRow(db(), 'leads', { id: room.lead });
    const { result, event } = oneEvent(db(), () => logFollowUp(room.ctx, { leadId: room.lead, at: T0 - HOUR }));
    expect(result.firstFollowUpAt).toBe(T0 - HOUR);
    expect(event).toMatchObject({ type: 'lead.followed_up', entityId: room.lead });
    expect(event.payload).toMatchObject({ followedUpAt: T0 - HOUR, mqlAt: T0 - 5 * HOUR, ownerName: 'Ana Lima' });
    expect(changesOf(event)).toEqual([
      { table: 'leads', id: room.lead, before, after: { ...before, first_follow_up_at: T0 - HOUR, updated_at: T0 } },
    ]);

    const all = everything(db());
    const error = expectApiError(() => logFollowUp(room.ctx, { leadId: room.lead }), 'invalid_input', 'leadId');
    // T0 − 1 h is 09:00 in Berlin.
    expect(error.message).toContain('2026-03-16 09:00');
    expect(everything(db())).toEqual(all);
  });

  test('a follow-up in the future or before the lead came in is refused on at', () => {
    expectApiError(() => logFollowUp(room.ctx, { leadId: room.lead, at: T0 + MINUTE }), 'invalid_input', 'at');
    expectApiError(() => logFollowUp(room.ctx, { leadId: room.lead, at: leadAt - MINUTE }), 'invalid_input', 'at');
    expect(times(room.lead)).toMatchObject({ first_follow_up_at: null });
  });

  test('the SLA counts the logged follow-up as met when it came within the hours', () => {
    insertSlaTerms(
      db(),
      {
        validFrom: T0 - 30 * DAY,
        mqlsPerPeriod: 10,
        periodKind: 'month',
        followUpHours: 4,
        businessHoursOnly: false,
      },
      T0 - 30 * DAY,
    );
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'mql', at: T0 - 5 * HOUR });
    expect(getSla(room.ctx).sales).toMatchObject({ breached: 1 });
    logFollowUp(room.ctx, { leadId: room.lead, at: T0 - 2 * HOUR });
    expect(getSla(room.ctx).sales).toMatchObject({ met: 1, breached: 0 });
  });
});
