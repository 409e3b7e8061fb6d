/**
 * Customer state follows the deals on every path that writes them — the API (which the admin calls), the
 * CSV import and undo: a lead is a customer only through a won deal, stops being one when no won deal is
 * left, and its `customer_at` is always its earliest won deal's close time. After every step the whole
 * database is checked against an independent SQL query, and the shared KPI against its own count.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { KpiResult } from '@shared/figures';
import { fixtureText, importText, NOW, openHarness, type ImportHarness } from '../import/import-support';

const HOUR = 3_600_000;
let h: ImportHarness;

beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

/** Leads (not deleted) whose stored state disagrees with their won deals, by plain SQL. */
function outOfStep(): unknown[] {
  return h.core.ctx.db
    .prepare(
      `SELECT l.id, l.stage, l.customer_at, w.first_won
         FROM leads l
         LEFT JOIN (SELECT lead_id, min(closed_at) AS first_won FROM deals
                     WHERE status = 'won' AND deleted_at IS NULL GROUP BY lead_id) w ON w.lead_id = l.id
        WHERE l.deleted_at IS NULL
          AND (l.customer_at IS NOT w.first_won OR (l.stage = 'customer') <> (w.first_won IS NOT NULL))`,
    )
    .all();
}

/** New paying customers of March 2026 in Berlin, by plain SQL: earliest won deal per lead in the month. */
function customersInMarch(): number {
  const from = Date.UTC(2026, 1, 28, 23, 0);
  const to = Date.UTC(2026, 2, 31, 22, 0);
  return (
    h.core.ctx.db
      .prepare(
        `SELECT count(*) AS n FROM (
           SELECT d.lead_id, min(d.closed_at) AS first_won FROM deals d JOIN leads l ON l.id = d.lead_id
            WHERE d.status = 'won' AND d.deleted_at IS NULL AND l.deleted_at IS NULL GROUP BY d.lead_id)
          WHERE first_won >= ? AND first_won < ?`,
      )
      .get(from, to) as { n: number }
  ).n;
}

async function expectInStep(): Promise<void> {
  expect(outOfStep()).toEqual([]);
  expect((await h.call<KpiResult>('kpi.get')).figure.actual).toBe(customersInMarch());
}

function leadRow(id: string) {
  return h.core.ctx.db.prepare(`SELECT stage, customer_at AS customerAt FROM leads WHERE id = ?`).get(id) as {
    stage: string;
    customerAt: number | null;
  };
}

async function newLead(name: string): Promise<string> {
  const lead = await h.call<{ id: string }>('leads.save', { name, sourceTeam: 'marketing', ownerId: 'p-ana' });
  await h.call('leads.moveStage', { leadId: lead.id, stage: 'opportunity' });
  return lead.id;
}

async function newDeal(leadId: string, title: string, stageId = 'proposal'): Promise<string> {
  const deal = await h.call<{ id: string }>('deals.create', {
    title,
    amountMinor: 100_000,
    currency: 'EUR',
    stageId,
    leadId,
    closingRepId: 'p-ana',
  });
  return deal.id;
}

describe('through the API (the admin’s path)', () => {
  test('win, second win, reopen, delete, move the win to another lead', async () => {
    const lead = await newLead('Eva Keller');
    const other = await newLead('Oskar Wolf');
    const first = await newDeal(lead, 'Kestrel – Team');
    const second = await newDeal(lead, 'Kestrel – Expansion');

    h.clock.advance(HOUR);
    await h.call('deals.moveStage', { dealId: first, stageId: 'won' });
    expect(leadRow(lead)).toEqual({ stage: 'customer', customerAt: NOW + HOUR });
    await expectInStep();

    h.clock.advance(HOUR);
    await h.call('deals.moveStage', { dealId: second, stageId: 'won' });
    // The earliest win decides.
    expect(leadRow(lead).customerAt).toBe(NOW + HOUR);
    await h.call('deals.moveStage', { dealId: first, stageId: 'negotiation' });
    // The second win holds the lead; its close time is now the earliest.
    expect(leadRow(lead)).toEqual({ stage: 'customer', customerAt: NOW + 2 * HOUR });
    await expectInStep();

    await h.call('deals.delete', { id: second });
    expect(leadRow(lead)).toEqual({ stage: 'opportunity', customerAt: null });
    await expectInStep();

    h.clock.advance(HOUR);
    await h.call('deals.moveStage', { dealId: first, stageId: 'won' });
    const deal = h.core.ctx.db.prepare(`SELECT * FROM deals WHERE id = ?`).get(first) as { title: string };
    await h.call('deals.update', {
      id: first,
      title: deal.title,
      amountMinor: 100_000,
      currency: 'EUR',
      leadId: other,
    });
    expect(leadRow(lead)).toEqual({ stage: 'opportunity', customerAt: null });
    expect(leadRow(other)).toEqual({ stage: 'customer', customerAt: NOW + 3 * HOUR });
    await expectInStep();
  });

  test('a lead cannot be made a customer by hand', async () => {
    const lead = await newLead('Eva Keller');
    const refused = await h.failure('leads.moveStage', { leadId: lead, stage: 'customer' });
    expect(refused).toMatchObject({ code: 'invalid_input', field: 'stage' });
    expect(leadRow(lead).stage).toBe('opportunity');
    await expectInStep();
  });
});

