/**
 * Joint credit (METRICS: win rate, sourced revenue) against references computed the plain way: every
 * deal, lead, person and campaign read, everything counted in JS.
 */
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { JointCreditResult } from '@shared/figures';
import { generateDemoData } from '../../../electron/core/services/demo-data';
import { getJointCredit } from '../../../electron/core/services/reads/joint-credit-service';
import { contextAt, openTempDatabase, setRoom, type TempDatabase } from './figures-fixtures';

const DAY = 86_400_000;
const BERLIN = 'Europe/Berlin';
// Wednesday 18 Nov 2026, 11:00 in Berlin. November in Berlin: [31 Oct 23:00 UTC, 30 Nov 23:00 UTC).
const NOW = Date.parse('2026-11-18T10:00:00Z');
const NOV = { start: Date.parse('2026-10-31T23:00:00Z'), end: Date.parse('2026-11-30T23:00:00Z') };

interface Row {
  id: string;
  title: string;
  status: string;
  amount_minor: number;
  currency: string;
  closed_at: number | null;
  deleted_at: number | null;
  lead_id: string | null;
  closing_rep_id: string | null;
  sourcing_marketer_id: string | null;
  campaign_id: string | null;
}

function reference(db: Database.Database, range: { start: number; end: number }, roomCurrency: string) {
  const deals = (db.prepare('SELECT * FROM deals').all() as Row[]).filter(
    (deal) =>
      deal.deleted_at === null &&
      deal.closed_at !== null &&
      deal.closed_at >= range.start &&
      deal.closed_at < range.end,
  );
  const leads = new Map(
    (
      db.prepare('SELECT id, source_team, deleted_at FROM leads').all() as {
        id: string;
        source_team: string;
        deleted_at: number | null;
      }[]
    )
      .filter((lead) => lead.deleted_at === null)
      .map((lead) => [lead.id, lead.source_team]),
  );
  const names = new Map(
    (
      db.prepare('SELECT id, name FROM people UNION ALL SELECT id, name FROM campaigns').all() as {
        id: string;
        name: string;
      }[]
    ).map((row) => [row.id, row.name]),
  );
  const won = deals.filter((deal) => deal.status === 'won');
  const lost = deals.filter((deal) => deal.status === 'lost');
  const teamOf = (deal: Row) => (deal.lead_id === null ? null : (leads.get(deal.lead_id) ?? null));
  const sums = (team: string | null) => {
    const byCurrency = new Map<string, number>();
    for (const deal of won.filter((d) => teamOf(d) === team)) {
      byCurrency.set(deal.currency, (byCurrency.get(deal.currency) ?? 0) + deal.amount_minor);
    }
    const others = [...byCurrency.keys()].filter((c) => c !== roomCurrency).sort();
    return [
      { currency: roomCurrency, amountMinor: byCurrency.get(roomCurrency) ?? 0 },
      ...others.map((currency) => ({ currency, amountMinor: byCurrency.get(currency)! })),
    ];
  };
  const has = (id: string | null) => id !== null && names.has(id);
  const sourced = won.filter((deal) => has(deal.campaign_id) || has(deal.sourcing_marketer_id));
  return {
    winRate: {
      won: won.length,
      lost: lost.length,
      rate: won.length + lost.length === 0 ? null : won.length / (won.length + lost.length),
    },
    sourcedRevenue: {
      marketing: sums('marketing'),
      sales: sums('sales'),
      unlinked: sums(null).filter((amount) => amount.amountMinor > 0),
    },
    sales: {
      wins: won.filter((deal) => has(deal.closing_rep_id)).length,
      people: new Set(won.filter((deal) => has(deal.closing_rep_id)).map((deal) => deal.closing_rep_id)).size,
    },
    marketing: {
      wins: sourced.length,
      campaigns: new Set(won.filter((d) => has(d.campaign_id)).map((d) => d.campaign_id)).size,
      people: new Set(won.filter((d) => has(d.sourcing_marketer_id)).map((d) => d.sourcing_marketer_id)).size,
    },
    jointWins: sourced.filter((deal) => has(deal.closing_rep_id)).length,
    recentWins: [...won]
      .sort((a, b) => b.closed_at! - a.closed_at! || (b.id < a.id ? -1 : 1))
      .slice(0, 8)
      .map((deal) => ({
        dealId: deal.id,
        title: deal.title,
        amountMinor: deal.amount_minor,
        currency: deal.currency,
        closedAt: deal.closed_at,
        closingRepName: deal.closing_rep_id === null ? null : (names.get(deal.closing_rep_id) ?? null),
        campaignName: deal.campaign_id === null ? null : (names.get(deal.campaign_id) ?? null),
        marketerName: deal.sourcing_marketer_id === null ? null : (names.get(deal.sourcing_marketer_id) ?? null),
        sourceTeam: teamOf(deal),
      })),
  };
}

function figures(result: JointCreditResult) {
  const { period: _p, currency: _c, freshness: _f, ...rest } = result;
  return rest;
}

let temp: TempDatabase;
beforeEach(() => {
  temp = openTempDatabase();
});
afterEach(() => temp.close());

