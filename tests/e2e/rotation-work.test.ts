/**
 * What the wall does while it rotates, counted rather than timed, so that a change that makes it busier
 * fails CI on any machine: the requests, timers, animation frames and chart draws of one full rotation
 * with nothing changing, and the work a change in the data causes while a slide is on screen. Counts
 * under load can only fall (a late timer fires once), so the bounds hold on a busy machine too. Also what
 * a slide change animates (a cover of one colour, never the slide's own content) and that charts, which
 * size themselves so that a kept slide's chart is not redrawn, still follow their box.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_READS, SLIDE_READS as FIRST_SLIDE_READS } from '@shared/first-paint';
import { SLIDE_IDS } from '@shared/slides';
import { launchChromium, SCREENS } from './support/browser';
import { startServedApp, type ServedApp } from './support/server-process';
import {
  callApi,
  DAYTIME_ALWAYS,
  seedDemoData,
  seedSettings,
  settle,
  SLIDE_READY,
  slideMountObserver,
  withoutMeetingSlideSets,
} from './support/wall';

/** seconds per slide: long enough for every slide to draw, short enough for a rotation in seconds */
const SLIDE_SECONDS = 1;

/** Work the page asks of the browser, counted from inside: installed before any page script. */
const COUNT_WORK = `(() => {
  const work = { requests: [], timeouts: 0, intervals: [], frames: 0, chartDraws: 0, shows: 0, creations: 0 };
  window.__work = work;
  window.__resetWork = () => {
    work.requests = []; work.timeouts = 0; work.intervals = []; work.frames = 0; work.chartDraws = 0;
    work.shows = 0; work.creations = 0;
  };
  const fetch0 = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (url.pathname.startsWith('/api/')) work.requests.push(url.pathname.slice('/api/'.length));
    return fetch0(input, init);
  };
  const setTimeout0 = window.setTimeout.bind(window);
  window.setTimeout = (callback, ms, ...rest) => { work.timeouts += 1; return setTimeout0(callback, ms, ...rest); };
  const setInterval0 = window.setInterval.bind(window);
  window.setInterval = (callback, ms, ...rest) => { work.intervals.push(ms ?? 0); return setInterval0(callback, ms, ...rest); };
  const raf0 = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => { work.frames += 1; return raf0(callback); };
  // Chart.js clears its whole canvas once per draw.
  const clear0 = CanvasRenderingContext2D.prototype.clearRect;
  CanvasRenderingContext2D.prototype.clearRect = function (...args) { work.chartDraws += 1; return clear0.apply(this, args); };
  ${slideMountObserver('work.shows += 1;', 'work.creations += 1;')}
})();`;

interface Work {
  requests: string[];
  timeouts: number;
  intervals: number[];
  frames: number;
  chartDraws: number;
  /** slides that entered the screen */
  shows: number;
  /** slide elements created (a kept slide shown again is not) */
  creations: number;
}

/**
 * What animates while the slide changes, noted the moment another slide comes on screen: the cover's
 * running animation and its keyframes, whether the slide itself animates, whether the slide was already
 * in place and drawn (it came up as `upcoming` before the change), and whether it is the one on top (what
 * the screen's centre hits belongs to it, not to a slide kept in the page or the next one).
 */
const NOTE_SLIDE_CHANGES = `(() => {
  const changes = [];
  const drawnAhead = new WeakSet();
  let showing = null;
  window.__changes = changes;
  new MutationObserver(() => {
    const upcoming = document.querySelector('.kept-slide[data-state="upcoming"]');
    if (upcoming) drawnAhead.add(upcoming);
    const slide = document.querySelector('.kept-slide[data-state="current"]');
    if (slide === showing) return;
    const first = showing === null;
    showing = slide;
    if (first || slide === null) return;
    const cover = document.querySelector('.slide-cover');
    changes.push({
      coverFollowsSlide: cover !== null && slide.parentElement === cover.parentElement,
      coverOpacities: (cover ? cover.getAnimations() : []).flatMap((a) => a.effect.getKeyframes().map((k) => Number(k.opacity))),
      slideAnimations: slide.getAnimations().length,
      slideOpacity: Number(getComputedStyle(slide).opacity),
      drawnAhead: drawnAhead.has(slide),
      onTop: slide.contains(document.elementFromPoint(innerWidth / 2, innerHeight / 2)),
    });
  }).observe(document, { attributes: true, attributeFilter: ['class', 'data-state'], childList: true, subtree: true });
})();`;

