/**
 * An unattended install through the real built `serve`: a config file sets up the empty database
 * at the first start; an invalid one stops serve with a message naming the file and the field, and
 * leaves nothing behind.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { startServedApp, type ServedApp } from './support/server-process';

let dataDir: string;
let app: ServedApp | undefined;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'alignboard-serve-config-'));
});
afterEach(async () => {
  await app?.stop();
  app = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

/** Calls a method over HTTP as the admin. */
async function call(served: ServedApp, method: string, input: unknown = {}): Promise<unknown> {
  const response = await fetch(`${served.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${served.adminToken}`, origin: served.url },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: unknown; error?: unknown };
  if (!response.ok) throw new Error(`${method} failed (${response.status}): ${JSON.stringify(body.error)}`);
  return body.result;
}

describe('serve with a config file', () => {
  test('--setup without a config waits for the first-run setup', async () => {
    app = await startServedApp({ dataDir, setup: true });
    expect(await call(app, 'setup.status')).toEqual({ needed: true, completedAt: null });
  });

  test('sets up an empty database from the file named by --config', async () => {
    const file = join(dataDir, 'install.json');
    writeFileSync(
      file,
      JSON.stringify({
        setup: {
          data: 'empty',
          adminPin: '4321',
          teamNames: { sales: 'Field', marketing: 'Brand' },
          kpi: { target: 9 },
          slides: ['kpi', 'sla'],
        },
      }),
    );
    app = await startServedApp({ dataDir, setup: true, args: ['--config', file] });

    expect(await call(app, 'setup.status')).toMatchObject({ needed: false });
    const settings = (await call(app, 'settings.display')) as { teamNames: unknown; playlist: { slideId: string }[] };
    expect(settings.teamNames).toEqual({ sales: 'Field', marketing: 'Brand' });
    expect(settings.playlist.slice(0, 2).map((entry) => entry.slideId)).toEqual(['kpi', 'sla']);
    expect(await call(app, 'people.list')).toEqual([]);
  });

  test('an invalid config file stops serve with its message, before any database is made', async () => {
    const file = join(dataDir, 'alignboard.config.json');
    writeFileSync(
      file,
      JSON.stringify({ setup: { data: 'empty', adminPin: '4321', kpi: { target: 0 }, slides: ['kpi'] } }),
    );

    const failed = startServedApp({ dataDir, setup: true });
    await expect(failed).rejects.toThrow(/serve exited with 1/);
    await expect(failed).rejects.toThrow(`${file}: setup.kpi.target must be at least 1`);
    expect(existsSync(join(dataDir, 'alignboard.db'))).toBe(false);
  });

  test('a --config file that does not exist stops serve', async () => {
    const missing = join(dataDir, 'missing.json');
    await expect(startServedApp({ dataDir, args: ['--config', missing] })).rejects.toThrow(
      `${missing}: there is no such file`,
    );
  });
});