describe('through undo', () => {
  test('undoing the first win keeps the customer through the second, at its close time; redo brings it back', async () => {
    const lead = await newLead('Eva Keller');
    const first = await newDeal(lead, 'Kestrel – Team');
    const second = await newDeal(lead, 'Kestrel – Expansion');
    h.clock.advance(HOUR);
    await h.call('deals.moveStage', { dealId: first, stageId: 'won' });
    h.clock.advance(HOUR);
    await h.call('deals.moveStage', { dealId: second, stageId: 'won' });

    const history = await h.call<{ eventId: string; type: string; entityId: string }[]>('history.recent', {});
    const firstWin = history.find((entry) => entry.type === 'deal.won' && entry.entityId === first)!;
    const undone = await h.call<{ eventId: string }>('history.undo', { eventId: firstWin.eventId });
    expect(undone.eventId).toBe(firstWin.eventId);
    expect(leadRow(lead)).toEqual({ stage: 'customer', customerAt: NOW + 2 * HOUR });
    await expectInStep();

    // Undo the second win too: no won deal is left.
    await h.call('history.undo', {});
    expect(leadRow(lead)).toEqual({ stage: 'opportunity', customerAt: null });
    await expectInStep();

    // Redo the second win (undo of its undo, the newest): customer again at the second win's time.
    const redoable = (await h.call<{ eventId: string; type: string }[]>('history.recent', {})).filter(
      (entry) => entry.type === 'change.undone',
    );
    await h.call('history.undo', { eventId: redoable[0]!.eventId });
    expect(leadRow(lead)).toEqual({ stage: 'customer', customerAt: NOW + 2 * HOUR });
    await expectInStep();
  });

  test('undoing a delete of the won deal makes the lead a customer again', async () => {
    const lead = await newLead('Eva Keller');
    const deal = await newDeal(lead, 'Kestrel – Team', 'won');
    await h.call('deals.delete', { id: deal });
    expect(leadRow(lead).customerAt).toBeNull();
    await expectInStep();
    await h.call('history.undo', {});
    expect(leadRow(lead)).toEqual({ stage: 'customer', customerAt: NOW });
    await expectInStep();
  });
});

describe('through the CSV import', () => {
  test('a contacts file cannot make customers; a re-import keeps a customer its won deal holds', async () => {
    const text = fixtureText('hubspot-contacts.csv');
    await h.call('import.run', (await importText(h, text)).input);
    // 505–507 are customers in the CRM; here they stay opportunities until a deal of theirs is won.
    const customers = h.core.ctx.db
      .prepare(`SELECT external_id AS id, stage FROM leads WHERE external_id IN ('505', '506', '507') ORDER BY 1`)
      .all();
    expect(customers).toEqual([
      { id: '505', stage: 'opportunity' },
      { id: '506', stage: 'opportunity' },
      { id: '507', stage: 'opportunity' },
    ]);
    await expectInStep();

    const eva = (h.core.ctx.db.prepare(`SELECT id FROM leads WHERE external_id = '505'`).get() as { id: string }).id;
    await newDeal(eva, 'Harbor – Team', 'won');
    h.clock.advance(HOUR);
    await h.call('import.run', (await importText(h, text)).input);
    expect(leadRow(eva)).toEqual({ stage: 'customer', customerAt: NOW });
    await expectInStep();
  });

  test('a re-imported deal that the CRM reopened takes its lead’s customer state back', async () => {
    const text = fixtureText('hubspot-deals.csv');
    await h.call('import.run', (await importText(h, text)).input);
    const lead = await newLead('Eva Keller');
    const won = h.core.ctx.db.prepare(`SELECT id, title FROM deals WHERE status = 'won' LIMIT 1`).get() as {
      id: string;
      title: string;
    };
    await h.call('deals.update', { id: won.id, title: won.title, amountMinor: 100, currency: 'EUR', leadId: lead });
    expect(leadRow(lead).stage).toBe('customer');
    await expectInStep();

    const externalId = (
      h.core.ctx.db.prepare(`SELECT external_id AS id FROM deals WHERE id = ?`).get(won.id) as { id: string }
    ).id;
    const reopened = text
      .split('\n')
      .map((line) => (line.startsWith(`${externalId},`) ? line.replace('Closed Won', 'Contract Sent') : line))
      .join('\n');
    h.clock.advance(HOUR);
    await h.call('import.run', (await importText(h, reopened)).input);
    expect(leadRow(lead)).toEqual({ stage: 'opportunity', customerAt: null });
    await expectInStep();
  });

  test('a won deal without an owner is refused, naming the line and the column', async () => {
    const text = fixtureText('hubspot-deals.csv');
    const line = text.split('\n').findIndex((row) => row.includes('Closed Won'));
    const row = text.split('\n')[line]!.split(',');
    row[4] = '';
    const lines = text.split('\n');
    lines[line] = row.join(',');
    const refused = await h.failure('import.run', (await importText(h, lines.join('\n'))).input);
    expect(refused.message).toContain(
      `Line ${line + 1}, column "Deal owner" (Owner): is empty; a won deal needs its closing rep.`,
    );
    expect(h.core.ctx.db.prepare(`SELECT count(*) AS n FROM deals`).get()).toEqual({ n: 0 });
  });
});
