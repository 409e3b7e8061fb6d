import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { describeActivity, listActivity } from '../../../electron/core/services/reads/activity-service';
import { createDeal, moveDealStage } from '../../../electron/core/services/writes/deal-commands';
import { setKpiTarget } from '../../../electron/core/services/writes/kpi-commands';
import { listHistory, undo } from '../../../electron/core/services/writes/undo-service';
import { entryRoom, type EntryRoom } from './entry-fixtures';
import { contextAt, insertPerson, openTempDatabase, setRoom, testId, type TempDatabase } from './figures-fixtures';

const MINUTE = 60_000;
const NOW = Date.parse('2026-11-18T10:00:00Z');

function insertEvent(
  db: Database.Database,
  event: { at: number; type: string; entity?: string; machineId?: string; payload: Record<string, unknown> },
): void {
  db.prepare(
    `INSERT INTO activity_events (id, at, machine_id, type, entity, entity_id, actor_id, payload)
     VALUES (?, ?, ?, ?, ?, ?, NULL, ?)`,
  ).run(
    testId('event'),
    event.at,
    event.machineId ?? 'test-machine',
    event.type,
    event.entity ?? 'deal',
    testId('entity'),
    JSON.stringify(event.payload),
  );
}

const deal = {
  title: 'Acme renewal',
  amountMinor: 1_200_000,
  currency: 'EUR',
  closingRepId: 'rep-1',
  closingRepName: 'Ana Lima',
  sourcingMarketerId: 'mkt-1',
  sourcingMarketerName: 'Tom Berg',
  campaignId: 'cmp-1',
  campaignName: 'Webinar Q4',
};

/** All events, read plainly and ordered in JS, newest (highest seq) first. */
/** The business the wall's feed shows, listed here on its own (not read from src/shared/feed.ts). */
const BUSINESS = new Set([
  'deal.created',
  'deal.stage_changed',
  'deal.won',
  'deal.lost',
  'lead.created',
  'lead.stage_changed',
  'lead.disqualified',
  'lead.followed_up',
  'lead.became_customer',
  'lead.reviewed',
  'standup.held',
  'meeting.held',
]);

/**
 * The feed the plain way: every event read, the business kept, and every event that an undo (itself not
 * undone) names left out, with the companions that name it as `partOf`.
 */
function referenceEvents(db: Database.Database) {
  const rows = db.prepare('SELECT * FROM activity_events').all() as {
    seq: number;
    id: string;
    at: number;
    machine_id: string;
    type: string;
    entity: string;
    entity_id: string;
    actor_id: string | null;
    payload: string;
  }[];
  const undos = rows.filter((row) => row.type === 'change.undone');
  const target = (payload: string) => (JSON.parse(payload) as { undoneEventId: string }).undoneEventId;
  const redone = new Set(undos.map((row) => target(row.payload)));
  const undone = new Set(undos.filter((row) => !redone.has(row.id)).map((row) => target(row.payload)));
  return rows
    .map((row) => ({
      seq: row.seq,
      id: row.id,
      at: row.at,
      machineId: row.machine_id,
      type: row.type,
      entity: row.entity,
      entityId: row.entity_id,
      actorId: row.actor_id,
      payload: withoutChanges(JSON.parse(row.payload) as Record<string, unknown>),
    }))
    .filter((event) => BUSINESS.has(event.type) && !undone.has(event.id))
    .filter((event) => !undone.has((event.payload.partOf as { eventId?: string } | undefined)?.eventId ?? ''))
    .sort((a, b) => b.seq - a.seq);
}

/** Displays never see the raw rows undo keeps. */
function withoutChanges(payload: Record<string, unknown>): Record<string, unknown> {
  const shown = { ...payload };
  delete shown.changes;
  return shown;
}

