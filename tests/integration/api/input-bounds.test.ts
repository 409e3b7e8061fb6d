/**
 * Bounds on the inputs that drive work or reach the wall: a sprint is at most a year long and dates stay
 * in this century, and names refuse control, direction-changing and invisible-only text, with an error
 * that names the field.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';

const NOW = Date.UTC(2026, 10, 17, 9, 0);
let dir: string;
let core: Core;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-bounds-'));
  core = createCore({
    dbFile: path.join(dir, 'a.db'),
    clock: fixedClock(NOW),
    version: '1',
    demo: 'never',
    backups: false,
  });
});
afterAll(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const admin = (method: string, input: unknown) => core.dispatch(method, input, { role: 'admin' });
const rows = (table: string) => core.ctx.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('sprints and dates', () => {
  it('refuse a sprint to the year 9999, and one longer than a year, naming endsOn', async () => {
    for (const endsOn of ['9999-12-31', '2027-12-01']) {
      expect(await admin('sprints.save', { name: 'Forever', startsOn: '2026-11-16', endsOn })).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'invalid_input', field: 'endsOn' }),
      });
    }
    expect(rows('sprints')).toBe(0);
    const error = await admin('sprints.save', { name: 'Forever', startsOn: '2026-11-16', endsOn: '2027-12-01' });
    expect(error).toMatchObject({ error: { message: 'endsOn must be at most a year after the start date' } });
    expect(await admin('sprints.save', { name: 'Year', startsOn: '2026-01-01', endsOn: '2026-12-31' })).toMatchObject({
      ok: true,
    });
  });

  it('keep every other date and time in this century', async () => {
    expect(await admin('kpi.setTarget', { periodKind: 'month', periodStart: '9999-01-01', target: 5 })).toMatchObject({
      ok: false,
      error: { field: 'periodStart', message: 'periodStart must be a date between 2000 and 2099' },
    });
    expect(await admin('retros.save', { heldOn: '1066-10-14', wentWell: '', toImprove: '' })).toMatchObject({
      ok: false,
      error: { field: 'heldOn' },
    });
    expect(await admin('leads.logFollowUp', { leadId: 'x', at: 8.64e15 })).toMatchObject({
      ok: false,
      error: { field: 'at', message: 'at must be before the year 2100' },
    });
  });
});

describe('names and titles', () => {
  it.each([
    ['a control character', 'Ana\u0007 Lima', 'must not contain control or text-direction characters'],
    ['a line break', 'Ana\nLima', 'must not contain control or text-direction characters'],
    ['a right-to-left override', 'Ana \u202eamiL', 'must not contain control or text-direction characters'],
    ['a directional isolate', '\u2067Ana\u2069', 'must not contain control or text-direction characters'],
    ['only zero-width characters', '\u200b\u200b\ufeff', 'must contain a visible character'],
  ])('refuse %s with a clear message naming the field', async (_, name, words) => {
    const outcome = await admin('people.save', { name, team: 'sales' });
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'invalid_input', field: 'name', message: `name ${words}` },
    });
    expect(rows('people')).toBe(0);
  });

  it('reach every form that uses the shared name: deal titles, meetings, team names', async () => {
    expect(
      await admin('deals.create', { title: '\u202eevil', amountMinor: 1, currency: 'EUR', stageId: 'demo' }),
    ).toMatchObject({ ok: false, error: { field: 'title' } });
    expect(await admin('settings.save', { teamNames: { sales: '\u200b', marketing: 'M' } })).toMatchObject({
      ok: false,
      error: { field: 'teamNames.sales' },
    });
  });

  it('still take names in any script, with accents and emoji', async () => {
    for (const name of ['Zoë Ørsted', 'محمد علي', '李小龍', 'Ana 🚀']) {
      expect(await admin('people.save', { name, team: 'marketing' }), name).toMatchObject({ ok: true });
    }
  });
});

describe('recording a meeting run', () => {
  it('is rate-limited per caller: a wall gets a few a minute, then a clear refusal', async () => {
    const viewer = { role: 'viewer', key: '192.168.1.40' } as const;
    // Even calls that fail validation count, so that a flood of bad input costs nothing either.
    for (let i = 0; i < 6; i++) {
      expect(await core.dispatch('meetings.recordRun', { meetingId: null }, viewer)).toMatchObject({
        error: { code: 'invalid_input' },
      });
    }
    expect(await core.dispatch('meetings.recordRun', { meetingId: null }, viewer)).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'Too many meetings.recordRun calls; try again in 60 s.' },
    });
    // Another screen is not held back by this one.
    expect(
      await core.dispatch('meetings.recordRun', { meetingId: null }, { role: 'viewer', key: '192.168.1.41' }),
    ).toMatchObject({ error: { code: 'invalid_input' } });
  });
});
