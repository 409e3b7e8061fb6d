import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { describeActivity, listActivity } from '../../../electron/core/services/activity-service';
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
      payload: JSON.parse(row.payload) as Record<string, unknown>,
    }))
    .sort((a, b) => b.seq - a.seq);
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
    expect(result.items.map((item) => item.headline)).toEqual([
      'Retro action done: Fix the form',
      'Deal lost: Globex pilot — $2,500.50',
      'New paying customer: Acme GmbH',
      'Deal won: Acme renewal — €12,000',
      'Deal moved: Acme renewal — €12,000',
      'New deal: Acme renewal — €12,000',
    ]);
    // Fair credit: the won deal names the closing rep and the campaign and marketer that sourced it.
    expect(result.items[3]!.detail).toBe('closed by Ana Lima · sourced by Webinar Q4 (Tom Berg)');
    expect(result.freshness.latestChangeAt).toBe(Math.max(...reference.map((event) => event.at)));
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
