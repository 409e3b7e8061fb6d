/**
 * Sprint goals tied to a figure through the real HTTP server: saving one, the refusals of hand-entered
 * progress and of unknown figures (naming the field), the sprint read the slide uses, undo of a goal edit,
 * and an export restored into an empty database keeping the tie.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiErrorBody } from '@shared/contract';
import type { SprintResult } from '@shared/domain';
import type { SprintGoalRecord, SprintRecord } from '@shared/records';
import { createCore, type Core } from '../../../electron/core/create-core';
import { createHttpServer, type HttpServerHandle } from '../../../electron/core/http/server';
import { fixedClock } from '../../../electron/core/services/support/clock';

// Tuesday 2026-12-01, 10:30 in Berlin; the sprint began on Monday 23 November (local midnight 22 Nov 23:00 UTC).
const NOW = Date.parse('2026-12-01T09:30:00Z');
const SPRINT_START = Date.parse('2026-11-22T23:00:00Z');

let root: string;
let core: Core;
let http: HttpServerHandle;

/** POSTs a method with the admin token (or the viewer's) and returns the status and parsed body. */
async function call<R>(
  method: string,
  input: unknown,
  role: 'admin' | 'viewer' = 'admin',
): Promise<{ status: number; result?: R; error?: ApiErrorBody }> {
  const res = await fetch(`${http.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${http.tokens[role]}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, ...((await res.json()) as { result?: R; error?: ApiErrorBody }) };
}

async function ok<R>(method: string, input: unknown, role: 'admin' | 'viewer' = 'admin'): Promise<R> {
  const answer = await call<R>(method, input, role);
  expect(answer.error, method).toBeUndefined();
  expect(answer.status, method).toBe(200);
  return answer.result!;
}

function sqlsBySql(core: Core): number {
  return (
    core.ctx.db
      .prepare('SELECT COUNT(*) AS n FROM leads WHERE deleted_at IS NULL AND sql_at >= ? AND sql_at < ?')
      .get(SPRINT_START, NOW) as { n: number }
  ).n;
}

/** A core on an empty database file in the room zone Europe/Berlin. */
function openCore(name: string): Core {
  const opened = createCore({
    dbFile: join(root, `${name}.db`),
    clock: fixedClock(NOW),
    version: '1.0.0-test',
    demo: 'never',
    backups: false,
  });
  opened.ctx.db
    .prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES ('room.timezone', '"Europe/Berlin"', 0)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    .run();
  return opened;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'alignboard-goal-figures-'));
  const staticDir = join(root, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Alignboard</title>');
  core = openCore('source');
  const lead = core.ctx.db.prepare(
    `INSERT INTO leads (id, name, stage, source_team, lead_at, mql_at, sql_at, created_at, updated_at)
     VALUES (?, ?, 'sql', 'marketing', ?, ?, ?, 0, 0)`,
  );
  // Two SQLs in November's part of the sprint, one in December's, one before the sprint began.
  for (const [id, sqlAt] of [
    ['a', '2026-11-24T10:00:00Z'],
    ['b', '2026-11-30T22:59:59Z'],
    ['c', '2026-12-01T08:00:00Z'],
    ['d', '2026-11-22T22:59:59Z'],
  ] as const) {
    const at = Date.parse(sqlAt);
    lead.run(id, `Lead ${id}`, at - 86_400_000, at - 3_600_000, at);
  }
  http = await createHttpServer(core, { staticDir, port: 0 });
});

afterAll(async () => {
  await http?.close();
  core?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('sprint goals tied to a figure, over HTTP', () => {
  let sprint: SprintRecord;
  let goal: SprintGoalRecord;

  it('saves a goal tied to SQLs and answers its live value', async () => {
    sprint = await ok<SprintRecord>('sprints.save', {
      name: 'Sprint 48',
      startsOn: '2026-11-23',
      endsOn: '2026-12-04',
    });
    goal = await ok<SprintGoalRecord>('sprintGoals.save', {
      sprintId: sprint.id,
      title: 'SQLs for sales',
      ownerTeam: 'joint',
      target: 10,
      figure: 'sqls',
    });
    expect(sqlsBySql(core)).toBe(3);
    expect(goal).toMatchObject({ figure: 'sqls', current: sqlsBySql(core), awaiting: false });
    const stored = core.ctx.db.prepare('SELECT figure FROM sprint_goals WHERE id = ?').get(goal.id) as {
      figure: string;
    };
    expect(stored.figure).toBe('sqls');
  });

  it('shows the tied goal on the sprint read the slide uses, to a viewer', async () => {
    const current = await ok<SprintResult>('sprints.current', {}, 'viewer');
    const shown = current.sprint!.goals.find((g) => g.id === goal.id)!;
    expect(shown).toMatchObject({ figure: 'sqls', current: sqlsBySql(core), progress: sqlsBySql(core) / 10 });
    const listed = await ok<SprintRecord[]>('sprints.list', {}, 'viewer');
    expect(listed[0]!.goals[0]).toMatchObject({ id: goal.id, figure: 'sqls', current: 3 });
  });

  it('refuses progress typed by hand for a tied goal, naming the field', async () => {
    const progress = await call('sprintGoals.updateProgress', { goalId: goal.id, current: 5 });
    expect(progress.status).toBe(400);
    expect(progress.error).toMatchObject({ code: 'invalid_input', field: 'current' });
    expect(progress.error!.message).toContain('SQLs');
    const save = await call('sprintGoals.save', {
      id: goal.id,
      sprintId: sprint.id,
      title: 'SQLs for sales',
      ownerTeam: 'joint',
      target: 10,
      current: 5,
    });
    expect(save.error).toMatchObject({ code: 'invalid_input', field: 'current' });
    const history = core.ctx.db.prepare('SELECT COUNT(*) AS n FROM sprint_goal_progress').get() as { n: number };
    expect(history.n).toBe(0);
  });

  it('refuses a figure that is not on the list, naming the field', async () => {
    const answer = await call('sprintGoals.save', {
      sprintId: sprint.id,
      title: 'Revenue',
      ownerTeam: 'joint',
      target: 10,
      figure: 'revenue',
    });
    expect(answer.status).toBe(400);
    expect(answer.error).toMatchObject({ code: 'invalid_input', field: 'figure' });
    expect(answer.error!.message).toContain('mqls_delivered');
  });

  it('keeps the tie when a save leaves the figure out, and undo of an untie brings it back', async () => {
    const renamed = await ok<SprintGoalRecord>('sprintGoals.save', {
      id: goal.id,
      sprintId: sprint.id,
      title: 'SQLs handed to sales',
      ownerTeam: 'joint',
      target: 10,
    });
    expect(renamed).toMatchObject({ figure: 'sqls', current: 3 });
    const typed = await ok<SprintGoalRecord>('sprintGoals.save', {
      id: goal.id,
      sprintId: sprint.id,
      title: 'SQLs handed to sales',
      ownerTeam: 'joint',
      target: 10,
      figure: null,
      current: 4,
    });
    expect(typed).toMatchObject({ figure: null, current: 4 });
    await ok('history.undo', {});
    const back = core.ctx.db.prepare('SELECT figure, current FROM sprint_goals WHERE id = ?').get(goal.id) as {
      figure: string | null;
      current: number;
    };
    expect(back).toEqual({ figure: 'sqls', current: 0 });
    const list = await ok<SprintRecord[]>('sprints.list', {});
    expect(list[0]!.goals[0]).toMatchObject({ figure: 'sqls', current: 3 });
  });

  it('travels through export.all and import.json into an empty database', async () => {
    const { json } = await ok<{ json: string }>('export.all', {});
    const target = openCore('target');
    try {
      const restored = await target.dispatch('import.json', { json }, { role: 'admin' });
      expect(restored.ok).toBe(true);
      const row = target.ctx.db.prepare('SELECT figure FROM sprint_goals WHERE id = ?').get(goal.id) as {
        figure: string;
      };
      expect(row.figure).toBe('sqls');
      const answer = await target.dispatch('sprints.current', {}, { role: 'viewer' });
      expect(answer.ok && (answer.result as SprintResult).sprint!.goals[0]).toMatchObject({
        figure: 'sqls',
        current: 3,
      });
    } finally {
      target.close();
    }
  });
});
