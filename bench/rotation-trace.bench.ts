/**
 * Where a rotating wall's time goes: a Chromium trace of one full rotation of the default playlist and of
 * the floor page for comparison, summarised per process and thread and per kind of work. Prints the
 * summary and writes it to out/rotation-trace.md (docs/performance.md keeps one). Measures nothing
 * against a budget.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SLIDE_IDS } from '@shared/slides';
import { launchChromium, SCREENS } from '../tests/e2e/support/browser';
import { startServedApp, type ServedApp } from '../tests/e2e/support/server-process';
import {
  DAYTIME_ALWAYS,
  SLIDE_READY,
  seedDemoData,
  seedSettings,
  withoutMeetingSlideSets,
} from '../tests/e2e/support/wall';
import { slideWatcherScript } from './support/chromium-metrics';
import { startFloorServer, type FloorServer } from './support/floor-page';
import { summariseTrace, traceMarkdown } from './support/trace-summary';

const ROOT = path.resolve(import.meta.dirname, '..');
const FLOOR_SECONDS = 40;
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'blink',
  'cc',
  'viz',
  'gpu',
  'toplevel',
];

let browser: Browser;
let wall: ServedApp;
let floor: FloorServer;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-bench-trace-'));
  seedDemoData(dataDir, withoutMeetingSlideSets);
  seedSettings(dataDir, { night: DAYTIME_ALWAYS });
  wall = await startServedApp({ dataDir });
  floor = await startFloorServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await wall?.stop();
  await floor?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rotation trace', () => {
  test('one full rotation of the default playlist, and the floor page', async () => {
    const context = await browser.newContext({ viewport: SCREENS.hd, reducedMotion: 'no-preference' });
    const page = await context.newPage();
    await page.addInitScript(slideWatcherScript(SLIDE_READY));
    await page.goto(wall.viewerUrl('/'));
    const shows = () => page.evaluate(() => (window as unknown as { __bench: { shows: number } }).__bench.shows);
    await expect.poll(shows, { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    const start = await shows();
    await browser.startTracing(page, { categories: CATEGORIES });
    await expect
      .poll(shows, { timeout: 15 * 60_000, interval: 1_000 })
      .toBeGreaterThanOrEqual(start + SLIDE_IDS.length);
    const rotation = summariseTrace((await browser.stopTracing()).toString('utf8'));
    await context.close();

    const floorContext = await browser.newContext({ viewport: SCREENS.hd });
    const floorPage = await floorContext.newPage();
    await floorPage.goto(floor.url);
    await sleep(2_000);
    await browser.startTracing(floorPage, { categories: CATEGORIES });
    await sleep(FLOOR_SECONDS * 1000);
    const floorSummary = summariseTrace((await browser.stopTracing()).toString('utf8'));
    await floorContext.close();

    const text = [
      traceMarkdown(rotation, `one full rotation of the default playlist (${SLIDE_IDS.length} slides) at 1920x1080`),
      traceMarkdown(floorSummary, `the floor page for ${FLOOR_SECONDS} s`),
    ].join('\n');
    fs.mkdirSync(path.join(ROOT, 'out'), { recursive: true });
    fs.writeFileSync(path.join(ROOT, 'out/rotation-trace.md'), text);
    process.stdout.write(`\n${text}\n`);
    expect(rotation.threads.length).toBeGreaterThan(0);
  });
});