/** Each chart's canvas size in CSS pixels beside the size of the box it fills. */
function chartSizes(page: Page): Promise<{ canvas: string; box: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart="drawn"]')].map((canvas) => ({
      canvas: `${Math.round(canvas.getBoundingClientRect().width)}x${Math.round(canvas.getBoundingClientRect().height)}`,
      box: `${canvas.parentElement!.clientWidth}x${canvas.parentElement!.clientHeight}`,
    })),
  );
}

interface SlideChange {
  coverFollowsSlide: boolean;
  coverOpacities: number[];
  slideAnimations: number;
  slideOpacity: number;
  drawnAhead: boolean;
  onTop: boolean;
}

/** Notes the API requests made before a slide's figures first show (the slide given, by its ready selector). */
const REQUESTS_BEFORE_FIGURES = (selector: string) => `(() => {
  const seen = { requests: [], before: null };
  window.__firstPaint = seen;
  const fetch0 = window.fetch.bind(window);
  window.fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input.url, location.href);
    if (url.pathname.startsWith('/api/')) seen.requests.push(url.pathname.slice('/api/'.length));
    return fetch0(input, init);
  };
  new MutationObserver(() => {
    if (seen.before === null && document.querySelector(${JSON.stringify(selector)})) seen.before = [...seen.requests];
  }).observe(document, { childList: true, subtree: true });
})();`;

/** what each slide's store reads: none of these may be fetched for a slide that is not on screen */
const SLIDE_READS = [
  'funnel.get',
  'sprints.current',
  'activity.list',
  'sla.get',
  'leadQuality.get',
  'glossary.list',
  'credit.get',
];

