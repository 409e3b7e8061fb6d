/**
 * An import is one command in the history: a small one (up to UNDOABLE_ROW_LIMIT rows) carries its row
 * changes and undo takes it back completely; a large one is marked as not undoable and is not offered.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FunnelResult } from '@shared/domain';
import type { HistoryEntry } from '@shared/records';
import { UNDOABLE_ROW_LIMIT } from '../../../electron/core/services/import/store-rows';
import { fingerprint, fixtureText, importText, openHarness, type ImportHarness } from './import-support';

let h: ImportHarness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

describe('undoing an import', () => {
  it('takes a small import back: rows, created owners, saved mapping and figures', async () => {
    const before = fingerprint(h.core);
    const funnelBefore = await h.call<FunnelResult>('funnel.get');
    const text = fixtureText('unknown-owner.csv');
    await h.call('import.run', (await importText(h, text, { createOwners: true })).input);
    expect(fingerprint(h.core).counts.deals).toBe(4);

    const [entry] = await h.call<HistoryEntry[]>('history.recent', { limit: 5 });
    expect(entry).toMatchObject({ type: 'import.completed', undoable: true });
    await h.call('history.undo', { eventId: entry!.eventId });

    // Only the log grew (the import and its undo); every table people fill is as before (the aggregate
    // tables may keep rows counting zero), and so are the figures.
    const tables = (counts: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(counts).filter(([table]) => !table.startsWith('agg_') && table !== 'activity_events'),
      );
    const after = fingerprint(h.core);
    expect(tables(after.counts)).toEqual(tables(before.counts));
    expect(after.counts.activity_events).toBe(before.counts.activity_events! + 2);
    const funnelAfter = await h.call<FunnelResult>('funnel.get');
    expect(funnelAfter.pipeline).toEqual(funnelBefore.pipeline);
    expect(funnelAfter.pipeline.every((row) => row.openCount === 0)).toBe(true);
    expect(h.core.ctx.db.prepare(`SELECT count(*) AS n FROM people WHERE name = 'Zoe Unknown'`).get()).toEqual({
      n: 0,
    });
  });

  it(`does not offer a large import (over ${UNDOABLE_ROW_LIMIT} rows) for undo`, async () => {
    const header = fixtureText('hubspot-deals.csv').split('\r\n')[0]!;
    const rows = Array.from(
      { length: UNDOABLE_ROW_LIMIT + 1 },
      (_, i) => `${70_000 + i},Deal ${i},Contract Sent,,Ana Lima,100,2026-03-02,Sales Pipeline,EUR`,
    );
    await h.call('import.run', (await importText(h, [header, ...rows].join('\n'))).input);
    const event = h.core.ctx.db
      .prepare(`SELECT payload FROM activity_events WHERE type = 'import.completed'`)
      .get() as { payload: string };
    expect(JSON.parse(event.payload)).toMatchObject({ imported: UNDOABLE_ROW_LIMIT + 1, undoable: false });
    expect(JSON.parse(event.payload)).not.toHaveProperty('changes');
    const history = await h.call<HistoryEntry[]>('history.recent', { limit: 5 });
    expect(history.map((entry) => entry.type)).not.toContain('import.completed');
  });
});
