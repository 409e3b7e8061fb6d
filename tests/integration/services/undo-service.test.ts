import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { journalRow } from '../../../electron/core/db/repositories/change-journal';
import { runCommand } from '../../../electron/core/services/support/activity-recorder';
import { untyped } from './untyped-record';
import {
  createDeal,
  deleteDeal,
  moveDealStage,
  updateDeal,
} from '../../../electron/core/services/writes/deal-commands';
import { deleteLead, moveLeadStage, saveLead } from '../../../electron/core/services/writes/lead-commands';
import { saveLeadReview } from '../../../electron/core/services/writes/lead-review-commands';
import { deletePerson, savePerson } from '../../../electron/core/services/writes/people-commands';
import { listHistory, undo } from '../../../electron/core/services/writes/undo-service';
import { getKpi } from '../../../electron/core/services/reads/kpi-service';
import { setSetting } from '../../../electron/core/db/repositories/settings-repository';
import {
  allEvents,
  DAY,
  entryRoom,
  everything,
  expectApiError,
  HOUR,
  keptAndRecountedAggregates,
  MINUTE,
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

/** Everything but the activity log (which undo appends to) and derived figures (checked by recount). */
function data(): Record<string, unknown[]> {
  return Object.fromEntries(
    Object.entries(everything(db())).filter(([table]) => table !== 'activity_events' && !table.startsWith('agg_')),
  );
}

function newestEventId(): string {
  return allEvents(db()).at(-1)!.id;
}

function expectFiguresKept(): void {
  const { kept, recounted } = keptAndRecountedAggregates(db());
  expect(kept).toEqual(recounted);
}

describe('undo brings back the exact previous rows', () => {
  test('of a create: the row is gone again', () => {
    const before = data();
    room.clock.advance(MINUTE);
    const person = savePerson(room.ctx, { name: 'Lea Brandt', team: 'marketing' });
    room.clock.advance(MINUTE);
    const entry = undo(room.ctx, {});
    expect(entry).toMatchObject({ type: 'person.created', entityId: person.id, undoable: false });
    expect(data()).toEqual(before);
  });

  test('of an update: the whole row as it was, updated_at included', () => {
    const before = data();
    room.clock.advance(HOUR);
    saveLead(room.ctx, { id: room.lead, name: 'Eva K.', company: null, sourceTeam: 'sales', ownerId: room.otherRep });
    undo(room.ctx, { eventId: newestEventId() });
    expect(data()).toEqual(before);
    expectFiguresKept();
  });

  test('of a soft delete: the row is back and in the lists again', () => {
    const deal = createDeal(room.ctx, { title: 'Kestrel', amountMinor: 900, currency: 'EUR', stageId: 'demo' });
    const before = data();
    room.clock.advance(HOUR);
    deleteDeal(room.ctx, { id: deal.id });
    expect(rawRow(db(), 'deals', { id: deal.id })).toMatchObject({ deleted_at: T0 + HOUR });
    undo(room.ctx, {});
    expect(data()).toEqual(before);
    expectFiguresKept();
  });

  test('of a lead stage move: the lead row as it was, and its transition row gone', () => {
    const before = data();
    room.clock.advance(HOUR);
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'sql' });
    expect(rawRow(db(), 'leads', { id: room.lead })).toMatchObject({ stage: 'sql', sql_at: T0 + HOUR });
    undo(room.ctx, {});
    expect(data()).toEqual(before);
    expectFiguresKept();
  });

  test('of a won deal: the deal reopens and the lead is no customer again (customer_at restored), the KPI follows', () => {
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'opportunity', at: T0 - DAY });
    const deal = createDeal(room.ctx, {
      title: 'Kestrel',
      amountMinor: 900,
      currency: 'EUR',
      stageId: 'proposal',
      leadId: room.lead,
      closingRepId: room.rep,
    });
    const before = data();
    const kpiBefore = getKpi(room.ctx).figure.actual;
    room.clock.advance(HOUR);
    moveDealStage(room.ctx, { dealId: deal.id, stageId: 'won', reason: 'won_price' });
    expect(rawRow(db(), 'leads', { id: room.lead })).toMatchObject({ stage: 'customer', customer_at: T0 + HOUR });
    expect(getKpi(room.ctx).figure.actual).toBe(kpiBefore + 1);

    // One history entry for the win: the lead's becoming a customer is part of it, not a separate entry.
    const history = listHistory(room.ctx, { limit: 5 });
    expect(history[0]).toMatchObject({ type: 'deal.won', summary: 'Deal won: Kestrel — €9', undoable: true });
    expect(history.map((entry) => entry.type)).not.toContain('lead.became_customer');

    undo(room.ctx, {});
    expect(data()).toEqual(before);
    expect(rawRow(db(), 'leads', { id: room.lead })).toMatchObject({ stage: 'opportunity', customer_at: null });
    expect(getKpi(room.ctx).figure.actual).toBe(kpiBefore);
    expectFiguresKept();
  });

  test('of a deal created straight into won with its lead', () => {
    const before = data();
    createDeal(room.ctx, {
      title: 'Kestrel',
      amountMinor: 900,
      currency: 'EUR',
      stageId: 'won',
      leadId: room.lead,
      closingRepId: room.rep,
    });
    undo(room.ctx, {});
    expect(data()).toEqual(before);
    expectFiguresKept();
  });

  test('of a lead review update: the review and its reason rows (composite ids) as they were', () => {
    saveLeadReview(room.ctx, { leadId: room.lead, rating: 2, reasonCodes: ['no_budget', 'bad_timing'], notes: '' });
    const before = data();
    room.clock.advance(HOUR);
    saveLeadReview(room.ctx, { leadId: room.lead, rating: 5, reasonCodes: ['good_fit', 'no_budget'], notes: 'great' });
    undo(room.ctx, {});
    expect(data()).toEqual(before);
    expectFiguresKept();
  });

  test('of changes to tables it has no command for here: settings by key, and a composite-key row', () => {
    setSetting(db(), 'room.currency', 'EUR', T0);
    const sprint = {
      id: 'sprint-1',
      name: 'March',
      starts_on: '2026-03-09',
      ends_on: '2026-03-20',
      created_at: T0,
      updated_at: T0,
    };
    db()
      .prepare(
        'INSERT INTO sprints (id, name, starts_on, ends_on, created_at, updated_at) VALUES (@id, @name, @starts_on, @ends_on, @created_at, @updated_at)',
      )
      .run(sprint);
    db()
      .prepare(
        `INSERT INTO sprint_goals (id, sprint_id, title, owner_team, target, created_at, updated_at)
                  VALUES ('goal-1', 'sprint-1', 'MQLs', 'joint', 40, ?, ?)`,
      )
      .run(T0, T0);
    const before = data();
    runCommand(room.ctx, (record) => {
      setSetting(db(), 'room.currency', 'USD', T0 + 1);
      journalRow(db(), 'sprint_goal_owners', `goal-1|${room.rep}`);
      db().prepare('INSERT INTO sprint_goal_owners (goal_id, person_id) VALUES (?, ?)').run('goal-1', room.rep);
      journalRow(db(), 'sprint_goal_progress', 'goal-1|2026-03-16');
      db()
        .prepare(`INSERT INTO sprint_goal_progress (goal_id, on_date, value) VALUES ('goal-1', '2026-03-16', 12.5)`)
        .run();
      untyped(record)({ type: 'test.changed', entity: 'sprint_goal', entityId: 'goal-1' });
    });
    expect(rawRow(db(), 'settings', { key: 'room.currency' })).toMatchObject({ value: '"USD"' });
    undo(room.ctx, {});
    expect(data()).toEqual(before);
  });
  test('whatever order a command journalled its rows in (foreign keys are checked once all rows are back)', () => {
    const before = data();
    runCommand(room.ctx, (record) => {
      // The lead is journalled first, the person it will point at second: undo removes the person first.
      journalRow(db(), 'leads', room.lead);
      journalRow(db(), 'people', 'person-new');
      db()
        .prepare(
          `INSERT INTO people (id, name, team, created_at, updated_at) VALUES ('person-new', 'Lea', 'sales', ?, ?)`,
        )
        .run(T0, T0);
      db().prepare(`UPDATE leads SET owner_id = 'person-new' WHERE id = ?`).run(room.lead);
      untyped(record)({ type: 'test.changed', entity: 'lead', entityId: room.lead });
    });
    undo(room.ctx, {});
    expect(data()).toEqual(before);
  });
});

