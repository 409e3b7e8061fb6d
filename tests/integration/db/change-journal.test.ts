/**
 * The change journal kept by the repositories' write helpers: a command that only writes through them and
 * records its event, without tracking anything, is undoable; what it wrote comes back exactly as it was.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCommand } from '../../../electron/core/services/support/activity-recorder';
import { listHistory, undo } from '../../../electron/core/services/writes/undo-service';
import { journalRow, withoutJournal } from '../../../electron/core/db/repositories/change-journal';
import { getActivityEvent } from '../../../electron/core/db/repositories/activity-repository';
import { insertMeeting, updateMeeting } from '../../../electron/core/db/repositories/meetings-repository';
import { insertSprint, insertSprintGoal } from '../../../electron/core/db/repositories/sprints-repository';
import { tempContext } from './temp-database';

const T0 = Date.parse('2026-11-18T10:00:00Z');
let room: ReturnType<typeof tempContext>;
const db = () => room.ctx.db;

/** The planning rows this test writes, straight from SQL. */
function rows(): Record<string, unknown[]> {
  return {
    meetings: db().prepare('SELECT * FROM meetings ORDER BY id').all(),
    sprints: db().prepare('SELECT * FROM sprints ORDER BY id').all(),
    sprint_goals: db().prepare('SELECT * FROM sprint_goals ORDER BY id').all(),
  };
}

const MEETING = { kind: 'standup' as const, title: 'Stand-up', weekdays: [1, 3], startTime: '09:30', durationMin: 15 };

beforeEach(() => {
  room = tempContext(T0);
});
afterEach(() => room.temp.cleanup());

describe('a command that writes through the repository helpers', () => {
  test('is undoable without tracking anything: its event carries every row it wrote', () => {
    const meeting = insertMeeting(db(), MEETING, T0);
    const before = rows();
    room.clock.advance(60_000);

    // A new command as someone would write it: writes, then one event, and nothing about undo.
    const event = runCommand(room.ctx, (record) => {
      const now = room.clock.now();
      updateMeeting(db(), { ...meeting, title: 'Daily stand-up' }, now);
      const sprint = insertSprint(db(), { name: 'Sprint 1', startsOn: '2026-11-16', endsOn: '2026-11-27' }, now);
      insertSprintGoal(db(), { sprintId: sprint.id, title: 'Demos', ownerTeam: 'sales', target: 10 }, now);
      return record({
        type: 'sprint.saved',
        entity: 'sprint',
        entityId: sprint.id,
        payload: { sprintId: sprint.id, name: sprint.name, created: true },
      });
    });

    const stored = getActivityEvent(db(), event.id)!;
    expect(
      (stored.payload.changes as { table: string; before: unknown }[]).map((c) => [c.table, c.before === null]),
    ).toEqual([
      ['meetings', false],
      ['sprints', true],
      ['sprint_goals', true],
    ]);
    expect(listHistory(room.ctx, { limit: 5 }).find((entry) => entry.eventId === event.id)?.undoable).toBe(true);

    undo(room.ctx, { eventId: event.id });
    expect(rows()).toEqual(before);
  });

  test('only the first event after the writes carries them; a companion event carries none', () => {
    const [first, second] = runCommand(room.ctx, (record) => {
      const meeting = insertMeeting(db(), MEETING, T0);
      const saved = record({
        type: 'meeting.saved',
        entity: 'meeting',
        entityId: meeting.id,
        payload: { ...MEETING, meetingId: meeting.id, created: true },
      });
      const companion = record({
        type: 'meeting.saved',
        entity: 'meeting',
        entityId: meeting.id,
        payload: { ...MEETING, meetingId: meeting.id },
      });
      return [saved, companion];
    });
    expect(getActivityEvent(db(), first!.id)!.payload.changes).toHaveLength(1);
    expect(getActivityEvent(db(), second!.id)!.payload).not.toHaveProperty('changes');
  });

  test('writes in withoutJournal, and writes outside any command, are not noted', () => {
    const outside = insertMeeting(db(), MEETING, T0);
    journalRow(db(), 'meetings', outside.id);
    const event = runCommand(room.ctx, (record) => {
      const meeting = withoutJournal(db(), () => insertMeeting(db(), MEETING, T0));
      return record({
        type: 'meeting.saved',
        entity: 'meeting',
        entityId: meeting.id,
        payload: { ...MEETING, meetingId: meeting.id },
      });
    });
    expect(getActivityEvent(db(), event.id)!.payload).not.toHaveProperty('changes');
  });

  test('a command that rolls back leaves no journal behind for the next one', () => {
    expect(() =>
      runCommand(room.ctx, () => {
        insertMeeting(db(), MEETING, T0);
        throw new Error('halfway');
      }),
    ).toThrow('halfway');
    const event = runCommand(room.ctx, (record) =>
      record({ type: 'settings.changed', entity: 'settings', entityId: 'display', payload: { keys: [], values: {} } }),
    );
    expect(getActivityEvent(db(), event.id)!.payload).not.toHaveProperty('changes');
    expect(rows().meetings).toEqual([]);
  });
});
