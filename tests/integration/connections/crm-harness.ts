/** A core over a temp database connected to a fake CRM, for the sync tests. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActivityEvent } from '../../../src/shared/domain';
import { createCore, type Core } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { memorySecretStore } from '../../../electron/core/secrets/secret-store';
import type { FakeHubSpot } from './fake-hubspot';

/** 2026-11-20 10:00 UTC: the wall's pinned now. */
export const NOW = Date.UTC(2026, 10, 20, 10, 0, 0);

/** A core with the scheduler off (syncs run when the test says) and short waits between retries. */
export function crmCore(): {
  core: Core;
  clock: ReturnType<typeof fixedClock>;
  dir: string;
  events: ActivityEvent[];
  cleanup(): void;
} {
  process.env.TZ = 'UTC';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-crm-'));
  const clock = fixedClock(NOW);
  const core = createCore({
    dbFile: path.join(dir, 'alignboard.db'),
    clock,
    version: '0.0.0-test',
    demo: 'never',
    backups: false,
    secrets: memorySecretStore(),
    connections: { autoStart: false, callLimits: { timeoutMs: 15_000, backoffMs: 20, attempts: 3, maxWaitMs: 20_000 } },
  });
  const events: ActivityEvent[] = [];
  core.ctx.bus.subscribe((event) => {
    if (event.name === 'activity.recorded') events.push(event.data);
  });
  return {
    core,
    clock,
    dir,
    events,
    cleanup() {
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Calls a method as the admin and returns its result, failing the test on an error answer. */
export async function call<T = unknown>(core: Core, method: string, input: unknown): Promise<T> {
  const answer = await core.dispatch(method, input, { role: 'admin' });
  if (!answer.ok) throw new Error(`${method} failed: ${JSON.stringify(answer.error)}`);
  return answer.result as T;
}

/** Saves a HubSpot connection to the fake, previews and confirms the suggested mapping. */
export async function connectHubSpot(core: Core, fake: FakeHubSpot): Promise<void> {
  await call(core, 'connections.save', {
    vendor: 'hubspot',
    baseUrl: fake.url,
    credentials: { accessToken: fake.token },
  });
  const preview = await call<{ stages: { crmStageId: string; stageId: string | null }[] }>(
    core,
    'connections.previewMapping',
    {
      vendor: 'hubspot',
      teamRule: { defaultTeam: 'sales', rules: [{ contains: 'marketing', team: 'marketing' }] },
    },
  );
  await call(core, 'connections.confirmMapping', {
    vendor: 'hubspot',
    stages: preview.stages.map((stage) => ({ crmStageId: stage.crmStageId, stageId: stage.stageId! })),
    teamRule: { defaultTeam: 'sales', rules: [{ contains: 'marketing', team: 'marketing' }] },
  });
}

/** Runs one sync of the vendor to its end. */
export async function syncOnce(core: Core, vendor: 'hubspot' | 'salesforce' = 'hubspot'): Promise<void> {
  await core.ctx.connections!.runNow(vendor);
}

/** One value of an independent SQL query over the core's database. */
export function sqlValue(core: Core, sql: string, ...params: unknown[]): unknown {
  return core.ctx.db
    .prepare(sql)
    .pluck()
    .get(...params);
}
