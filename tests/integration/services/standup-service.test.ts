import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import type { ServerEvent } from '@shared/contract';
import type { MeetingRunView } from '@shared/figures';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { describeActivity } from '../../../electron/core/services/reads/activity-service';
import {
  getSinceYesterday,
  recordMeetingRun,
  sinceYesterdayStart,
} from '../../../electron/core/services/reads/standup-service';
import {
  contextAt,
  insertLead,
  openTempDatabase,
  seededRandom,
  setRoom,
  testId,
  type TempDatabase,
} from './figures-fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(iso);
const APP = { name: 'Alignboard', version: '0.0.0-test', bootId: 'boot-test' };

/* Plain INSERTs, on purpose not the app's repositories. */

function addMeeting(
  db: Database.Database,
  spec: { kind?: string; weekdays: string; start: string; minutes?: number; deletedAt?: number | null },
): string {
  const id = testId('meeting');
  db.prepare(
    `INSERT INTO meetings (id, kind, title, weekdays, start_time, duration_min, created_at, updated_at, deleted_at)
     VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?)`,
  ).run(
    id,
    spec.kind ?? 'standup',
    `Meeting ${id}`,
    spec.weekdays,
    spec.start,
    spec.minutes ?? 15,
    spec.deletedAt ?? null,
  );
  return id;
}

