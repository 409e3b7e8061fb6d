/**
 * The CRM sync against a fake HubSpot (in its own process) that allows HubSpot's documented rate for
 * private apps, 100 calls per 10 s, through the real `@hubspot/api-client`:
 * - `crm_initial_sync_share_of_rate_limit`: records per second of a first sync of 20,000 records, as a
 *   share of the most that rate allows (100 calls × 100 records per 10 s): the CRM should be the bottleneck;
 * - `crm_idle_poll_cpu_ms`: this process's CPU time for one poll when nothing changed;
 * - `crm_change_to_wall_p95_s`: from a deal moved to won in the CRM to the wall's 'deal.won' event, with the
 *   scheduler polling every 15 s (budget: the poll interval + 1 s).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { isEventOf } from '../src/shared/activity-events';
import { createCore, type Core } from '../electron/core/create-core';
import { memorySecretStore } from '../electron/core/secrets/secret-store';
import { median, quantile, recordResults, round } from './support/results';

const DEALS = 10_000;
const CONTACTS = 10_000;
const RATE_MAX = 100;
const RATE_INTERVAL_MS = 10_000;
const RECORDS_PER_CALL = 100;
const POLL_SEC = 15;
const CHANGES = Number(process.env.BENCH_CRM_CHANGES ?? 4);
const log = (line: string) => process.stdout.write(`[bench:crm] ${line}\n`);

let dir: string;
let child: ChildProcessWithoutNullStreams;
let lines: AsyncIterator<string>;
let fake: { url: string; token: string };

async function nextLine(): Promise<string> {
  const { value, done } = await lines.next();
  if (done) throw new Error('the fake HubSpot process ended');
  return value;
}

function openCore(autoStart: boolean): Core {
  return createCore({
    dbFile: path.join(dir, `crm-${autoStart ? 'live' : 'sync'}.db`),
    version: 'bench',
    demo: 'never',
    backups: false,
    secrets: memorySecretStore(),
    connections: { autoStart },
  });
}

async function connect(core: Core, pollIntervalSec?: number): Promise<void> {
  const admin = { role: 'admin' as const };
  await core.dispatch(
    'connections.save',
    { vendor: 'hubspot', baseUrl: fake.url, credentials: { accessToken: fake.token }, pollIntervalSec },
    admin,
  );
  const preview = await core.dispatch('connections.previewMapping', { vendor: 'hubspot' }, admin);
  if (!preview.ok) throw new Error(JSON.stringify(preview.error));
  const stages = (preview.result as { stages: { crmStageId: string; stageId: string }[] }).stages;
  const confirmed = await core.dispatch(
    'connections.confirmMapping',
    { vendor: 'hubspot', stages: stages.map((stage) => ({ crmStageId: stage.crmStageId, stageId: stage.stageId })) },
    admin,
  );
  if (!confirmed.ok) throw new Error(JSON.stringify(confirmed.error));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-bench-crm-'));
  const jiti = path.join(process.cwd(), 'node_modules', 'jiti', 'lib', 'jiti-cli.mjs');
  child = spawn(process.execPath, [
    jiti,
    path.join('bench', 'support', 'fake-hubspot-process.ts'),
    String(DEALS),
    String(CONTACTS),
    String(RATE_MAX),
    String(RATE_INTERVAL_MS),
  ]);
  child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  fake = JSON.parse(await nextLine()) as { url: string; token: string };
}, 60_000);

afterAll(() => {
  child?.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('CRM sync', () => {
  test('initial sync share of the rate limit, then an idle poll', async () => {
    const core = openCore(false);
    try {
      // Let the fake's rate window from the preview pass, so the sync starts with a whole window.
      await connect(core);
      await new Promise((resolve) => setTimeout(resolve, RATE_INTERVAL_MS));
      const started = performance.now();
      await core.ctx.connections!.runNow('hubspot');
      const seconds = (performance.now() - started) / 1000;
      const records = core.ctx.db
        .prepare(`SELECT (SELECT count(*) FROM deals) + (SELECT count(*) FROM leads)`)
        .pluck()
        .get() as number;
      expect(records).toBe(DEALS + CONTACTS);
      const maxPerSecond = (RATE_MAX * RECORDS_PER_CALL) / (RATE_INTERVAL_MS / 1000);
      const share = records / seconds / maxPerSecond;
      log(
        `initial sync: ${records} records in ${seconds.toFixed(2)} s = ${(records / seconds).toFixed(0)}/s; share ${share.toFixed(3)}`,
      );

      const samples: number[] = [];
      for (let i = 0; i < 15; i++) {
        const cpu = process.cpuUsage();
        await core.ctx.connections!.runNow('hubspot');
        const used = process.cpuUsage(cpu);
        samples.push((used.user + used.system) / 1000);
      }
      log(`idle poll CPU ms: ${samples.map((value) => value.toFixed(1)).join(', ')}`);
      recordResults('crm', {
        metrics: {
          crm_initial_sync_share_of_rate_limit: {
            value: round(share, 3),
            notes: `${records} records (10k deals with contacts, 10k contacts) in ${seconds.toFixed(1)} s; records/s ÷ the 1,000/s that 100 calls/10 s × 100 records allow`,
            details: { seconds, records, calls: Math.ceil(records / RECORDS_PER_CALL) },
          },
          crm_idle_poll_cpu_ms: {
            value: round(median(samples), 2),
            notes: 'median of 15 polls with nothing changed (this process only; the fake runs in its own)',
            details: { samples },
          },
        },
      });
    } finally {
      core.close();
    }
  }, 180_000);

  test('change in the CRM to the wall', async () => {
    const core = openCore(true);
    try {
      await connect(core, POLL_SEC);
      // The first sync runs at once; wait for it to finish.
      while (
        core.ctx.connections!.isRunning('hubspot') ||
        core.ctx.db.prepare(`SELECT count(*) FROM deals`).pluck().get() === 0
      ) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await core.ctx.connections!.idle('hubspot');
      const samples: number[] = [];
      for (let i = 0; i < CHANGES; i++) {
        // Changes land at different points of the poll cycle.
        await new Promise((resolve) => setTimeout(resolve, 1000 + ((i * 3700) % (POLL_SEC * 1000))));
        const id = String(100_000 + 1 + i * 5);
        const seen = new Promise<number>((resolve) => {
          const stop = core.ctx.bus.subscribe((event) => {
            if (
              event.name === 'activity.recorded' &&
              isEventOf(event.data, 'deal.won') &&
              event.data.payload.title === `Deal ${1 + i * 5}`
            ) {
              stop();
              resolve(Date.now());
            }
          });
        });
        child.stdin.write(`${JSON.stringify({ won: id })}\n`);
        const { at } = JSON.parse(await nextLine()) as { at: number };
        samples.push(((await seen) - at) / 1000);
      }
      log(`change to wall s: ${samples.map((value) => value.toFixed(2)).join(', ')}`);
      recordResults('crm', {
        metrics: {
          crm_change_to_wall_p95_s: {
            value: round(quantile(samples, 0.95), 2),
            notes: `p95 of ${CHANGES} deals moved to won at different points of a ${POLL_SEC} s poll cycle (budget: interval + 1 s)`,
            details: { samples, pollIntervalSec: POLL_SEC },
          },
        },
      });
    } finally {
      core.close();
    }
  }, 180_000);
});