describe('listActivity', () => {
  let temp: TempDatabase;
  beforeEach(() => {
    temp = openTempDatabase();
    setRoom(temp.db, { timezone: 'Europe/Berlin', currency: 'EUR' });
  });
  afterEach(() => temp.close());

  it('gives an empty feed, not an error, on an empty database', () => {
    expect(listActivity(contextAt(temp, NOW), { limit: 30 })).toEqual({
      items: [],
      freshness: { computedAt: NOW, latestChangeAt: null, source: 'Local database' },
    });
  });

  it('lists the newest events first with the words for the wall', () => {
    const { db } = temp;
    insertEvent(db, {
      at: NOW - 30 * MINUTE,
      type: 'deal.created',
      payload: { ...deal, toStageId: 'discovery', toStageName: 'Discovery' },
    });
    insertEvent(db, {
      at: NOW - 20 * MINUTE,
      type: 'deal.stage_changed',
      payload: { ...deal, fromStageName: 'Negotiation', toStageName: 'Proposal' },
    });
    insertEvent(db, { at: NOW - 10 * MINUTE, type: 'deal.won', payload: { ...deal, toStageName: 'Won' } });
    insertEvent(db, {
      at: NOW - 10 * MINUTE,
      type: 'lead.became_customer',
      entity: 'lead',
      payload: { ...deal, leadId: 'lead-1', leadName: 'Acme GmbH' },
    });
    // Merged from another machine later, though it happened earlier: the feed follows the local sequence.
    insertEvent(db, {
      at: NOW - 60 * MINUTE,
      machineId: 'other-machine',
      type: 'deal.lost',
      payload: { title: 'Globex pilot', amountMinor: 250_050, currency: 'USD', fromStageName: 'Demo' },
    });
    insertEvent(db, {
      at: NOW - 5 * MINUTE,
      type: 'retro.action_done',
      entity: 'action_item',
      payload: { title: 'Fix the form' },
    });

    const result = listActivity(contextAt(temp, NOW), { limit: 30 });
    const reference = referenceEvents(db);
    expect(result.items.map(({ headline: _h, detail: _d, ...event }) => event)).toEqual(reference);
    expect(result.items.map((item) => [item.headline, item.detail])).toEqual(
      reference.map((event) => {
        const words = describeActivity(event, 'EUR');
        return [words.headline, words.detail];
      }),
    );
    // The retro action is bookkeeping of the planning: the admin's history lists it, the wall does not.
    expect(result.items.map((item) => item.headline)).toEqual([
      'Deal lost: Globex pilot — $2,500.50',
      'New paying customer: Acme GmbH',
      'Deal won: Acme renewal — €12,000',
      'Deal moved: Acme renewal — €12,000',
      'New deal: Acme renewal — €12,000',
    ]);
    // Fair credit: the won deal names the closing rep and the campaign and marketer that sourced it.
    expect(result.items[2]!.detail).toBe('closed by Ana Lima · sourced by Webinar Q4 (Tom Berg)');
    expect(result.freshness.latestChangeAt).toBe(NOW - 5 * MINUTE);
  });

  it('pages back with limit and beforeSeq without gaps or repeats', () => {
    const { db } = temp;
    for (let i = 0; i < 23; i += 1) {
      insertEvent(db, { at: NOW - (23 - i) * MINUTE, type: 'deal.created', payload: { ...deal, title: `Deal ${i}` } });
    }
    const pages: number[][] = [];
    let beforeSeq: number | undefined;
    for (;;) {
      const input: { limit: number; beforeSeq?: number } =
        beforeSeq === undefined ? { limit: 5 } : { limit: 5, beforeSeq };
      const page = listActivity(contextAt(temp, NOW), input).items;
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(5);
      pages.push(page.map((item) => item.seq));
      beforeSeq = page.at(-1)!.seq;
    }
    expect(pages.map((page) => page.length)).toEqual([5, 5, 5, 5, 3]);
    expect(pages.flat()).toEqual(referenceEvents(db).map((event) => event.seq));
    expect(listActivity(contextAt(temp, NOW), { limit: 1 }).items[0]!.headline).toBe('New deal: Deal 22 — €12,000');
  });

  it('shows money in the deal’s currency, the room’s only when the event names none, and flags demo data', () => {
    const { db } = temp;
    setRoom(db, { currency: 'GBP', demo: true });
    // "Demo data" only while demo rows exist: a demo person stands for them
    insertPerson(db, { name: 'Demo rep', team: 'sales' });
    const { currency: _c, ...noCurrency } = deal;
    insertEvent(db, { at: NOW - MINUTE, type: 'deal.won', payload: noCurrency });
    insertEvent(db, { at: NOW, type: 'deal.won', payload: { ...deal, amountMinor: 5_000, currency: 'JPY' } });
    const result = listActivity(contextAt(temp, NOW), { limit: 10 });
    expect(result.items.map((item) => item.headline)).toEqual([
      'Deal won: Acme renewal — ¥5,000',
      'Deal won: Acme renewal — £12,000',
    ]);
    expect(result.freshness).toEqual({ computedAt: NOW, latestChangeAt: NOW, source: 'Demo data' });
  });
});

