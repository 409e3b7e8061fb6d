/**
 * The first-run setup on a real database file behind the real core and dispatch: when it is
 * needed, what it stores (read back through the methods the wall and the admin use), that it runs once,
 * and that a failure anywhere in it stores nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { MethodInput, MethodName, MethodResult } from '@shared/contract';
import { describeActivity } from '@shared/describe-activity';
import type { ServerEvent } from '@shared/events';
import { SLIDE_IDS } from '@shared/slides';
import { createCore, type Core, type CoreOptions } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { fingerprint } from '../faults/db-fingerprint';

// 00:30 on 1 October in Berlin, still 30 September in UTC: the period must be the room's.
const NOW = Date.parse('2026-09-30T22:30:00Z');
const ZONE = 'Europe/Berlin';

const SETUP = {
  data: 'empty',
  adminPin: '482913',
  teamNames: { sales: 'Closers', marketing: 'Growth' },
  kpi: { periodKind: 'quarter', target: 42 },
  slides: ['sla', 'kpi', 'glossary'],
} as const satisfies MethodInput<'setup.complete'>;

let dir: string;
let core: Core | undefined;
let pushed: ServerEvent[];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-setup-'));
  pushed = [];
});
afterEach(() => {
  core?.close();
  core = undefined;
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A core over the temp dir's database, the room in Berlin (set before any data, as a plain setting). */
function start(demo: CoreOptions['demo'], options: Partial<CoreOptions> = {}): Core {
  core?.close();
  core = createCore({
    dbFile: path.join(dir, 'alignboard.db'),
    clock: fixedClock(NOW),
    version: '0.0.0-test',
    demo,
    timezone: ZONE,
    backups: false,
    ...options,
  });
  // A damaged file is open read-only: nothing can be written there, not even by the test.
  if (!core.ctx.corrupt) {
    core.ctx.db
      .prepare(`INSERT OR IGNORE INTO settings (key, value, updated_at) VALUES ('room.timezone', ?, 0)`)
      .run(JSON.stringify(ZONE));
  }
  core.ctx.bus.subscribe((event) => pushed.push(event));
  return core;
}

async function ok<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  const reply = await core!.dispatch(method, input, { role: 'admin' });
  if (!reply.ok) throw new Error(`${method} failed: ${JSON.stringify(reply.error)}`);
  return reply.result as MethodResult<M>;
}

async function refused(method: string, input: unknown) {
  const reply = await core!.dispatch(method, input, { role: 'admin' });
  if (reply.ok) throw new Error(`${method} succeeded but should have been refused`);
  return reply.error;
}

