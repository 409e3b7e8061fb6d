import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { describeActivity } from '@shared/describe-activity';
import { dumpPlanningTables, onlyEvent, planningHarness, rawRow, type PlanningHarness } from './planning-support';

const NOW = Date.parse('2026-11-20T08:00:00Z');

let h: PlanningHarness;

beforeEach(() => {
  h = planningHarness(NOW);
});
afterEach(() => h.temp.cleanup());

const PLAYLIST = [
  { slideId: 'kpi', enabled: true, durationSec: 30 },
  { slideId: 'sla', enabled: false, durationSec: 20 },
  { slideId: 'glossary', enabled: true, durationSec: 15 },
];

describe('settings.save', () => {
  test("keeps the room's locale and clock: British English on the locale's clock until changed", async () => {
    const defaults = await h.ok('settings.display', {});
    expect(defaults).toMatchObject({ locale: 'en-GB', clock: 'locale' });

    const saved = await h.ok('settings.save', { locale: 'de-DE', clock: '12h' });

    expect(saved).toMatchObject({ locale: 'de-DE', clock: '12h' });
    const stored = (key: string) => JSON.parse(String(rawRow(h.temp.db, 'settings', { key })!.value));
    expect(stored('room.locale')).toBe('de-DE');
    expect(stored('room.clock')).toBe('12h');
  });

  test('writes the given settings, returns them merged with the rest, and records one event with the raw rows', async () => {
    const defaults = await h.ok('settings.display', {});
    const seq = h.lastSeq();

    const saved = await h.ok('settings.save', {
      playlist: PLAYLIST,
      theme: 'light',
      celebrations: { enabled: false, durationSec: 10, batchWindowSec: 30, quietHours: null },
    });

    expect(saved).toEqual({
      ...defaults,
      playlist: PLAYLIST,
      theme: 'light',
      celebrations: { enabled: false, durationSec: 10, batchWindowSec: 30, quietHours: null },
    });
    expect(await h.ok('settings.display', {})).toEqual(saved);
    const stored = (key: string) => rawRow(h.temp.db, 'settings', { key });
    expect(JSON.parse(String(stored('display.playlist')!.value))).toEqual(PLAYLIST);

    const event = onlyEvent(h, seq);
    expect(event).toMatchObject({ type: 'settings.changed', entity: 'settings' });
    expect([...(event.payload.keys as string[])].sort()).toEqual(['celebrations', 'playlist', 'theme']);
    const changes = [...(event.payload.changes as { id: string }[])].sort((a, b) => a.id.localeCompare(b.id));
    expect(changes).toEqual(
      ['display.celebrations', 'display.playlist', 'display.theme'].map((key) => ({
        table: 'settings',
        id: key,
        before: null,
        after: stored(key),
      })),
    );
    expect(describeActivity({ type: event.type, payload: event.payload }, 'EUR').headline).toMatch(
      /^Settings changed: .*slides/,
    );
  });

  test('a later save shows the row it replaced; saving current values records nothing', async () => {
    await h.ok('settings.save', { theme: 'light' });
    const before = rawRow(h.temp.db, 'settings', { key: 'display.theme' });
    h.clock.advance(1000);
    let seq = h.lastSeq();

    await h.ok('settings.save', { theme: 'dark', meetingBannerMinutes: 5 });

    // meetingBannerMinutes 5 is its default already: only the theme changed.
    const event = onlyEvent(h, seq);
    expect(event.payload.keys).toEqual(['theme']);
    expect(event.payload.changes).toEqual([
      {
        table: 'settings',
        id: 'display.theme',
        before,
        after: rawRow(h.temp.db, 'settings', { key: 'display.theme' }),
      },
    ]);
    expect(rawRow(h.temp.db, 'settings', { key: 'display.meetingBannerMinutes' })).toBeNull();

    seq = h.lastSeq();
    const tables = dumpPlanningTables(h.temp.db);
    await h.ok('settings.save', { theme: 'dark', timezone: 'Europe/Berlin' });
    expect(h.events(seq)).toEqual([]);
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);
  });

  test('unknown or repeated slide ids and bad values are refused naming the field, and nothing is written', async () => {
    const tables = dumpPlanningTables(h.temp.db);
    const withSlide = (slideId: string) => [...PLAYLIST, { slideId, enabled: true, durationSec: 20 }];

    expect(await h.refused('settings.save', { theme: 'dark', playlist: withSlide('weather') })).toMatchObject({
      code: 'invalid_input',
      field: 'playlist.3.slideId',
    });
    expect(await h.refused('settings.save', { playlist: withSlide('kpi') })).toMatchObject({
      code: 'invalid_input',
      field: 'playlist.3.slideId',
    });
    expect(
      await h.refused('settings.save', { playlist: [{ slideId: 'kpi', enabled: true, durationSec: 2 }] }),
    ).toMatchObject({ code: 'invalid_input', field: 'playlist.0.durationSec' });
    expect(await h.refused('settings.save', { timezone: 'Mars/Olympus_Mons' })).toMatchObject({
      code: 'invalid_input',
      field: 'timezone',
    });
    const badLocale = await h.refused('settings.save', { locale: 'english' });
    expect(badLocale).toMatchObject({ code: 'invalid_input', field: 'locale' });
    expect(badLocale.message).toContain('locale "english"');
    expect(await h.refused('settings.save', { locale: 'en_GB' })).toMatchObject({ field: 'locale' });
    expect(await h.refused('settings.save', { clock: '25h' })).toMatchObject({ code: 'invalid_input', field: 'clock' });
    expect(await h.refused('settings.save', { currency: 'euro' })).toMatchObject({
      code: 'invalid_input',
      field: 'currency',
    });
    expect(await h.refused('settings.save', { machineId: 'x' })).toMatchObject({
      code: 'invalid_input',
      field: 'machineId',
    });
    expect(dumpPlanningTables(h.temp.db)).toEqual(tables);
  });
});