describe('the feed of the business, through the commands', () => {
  it('leaves out bookkeeping, and an undone win disappears with its customer instead of adding "Undone: …"', () => {
    const room = entryRoom();
    try {
      const { ctx } = room;
      const deal = createDeal(ctx, {
        title: 'Kestrel – Team plan',
        amountMinor: 1_250_000,
        currency: 'EUR',
        stageId: 'proposal',
        leadId: room.lead,
        closingRepId: room.rep,
      });
      room.clock.advance(MINUTE);
      moveDealStage(ctx, { dealId: deal.id, stageId: 'won', reason: 'won_price' });
      const won = listActivity(ctx, { limit: 30 }).items.map((item) => item.type);
      expect(won).toEqual(['lead.became_customer', 'deal.won', 'deal.created']);

      room.clock.advance(MINUTE);
      saveKpiTarget(ctx);
      undo(ctx, { eventId: listHistory(ctx, { limit: 10 }).find((entry) => entry.type === 'deal.won')!.eventId });
      const feed = listActivity(ctx, { limit: 30 });
      // The win and the customer it made are gone; nothing says "Undone"; the target is the admin's business.
      expect(feed.items.map((item) => item.type)).toEqual(['deal.created']);
      expect(feed.items.some((item) => item.headline.startsWith('Undone'))).toBe(false);
      expect(feed.items.map(({ headline: _h, detail: _d, ...event }) => event)).toEqual(referenceEvents(ctx.db));
      // The history still has all of it.
      expect(listHistory(ctx, { limit: 10 }).map((entry) => entry.type)).toEqual(
        expect.arrayContaining(['change.undone', 'kpi.target_set', 'deal.won']),
      );
    } finally {
      room.temp.cleanup();
    }
  });

  it('a deal created straight into won and then undone takes its companion win off the feed', () => {
    const room = entryRoom();
    try {
      createDeal(room.ctx, {
        title: 'Kestrel',
        amountMinor: 100,
        currency: 'EUR',
        stageId: 'won',
        leadId: room.lead,
        closingRepId: room.rep,
      });
      expect(listActivity(room.ctx, { limit: 30 }).items.map((item) => item.type)).toEqual([
        'lead.became_customer',
        'deal.won',
        'deal.created',
      ]);
      undo(room.ctx, {});
      expect(listActivity(room.ctx, { limit: 30 }).items).toEqual([]);
      expect(referenceEvents(room.ctx.db)).toEqual([]);
    } finally {
      room.temp.cleanup();
    }
  });
});

/** A bookkeeping change: this month's KPI target. */
function saveKpiTarget(ctx: EntryRoom['ctx']): void {
  setKpiTarget(ctx, { periodKind: 'month', periodStart: '2026-03-01', target: 12 });
}