function addDeal(
  db: Database.Database,
  deal: { createdAt: number; status: 'open' | 'won' | 'lost'; closedAt: number | null; deletedAt?: number | null },
): void {
  const id = testId('deal');
  db.prepare(
    `INSERT INTO deals (id, title, amount_minor, currency, stage_id, status, created_at, stage_entered_at, closed_at,
                        updated_at, deleted_at)
     VALUES (?, ?, 100, 'EUR', ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    id,
    `Deal ${id}`,
    deal.status === 'open' ? 'discovery' : deal.status,
    deal.status,
    deal.createdAt,
    deal.createdAt,
    deal.closedAt,
    deal.closedAt ?? deal.createdAt,
    deal.deletedAt ?? null,
  );
}

function addEvent(db: Database.Database, event: { type: string; at: number; payload: Record<string, unknown> }): void {
  db.prepare(
    `INSERT INTO activity_events (id, at, machine_id, type, entity, entity_id, payload)
     VALUES (?, ?, 'elsewhere', ?, 'deal', ?, ?)`,
  ).run(testId('event'), event.at, event.type, testId('entity'), JSON.stringify(event.payload));
}

function addPerson(db: Database.Database, id: string): void {
  db.prepare(`INSERT INTO people (id, name, team, created_at, updated_at) VALUES (?, ?, 'sales', 0, 0)`).run(id, id);
}

function count(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
  setRoom(temp.db, { timezone: 'Europe/Berlin', currency: 'EUR' });
});
afterEach(() => temp.close());

describe('sinceYesterdayStart', () => {
  it("is the previous working day's stand-up: Friday's on a Monday, Monday's before Tuesday's", () => {
    addMeeting(temp.db, { weekdays: '1,2,3,4,5', start: '09:30' });
    // Monday 23 Nov 2026, 11:00 in Berlin (CET) → Friday 20 Nov, 09:30 CET.
    expect(sinceYesterdayStart(contextAt(temp, utc('2026-11-23T10:00:00Z')))).toBe(utc('2026-11-20T08:30:00Z'));
    // Tuesday 24 Nov, 08:00, before today's stand-up → Monday's.
    expect(sinceYesterdayStart(contextAt(temp, utc('2026-11-24T07:00:00Z')))).toBe(utc('2026-11-23T08:30:00Z'));
    // Tuesday 24 Nov, 15:00, after today's stand-up: still the previous working day's.
    expect(sinceYesterdayStart(contextAt(temp, utc('2026-11-24T14:00:00Z')))).toBe(utc('2026-11-23T08:30:00Z'));
    // Sunday → Friday.
    expect(sinceYesterdayStart(contextAt(temp, utc('2026-11-29T10:00:00Z')))).toBe(utc('2026-11-27T08:30:00Z'));
  });

  it('keeps the local time across the DST change: Friday 09:30 CET seen from Monday in CEST', () => {
    addMeeting(temp.db, { weekdays: '1,2,3,4,5', start: '09:30' });
    expect(sinceYesterdayStart(contextAt(temp, utc('2026-03-30T08:00:00Z')))).toBe(utc('2026-03-27T08:30:00Z'));
  });

  it('takes the latest working-day stand-up when it does not meet daily, and ignores weekend ones', () => {
    addMeeting(temp.db, { weekdays: '1,3,6', start: '09:00' });
    // Wednesday 25 Nov → Monday 23 Nov 09:00.
    expect(sinceYesterdayStart(contextAt(temp, utc('2026-11-25T12:00:00Z')))).toBe(utc('2026-11-23T08:00:00Z'));
    // Monday 30 Nov → Wednesday 25 Nov (Saturday's is not a working day's).
    expect(sinceYesterdayStart(contextAt(temp, utc('2026-11-30T12:00:00Z')))).toBe(utc('2026-11-25T08:00:00Z'));
  });

  it('is 24 hours before now without a stand-up meeting (other meetings and deleted stand-ups do not count)', () => {
    addMeeting(temp.db, { kind: 'lead_review', weekdays: '1,2,3,4,5', start: '09:30' });
    addMeeting(temp.db, { weekdays: '1,2,3,4,5', start: '09:30', deletedAt: 1 });
    const now = utc('2026-11-24T10:00:00Z');
    expect(sinceYesterdayStart(contextAt(temp, now))).toBe(now - DAY);
  });
});

describe('getSinceYesterday', () => {
  // Tuesday 24 Nov 2026, 11:00 in Berlin; the stand-up was Monday 09:30 (08:30 UTC).
  const NOW = utc('2026-11-24T10:00:00Z');
  const SINCE = utc('2026-11-23T08:30:00Z');

  it('counts leads and deals that moved in [since, now) and lists the highlights, as a plain count gives', () => {
    const { db } = temp;
    addMeeting(db, { weekdays: '1,2,3,4,5', start: '09:30' });
    const random = seededRandom(11);
    const around = () => SINCE - 2 * DAY + Math.floor(random() * 3.5 * DAY);
    const maybe = (p: number) => (random() < p ? around() : null);
    for (let i = 0; i < 300; i++) {
      insertLead(db, {
        leadAt: around(),
        mqlAt: maybe(0.6),
        sqlAt: maybe(0.4),
        customerAt: maybe(0.2),
        deletedAt: random() < 0.05 ? NOW - HOUR : null,
      });
    }
    // Rows exactly on the edges: `since` is in, `now` is out.
    insertLead(db, { leadAt: SINCE, mqlAt: NOW });
    for (let i = 0; i < 200; i++) {
      const status = random() < 0.4 ? 'open' : random() < 0.5 ? 'won' : 'lost';
      addDeal(db, {
        createdAt: around(),
        status,
        closedAt: status === 'open' ? null : around(),
        deletedAt: random() < 0.05 ? NOW - HOUR : null,
      });
    }
    const types = ['deal.won', 'deal.lost', 'lead.became_customer', 'deal.created', 'deal.stage_changed'];
    for (let i = 0; i < 60; i++) {
      addEvent(db, {
        type: types[Math.floor(random() * types.length)]!,
        at: around(),
        payload: { title: `Deal ${i}`, amountMinor: 1_000_00 * (i + 1), currency: 'EUR', leadName: `Lead ${i}` },
      });
    }

    const result = getSinceYesterday(contextAt(temp, NOW));
    expect(result.since).toBe(SINCE);

    const leads = db.prepare('SELECT lead_at, mql_at, sql_at, customer_at, deleted_at FROM leads').all() as Record<
      string,
      number | null
    >[];
    const deals = db.prepare('SELECT created_at, closed_at, status, deleted_at FROM deals').all() as {
      created_at: number;
      closed_at: number | null;
      status: string;
      deleted_at: number | null;
    }[];
    const inRange = (at: number | null | undefined) => at != null && at >= SINCE && at < NOW;
    const live = leads.filter((lead) => lead.deleted_at === null);
    const liveDeals = deals.filter((deal) => deal.deleted_at === null);
    const expected = {
      newLeads: live.filter((l) => inRange(l.lead_at)).length,
      newMqls: live.filter((l) => inRange(l.mql_at)).length,
      newSqls: live.filter((l) => inRange(l.sql_at)).length,
      newDeals: liveDeals.filter((d) => inRange(d.created_at)).length,
      dealsWon: liveDeals.filter((d) => d.status === 'won' && inRange(d.closed_at)).length,
      dealsLost: liveDeals.filter((d) => d.status === 'lost' && inRange(d.closed_at)).length,
      newCustomers: live.filter((l) => inRange(l.customer_at)).length,
    };
    expect(result.counts).toEqual(expected);
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);

    const events = db.prepare('SELECT seq, type, at FROM activity_events').all() as {
      seq: number;
      type: string;
      at: number;
    }[];
    const highlights = events
      .filter((e) => ['deal.won', 'deal.lost', 'lead.became_customer'].includes(e.type) && inRange(e.at))
      .sort((a, b) => b.at - a.at || b.seq - a.seq);
    expect(highlights.length).toBeGreaterThan(8);
    expect(result.highlights.map((item) => item.seq)).toEqual(highlights.slice(0, 8).map((e) => e.seq));
    for (const item of result.highlights) {
      expect(item).toMatchObject(describeActivity(item, 'EUR'));
    }
  });

  it('leaves out a highlight that was undone since', () => {
    const { db } = temp;
    const insert = db.prepare(
      `INSERT INTO activity_events (id, at, machine_id, type, entity, entity_id, payload)
       VALUES (?, ?, 'elsewhere', ?, 'deal', ?, ?)`,
    );
    const mistaken = { id: testId('event'), deal: testId('deal') };
    insert.run(mistaken.id, NOW - 2 * HOUR, 'deal.won', mistaken.deal, JSON.stringify({ title: 'Typo Corp' }));
    insert.run(testId('event'), NOW - HOUR, 'deal.won', testId('deal'), JSON.stringify({ title: 'Real Corp' }));
    // The undo is filed under the entity of the event it undid, as undo-service writes it.
    insert.run(
      testId('event'),
      NOW - 30 * MINUTE,
      'change.undone',
      mistaken.deal,
      JSON.stringify({ undoneEventId: mistaken.id }),
    );
    const titles = getSinceYesterday(contextAt(temp, NOW)).highlights.map((item) => item.payload.title);
    expect(titles).toEqual(['Real Corp']);
  });

  it('words a highlight like the live feed', () => {
    const { db } = temp;
    addEvent(db, {
      type: 'deal.won',
      at: NOW - HOUR,
      payload: { title: 'Acme renewal', amountMinor: 1_200_000, currency: 'EUR', closingRepName: 'Ana Lima' },
    });
    const result = getSinceYesterday(contextAt(temp, NOW));
    expect(result.since).toBe(NOW - DAY);
    expect(result.highlights).toHaveLength(1);
    expect(result.highlights[0]).toMatchObject({
      type: 'deal.won',
      headline: 'Deal won: Acme renewal — €12,000',
      detail: 'closed by Ana Lima',
    });
  });
});

describe('recordMeetingRun', () => {
  const NOW = utc('2026-11-24T09:00:00Z');
  const started = utc('2026-11-24T08:30:00Z');
  const ended = started + 12 * MINUTE;

  it('writes the run and a standup.held event together, and delivers the event after the commit', async () => {
    const { db } = temp;
    const standup = addMeeting(db, { weekdays: '1,2,3,4,5', start: '09:30' });
    const ctx = contextAt(temp, NOW);
    const delivered: ServerEvent[] = [];
    const runsWhenDelivered: number[] = [];
    ctx.bus.subscribe((event) => {
      // Noted here, checked below: the bus swallows a listener's exception.
      runsWhenDelivered.push(count(db, 'meeting_runs'));
      delivered.push(event);
    });
    for (const id of ['p1', 'p2', 'p3']) addPerson(db, id);
    const dispatch = createDispatcher(ctx, APP);
    const outcome = await dispatch('meetings.recordRun', {
      meetingId: standup,
      startedAt: started,
      endedAt: ended,
      speakers: [
        { personId: 'p1', seconds: 90 },
        { personId: 'p2', seconds: 120 },
        { personId: 'p3', seconds: 60 },
      ],
    });
    expect(outcome.ok).toBe(true);
    const run = (outcome as { result: MeetingRunView }).result;
    expect(run).toEqual({
      id: expect.any(String),
      meetingId: standup,
      startedAt: started,
      endedAt: ended,
      durationMs: 12 * MINUTE,
    });

    const row = db.prepare('SELECT * FROM meeting_runs').get() as Record<string, unknown>;
    expect(row).toEqual({ id: run.id, meeting_id: standup, started_at: started, ended_at: ended, notes: '' });
    const event = db.prepare('SELECT * FROM activity_events').get() as Record<string, unknown>;
    expect(event).toMatchObject({ type: 'standup.held', entity: 'meeting_run', entity_id: run.id, at: NOW });
    const payload = JSON.parse(event.payload as string) as Record<string, unknown>;
    expect(payload).toMatchObject({ meetingId: standup, durationMs: 12 * MINUTE, speakers: 3 });
    expect(delivered).toHaveLength(1);
    // When the event arrives, the run is already committed and visible.
    expect(runsWhenDelivered).toEqual([1]);
    expect(delivered[0]).toMatchObject({ name: 'activity.recorded', data: { type: 'standup.held', entityId: run.id } });
    expect(describeActivity({ type: 'standup.held', payload }, 'EUR')).toEqual({
      headline: 'Stand-up held in 12 min',
      detail: '3 speakers',
    });
  });

  it('records an ad-hoc stand-up without a meeting', () => {
    const ctx = contextAt(temp, NOW);
    const run = recordMeetingRun(ctx, { meetingId: null, startedAt: started, endedAt: started + 45_000, speakers: [] });
    expect(run.meetingId).toBeNull();
    const event = temp.db.prepare('SELECT type, payload FROM activity_events').get() as {
      type: string;
      payload: string;
    };
    expect(event.type).toBe('standup.held');
    expect(describeActivity({ type: event.type, payload: JSON.parse(event.payload) }, 'EUR').headline).toBe(
      'Stand-up held in 45 s',
    );
  });

  it("records another kind of meeting as 'meeting.held', named by its title", () => {
    const review = addMeeting(temp.db, { kind: 'lead_review', weekdays: '2', start: '14:00', minutes: 45 });
    const ctx = contextAt(temp, NOW);
    recordMeetingRun(ctx, { meetingId: review, startedAt: NOW - 65 * MINUTE, endedAt: NOW, speakers: [] });
    const event = temp.db.prepare('SELECT type, payload FROM activity_events').get() as {
      type: string;
      payload: string;
    };
    expect(event.type).toBe('meeting.held');
    expect(describeActivity({ type: event.type, payload: JSON.parse(event.payload) }, 'EUR')).toEqual({
      headline: `Meeting ${review} held in 1 h 05 min`,
      detail: '',
    });
  });

  it('rolls the run back when its event cannot be written: one transaction', () => {
    const { db } = temp;
    const standup = addMeeting(db, { weekdays: '1,2,3,4,5', start: '09:30' });
    db.exec(
      `CREATE TEMP TRIGGER refuse_events BEFORE INSERT ON activity_events BEGIN SELECT RAISE(ABORT, 'refused'); END`,
    );
    const ctx = contextAt(temp, NOW);
    expect(() =>
      recordMeetingRun(ctx, { meetingId: standup, startedAt: started, endedAt: ended, speakers: [] }),
    ).toThrow(/refused/);
    expect(count(db, 'meeting_runs')).toBe(0);
  });

  it.each([
    ['an unknown meeting', { meetingId: 'no-such-meeting' }, 'not_found', 'meetingId'],
    ['a deleted meeting', { meetingId: 'DELETED' }, 'not_found', 'meetingId'],
    ['an end before the start', { endedAt: started - 1 }, 'invalid_input', 'endedAt'],
    ['a missing start', { startedAt: undefined }, 'invalid_input', 'startedAt'],
    [
      'negative speaker seconds',
      { speakers: [{ personId: 'p1', seconds: -5 }] },
      'invalid_input',
      'speakers.0.seconds',
    ],
    ['an unknown field', { notes: 'hello' }, 'invalid_input', 'notes'],
    ['a stand-up 70 years long', { endedAt: started + 70 * 365 * DAY }, 'invalid_input', 'endedAt'],
    ['a run longer than a workday', { endedAt: started + 13 * 60 * MINUTE }, 'invalid_input', 'endedAt'],
    ['a run ending in the future', { startedAt: NOW + DAY, endedAt: NOW + DAY + MINUTE }, 'invalid_input', 'endedAt'],
    [
      'a run from long ago',
      { startedAt: NOW - 30 * DAY, endedAt: NOW - 30 * DAY + MINUTE },
      'invalid_input',
      'startedAt',
    ],
    ['a start in the year 1970', { startedAt: 1, endedAt: 2 }, 'invalid_input', 'startedAt'],
    ['an unknown speaker', { speakers: [{ personId: 'nobody', seconds: 5 }] }, 'not_found', 'speakers.0.personId'],
  ])('rejects %s through the dispatcher, naming the field and writing nothing', async (_, change, code, field) => {
    const { db } = temp;
    const standup = addMeeting(db, { weekdays: '1,2,3,4,5', start: '09:30' });
    const deleted = addMeeting(db, { weekdays: '1', start: '09:30', deletedAt: 1 });
    const input: Record<string, unknown> = {
      meetingId: standup,
      startedAt: started,
      endedAt: ended,
      speakers: [],
      ...change,
    };
    if (input.meetingId === 'DELETED') input.meetingId = deleted;
    const ctx = contextAt(temp, NOW);
    const delivered: ServerEvent[] = [];
    ctx.bus.subscribe((event) => delivered.push(event));
    const outcome = await createDispatcher(ctx, APP)('meetings.recordRun', input);
    expect(outcome).toMatchObject({ ok: false, error: { code, field } });
    expect(count(db, 'meeting_runs')).toBe(0);
    expect(count(db, 'activity_events')).toBe(0);
    expect(delivered).toEqual([]);
  });
});