describe('getJointCredit', () => {
  it('is empty, not an error, without deals', () => {
    setRoom(temp.db, { timezone: BERLIN, currency: 'EUR', periodKind: 'month' });
    const result = getJointCredit(contextAt(temp, NOW));
    expect(result.winRate).toEqual({ won: 0, lost: 0, rate: null });
    expect(result.sourcedRevenue).toEqual({
      marketing: [{ currency: 'EUR', amountMinor: 0 }],
      sales: [{ currency: 'EUR', amountMinor: 0 }],
      unlinked: [],
    });
    expect(result.recentWins).toEqual([]);
    expect(figures(result)).toEqual(reference(temp.db, NOV, 'EUR'));
  });

  it('credits each won deal’s rep, campaign and marketer; splits revenue by the lead’s source team; keeps currencies apart', () => {
    const { db } = temp;
    setRoom(db, { timezone: BERLIN, currency: 'EUR', periodKind: 'month' });
    const person = db.prepare(
      `INSERT INTO people (id, name, team, created_at, updated_at, deleted_at) VALUES (?, ?, ?, 0, 0, ?)`,
    );
    person.run('ana', 'Ana Lima', 'sales', null);
    person.run('ben', 'Ben Ode', 'sales', NOW - DAY); // left since: keeps the credit
    person.run('tom', 'Tom Berg', 'marketing', null);
    db.prepare(
      `INSERT INTO campaigns (id, name, channel, source_team, owner_id, created_at, updated_at) VALUES ('web', 'Webinar Q4', 'webinar', 'marketing', 'tom', 0, 0)`,
    ).run();
    const lead = db.prepare(
      `INSERT INTO leads (id, name, stage, source_team, lead_at, created_at, updated_at, deleted_at) VALUES (?, ?, 'opportunity', ?, 0, 0, 0, ?)`,
    );
    lead.run('lm', 'M', 'marketing', null);
    lead.run('ls', 'S', 'sales', null);
    lead.run('lx', 'X', 'marketing', NOW - DAY); // deleted lead: its deal counts as unlinked
    const deal = db.prepare(
      `INSERT INTO deals (id, title, lead_id, amount_minor, currency, stage_id, status, closing_rep_id, sourcing_marketer_id,
                          campaign_id, created_at, stage_entered_at, closed_at, updated_at, deleted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 0, ?)`,
    );
    deal.run('d1', 'Kestrel', 'lm', 1_000_000, 'EUR', 'won', 'won', 'ana', 'tom', 'web', NOV.start, null); // first instant
    deal.run('d2', 'Harbor', 'ls', 500_000, 'EUR', 'won', 'won', 'ben', null, null, NOW - DAY, null);
    deal.run('d3', 'Lumen', 'lm', 70_000, 'USD', 'won', 'won', 'ana', null, 'web', NOW - 2 * DAY, null);
    deal.run('d4', 'Vektor', 'lx', 30_000, 'EUR', 'won', 'won', 'ana', 'tom', null, NOW - 3 * DAY, null);
    deal.run('d5', 'Quarz', null, 20_000, 'EUR', 'won', 'won', null, 'tom', null, NOW - 4 * DAY, null);
    deal.run('d6', 'Lost one', 'lm', 9_000, 'EUR', 'lost', 'lost', 'ana', null, null, NOW - DAY, null);
    deal.run('d7', 'October win', 'lm', 9_000, 'EUR', 'won', 'won', 'ana', null, null, NOV.start - 1, null);
    deal.run('d8', 'Deleted win', 'lm', 9_000, 'EUR', 'won', 'won', 'ana', null, null, NOW - DAY, NOW - 1);
    deal.run('d9', 'Open', 'lm', 9_000, 'EUR', 'discovery', 'open', 'ana', null, null, null, null);

    const result = getJointCredit(contextAt(temp, NOW));
    expect(result.winRate).toEqual({ won: 5, lost: 1, rate: 5 / 6 });
    expect(result.sourcedRevenue).toEqual({
      marketing: [
        { currency: 'EUR', amountMinor: 1_000_000 },
        { currency: 'USD', amountMinor: 70_000 },
      ],
      sales: [{ currency: 'EUR', amountMinor: 500_000 }],
      unlinked: [{ currency: 'EUR', amountMinor: 50_000 }],
    });
    expect(result.sales).toEqual({ wins: 4, people: 2 });
    expect(result.marketing).toEqual({ wins: 4, campaigns: 1, people: 1 });
    expect(result.jointWins).toBe(3);
    expect(result.recentWins.map((win) => win.title)).toEqual(['Harbor', 'Lumen', 'Vektor', 'Quarz', 'Kestrel']);
    expect(result.recentWins[0]).toMatchObject({ closingRepName: 'Ben Ode', campaignName: null, sourceTeam: 'sales' });
    expect(figures(result)).toEqual(reference(db, NOV, 'EUR'));
    // Win rate straight from SQL, as the glossary words it: won ÷ (won + lost) among deals closed in the period.
    const sql = db
      .prepare(
        `SELECT sum(status = 'won') * 1.0 / count(*) AS rate FROM deals
          WHERE deleted_at IS NULL AND status IN ('won', 'lost') AND closed_at BETWEEN ? AND ?`,
      )
      .get(NOV.start, NOV.end - 1) as { rate: number };
    expect(result.winRate.rate).toBeCloseTo(sql.rate, 12);
  });

  it('matches the reference on the demo quarter, for every period kind', () => {
    generateDemoData(temp.db, { now: NOW, timezone: BERLIN, machineId: 'demo' });
    for (const periodKind of ['week', 'month', 'quarter'] as const) {
      setRoom(temp.db, { timezone: BERLIN, currency: 'EUR', periodKind });
      const result = getJointCredit(contextAt(temp, NOW));
      expect(figures(result), periodKind).toEqual(reference(temp.db, result.period, 'EUR'));
    }
    const month = (setRoom(temp.db, { periodKind: 'month' }), getJointCredit(contextAt(temp, NOW)));
    expect(month.winRate.won, 'the demo month has wins').toBeGreaterThan(0);
    expect(month.jointWins).toBeGreaterThan(0);
  });
});