describe('the work of a rotating wall', () => {
  let app: ServedApp;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-rotation-work-'));
    seedDemoData(dataDir, withoutMeetingSlideSets);
    seedSettings(dataDir, {
      night: DAYTIME_ALWAYS,
      playlist: SLIDE_IDS.map((slideId) => ({ slideId, enabled: true, durationSec: SLIDE_SECONDS })),
    });
    app = await startServedApp({ dataDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function openWall(): Promise<{ context: BrowserContext; page: Page; work: () => Promise<Work> }> {
    const context = await browser.newContext({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.addInitScript(COUNT_WORK);
    await page.goto(app.viewerUrl());
    const work = () => page.evaluate(() => (window as unknown as { __work: Work }).__work);
    // One whole rotation first: every slide's data loaded and every chunk fetched.
    await expect
      .poll(async () => (await work()).shows, { timeout: 60_000, interval: 200 })
      .toBeGreaterThan(SLIDE_IDS.length);
    // Each slide was created once, the first time it showed.
    expect((await work()).creations).toBeLessThanOrEqual(SLIDE_IDS.length);
    return { context, page, work };
  }

  it('re-shows kept slides, draws no chart again and asks the server nothing when nothing changed', async () => {
    const { context, page, work } = await openWall();
    await page.evaluate(() => (window as unknown as { __resetWork: () => void }).__resetWork());
    await expect
      .poll(async () => (await work()).shows, { timeout: 60_000, interval: 200 })
      .toBeGreaterThanOrEqual(SLIDE_IDS.length);
    const counted = await work();
    await context.close();
    const perSlide = (value: number) => value / counted.shows;

    // A slide shown again is the one the kiosk kept: nothing is created in a second rotation.
    expect(counted.creations).toBe(0);

    // Only the clock-driven reads may fall into a rotation: the meetings of the day and an SLA lead falling due.
    expect(counted.requests.filter((method) => !['meetings.today', 'sla.get'].includes(method))).toEqual([]);
    expect(counted.requests.length).toBeLessThanOrEqual(2);
    expect(counted.intervals.filter((ms) => ms < 1000)).toEqual([]);
    // A chart kept with its slide keeps its drawing: nothing changed, so nothing is drawn again.
    expect(counted.chartDraws).toBe(0);
    expect(perSlide(counted.frames)).toBeLessThanOrEqual(6);
    expect(perSlide(counted.timeouts)).toBeLessThanOrEqual(25);
  });

  it('draws the next slide ahead and changes slides under a cover that clears, never fading the slide itself; reduced motion cuts', async () => {
    // Into the second rotation: the slides shown again lie under later ones in the page.
    const changesWith = async (reducedMotion: 'reduce' | 'no-preference'): Promise<SlideChange[]> => {
      const context = await browser.newContext({ viewport: SCREENS.hd, reducedMotion });
      const page = await context.newPage();
      await page.addInitScript(NOTE_SLIDE_CHANGES);
      await page.goto(app.viewerUrl());
      const changes = () => page.evaluate(() => (window as unknown as { __changes: SlideChange[] }).__changes);
      await expect
        .poll(async () => (await changes()).length, { timeout: 60_000, interval: 200 })
        .toBeGreaterThan(SLIDE_IDS.length + 2);
      const seen = await changes();
      await context.close();
      return seen;
    };

    const moving = await changesWith('no-preference');
    for (const change of moving) {
      expect(change.coverFollowsSlide).toBe(true);
      // Nearly opaque first (the slide is drawn under it before anything moves), clear at the end.
      expect(change.coverOpacities[0]).toBeGreaterThan(0.99);
      expect(change.coverOpacities[0]).toBeLessThan(1);
      expect(change.coverOpacities.at(-1)).toBe(0);
      // Only the cover blends: the slide's own tiles are drawn as they are.
      expect(change.slideAnimations).toBe(0);
      expect(change.slideOpacity).toBe(1);
      // The rotation put it in place and drew it before the change: the change only swaps layers.
      expect(change.drawnAhead).toBe(true);
      expect(change.onTop).toBe(true);
    }

    for (const change of await changesWith('reduce')) {
      expect(change.coverOpacities).toEqual([]);
      expect(change.slideOpacity).toBe(1);
      expect(change.drawnAhead).toBe(true);
      expect(change.onTop).toBe(true);
    }
  });

  it('sizes charts to their box and follows it when the screen changes size (a kept chart is not redrawn from nothing)', async () => {
    const context = await browser.newContext({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(app.viewerUrl('/?slide=kpi'));
    await page.getByTestId('slide-kpi').waitFor();
    await settle(page);
    const before = await chartSizes(page);
    expect(before.length).toBeGreaterThan(0);
    for (const { canvas, box } of before) expect(canvas).toBe(box);

    await page.setViewportSize(SCREENS.portrait);
    await expect
      .poll(async () => (await chartSizes(page)).every(({ canvas, box }) => canvas === box), { timeout: 15_000 })
      .toBe(true);
    const after = await chartSizes(page);
    expect(after.map(({ box }) => box)).not.toEqual(before.map(({ box }) => box));
    await context.close();
  });

  it('refetches only what the screen shows when the data changes', async () => {
    const { context, page, work } = await openWall();
    // The KPI slide, held: the frame's own KPI strip and meeting banner follow their data too.
    await page.keyboard.press('1');
    await page.keyboard.press(' ');
    await page.getByTestId('slide-kpi').waitFor();
    await page.evaluate(() => (window as unknown as { __resetWork: () => void }).__resetWork());
    for (let i = 0; i < 3; i += 1) {
      await callApi(app.url, 'deals.create', {
        title: `Counted deal ${i}`,
        amountMinor: 100_000,
        currency: 'EUR',
        stageId: 'discovery',
      });
    }
    await expect
      .poll(async () => (await work()).requests.includes('kpi.get'), { timeout: 30_000, interval: 200 })
      .toBe(true);
    const counted = await work();
    await context.close();
    expect(counted.requests.filter((method) => SLIDE_READS.includes(method))).toEqual([]);
  });

  it('paints the first slide from the data its page brought, and from the server after a reload', async () => {
    const context = await browser.newContext({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.addInitScript(REQUESTS_BEFORE_FIGURES(`[data-testid="slide-funnel"] ${SLIDE_READY.funnel!}`));
    const seen = () =>
      page.evaluate(
        () => (window as unknown as { __firstPaint: { requests: string[]; before: string[] | null } }).__firstPaint,
      );
    const firstReads: string[] = [...FRAME_READS, FIRST_SLIDE_READS.funnel!].map((read) => read.method);

    // The pairing link brings the token, so the page comes with the frame's and the funnel's data.
    await page.goto(app.viewerUrl('/?slide=funnel'));
    await expect.poll(async () => (await seen()).before, { timeout: 30_000, interval: 100 }).not.toBeNull();
    expect((await seen()).before!.filter((method) => firstReads.includes(method))).toEqual([]);

    // A reload has the token only in storage: the page holds no data, and the wall asks for it.
    await page.reload();
    await expect.poll(async () => (await seen()).before, { timeout: 30_000, interval: 100 }).not.toBeNull();
    expect((await seen()).before).toEqual(expect.arrayContaining(['settings.display', 'funnel.get']));
    await context.close();
  });
});
