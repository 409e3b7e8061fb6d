import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeActivity } from '@shared/describe-activity';
import { dumpPlanningTables, onlyEvent, planningHarness, rawRow, type PlanningHarness } from './planning-support';

const NOW = Date.parse('2026-11-20T08:00:00Z');

let h: PlanningHarness;

beforeEach(() => {
  h = planningHarness(NOW);
});
afterEach(() => h.temp.cleanup());

const STANDUP = {
  kind: 'standup',
  title: 'Daily stand-up',
  weekdays: [5, 1, 3, 1],
  startTime: '09:30',
  durationMin: 15,
  slideIds: ['sprint', 'sla'],
} as const;

describe('meetings', () => {
  test('save, change and delete a meeting: one event each with the raw rows', async () => {
    let seq = h.lastSeq();
    const meeting = await h.ok('meetings.save', {
      ...STANDUP,
      weekdays: [...STANDUP.weekdays],
      slideIds: [...STANDUP.slideIds],
    });
    expect(meeting).toMatchObject({ title: 'Daily stand-up', weekdays: [1, 3, 5], slideIds: ['sprint', 'sla'] });
    const inserted = rawRow(h.temp.db, 'meetings', { id: meeting.id });
    expect(inserted).toMatchObject({ weekdays: '1,3,5', slide_ids: '["sprint","sla"]' });
    let event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'meeting.saved', entity: 'meeting', entityId: meeting.id });
    expect(event.payload.changes).toEqual([{ table: 'meetings', id: meeting.id, before: null, after: inserted }]);
    expect(describeActivity({ type: event.type, payload: event.payload }, 'EUR')).toEqual({
      headline: 'New meeting: Daily stand-up',
      detail: 'Mon, Wed, Fri · at 09:30 · 15 min',
    });

    h.clock.advance(1000);
    seq = h.lastSeq();
    const changed = await h.ok('meetings.save', {
      id: meeting.id,
      ...STANDUP,
      weekdays: [1, 2, 3, 4, 5],
      startTime: '09:15',
      slideIds: [],
    });
    expect(changed).toMatchObject({ id: meeting.id, weekdays: [1, 2, 3, 4, 5], startTime: '09:15', slideIds: [] });
    event = onlyEvent(h, seq);
    expect(event.payload.changes).toEqual([
      { table: 'meetings', id: meeting.id, before: inserted, after: rawRow(h.temp.db, 'meetings', { id: meeting.id }) },
    ]);
    expect(await h.ok('meetings.list', {})).toEqual([changed]);

    seq = h.lastSeq();
    await h.ok('meetings.save', {
      id: meeting.id,
      ...STANDUP,
      weekdays: [5, 4, 3, 2, 1],
      startTime: '09:15',
      slideIds: [],
    });
    expect(h.events(seq)).toEqual([]);

    const before = rawRow(h.temp.db, 'meetings', { id: meeting.id });
    await h.ok('meetings.delete', { id: meeting.id });
    event = onlyEvent(h, seq);
    expect(event.type).toBe('meeting.deleted');
    expect(event.payload.changes).toEqual([
      {
        table: 'meetings',
        id: meeting.id,
        before,
        after: { ...before, deleted_at: NOW + 1000, updated_at: NOW + 1000 },
      },
    ]);
    expect(await h.ok('meetings.list', {})).toEqual([]);
  });

  test('unknown slides, weekdays and times are refused naming the field, and nothing is written', async () => {
    const tables = dumpPlanningTables(h.temp.db);
    expect(await h.refused('meetings.save', { ...STANDUP, slideIds: ['sprint', 'weather'] })).toMatchObject({
      code: 'invalid_input',
      field: 'slideIds.1',
    });
    expect(await h.refused('meetings.save', { ...STANDUP, weekdays: [8] })).toMatchObject({
      code: 'invalid_input',
      field: 'weekdays.0',
    });
    expect(await h.refused('meetings.save', { ...STANDUP, weekdays: [] })).toMatchObject({
      code: 'invalid_input',
      field: 'weekdays',
    });
    expect(await h.refused('meetings.save', { ...STANDUP, startTime: '24:00' })).toMatchObject({
      code: 'invalid_input',
      field: 'startTime',
    });
    expect(await h.refused('meetings.save', { ...STANDUP, id: 'nope' })).toMatchObject({
      code: 'not_found',
      field: 'id',
    });
    expect(await h.refused('meetings.delete', { id: 'nope' })).toMatchObject({ code: 'not_found', field: 'id' });
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);
  });
});