describe('undo refuses what is no longer safe', () => {
  test('a change whose row was changed again since', () => {
    saveLead(room.ctx, { id: room.lead, name: 'Eva K.', sourceTeam: 'marketing' });
    const first = newestEventId();
    room.clock.advance(MINUTE);
    moveLeadStage(room.ctx, { leadId: room.lead, stage: 'mql' });
    const all = everything(db());

    const error = expectApiError(() => undo(room.ctx, { eventId: first }), 'conflict', 'eventId');
    expect(error.message).toBe('This change cannot be undone any more: the lead has been changed again since.');
    expect(everything(db())).toEqual(all);
    expect(listHistory(room.ctx, { limit: 10 }).find((entry) => entry.eventId === first)?.undoable).toBe(false);
  });

  test('a create whose row other rows now refer to', () => {
    const person = savePerson(room.ctx, { name: 'Lea Brandt', team: 'sales' });
    const created = newestEventId();
    saveLead(room.ctx, { name: 'Finn', sourceTeam: 'sales', ownerId: person.id });
    const all = everything(db());
    const error = expectApiError(() => undo(room.ctx, { eventId: created }), 'conflict', 'eventId');
    expect(error.message).toContain('the person is referred to by 1 lead now');
    expect(everything(db())).toEqual(all);
  });

  test('a change that would point at a row that is gone', () => {
    // Lea is created, Eva's owner is changed from Ana to Lea and back, then Lea's creation is undone.
    const lea = savePerson(room.ctx, { name: 'Lea Brandt', team: 'sales' });
    const created = newestEventId();
    room.clock.advance(MINUTE);
    saveLead(room.ctx, { id: room.lead, name: 'Eva Keller', sourceTeam: 'marketing', ownerId: lea.id });
    room.clock.advance(MINUTE);
    saveLead(room.ctx, { id: room.lead, name: 'Eva Keller', sourceTeam: 'marketing', ownerId: room.rep });
    const backToAna = newestEventId();
    undo(room.ctx, { eventId: created });
    expect(rawRow(db(), 'people', { id: lea.id })).toBeNull();
    // Undoing "back to Ana" would make Eva point at Lea, who no longer exists.
    const error = expectApiError(() => undo(room.ctx, { eventId: backToAna }), 'conflict', 'eventId');
    expect(error.message).toContain('would point at a person that no longer exists');
  });

  test('an event that names a table or column outside the whitelist is never written', () => {
    runCommand(room.ctx, (record) =>
      untyped(record)({
        type: 'test.forged',
        entity: 'lead',
        entityId: room.lead,
        changes: [
          {
            table: 'leads',
            id: room.lead,
            before: { 'name = name; DROP TABLE people; --': 'x' },
            after: rawRow(db(), 'leads', { id: room.lead }),
          },
        ],
      }),
    );
    const forgedColumn = newestEventId();
    runCommand(room.ctx, (record) =>
      untyped(record)({
        type: 'test.forged',
        entity: 'event',
        entityId: 'x',
        changes: [{ table: 'activity_events', id: '1', before: null, after: { seq: 1 } }],
      }),
    );
    const forgedTable = newestEventId();
    const all = everything(db());
    expect(expectApiError(() => undo(room.ctx, { eventId: forgedColumn }), 'conflict', 'eventId').message).toContain(
      'no longer has the column',
    );
    expect(expectApiError(() => undo(room.ctx, { eventId: forgedTable }), 'conflict', 'eventId').message).toContain(
      'which undo does not know',
    );
    expect(everything(db())).toEqual(all);
  });

  test('an unknown event is not_found; with nothing undoable, "nothing to undo"', () => {
    expectApiError(() => undo(room.ctx, { eventId: 'nope' }), 'not_found', 'eventId');
    expectApiError(() => undo(room.ctx, {}), 'conflict', undefined);
  });
});

