import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeActivity, REDACTED_NAME } from '@shared/describe-activity';
import { dumpPlanningTables, onlyEvent, planningHarness, rawRow, type PlanningHarness } from './planning-support';

const NOW = Date.parse('2026-11-27T15:00:00Z');

let h: PlanningHarness;
let ana: string;

beforeEach(() => {
  h = planningHarness(NOW);
  ana = 'person-ana';
  h.temp.db
    .prepare(`INSERT INTO people (id, name, team, created_at, updated_at) VALUES (?, 'Ana Lima', 'sales', 0, 0)`)
    .run(ana);
});
afterEach(() => h.temp.cleanup());

async function newRetro() {
  return h.ok('retros.save', { heldOn: '2026-11-27', wentWell: 'Fast follow-ups', toImprove: 'MQL definition' });
}

describe('retrospectives', () => {
  test('save creates and changes a retrospective, one event each with the raw rows', async () => {
    let seq = h.lastSeq();
    const retro = await newRetro();
    expect(retro).toMatchObject({ sprintId: null, heldOn: '2026-11-27', wentWell: 'Fast follow-ups', actionItems: [] });
    let event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'retrospective.saved', entity: 'retrospective', entityId: retro.id });
    const inserted = rawRow(h.temp.db, 'retrospectives', { id: retro.id });
    expect(event.payload.changes).toEqual([{ table: 'retrospectives', id: retro.id, before: null, after: inserted }]);

    h.clock.advance(1000);
    seq = h.lastSeq();
    const changed = await h.ok('retros.save', {
      id: retro.id,
      heldOn: '2026-11-27',
      wentWell: 'Fast follow-ups',
      toImprove: 'MQL definition; shared calendar',
    });
    expect(changed.toImprove).toBe('MQL definition; shared calendar');
    event = onlyEvent(h, seq);
    expect(event.payload.changes).toEqual([
      {
        table: 'retrospectives',
        id: retro.id,
        before: inserted,
        after: rawRow(h.temp.db, 'retrospectives', { id: retro.id }),
      },
    ]);
    expect(await h.ok('retros.list', {})).toEqual([changed]);
  });

  test('an unknown sprint or a malformed date is refused and nothing is written', async () => {
    const tables = dumpPlanningTables(h.temp.db);
    expect(
      await h.refused('retros.save', { sprintId: 'nope', heldOn: '2026-11-27', wentWell: '', toImprove: '' }),
    ).toMatchObject({
      code: 'not_found',
      field: 'sprintId',
    });
    expect(await h.refused('retros.save', { heldOn: '27.11.2026', wentWell: '', toImprove: '' })).toMatchObject({
      code: 'invalid_input',
      field: 'heldOn',
    });
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);
  });
});

describe('action items', () => {
  test('save, setDone (done_at now, then null), delete: one event each with the raw rows', async () => {
    const retro = await newRetro();
    let seq = h.lastSeq();
    const item = await h.ok('actionItems.save', {
      retrospectiveId: retro.id,
      title: 'Agree the MQL definition',
      ownerId: ana,
      dueOn: '2026-12-04',
    });
    expect(item).toMatchObject({ retrospectiveId: retro.id, ownerId: ana, dueOn: '2026-12-04', doneAt: null });
    let event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'action_item.saved', entity: 'action_item', entityId: item.id });
    expect(event.payload.changes).toEqual([
      { table: 'action_items', id: item.id, before: null, after: rawRow(h.temp.db, 'action_items', { id: item.id }) },
    ]);

    h.clock.advance(60_000);
    let before = rawRow(h.temp.db, 'action_items', { id: item.id });
    seq = h.lastSeq();
    const done = await h.ok('actionItems.setDone', { id: item.id, done: true });
    expect(done.doneAt).toBe(NOW + 60_000);
    event = onlyEvent(h, seq);
    expect(event.type).toBe('action_item.done');
    expect(event.payload.changes).toEqual([
      {
        table: 'action_items',
        id: item.id,
        before,
        after: { ...before, done_at: NOW + 60_000, updated_at: NOW + 60_000 },
      },
    ]);
    expect(describeActivity({ type: event.type, payload: event.payload }, 'EUR')).toEqual({
      headline: 'Action item done: Agree the MQL definition',
      detail: 'owner Ana Lima',
    });
    expect(describeActivity({ type: event.type, payload: event.payload }, 'EUR', { redact: true }).detail).toBe(
      `owner ${REDACTED_NAME}`,
    );

    // Done again keeps the time it was done and records nothing.
    h.clock.advance(60_000);
    seq = h.lastSeq();
    expect((await h.ok('actionItems.setDone', { id: item.id, done: true })).doneAt).toBe(NOW + 60_000);
    expect(h.events(seq)).toEqual([]);

    before = rawRow(h.temp.db, 'action_items', { id: item.id });
    const reopened = await h.ok('actionItems.setDone', { id: item.id, done: false });
    expect(reopened.doneAt).toBeNull();
    event = onlyEvent(h, seq);
    expect(event.type).toBe('action_item.reopened');
    expect(event.payload.changes).toEqual([
      { table: 'action_items', id: item.id, before, after: rawRow(h.temp.db, 'action_items', { id: item.id }) },
    ]);
    expect((await h.ok('retros.list', {}))[0]!.actionItems).toEqual([reopened]);

    seq = h.lastSeq();
    before = rawRow(h.temp.db, 'action_items', { id: item.id });
    await h.ok('actionItems.delete', { id: item.id });
    event = onlyEvent(h, seq);
    expect(event.type).toBe('action_item.deleted');
    expect(event.payload.changes).toEqual([
      {
        table: 'action_items',
        id: item.id,
        before,
        after: { ...before, deleted_at: NOW + 120_000, updated_at: NOW + 120_000 },
      },
    ]);
    expect((await h.ok('retros.list', {}))[0]!.actionItems).toEqual([]);
  });

  test('an unknown owner or retrospective is refused naming the field, and nothing is written', async () => {
    const retro = await newRetro();
    const tables = dumpPlanningTables(h.temp.db);
    expect(
      await h.refused('actionItems.save', { retrospectiveId: retro.id, title: 'X', ownerId: 'ghost' }),
    ).toMatchObject({
      code: 'not_found',
      field: 'ownerId',
    });
    expect(await h.refused('actionItems.save', { retrospectiveId: 'nope', title: 'X' })).toMatchObject({
      code: 'not_found',
      field: 'retrospectiveId',
    });
    expect(await h.refused('actionItems.save', { title: 'X', dueOn: '2026-13-01' })).toMatchObject({
      code: 'invalid_input',
      field: 'dueOn',
    });
    expect(await h.refused('actionItems.setDone', { id: 'nope', done: true })).toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    expect(await h.refused('actionItems.setDone', { id: 'x', done: 'yes' })).toMatchObject({
      code: 'invalid_input',
      field: 'done',
    });
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);
  });
});
