/**
 * Legible from across the room: every slide (the default playlist and the timed ones) at 1920x1080, 3840x2160
 * and portrait 1080x1920 shows no clipped, overflowing, overlapping or covered text, no scrollbars, no text
 * smaller than 1/40 of the screen height, no text below 7:1 contrast (measured by the layout check: axe
 * asks only 4.5:1 of text this large), and breaks no axe-core WCAG 2 A/AA/AAA rule. The stand-up view, the
 * paused and privacy badges and a celebration are checked at the three sizes too; the light theme and the
 * night screen at 1920x1080. Each screen is saved for people to look at (support/screens.ts says where).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SLIDE_IDS, SLIDE_IDS } from '@shared/slides';
import { launchChromium, SCREENS } from './support/browser';
import { checkingPage, screenProblems, screenshotDir } from './support/screens';
import { startServedApp, type ServedApp } from './support/server-process';
import {
  callApi,
  DAYTIME_ALWAYS,
  ROOM_ZONE,
  seedSettings,
  settle,
  showSlide,
  waitForFigures,
  winCreditedDeal,
} from './support/wall';

const SIZES = [SCREENS.hd, SCREENS.uhd, SCREENS.portrait] as const;

async function checkScreen(page: Page, screenshot: string): Promise<void> {
  expect(await screenProblems(page, screenshot), screenshot).toEqual([]);
}

describe('every slide, legible at the three screen sizes (dark theme)', () => {
  let app: ServedApp;
  let browser: Browser;
  let dataDir: string;
  const pages = new Map<string, Page>();

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-legibility-'));
    // The default playlist (every slide). Night mode is off, so that the check sees slides at any hour;
    // a won deal is celebrated at once and stays, so that the overlay can be measured.
    seedSettings(dataDir, {
      night: DAYTIME_ALWAYS,
      celebrations: { enabled: true, durationSec: 600, batchWindowSec: 0, quietHours: null },
    });
    app = await startServedApp({ dataDir });
    browser = await launchChromium();
    screenshotDir();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks every slide of the playlist', async () => {
    const settings = await callApi(app.url, 'settings.display');
    const enabled = settings.playlist.filter((entry) => entry.enabled).map((entry) => entry.slideId);
    expect([...enabled].sort()).toEqual([...SLIDE_IDS].sort());
  });

  async function pageFor(size: { width: number; height: number }): Promise<Page> {
    const label = `${size.width}x${size.height}`;
    let page = pages.get(label);
    if (!page) {
      page = await checkingPage(browser, size);
      pages.set(label, page);
    }
    return page;
  }

  for (const size of SIZES) {
    const label = `${size.width}x${size.height}`;
    describe(label, () => {
      it.each([...ALL_SLIDE_IDS])(`%s at ${label}`, async (slideId) => {
        const page = await pageFor(size);
        await showSlide(page, app.url, slideId);
        await checkScreen(page, `${slideId}-${label}.png`);
      });
    });
  }

  // The modes draw over or instead of the slides; they are read from across the room as well.
  describe('modes', () => {
    it.each(SIZES.map((size) => [`${size.width}x${size.height}`, size] as const))(
      'the stand-up view at %s',
      async (label, size) => {
        const page = await pageFor(size);
        await page.goto(app.viewerUrl());
        await page.locator('main.kiosk[data-slide]').waitFor();
        await page.keyboard.press('s');
        await page.getByTestId('standup-speaker').waitFor();
        await page.locator('[data-testid^="since-"]').first().waitFor();
        await settle(page);
        await checkScreen(page, `standup-${label}.png`);
      },
    );

    it.each(SIZES.map((size) => [`${size.width}x${size.height}`, size] as const))(
      'the paused and privacy badges at %s',
      async (label, size) => {
        const page = await pageFor(size);
        await page.goto(app.viewerUrl());
        await page.locator('main.kiosk[data-slide]').waitFor();
        await page.keyboard.press('Space');
        await page.keyboard.press('p');
        await page.getByTestId('presenter-paused').waitFor();
        await page.getByTestId('privacy-badge').waitFor();
        const slideId = (await page.locator('main.kiosk').getAttribute('data-slide'))!;
        await waitForFigures(page, slideId);
        await checkScreen(page, `paused-privacy-${label}.png`);
      },
    );

    it('the celebration of a won deal at the three sizes', async () => {
      const walls = await Promise.all(SIZES.map((size) => pageFor(size)));
      for (const page of walls) await showSlide(page, app.url, 'kpi');
      await winCreditedDeal(app.url, 'Harbor Systems GmbH & Co. KG – enterprise rollout');
      const problems: Record<string, string[]> = {};
      for (const [i, page] of walls.entries()) {
        await page.getByTestId('celebration').waitFor({ timeout: 10_000 });
        await settle(page);
        const screenshot = `celebration-${SIZES[i]!.width}x${SIZES[i]!.height}.png`;
        problems[screenshot] = await screenProblems(page, screenshot);
      }
      expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((name) => [name, []])));
    });
  });
});

describe('the light theme and the night screen at 1920x1080', () => {
  let app: ServedApp | undefined;
  let browser: Browser;
  let dataDir: string;
  let page: Page;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-legibility-light-'));
    seedSettings(dataDir, { theme: 'light', night: DAYTIME_ALWAYS });
    app = await startServedApp({ dataDir });
    browser = await launchChromium();
    page = await checkingPage(browser, SCREENS.hd);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([...ALL_SLIDE_IDS])('%s in the light theme', async (slideId) => {
    await showSlide(page, app!.url, slideId);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await checkScreen(page, `${slideId}-light-1920x1080.png`);
  });

  it('shows the night screen legibly in off hours', async () => {
    await app!.stop();
    app = undefined;
    // Off hours now: the working day is set to an hour that is not now (and weekends are off hours anyway).
    const hour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone: ROOM_ZONE, hour: '2-digit', hourCycle: 'h23' }).format(new Date()),
    );
    const workday = hour < 12 ? { start: '13:00', end: '14:00' } : { start: '01:00', end: '02:00' };
    seedSettings(dataDir, { theme: 'dark', night: { enabled: true, workday, weekends: true } });
    app = await startServedApp({ dataDir });

    await page.goto(app.viewerUrl());
    await page.getByTestId('night-screen').waitFor({ timeout: 15_000 });
    await settle(page);
    expect(await page.locator('[data-testid^="slide-"]').count(), 'no slide shows at night').toBe(0);
    await checkScreen(page, 'night-1920x1080.png');
  });
});
