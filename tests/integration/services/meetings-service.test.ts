import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { ActionItemView, MeetingOccurrence } from '@shared/figures';
import { getMeetingsToday } from '../../../electron/core/services/reads/meetings-service';
import { contextAt, insertPerson, openTempDatabase, setRoom, testId, type TempDatabase } from './figures-fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(iso);

/* Plain INSERTs, on purpose not the app's repositories. */

interface MeetingSpec {
  kind: MeetingOccurrence['kind'];
  title: string;
  weekdays: string;
  start: string;
  minutes: number;
  slides?: string[];
  updatedAt?: number;
  deletedAt?: number | null;
}

function addMeeting(db: Database.Database, spec: MeetingSpec): string {
  const id = testId('meeting');
  db.prepare(
    `INSERT INTO meetings (id, kind, title, weekdays, start_time, duration_min, slide_ids, created_at, updated_at,
                           deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?)`,
  ).run(
    id,
    spec.kind,
    spec.title,
    spec.weekdays,
    spec.start,
    spec.minutes,
    JSON.stringify(spec.slides ?? []),
    spec.updatedAt ?? 0,
    spec.deletedAt ?? null,
  );
  return id;
}

function addRetro(db: Database.Database, deletedAt: number | null = null): string {
  const id = testId('retro');
  db.prepare(
    `INSERT INTO retrospectives (id, held_on, created_at, updated_at, deleted_at) VALUES (?, '2026-11-01', 0, 0, ?)`,
  ).run(id, deletedAt);
  return id;
}

