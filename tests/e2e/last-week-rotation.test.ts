/**
 * The "Last week" slide in a real rotation: the served app with the demo quarter, the slide switched on
 * in the playlist, and the page's clock pinned (Playwright's) to a Monday morning, a Monday afternoon and
 * a Sunday in the room's zone. Only the Monday morning shows it; it reads last week's report.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENS } from './support/browser';
import { startServedApp, type ServedApp } from './support/server-process';
import { DAYTIME_ALWAYS, ROOM_ZONE, seedDemoData, seedSettings, withoutMeetingSlideSets } from './support/wall';

/** Long enough that the rotation moves only when the test fast-forwards the page's clock. */
const SLIDE_SEC = 600;
const PLAYLIST = ['kpi', 'last-week', 'sprint'].map((slideId) => ({ slideId, enabled: true, durationSec: SLIDE_SEC }));

let app: ServedApp;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'alignboard-last-week-'));
  seedDemoData(dataDir, withoutMeetingSlideSets);
  seedSettings(dataDir, { playlist: PLAYLIST, night: DAYTIME_ALWAYS, privacySchedule: null });
  app = await startServedApp({ dataDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A wall whose clock starts at `time` (Playwright's clock: the test moves it on by whole slides). */
async function wallAt(time: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: SCREENS.hd,
    reducedMotion: 'reduce',
    timezoneId: ROOM_ZONE,
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await page.clock.install({ time });
  await page.goto(app.viewerUrl());
  await page.locator('main.kiosk[data-slide]').waitFor();
  return page;
}

const slideOnScreen = (page: Page) => page.locator('main.kiosk').getAttribute('data-slide');

/** The slide on screen, then the one after each of `turns` slide durations. */
async function rotation(page: Page, turns: number): Promise<string[]> {
  const seen = [(await slideOnScreen(page))!];
  for (let i = 0; i < turns; i++) {
    await page.getByTestId(`slide-${seen.at(-1)}`).waitFor();
    await page.clock.fastForward(SLIDE_SEC * 1000);
    await expect.poll(() => slideOnScreen(page), { message: `turn ${i + 1}` }).not.toBe(seen.at(-1));
    seen.push((await slideOnScreen(page))!);
  }
  return seen;
}

describe('the "Last week" slide in the rotation (page clock pinned)', () => {
  it('is in the rotation on Monday at 11:00 in the room’s zone, with last week’s figures', async () => {
    // Monday 30 November 2026, 11:00 in Berlin
    const page = await wallAt(Date.parse('2026-11-30T10:00:00Z'));
    expect(await rotation(page, 3)).toEqual(['kpi', 'last-week', 'sprint', 'kpi']);
    await page.keyboard.press('2');
    const slide = page.getByTestId('slide-last-week');
    await slide.getByTestId('last-week-kpi').waitFor();
    // the report of the last complete week before the server's own clock
    expect(await slide.locator('[data-week]').getAttribute('data-week')).toMatch(/^\d{4}-W\d{2}$/);
    expect(await slide.getByTestId('last-week-stage').count()).toBe(5);
    await page.context().close();
  });

  it('is skipped on a Monday afternoon and on a Sunday', async () => {
    for (const time of [Date.parse('2026-11-30T11:00:00Z'), Date.parse('2026-11-29T10:00:00Z')]) {
      const page = await wallAt(time);
      expect(await rotation(page, 3)).toEqual(['kpi', 'sprint', 'kpi', 'sprint']);
      await page.context().close();
    }
  });

  it('leaves the rotation at 12:00 while the wall runs', async () => {
    // Monday 30 November 2026, 11:40 in Berlin: kpi until 11:50, Last week until 12:00, then kpi and sprint only
    const page = await wallAt(Date.parse('2026-11-30T10:40:00Z'));
    expect(await rotation(page, 5)).toEqual(['kpi', 'last-week', 'sprint', 'kpi', 'sprint', 'kpi']);
    await page.context().close();
  });
});
