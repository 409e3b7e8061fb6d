/**
 * What the room owns survives the CRM: unknown stages are reported rather than guessed, a mapping change
 * re-reads deals as history, local reviews and follow-ups stay, entered deals never count twice, and the
 * credentials appear in no database, export, backup, API answer or activity event.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { ConnectionInfo } from '../../../src/shared/connections';
import { insertLeadReview } from '../../../electron/core/db/repositories/lead-reviews-repository';
import { createBackup } from '../../../electron/core/services/writes/backup-service';
import { createDeal } from '../../../electron/core/services/writes/deal-commands';
import { exportAll } from '../../../electron/core/services/import/export-service';
import { call, sqlValue, connectHubSpot, crmCore, NOW, syncOnce } from './crm-harness';
import { seedHubSpot, startFakeHubSpot, type FakeHubSpot } from './fake-hubspot';

const DAY = 86_400_000;
let fake: FakeHubSpot;
let t: ReturnType<typeof crmCore>;

beforeEach(async () => {
  fake = await startFakeHubSpot();
  seedHubSpot(fake, { deals: 10, since: NOW - 30 * DAY });
  t = crmCore();
});
afterEach(async () => {
  t.cleanup();
  await fake.close();
});

const value = (sql: string, ...params: unknown[]) => sqlValue(t.core, sql, ...params);

async function info(): Promise<ConnectionInfo> {
  return (await call<ConnectionInfo[]>(t.core, 'connections.list', {}))[0]!;
}

describe('the stage mapping', () => {
  test('a stage that appears later is reported with its deals, not guessed; mapping it re-reads deals as history', async () => {
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    fake.pipelines[0]!.stages.push({
      id: 'pilot',
      label: 'Pilot running',
      displayOrder: 5,
      metadata: { isClosed: 'false', probability: '0.6' },
    });
    fake.touchDeal('100002', { dealstage: 'pilot' }, NOW - 60_000);
    const before = value(`SELECT stage_id FROM deals WHERE external_id = '100002'`);
    await syncOnce(t.core);

    const reported = await info();
    expect(reported.unknownStages).toEqual([
      expect.objectContaining({ crmStageId: 'pilot', label: 'Pilot running', deals: 1 }),
    ]);
    // The deal stays where it was on the wall rather than being moved to a guess.
    expect(value(`SELECT stage_id FROM deals WHERE external_id = '100002'`)).toBe(before);

    t.events.length = 0;
    const preview = await call<{ stages: { crmStageId: string; stageId: string; confirmed: boolean }[] }>(
      t.core,
      'connections.previewMapping',
      { vendor: 'hubspot' },
    );
    expect(preview.stages.find((stage) => stage.crmStageId === 'pilot')).toMatchObject({
      stageId: 'proposal',
      confirmed: false,
    });
    await call(t.core, 'connections.confirmMapping', {
      vendor: 'hubspot',
      stages: preview.stages.map((stage) => ({
        crmStageId: stage.crmStageId,
        stageId: stage.crmStageId === 'pilot' ? 'negotiation' : stage.stageId,
      })),
    });
    await syncOnce(t.core);
    expect(value(`SELECT stage_id FROM deals WHERE external_id = '100002'`)).toBe('negotiation');
    expect((await info()).unknownStages).toEqual([]);
    expect(t.events.filter((event) => event.type.startsWith('deal.'))).toEqual([]);
  });

  test('confirming needs every CRM stage mapped, naming the ones left out', async () => {
    await call(t.core, 'connections.save', {
      vendor: 'hubspot',
      baseUrl: fake.url,
      credentials: { accessToken: fake.token },
    });
    await call(t.core, 'connections.previewMapping', { vendor: 'hubspot' });
    const answer = await t.core.dispatch(
      'connections.confirmMapping',
      { vendor: 'hubspot', stages: [{ crmStageId: 'closedwon', stageId: 'won' }] },
      { role: 'admin' },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', field: 'stages' } });
    expect(JSON.stringify(answer)).toContain('Appointment Scheduled');
  });
});

describe('local data and entered deals', () => {
  test('a lead review and a follow-up entered here survive every sync of the lead', async () => {
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    const leadId = value(`SELECT id FROM leads WHERE external_id = '3'`) as string;
    insertLeadReview(t.core.ctx.db, { leadId, rating: 4, reviewedAt: NOW - 1000, reasonCodes: ['good_fit'] });
    t.core.ctx.db.prepare(`UPDATE leads SET first_follow_up_at = ? WHERE id = ?`).run(NOW - 500, leadId);

    fake.touchContact(
      '3',
      { company: 'Renamed GmbH', hs_lifecyclestage_salesqualifiedlead_date: new Date(NOW - 100).toISOString() },
      NOW - 100,
    );
    await syncOnce(t.core);
    expect(value(`SELECT id FROM leads WHERE external_id = '3'`)).toBe(leadId);
    expect(value(`SELECT company FROM leads WHERE id = ?`, leadId)).toBe('Renamed GmbH');
    // The CRM's new stage date arrives; the stage itself follows the lead's won deals (METRICS).
    expect(value(`SELECT sql_at FROM leads WHERE id = ?`, leadId)).toBe(NOW - 100);
    const won = value(`SELECT count(*) FROM deals WHERE lead_id = ? AND status = 'won' AND deleted_at IS NULL`, leadId);
    expect(value(`SELECT stage FROM leads WHERE id = ?`, leadId)).toBe(won === 0 ? 'sql' : 'customer');
    expect(value(`SELECT first_follow_up_at FROM leads WHERE id = ?`, leadId)).toBe(NOW - 500);
    expect(value(`SELECT count(*) FROM lead_reviews WHERE lead_id = ? AND deleted_at IS NULL`, leadId)).toBe(1);
  });

  test('an entered deal identical to a CRM deal is taken over, never counted twice; a lookalike is offered for linking', async () => {
    const same = createDeal(t.core.ctx, {
      title: 'deal 1',
      amountMinor: 100_100,
      currency: 'EUR',
      stageId: 'demo',
    } as never);
    const lookalike = createDeal(t.core.ctx, {
      title: 'Deal 2',
      amountMinor: 500,
      currency: 'EUR',
      stageId: 'demo',
    } as never);
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);

    expect(value(`SELECT count(*) FROM deals WHERE lower(title) = 'deal 1' AND deleted_at IS NULL`)).toBe(1);
    expect(value(`SELECT external_id FROM deals WHERE id = ?`, same.id)).toBe('100001');
    expect(value(`SELECT count(*) FROM deals WHERE deleted_at IS NULL`)).toBe(11);

    const matches = (await info()).entryMatches;
    expect(matches).toEqual([
      expect.objectContaining({ enteredDealId: lookalike.id, enteredAmountMinor: 500, syncedAmountMinor: 100_200 }),
    ]);
    const synced = matches[0]!.syncedDealId;
    await call(t.core, 'connections.linkEntered', {
      vendor: 'hubspot',
      links: [{ enteredDealId: lookalike.id, syncedDealId: synced, action: 'link' }],
    });
    expect(value(`SELECT count(*) FROM deals WHERE title = 'Deal 2' AND deleted_at IS NULL`)).toBe(1);
    expect(value(`SELECT amount_minor FROM deals WHERE id = ?`, lookalike.id)).toBe(100_200);
    expect(value(`SELECT count(*) FROM deals WHERE deleted_at IS NULL`)).toBe(10);
    // The linked deal stays the CRM's: the next change there reaches it.
    fake.touchDeal('100002', { amount: '2500' }, NOW - 10);
    await syncOnce(t.core);
    expect(value(`SELECT amount_minor FROM deals WHERE id = ?`, lookalike.id)).toBe(250_000);
    expect((await info()).entryMatches).toEqual([]);
  });

  test('disconnecting forgets the credentials and keeps the synced records', async () => {
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    const result = await call<{ keptRecords: number }>(t.core, 'connections.disconnect', { vendor: 'hubspot' });
    expect(result.keptRecords).toBeGreaterThanOrEqual(20);
    expect(value(`SELECT count(*) FROM deals WHERE external_source = 'hubspot' AND deleted_at IS NULL`)).toBe(10);
    expect(t.core.ctx.secrets.get('crm.hubspot.accessToken')).toBeNull();
    expect(await call(t.core, 'connections.list', {})).toEqual([]);
  });
});

describe('credentials', () => {
  test('appear in no database file, export, backup, API answer or activity event; the admin sees the last 4', async () => {
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    const secret = fake.token;
    const tail = secret.slice(-4);

    const list = await call<ConnectionInfo[]>(t.core, 'connections.list', {});
    expect(list[0]!.credentials).toEqual([{ field: 'accessToken', hint: `…${tail}` }]);
    const answers = [
      list,
      await call(t.core, 'connections.status', {}),
      await call(t.core, 'activity.list', { limit: 200 }),
      exportAll(t.core.ctx).json,
    ];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(secret.slice(0, 12));

    t.core.ctx.db.pragma('wal_checkpoint(TRUNCATE)');
    const backup = await createBackup(t.core.ctx, 'manual');
    const files = [t.core.ctx.dbFile, path.join(path.dirname(t.core.ctx.dbFile), 'backups', backup.fileName)];
    for (const file of files) expect(fs.readFileSync(file).includes(Buffer.from(secret.slice(0, 12)))).toBe(false);
  });
});

describe('fields the CRM owns', () => {
  test('lists say which CRM keeps a record, and a change to a synced deal is refused with the CRM named', async () => {
    const entered = createDeal(t.core.ctx, {
      title: 'Ours',
      amountMinor: 100,
      currency: 'EUR',
      stageId: 'demo',
    } as never);
    await connectHubSpot(t.core, fake);
    await syncOnce(t.core);
    const deals = await call<{ id: string; syncedFrom?: string | null }[]>(t.core, 'deals.list', { limit: 50 });
    expect(deals.find((deal) => deal.id === entered.id)?.syncedFrom).toBeNull();
    const synced = deals.find((deal) => deal.syncedFrom === 'hubspot')!;
    expect(deals.filter((deal) => deal.syncedFrom === 'hubspot')).toHaveLength(10);
    const leads = await call<{ syncedFrom?: string | null }[]>(t.core, 'leads.list', { limit: 50 });
    expect(leads.every((lead) => lead.syncedFrom === 'hubspot')).toBe(true);

    const refused = await t.core.dispatch('deals.moveStage', { dealId: synced.id, stageId: 'won' }, { role: 'admin' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This deal comes from HubSpot: change it there.' },
    });
    const moved = await t.core.dispatch(
      'deals.moveStage',
      { dealId: entered.id, stageId: 'proposal' },
      { role: 'admin' },
    );
    expect(moved.ok).toBe(true);
  });
});
