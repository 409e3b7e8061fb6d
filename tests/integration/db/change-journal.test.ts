/**
 * The change journal kept by the repositories' write helpers: a command that only writes through them and
 * records its event, without tracking anything, is undoable; what it wrote comes back exactly as it was.
 * Writers that are not undoable (a CRM sync, an import over the undoable limit) stay so.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCommand } from '../../../electron/core/services/support/activity-recorder';
import { listHistory, undo } from '../../../electron/core/services/writes/undo-service';
import { journalRow, withoutJournal } from '../../../electron/core/db/repositories/change-journal';
import { getActivityEvent } from '../../../electron/core/db/repositories/activity-repository';
import { insertMeeting, updateMeeting } from '../../../electron/core/db/repositories/meetings-repository';
import { insertSprint, insertSprintGoal } from '../../../electron/core/db/repositories/sprints-repository';
import { insertPerson } from '../../../electron/core/db/repositories/people-repository';
import { insertLead, updateLeadDetails } from '../../../electron/core/db/repositories/leads-repository';
import { insertDeal } from '../../../electron/core/db/repositories/deals-repository';
import {
  insertConnectionRow,
  setCrmStageMapping,
  upsertCrmStage,
} from '../../../electron/core/db/repositories/crm-repository';
import { followWonDeals } from '../../../electron/core/services/support/customer-state';
import { writeDealPage, writeLeadPage } from '../../../electron/core/connections/record-writer';
import { UNDOABLE_ROW_LIMIT } from '../../../electron/core/services/import/store-rows';
import { fixtureText, importText, openHarness } from '../import/import-support';
import { expectApiError } from '../services/entry-fixtures';
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

/** The CRM rows these tests write, straight from SQL. */
function crmRows(): Record<string, unknown[]> {
  return Object.fromEntries(
    ['people', 'campaigns', 'leads', 'lead_transitions', 'deals', 'settings'].map((table) => [
      table,
      db().prepare(`SELECT * FROM ${table} ORDER BY rowid`).all(),
    ]),
  );
}

/** The tables named in an event's changes, with whether each row was inserted, in the order stored. */
function changedTables(eventId: string): [string, boolean][] {
  const changes = getActivityEvent(db(), eventId)!.payload.changes as { table: string; before: unknown }[];
  return changes.map((change) => [change.table, change.before === null]);
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

describe('a deal and lead command written only through the helpers', () => {
  test('is undone exactly: the lead, the won deal, the new rep and the customer transition', () => {
    const lead = insertLead(db(), { name: 'Eva Klein', sourceTeam: 'marketing', stage: 'sql', leadAt: T0 }, T0);
    const before = crmRows();
    room.clock.advance(60_000);

    const event = runCommand(room.ctx, (record) => {
      const now = room.clock.now();
      const rep = insertPerson(db(), { name: 'Ana Lima', team: 'sales' }, now);
      updateLeadDetails(
        db(),
        lead.id,
        {
          name: 'Eva Klein',
          company: 'Nordwind',
          sourceTeam: 'marketing',
          campaignId: null,
          marketerId: null,
          ownerId: rep.id,
        },
        now,
      );
      const deal = insertDeal(db(), {
        title: 'Nordwind',
        leadId: lead.id,
        closingRepId: rep.id,
        stageId: 'won',
        status: 'won',
        amountMinor: 850_000,
        currency: 'EUR',
        createdAt: now,
        closedAt: now,
      });
      followWonDeals(db(), [lead.id], now);
      return record({ type: 'deal.created', entity: 'deal', entityId: deal.id, payload: { dealId: deal.id } as never });
    });

    expect(changedTables(event.id)).toEqual([
      ['people', true],
      ['leads', false],
      ['deals', true],
      ['lead_transitions', true],
    ]);
    expect(db().prepare('SELECT stage FROM leads WHERE id = ?').get(lead.id)).toEqual({ stage: 'customer' });
    undo(room.ctx, { eventId: event.id });
    expect(crmRows()).toEqual(before);
  });
});

describe('writers that are not undoable stay so', () => {
  test('a live CRM sync writes leads, deals and a customer without offering any of it for undo', () => {
    insertConnectionRow(db(), 'hubspot', 'http://127.0.0.1:9', T0);
    upsertCrmStage(db(), 'hubspot', {
      crmStageId: 'closedwon',
      label: 'Closed won',
      pipelineLabel: 'Sales',
      position: 1,
      probability: 1,
      isClosed: true,
      isWon: true,
    });
    setCrmStageMapping(db(), 'hubspot', 'closedwon', 'won');
    const write = { vendor: 'hubspot' as const, live: true, andThen: () => undefined };
    writeLeadPage(
      room.ctx,
      [
        {
          crmId: 'c-1',
          name: 'Eva Klein',
          company: 'Nordwind',
          ownerCrmId: null,
          campaign: null,
          createdAt: T0,
          entered: { lead: T0, sql: T0 },
          disqualifiedAt: null,
          disqualifiedReason: null,
          modifiedAt: T0,
        },
      ],
      write,
    );
    writeDealPage(
      room.ctx,
      [
        {
          crmId: 'd-1',
          title: 'Nordwind',
          amount: 12_000,
          currency: 'EUR',
          crmStageId: 'closedwon',
          ownerCrmId: null,
          leadCrmId: 'c-1',
          campaign: null,
          createdAt: T0,
          closedAt: T0,
          closeReason: null,
          modifiedAt: T0,
        },
      ],
      write,
    );

    const events = db().prepare('SELECT type, payload FROM activity_events ORDER BY seq').all() as {
      type: string;
      payload: string;
    }[];
    expect(events.map((event) => event.type)).toEqual(['deal.created', 'deal.won', 'lead.became_customer']);
    for (const event of events) expect(JSON.parse(event.payload)).not.toHaveProperty('changes');
    expect(db().prepare(`SELECT stage FROM leads WHERE external_id = 'c-1'`).get()).toEqual({ stage: 'customer' });
    expect(listHistory(room.ctx, { limit: 10 })).toEqual([]);
    expectApiError(() => undo(room.ctx, {}), 'conflict');
  });

  test(`an import over ${UNDOABLE_ROW_LIMIT} rows that creates its owners carries no rows`, async () => {
    const h = openHarness();
    try {
      const header = fixtureText('hubspot-deals.csv').split('\r\n')[0]!;
      const lines = Array.from(
        { length: UNDOABLE_ROW_LIMIT + 1 },
        (_, i) => `${80_000 + i},Deal ${i},Contract Sent,,Zoe Unknown,100,2026-03-02,Sales Pipeline,EUR`,
      );
      await h.call('import.run', (await importText(h, [header, ...lines].join('\n'), { createOwners: true })).input);
      const { payload } = h.core.ctx.db
        .prepare(`SELECT payload FROM activity_events WHERE type = 'import.completed'`)
        .get() as { payload: string };
      expect(JSON.parse(payload)).toMatchObject({ peopleCreated: 1, undoable: false });
      expect(JSON.parse(payload)).not.toHaveProperty('changes');
      expect(listHistory(h.core.ctx, { limit: 10 }).map((entry) => entry.type)).not.toContain('import.completed');
    } finally {
      h.close();
    }
  });
});