function addAction(
  db: Database.Database,
  item: {
    title: string;
    ownerId?: string | null;
    dueOn?: string | null;
    doneAt?: number | null;
    deletedAt?: number | null;
    retroId?: string | null;
    createdAt?: number;
    updatedAt?: number;
  },
): string {
  const id = testId('action');
  db.prepare(
    `INSERT INTO action_items (id, retrospective_id, title, owner_id, due_on, done_at, created_at, updated_at,
                               deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    item.retroId ?? null,
    item.title,
    item.ownerId ?? null,
    item.dueOn ?? null,
    item.doneAt ?? null,
    item.createdAt ?? 0,
    item.updatedAt ?? 0,
    item.deletedAt ?? null,
  );
  return id;
}

/**
 * The occurrences of one local date computed independently of the service: weekday from the date in UTC,
 * the start as an ISO string with the zone offset the test states for that day.
 */
function referenceDay(db: Database.Database, date: string, offset: string): MeetingOccurrence[] {
  const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
  const rows = db
    .prepare(
      'SELECT id, kind, title, weekdays, start_time, duration_min, slide_ids FROM meetings WHERE deleted_at IS NULL',
    )
    .all() as {
    id: string;
    kind: MeetingOccurrence['kind'];
    title: string;
    weekdays: string;
    start_time: string;
    duration_min: number;
    slide_ids: string;
  }[];
  return rows
    .filter((row) => row.weekdays.split(',').map(Number).includes(weekday))
    .map((row) => {
      const startsAt = Date.parse(`${date}T${row.start_time}:00${offset}`);
      return {
        meetingId: row.id,
        kind: row.kind,
        title: row.title,
        startsAt,
        endsAt: startsAt + row.duration_min * MINUTE,
        slideIds: JSON.parse(row.slide_ids) as string[],
      };
    })
    .sort((a, b) => a.startsAt - b.startsAt || a.endsAt - b.endsAt);
}

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
  setRoom(temp.db, { timezone: 'Europe/Berlin' });
});
afterEach(() => temp.close());

describe('getMeetingsToday', () => {
  it('shows nothing on an empty database', () => {
    const now = utc('2026-11-23T09:00:00Z');
    const result = getMeetingsToday(contextAt(temp, now));
    expect(result).toEqual({
      today: '2026-11-23',
      meetings: [],
      nextStandup: null,
      upcoming: [],
      actionItems: [],
      standupRuns: [],
      standupPlannedMs: null,
      freshness: { computedAt: now, latestChangeAt: null, source: 'Local database' },
    });
  });

  describe('with a week of meetings', () => {
    let standup: string;
    let review: string;
    let late: string;
    beforeEach(() => {
      const { db } = temp;
      standup = addMeeting(db, {
        kind: 'standup',
        title: 'Daily stand-up',
        weekdays: '1,2,3,4,5',
        start: '09:30',
        minutes: 15,
        slides: ['sprint', 'kpi'],
      });
      review = addMeeting(db, {
        kind: 'lead_review',
        title: 'Lead review',
        weekdays: '2',
        start: '14:00',
        minutes: 45,
      });
      addMeeting(db, { kind: 'planning', title: 'Planning', weekdays: '1', start: '10:00', minutes: 60 });
      late = addMeeting(db, {
        kind: 'other',
        title: 'Night batch review',
        weekdays: '1,7',
        start: '23:30',
        minutes: 90,
      });
      addMeeting(db, {
        kind: 'retro',
        title: 'Old retro',
        weekdays: '1,2,3,4,5',
        start: '09:00',
        minutes: 30,
        deletedAt: 5,
        updatedAt: 5,
      });
    });

    it("lists today's occurrences in time order, as a plain computation gives them", () => {
      // Tuesday 24 Nov 2026, 08:00 in Berlin (CET, +01:00).
      const now = utc('2026-11-24T07:00:00Z');
      const result = getMeetingsToday(contextAt(temp, now));
      expect(result.today).toBe('2026-11-24');
      const expected = referenceDay(temp.db, '2026-11-24', '+01:00');
      expect(expected.map((o) => o.meetingId)).toEqual([standup, review]);
      expect(result.meetings).toEqual(expected);
      expect(result.meetings[0]!.slideIds).toEqual(['sprint', 'kpi']);
    });

    it('counts down to the next stand-up: later today, or after the weekend', () => {
      const tuesdayEarly = utc('2026-11-24T07:00:00Z');
      expect(getMeetingsToday(contextAt(temp, tuesdayEarly)).nextStandup).toMatchObject({
        meetingId: standup,
        startsAt: utc('2026-11-24T08:30:00Z'),
        endsAt: utc('2026-11-24T08:45:00Z'),
      });
      // While it runs, the next one is tomorrow's: "next" means starting after now.
      const during = utc('2026-11-24T08:30:00Z');
      expect(getMeetingsToday(contextAt(temp, during)).nextStandup?.startsAt).toBe(utc('2026-11-25T08:30:00Z'));
      // Friday 18:00 → Monday 09:30.
      const fridayEvening = utc('2026-11-27T17:00:00Z');
      expect(getMeetingsToday(contextAt(temp, fridayEvening)).nextStandup?.startsAt).toBe(utc('2026-11-30T08:30:00Z'));
    });

    it('has no next stand-up when none meets within 7 days', () => {
      temp.db.prepare(`UPDATE meetings SET weekdays = '' WHERE id = ?`).run(standup);
      const result = getMeetingsToday(contextAt(temp, utc('2026-11-24T07:00:00Z')));
      expect(result.nextStandup).toBeNull();
    });

    it('lists as upcoming what runs now or starts within 24 hours, a meeting past midnight included', () => {
      // Monday 23 Nov, 00:15 in Berlin: Sunday's 23:30 meeting still runs until 01:00.
      const now = utc('2026-11-22T23:15:00Z');
      const { upcoming, meetings } = getMeetingsToday(contextAt(temp, now));
      const independent = [
        ...referenceDay(temp.db, '2026-11-22', '+01:00'),
        ...referenceDay(temp.db, '2026-11-23', '+01:00'),
        ...referenceDay(temp.db, '2026-11-24', '+01:00'),
      ].filter((o) => o.endsAt > now && o.startsAt < now + DAY);
      expect(upcoming).toEqual(independent);
      expect(upcoming[0]).toMatchObject({ meetingId: late, startsAt: utc('2026-11-22T22:30:00Z') });
      // Today's list holds only what starts today: Sunday's late meeting is not Monday's.
      expect(meetings).toEqual(referenceDay(temp.db, '2026-11-23', '+01:00'));
      expect(meetings.filter((o) => o.meetingId === late).map((o) => o.startsAt)).toEqual([
        utc('2026-11-23T22:30:00Z'),
      ]);
    });

    it('keeps 09:30 local on the Monday after clocks go forward', () => {
      // Monday 30 Mar 2026, 08:00 CEST (+02:00); clocks went forward on Sunday.
      const now = utc('2026-03-30T06:00:00Z');
      const result = getMeetingsToday(contextAt(temp, now));
      expect(result.meetings).toEqual(referenceDay(temp.db, '2026-03-30', '+02:00'));
      expect(result.nextStandup?.startsAt).toBe(utc('2026-03-30T07:30:00Z'));
      // Sunday's 23:30 is CEST too; the late meeting on the Sunday itself started at 21:30 UTC.
      const sunday = getMeetingsToday(contextAt(temp, utc('2026-03-29T12:00:00Z')));
      expect(sunday.meetings).toEqual(referenceDay(temp.db, '2026-03-29', '+02:00'));
    });

    it("dates its data by the newest meeting or action item change, the deleted meeting's included", () => {
      const result = getMeetingsToday(contextAt(temp, utc('2026-11-24T07:00:00Z')));
      expect(result.freshness.latestChangeAt).toBe(5);
    });
  });

  it('lists open action items with owners, overdue ones first, as a plain query gives them', () => {
    const { db } = temp;
    const ana = insertPerson(db, { name: 'Ana Lima', team: 'sales' });
    const tom = insertPerson(db, { name: 'Tom Berg', team: 'marketing' });
    const gone = insertPerson(db, { name: 'Former Rep', team: 'sales', deletedAt: 10 });
    const retro = addRetro(db);
    const deletedRetro = addRetro(db, 10);
    addAction(db, { title: 'Due in a week', ownerId: ana, dueOn: '2026-12-01', retroId: retro });
    addAction(db, { title: 'Undated', ownerId: tom, retroId: retro });
    addAction(db, { title: 'Overdue by a week', ownerId: tom, dueOn: '2026-11-17', retroId: retro });
    addAction(db, { title: 'Due today', ownerId: ana, dueOn: '2026-11-24' });
    addAction(db, { title: 'Overdue yesterday', ownerId: gone, dueOn: '2026-11-23', updatedAt: 77 });
    addAction(db, { title: 'Done', ownerId: ana, dueOn: '2026-11-01', doneAt: 50, retroId: retro });
    addAction(db, { title: 'Deleted', ownerId: ana, dueOn: '2026-11-01', deletedAt: 60, updatedAt: 60 });
    addAction(db, { title: 'From a deleted retro', ownerId: ana, dueOn: '2026-11-01', retroId: deletedRetro });

    // Tuesday 24 Nov 2026, 00:30 in Berlin: still 23 Nov in UTC, already the 24th in the room.
    const now = utc('2026-11-23T23:30:00Z');
    const result = getMeetingsToday(contextAt(temp, now));
    expect(result.today).toBe('2026-11-24');

    const rows = db
      .prepare(
        `SELECT a.id, a.title, a.owner_id, a.due_on, a.done_at, a.deleted_at, r.deleted_at AS retro_deleted
           FROM action_items a LEFT JOIN retrospectives r ON a.retrospective_id = r.id`,
      )
      .all() as {
      id: string;
      title: string;
      owner_id: string | null;
      due_on: string | null;
      done_at: number | null;
      deleted_at: number | null;
      retro_deleted: number | null;
    }[];
    const people = new Map(
      (
        db.prepare('SELECT id, name, team, deleted_at FROM people').all() as {
          id: string;
          name: string;
          team: 'sales' | 'marketing';
          deleted_at: number | null;
        }[]
      ).map((p) => [p.id, p]),
    );
    const expected: ActionItemView[] = rows
      .filter((row) => row.done_at === null && row.deleted_at === null && row.retro_deleted === null)
      .map((row) => {
        const owner = row.owner_id === null ? undefined : people.get(row.owner_id);
        const active = owner !== undefined && owner.deleted_at === null;
        return {
          id: row.id,
          title: row.title,
          ownerId: active ? owner.id : null,
          ownerName: active ? owner.name : null,
          ownerTeam: active ? owner.team : null,
          dueOn: row.due_on,
          overdue: row.due_on !== null && row.due_on < '2026-11-24',
        };
      })
      .sort(
        (a, b) =>
          Number(b.overdue) - Number(a.overdue) ||
          (a.dueOn === null ? 1 : 0) - (b.dueOn === null ? 1 : 0) ||
          (a.dueOn ?? '').localeCompare(b.dueOn ?? ''),
      );
    expect(result.actionItems).toEqual(expected);
    expect(result.actionItems.map((item) => [item.title, item.overdue])).toEqual([
      ['Overdue by a week', true],
      ['Overdue yesterday', true],
      ['Due today', false],
      ['Due in a week', false],
      ['Undated', false],
    ]);
    expect(result.actionItems[0]).toMatchObject({ ownerName: 'Tom Berg', ownerTeam: 'marketing' });
    expect(result.freshness.latestChangeAt).toBe(77);
  });

  it("shows the recorded length of the last stand-ups, oldest first, against the stand-up's planned length", () => {
    const { db } = temp;
    const standup = addMeeting(db, {
      kind: 'standup',
      title: 'Daily stand-up',
      weekdays: '1,2,3,4,5',
      start: '09:30',
      minutes: 15,
    });
    const review = addMeeting(db, {
      kind: 'lead_review',
      title: 'Lead review',
      weekdays: '2',
      start: '14:00',
      minutes: 45,
    });
    const run = db.prepare('INSERT INTO meeting_runs (id, meeting_id, started_at, ended_at) VALUES (?, ?, ?, ?)');
    const start = utc('2026-11-02T08:30:00Z');
    // twelve stand-ups (one ad hoc, without a meeting), a lead review, and one still running
    for (let i = 0; i < 12; i += 1)
      run.run(testId('run'), i === 5 ? null : standup, start + i * DAY, start + i * DAY + (10 + i) * MINUTE);
    run.run(testId('run'), review, start + 3 * DAY + 5 * HOUR, start + 3 * DAY + 6 * HOUR);
    run.run(testId('run'), standup, start + 20 * DAY, null);
    const now = utc('2026-11-24T09:00:00Z');
    const result = getMeetingsToday(contextAt(temp, now));
    const expected = (
      db
        .prepare(
          `SELECT started_at AS startedAt, ended_at - started_at AS durationMs FROM meeting_runs
            WHERE ended_at IS NOT NULL AND (meeting_id IS NULL OR meeting_id = ?) ORDER BY started_at DESC LIMIT 10`,
        )
        .all(standup) as { startedAt: number; durationMs: number }[]
    ).reverse();
    expect(result.standupRuns).toEqual(expected);
    expect(result.standupRuns.map((r) => r.durationMs / MINUTE)).toEqual([12, 13, 14, 15, 16, 17, 18, 19, 20, 21]);
    expect(result.standupPlannedMs).toBe(15 * MINUTE);
    expect(result.freshness.latestChangeAt).toBe(start + 11 * DAY + 21 * MINUTE);
  });
});
