import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/contract';
import type { Deal } from '@shared/domain';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import { createCore, type Core } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';

/** The caller of these writes: the admin (a viewer's writes are refused before validation). */
const ADMIN = { role: 'admin' } as const;

// Tuesday 2026-11-17, 10:00 in Berlin.
const NOW = Date.UTC(2026, 10, 17, 9, 0);

/** Rows per table: what "nothing was written" is checked against. */
function rowCounts(core: Core): Record<string, number> {
  const tables = core.ctx.db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string }[];
  return Object.fromEntries(
    tables.map(({ name }) => [
      name,
      (core.ctx.db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n,
    ]),
  );
}

describe('dispatch', () => {
  let dir: string;
  let core: Core;
  let validDeal: Record<string, unknown>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'alignboard-dispatch-'));
    core = createCore({
      dbFile: join(dir, 'alignboard.db'),
      clock: fixedClock(NOW),
      version: '9.8.7-test',
      demo: 'if-empty',
      timezone: 'Europe/Berlin',
    });
    const rep = core.ctx.db.prepare(`SELECT id FROM people WHERE team = 'sales' LIMIT 1`).get() as { id: string };
    validDeal = {
      title: 'Acme renewal',
      amountMinor: 1_200_000,
      currency: 'EUR',
      stageId: 'discovery',
      closingRepId: rep.id,
    };
  });

  afterAll(() => {
    core.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a valid write, which adds the deal and one activity event', async () => {
    const before = rowCounts(core);
    const outcome = await core.dispatch('deals.create', validDeal, ADMIN);
    expect(outcome.ok).toBe(true);
    const deal = (outcome as { result: Deal }).result;
    expect(deal).toMatchObject({ title: 'Acme renewal', amountMinor: 1_200_000, stageId: 'discovery', status: 'open' });
    const after = rowCounts(core);
    expect(after.deals).toBe(before.deals! + 1);
    expect(after.activity_events).toBe(before.activity_events! + 1);
  });

  it.each([
    ['a negative amount', { amountMinor: -1 }, 'amountMinor', 'amountMinor must not be negative'],
    ['a fractional amount', { amountMinor: 10.5 }, 'amountMinor', 'amountMinor must be a whole number of cents'],
    ['an amount given as text', { amountMinor: '100' }, 'amountMinor', 'amountMinor must be a number'],
    ['a missing amount', { amountMinor: undefined }, 'amountMinor', 'amountMinor is required'],
    ['an empty title', { title: '   ' }, 'title', 'title is required'],
    ['a missing title', { title: undefined }, 'title', 'title is required'],
    [
      'a lower-case currency',
      { currency: 'eur' },
      'currency',
      'currency must be a three-letter currency code such as EUR',
    ],
    ['an unknown field', { discount: 5 }, 'discount', 'discount is not a known field'],
    ['a stage id of the wrong type', { stageId: 7 }, 'stageId', 'stageId must be a string'],
  ])('rejects %s with invalid_input naming the field, and writes nothing', async (_label, change, field, message) => {
    const before = rowCounts(core);
    const outcome = await core.dispatch('deals.create', { ...validDeal, ...change }, ADMIN);
    expect(outcome).toEqual({ ok: false, error: { code: 'invalid_input', field, message } });
    expect(rowCounts(core)).toEqual(before);
  });

  it('rejects input that is not an object, without a field', async () => {
    const before = rowCounts(core);
    const outcome = await core.dispatch('deals.create', 'Acme renewal', ADMIN);
    expect(outcome).toEqual({ ok: false, error: { code: 'invalid_input', message: 'The input must be an object.' } });
    expect(rowCounts(core)).toEqual(before);
  });

  it('names the field of a read method too (deals.list limit)', async () => {
    expect(await core.dispatch('deals.list', { limit: 0 })).toEqual({
      ok: false,
      error: { code: 'invalid_input', field: 'limit', message: 'limit must be at least 1' },
    });
    expect(await core.dispatch('deals.list', { status: 'maybe' })).toEqual({
      ok: false,
      error: { code: 'invalid_input', field: 'status', message: 'status must be one of "open", "won", "lost"' },
    });
  });

  it('treats undefined input as {} and fills defaults before the handler runs', async () => {
    const total = (
      core.ctx.db.prepare(`SELECT count(*) AS n FROM deals WHERE deleted_at IS NULL`).get() as { n: number }
    ).n;
    const outcome = await core.dispatch('deals.list', undefined);
    expect(outcome.ok).toBe(true);
    // the contract's default limit is 100
    expect((outcome as { result: Deal[] }).result).toHaveLength(Math.min(100, total));
    expect((await core.dispatch('funnel.get', undefined)).ok).toBe(true);
  });

  it('answers unknown methods with unknown_method, including names inherited from Object', async () => {
    for (const method of ['deals.shred', '', '__proto__', 'toString', 'constructor']) {
      const outcome = await core.dispatch(method, {});
      expect(outcome.ok).toBe(false);
      expect((outcome as { error: { code: string } }).error.code).toBe('unknown_method');
    }
  });

  it('passes an ApiError thrown by a handler through unchanged', async () => {
    const dispatch = createDispatcher(core.ctx, core.appInfo, {
      handlers: {
        'deals.moveStage': () => {
          throw new ApiError('conflict', 'The deal was changed by someone else.', 'dealId');
        },
      },
    });
    expect(await dispatch('deals.moveStage', { dealId: 'x', stageId: 'won' }, ADMIN)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'The deal was changed by someone else.', field: 'dealId' },
    });
  });

  it('passes the real not_found of moving a deal that does not exist', async () => {
    const before = rowCounts(core);
    const outcome = await core.dispatch('deals.moveStage', { dealId: 'no-such-deal', stageId: 'won' }, ADMIN);
    expect(outcome.ok).toBe(false);
    expect((outcome as { error: { code: string } }).error.code).toBe('not_found');
    expect(rowCounts(core)).toEqual(before);
  });

  it('turns any other error into internal with a generic message, and logs the real one', async () => {
    const logError = vi.fn();
    const secret = new Error('SQLITE_CORRUPT at /home/someone/secret/path');
    const dispatch = createDispatcher(core.ctx, core.appInfo, {
      handlers: {
        'funnel.get': async () => {
          throw secret;
        },
      },
      logError,
    });
    const outcome = await dispatch('funnel.get', {});
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: { code: string; message: string } }).error;
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('SQLITE');
    expect(logError).toHaveBeenCalledWith('funnel.get failed:', secret);
  });

  it('reports app.info from the core options and the database', async () => {
    const outcome = await core.dispatch('app.info', {});
    expect(outcome).toEqual({
      ok: true,
      result: {
        name: 'Alignboard',
        version: '9.8.7-test',
        bootId: core.appInfo.bootId,
        machineId: core.ctx.machineId,
        demo: true,
        corrupt: null,
      },
    });
    expect(core.appInfo.bootId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });
});

describe('createCore', () => {
  it('leaves an empty database empty with demo: never, and keeps the machine id across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'alignboard-core-'));
    try {
      const dbFile = join(dir, 'alignboard.db');
      const first = createCore({ dbFile, clock: fixedClock(NOW), version: '1.0.0', demo: 'never' });
      const machineId = first.ctx.machineId;
      const bootId = first.appInfo.bootId;
      expect((first.ctx.db.prepare('SELECT count(*) AS n FROM deals').get() as { n: number }).n).toBe(0);
      first.close();
      first.close();

      const second = createCore({ dbFile, clock: fixedClock(NOW), version: '1.0.0', demo: 'never' });
      expect(second.ctx.machineId).toBe(machineId);
      expect(second.appInfo.bootId).not.toBe(bootId);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