function count(table: string): number {
  return core!.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

function eventsOfType(type: string): { payload: string }[] {
  return core!.ctx.db.prepare('SELECT payload FROM activity_events WHERE type = ?').all(type) as { payload: string }[];
}

describe('setup.status', () => {
  test('an empty database started for setup waits for it', async () => {
    start('setup');
    expect(await ok('setup.status', {})).toEqual({ needed: true, completedAt: null });
  });

  test('an empty database started with --no-demo stays empty without asking, and setup is refused there', async () => {
    start('never');
    expect(await ok('setup.status', {})).toEqual({ needed: false, completedAt: null });
    expect(await refused('setup.complete', SETUP)).toMatchObject({ code: 'conflict' });
  });

  test('a database filled with demo data at start counts as set up, also when restarted for setup', async () => {
    start('if-empty');
    expect(count('people')).toBeGreaterThan(0);
    expect(await ok('setup.status', {})).toEqual({ needed: false, completedAt: null });
    start('setup');
    expect(await ok('setup.status', {})).toEqual({ needed: false, completedAt: null });
    const before = fingerprint(core!.ctx.db);
    expect(await refused('setup.complete', SETUP)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already set up/),
    });
    expect(fingerprint(core!.ctx.db)).toBe(before);
  });

  test('a damaged database never shows the setup: the wall must say it is damaged', async () => {
    start('never');
    core!.close();
    core = undefined;
    // The deals table's root page overwritten with noise, its header included.
    const file = path.join(dir, 'alignboard.db');
    const probe = new Database(file, { readonly: true });
    const pageSize = probe.pragma('page_size', { simple: true }) as number;
    const root = probe.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'deals'`).pluck().get() as number;
    probe.close();
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
    fs.closeSync(fd);

    start('setup');
    expect(core!.ctx.corrupt).toBeTruthy();
    expect(await ok('setup.status', {})).toEqual({ needed: false, completedAt: null });
    expect(await refused('setup.complete', SETUP)).toMatchObject({ code: 'conflict' });
  });

  test('a settings change before setup is not data: the setup screen stays', async () => {
    start('setup');
    await ok('settings.save', { theme: 'light' });
    expect(await ok('setup.status', {})).toMatchObject({ needed: true });
  });
});

describe('setup.complete', () => {
  test('with an empty start: every figure it sets reads back through the methods the wall and admin use', async () => {
    start('setup');
    const before = (await ok('settings.display', {})).playlist;

    expect(await ok('setup.complete', SETUP)).toEqual({ needed: false, completedAt: NOW });
    expect(await ok('setup.status', {})).toEqual({ needed: false, completedAt: NOW });

    const settings = await ok('settings.display', {});
    expect(settings.teamNames).toEqual({ sales: 'Closers', marketing: 'Growth' });
    expect(settings.periodKind).toBe('quarter');
    // The chosen slides on, in the chosen order, then every other slide off, each keeping its seconds.
    const rest = SLIDE_IDS.filter((id) => !(SETUP.slides as readonly string[]).includes(id));
    expect(settings.playlist.map((entry) => [entry.slideId, entry.enabled])).toEqual([
      ...SETUP.slides.map((id) => [id, true]),
      ...rest.map((id) => [id, false]),
    ]);
    for (const entry of settings.playlist) {
      expect(entry.durationSec).toBe(before.find((old) => old.slideId === entry.slideId)!.durationSec);
    }
    // The quarter of 00:30 on 1 October in Berlin is Q4, though it is still Q3 in UTC.
    expect(await ok('kpi.targets', {})).toEqual([
      { kpiId: 'new_paying_customers', periodKind: 'quarter', periodStart: '2026-10-01', target: 42 },
    ]);
    expect(await ok('kpi.get', {})).toMatchObject({ figure: { target: 42 }, period: { label: 'Q4 2026' } });
    expect(await ok('admin.pinStatus', {})).toEqual({ set: true });
    expect(await ok('admin.verifyPin', { pin: SETUP.adminPin })).toEqual({ ok: true });
    expect(await ok('app.info', {})).toMatchObject({ demo: false });
    expect(count('people') + count('deals') + count('leads')).toBe(0);
  });

  test('records one event, pushed to the walls, that never carries the PIN or its hash', async () => {
    start('setup');
    await ok('setup.complete', SETUP);

    const activity = pushed.filter((event) => event.name === 'activity.recorded');
    expect(activity.map((event) => event.name === 'activity.recorded' && event.data.type)).toEqual(['setup.completed']);
    const [stored] = eventsOfType('setup.completed');
    expect(stored).toBeDefined();
    const payload = JSON.parse(stored!.payload) as Record<string, unknown>;
    expect(payload).toMatchObject({ data: 'empty', target: 42, slides: [...SETUP.slides] });
    expect(describeActivity({ type: 'setup.completed', payload }, 'EUR')).toEqual({
      headline: 'Wall set up',
      detail: 'target 42 for Q4 2026',
    });
    const hash = core!.ctx.secrets.get('admin.pin')!;
    expect(stored!.payload).not.toContain(SETUP.adminPin);
    expect(stored!.payload).not.toContain(JSON.parse(hash).hash as string);
    expect(stored!.payload).not.toContain('setup.completedAt');
  });

  test('with demo data: the demo quarter, marked as demo, with the chosen target for this period', async () => {
    start('setup');
    await ok('setup.complete', { ...SETUP, data: 'demo', kpi: { target: 17 } });

    expect(await ok('app.info', {})).toMatchObject({ demo: true });
    expect((await ok('people.list', {})).length).toBeGreaterThan(0);
    expect(count('deals')).toBeGreaterThan(0);
    // The demo writes targets for its months; the chosen one replaces this month's.
    const targets = await ok('kpi.targets', {});
    expect(targets.find((target) => target.periodStart === '2026-10-01' && target.periodKind === 'month')).toEqual({
      kpiId: 'new_paying_customers',
      periodKind: 'month',
      periodStart: '2026-10-01',
      target: 17,
    });
    expect((await ok('settings.display', {})).periodKind).toBe('month');
    expect(await ok('setup.status', {})).toEqual({ needed: false, completedAt: NOW });
  });

  test('with demo data: the demo meetings show only the chosen slides, so no meeting brings back another', async () => {
    start('setup');
    await ok('setup.complete', { ...SETUP, data: 'demo' });

    const rows = core!.ctx.db.prepare('SELECT title, slide_ids AS slideIds FROM meetings').all() as {
      title: string;
      slideIds: string;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    const sets = rows.map((row) => JSON.parse(row.slideIds) as string[]);
    for (const set of sets) expect(set.every((slideId) => SETUP.slides.includes(slideId as never))).toBe(true);
    // The stand-up still shows what the room chose; a meeting whose slides were all left out shows the playlist.
    const standup = rows.findIndex((row) => /stand-up/i.test(row.title));
    expect([...sets[standup]!].sort()).toEqual([...SETUP.slides].sort());
    expect(sets.some((set) => set.length === 0)).toBe(true);
  });

  test('runs once: a second call is refused and changes nothing, also after a restart', async () => {
    start('setup');
    await ok('setup.complete', SETUP);
    const before = fingerprint(core!.ctx.db);

    expect(await refused('setup.complete', { ...SETUP, adminPin: '1111' })).toMatchObject({ code: 'conflict' });
    expect(fingerprint(core!.ctx.db)).toBe(before);

    // Set up empty, a later start that would fill an empty database with demo data leaves it empty.
    start('if-empty');
    expect(count('people')).toBe(0);
    expect(await ok('app.info', {})).toMatchObject({ demo: false });
    expect(await ok('setup.status', {})).toEqual({ needed: false, completedAt: NOW });
    expect(await ok('admin.verifyPin', { pin: SETUP.adminPin })).toEqual({ ok: true });
  });

  test('a failure at its last step stores nothing: no demo data, no PIN, no settings, no event', async () => {
    start('setup');
    // Writing the completion mark is the last step of setup; the test's trigger makes it fail there.
    core!.ctx.db.exec(`CREATE TRIGGER fail_setup BEFORE INSERT ON settings WHEN NEW.key = 'setup.completedAt'
      BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
    const before = fingerprint(core!.ctx.db);
    const seen = pushed.length;
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});

    expect(await refused('setup.complete', { ...SETUP, data: 'demo' })).toMatchObject({ code: 'internal' });
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();

    expect(fingerprint(core!.ctx.db)).toBe(before);
    expect(pushed.length).toBe(seen);
    expect(await ok('setup.status', {})).toEqual({ needed: true, completedAt: null });
    expect(await ok('admin.pinStatus', {})).toEqual({ set: false });
    expect(await ok('app.info', {})).toMatchObject({ demo: false });

    // The indexes the demo generator drops while it loads are back too: setup works once the fault is gone.
    core!.ctx.db.exec('DROP TRIGGER fail_setup');
    await ok('setup.complete', { ...SETUP, data: 'demo' });
    expect(count('people')).toBeGreaterThan(0);
  });

  test.each([
    [{ ...SETUP, kpi: { target: 0 } }, 'kpi.target', /kpi\.target must be at least 1/],
    [{ ...SETUP, adminPin: '12' }, 'adminPin', /adminPin must be 4 to 12 digits/],
    [{ ...SETUP, slides: ['kpi', 'sla', 'kpi'] }, 'slides.2', /slides\.2 repeats "kpi"/],
    [{ ...SETUP, slides: ['kpi', 'weather'] }, 'slides.1', /slides\.1 must be one of/],
    [{ ...SETUP, slides: [] }, 'slides', /pick at least one slide/],
    [{ ...SETUP, teamNames: { sales: ' ', marketing: 'Growth' } }, 'teamNames.sales', /teamNames\.sales is required/],
    [{ ...SETUP, data: 'some' }, 'data', /data must be demo or empty/],
    [{ ...SETUP, colour: 'red' }, 'colour', /colour is not a known field/],
    [{ data: 'empty', kpi: { target: 5 }, slides: ['kpi'] }, 'adminPin', /adminPin is required/],
  ])('refuses bad input naming the field, and writes nothing (%#)', async (input, field, message) => {
    start('setup');
    const before = fingerprint(core!.ctx.db);
    const error = await refused('setup.complete', input);
    expect(error).toMatchObject({ code: 'invalid_input', field });
    expect(error.message).toMatch(message);
    expect(fingerprint(core!.ctx.db)).toBe(before);
  });

  test('a PIN set in the admin before setup is not replaced by whoever reaches the setup screen', async () => {
    start('setup');
    await ok('admin.setPin', { pin: '5555' });
    const before = fingerprint(core!.ctx.db);

    expect(await refused('setup.complete', SETUP)).toMatchObject({ code: 'forbidden', field: 'adminPin' });
    // Only the wrong try is counted (towards the lockout, in the secret store); nothing of the setup is stored.
    expect(await ok('setup.status', {})).toMatchObject({ needed: true });
    expect(count('kpi_targets')).toBe(0);
    expect(fingerprint(core!.ctx.db)).toBe(before);
    expect(JSON.parse(core!.ctx.secrets.get('admin.pinAttempts')!)).toMatchObject({ failures: 1 });

    await ok('setup.complete', { ...SETUP, adminPin: '5555' });
    expect(await ok('admin.verifyPin', { pin: '5555' })).toEqual({ ok: true });
  });

  test('undo puts the settings and the target back, but never brings the setup screen back', async () => {
    start('setup');
    const defaults = await ok('settings.display', {});
    await ok('setup.complete', SETUP);

    await ok('history.undo', {});

    const settings = await ok('settings.display', {});
    expect(settings.playlist).toEqual(defaults.playlist);
    expect(settings.teamNames).toEqual({ sales: 'Sales', marketing: 'Marketing' });
    expect(await ok('kpi.targets', {})).toEqual([]);
    expect(await ok('setup.status', {})).toEqual({ needed: false, completedAt: NOW });
    expect(await ok('admin.pinStatus', {})).toEqual({ set: true });
  });
});

describe('team names in settings.save', () => {
  test('are saved and read back; a blank one is refused naming the field', async () => {
    start('never');
    expect((await ok('settings.display', {})).teamNames).toEqual({ sales: 'Sales', marketing: 'Marketing' });
    await ok('settings.save', { teamNames: { sales: 'Vertrieb', marketing: 'Marketing & PR' } });
    expect((await ok('settings.display', {})).teamNames).toEqual({ sales: 'Vertrieb', marketing: 'Marketing & PR' });
    expect(await refused('settings.save', { teamNames: { sales: 'Vertrieb', marketing: '' } })).toMatchObject({
      code: 'invalid_input',
      field: 'teamNames.marketing',
    });
  });
});
