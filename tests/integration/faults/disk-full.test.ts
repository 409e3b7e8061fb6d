/**
 * Disk full, simulated with `PRAGMA max_page_count` on the live connection: a command fails with words a
 * person understands ("The database is full: …"), not 'internal', and nothing of it is written.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { fingerprint } from './db-fingerprint';

let dir: string | undefined;
let core: Core | undefined;
afterEach(() => {
  core?.close();
  core = undefined;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('a full disk', () => {
  it('fails the command with a clear message and writes nothing of it', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-full-'));
    core = createCore({
      dbFile: path.join(dir, 'alignboard.db'),
      clock: fixedClock(Date.UTC(2026, 10, 27, 9)),
      version: '0.0.0-test',
      backups: false,
    });
    const { db } = core.ctx;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);

    // The free pages inside the file take a few writes; then there is no room left.
    let failure: { code: string; message: string } | undefined;
    for (let attempt = 0; attempt < 500 && !failure; attempt += 1) {
      const before = fingerprint(db);
      const outcome = await core.dispatch(
        'glossary.save',
        {
          term: `Term ${attempt}`,
          definition: 'd'.repeat(1900),
        },
        { role: 'admin' },
      );
      if (outcome.ok) continue;
      failure = outcome.error;
      expect(fingerprint(db)).toBe(before);
    }

    expect(failure).toBeDefined();
    expect(failure!.code).toBe('conflict');
    expect(failure!.message).toMatch(/^The database is full: /);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
