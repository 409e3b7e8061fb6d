/**
 * A database that is busy (another connection holds the write lock) or full (PRAGMA max_page_count) fails
 * the import with a clear message, and the one transaction leaves nothing half-written.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fingerprint, fixtureText, importText, openHarness, type ImportHarness } from './import-support';

let h: ImportHarness;
beforeEach(() => {
  h = openHarness();
});
afterEach(() => h.close());

/** A HubSpot deals file of `rows` rows: enough to need more pages than a tight limit allows. */
function manyDeals(rows: number): string {
  const lines = ['Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Pipeline,Currency'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `${100_000 + i},Generated deal number ${i} with a longish title,Qualified To Buy,,Ana Lima,${1000 + i},2026-03-02 09:00,Sales Pipeline,EUR`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('a busy or full database', () => {
  it('busy: another writer holds the lock; nothing is imported, the message says to try again', async () => {
    await h.call('import.run', (await importText(h, fixtureText('hubspot-contacts.csv'))).input);
    const before = fingerprint(h.core);
    const other = new Database(h.file);
    try {
      other.exec('BEGIN IMMEDIATE');
      // The app waits five seconds for a lock; the test need not.
      h.core.ctx.db.pragma('busy_timeout = 50');
      const { input } = await importText(h, fixtureText('hubspot-deals.csv'));
      const error = await h.failure('import.run', input);
      expect(error).toEqual({
        code: 'conflict',
        message:
          'The database is busy (another program or a backup is writing to it); nothing was imported. Try again in a moment.',
      });
      other.exec('ROLLBACK');
    } finally {
      other.close();
    }
    expect(fingerprint(h.core)).toEqual(before);
    // Once the lock is gone the same import goes through.
    const { input } = await importText(h, fixtureText('hubspot-deals.csv'));
    await expect(h.call('import.run', input)).resolves.toMatchObject({ imported: 9 });
  });

  // 3,000 rows are written row by row; 8,000 (more than the tables hold) with indexes and triggers deferred.
  it.each([3_000, 8_000])('full: the database may not grow; nothing of %i rows is imported', async (rows) => {
    await h.call('import.run', (await importText(h, fixtureText('hubspot-contacts.csv'))).input);
    const before = fingerprint(h.core);
    const pages = h.core.ctx.db.pragma('page_count', { simple: true }) as number;
    h.core.ctx.db.pragma(`max_page_count = ${pages + 5}`);
    const { input } = await importText(h, manyDeals(rows));
    const error = await h.failure('import.run', input);
    expect(error).toEqual({
      code: 'internal',
      message:
        'The disk is full, or the database has reached its size limit; nothing was imported. Free some space and try again.',
    });
    expect(fingerprint(h.core)).toEqual(before);
    expect(h.core.ctx.db.inTransaction).toBe(false);
  });
});