describe('undo of an undo, and the history list', () => {
  test('an undo can itself be undone once (a redo); neither is offered twice', () => {
    room.clock.advance(MINUTE);
    deleteLead(room.ctx, { id: room.lead });
    const deleted = newestEventId();
    const afterDelete = data();
    room.clock.advance(MINUTE);
    undo(room.ctx, {});
    const undoEvent = allEvents(db()).at(-1)!;
    expect(undoEvent).toMatchObject({ type: 'change.undone', entity: 'lead', entityId: room.lead });
    expect(undoEvent.payload).toMatchObject({ undoneEventId: deleted, undoneType: 'lead.deleted' });
    expect(rawRow(db(), 'leads', { id: room.lead })).toMatchObject({ deleted_at: null });

    // Undo without an id walks back rather than redoing: the delete is undone already, so nothing is left.
    expectApiError(() => undo(room.ctx, {}), 'conflict', undefined);
    room.clock.advance(MINUTE);
    const redone = undo(room.ctx, { eventId: undoEvent.id });
    expect(redone).toMatchObject({
      eventId: undoEvent.id,
      type: 'change.undone',
      summary: 'Undone: Lead deleted: Eva Keller',
    });
    expect(data()).toEqual(afterDelete);

    const history = listHistory(room.ctx, { limit: 10 });
    expect(history.slice(0, 3).map((entry) => [entry.type, entry.undoable, entry.summary])).toEqual([
      ['change.undone', true, 'Redone: Lead deleted: Eva Keller'],
      ['change.undone', false, 'Undone: Lead deleted: Eva Keller'],
      ['lead.deleted', false, 'Lead deleted: Eva Keller'],
    ]);
    expect(expectApiError(() => undo(room.ctx, { eventId: undoEvent.id }), 'conflict', 'eventId').message).toBe(
      'This change cannot be undone any more: it was undone already.',
    );
    expectApiError(() => undo(room.ctx, { eventId: deleted }), 'conflict', 'eventId');
  });

  test('history lists changes newest first, skips events without changes, and says which can be undone', () => {
    const person = savePerson(room.ctx, { name: 'Lea Brandt', team: 'marketing' });
    room.clock.advance(MINUTE);
    const deal = createDeal(room.ctx, { title: 'Kestrel', amountMinor: 900, currency: 'EUR', stageId: 'demo' });
    room.clock.advance(MINUTE);
    updateDeal(room.ctx, { id: deal.id, title: 'Kestrel Team', amountMinor: 900, currency: 'EUR' });
    room.clock.advance(MINUTE);
    runCommand(room.ctx, (record) => untyped(record)({ type: 'test.note', entity: 'test', entityId: 'x' }));
    room.clock.advance(MINUTE);
    deletePerson(room.ctx, { id: person.id });

    const history = listHistory(room.ctx, { limit: 10 });
    // Independent: the events with changes, straight from SQL, newest first.
    const direct = db()
      .prepare(`SELECT id FROM activity_events WHERE payload LIKE '%"changes":[{%' ORDER BY seq DESC`)
      .all() as { id: string }[];
    expect(history.map((entry) => entry.eventId)).toEqual(direct.map((row) => row.id));
    expect(history.map((entry) => [entry.type, entry.undoable])).toEqual([
      ['person.deleted', true],
      ['deal.updated', true],
      // Its row was changed again by the update.
      ['deal.created', false],
      // Its row was deleted (softly) since.
      ['person.created', false],
    ]);
    expect(history.map((entry) => entry.at)).toEqual([T0 + 4 * MINUTE, T0 + 2 * MINUTE, T0 + MINUTE, T0]);
    expect(history[1]!.summary).toBe('Deal updated: Kestrel Team');
    expect(listHistory(room.ctx, { limit: 2 })).toEqual(history.slice(0, 2));

    // Without an id, undo takes the newest undoable change.
    expect(undo(room.ctx, {}).type).toBe('person.deleted');
    expect(undo(room.ctx, {}).type).toBe('deal.updated');
    expect(undo(room.ctx, {}).type).toBe('deal.created');
  });

  test('the undo event reaches the bus after its commit', () => {
    const seen: string[] = [];
    room.ctx.bus.subscribe((event) => {
      if (event.name === 'activity.recorded') seen.push(`${event.data.type}:${String(db().inTransaction)}`);
    });
    savePerson(room.ctx, { name: 'Lea Brandt', team: 'marketing' });
    undo(room.ctx, {});
    expect(seen).toEqual(['person.created:false', 'change.undone:false']);
  });
});
