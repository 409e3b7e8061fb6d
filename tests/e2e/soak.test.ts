/**
 * The wall runs for weeks: memory must stay flat however often it changes slides and however many events
 * arrive. A fast playlist turns a day of rotation into seconds; deals posted meanwhile make every store
 * refetch. This checks a loose bound (a leak of a chart or a listener per slide change breaks it at once),
 * not a measurement: `npm run bench` measures growth per 1,000 changes (docs/performance.md).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLIDE_IDS } from '@shared/slides';
import { launchChromium, SCREENS } from './support/browser';
import { startServedApp, type ServedApp } from './support/server-process';
import {
  DAYTIME_ALWAYS,
  seedDemoData,
  seedSettings,
  slideMountObserver,
  withoutMeetingSlideSets,
} from './support/wall';

/** seconds per slide: as fast as the wall can draw them */
const SLIDE_SECONDS = 0.1;
const WARM_UP_CHANGES = 100;
const SOAK_CHANGES = 200;
/** Compiled code still grows a little at this point; a real leak grows by far more. */
const MAX_HEAP_GROWTH_BYTES = 2_000_000;

/** Counts every slide element ever mounted; observes the DOM only, no timers. */
const COUNT_MOUNTS = `(() => {
  window.__mounts = 0;
  ${slideMountObserver('window.__mounts += 1;')}
})();`;

describe('a wall that changes slides for a long time', () => {
  let app: ServedApp;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-soak-'));
    // Every slide in turn whatever the hour: no night screen, and no meeting's own slide set.
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

  async function sample(page: Page, cdp: CDPSession): Promise<Record<string, number>> {
    // The same slide each time (1 jumps to it, Space pauses): what is on screen must not be the difference.
    await page.keyboard.press('1');
    await page.keyboard.press(' ');
    await page.waitForTimeout(500);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    await page.keyboard.press(' ');
    return Object.fromEntries(metrics.map((metric) => [metric.name, metric.value]));
  }

  it('keeps its heap, DOM and listeners flat over 200 slide changes with live events', async () => {
    const context = await browser.newContext({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.addInitScript(COUNT_MOUNTS);
    await page.goto(app.viewerUrl());
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const mounts = () => page.evaluate(() => (window as unknown as { __mounts: number }).__mounts);

    await expect.poll(mounts, { timeout: 60_000, interval: 200 }).toBeGreaterThanOrEqual(WARM_UP_CHANGES);
    const before = await sample(page, cdp);
    const start = await mounts();
    let posted = 0;
    while ((await mounts()) - start < SOAK_CHANGES) {
      const response = await fetch(`${app.url}/api/deals.create`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.adminToken}` },
        body: JSON.stringify({ title: `Soak deal ${posted}`, amountMinor: 150_000, currency: 'EUR', stageId: 'demo' }),
      });
      expect(response.ok).toBe(true);
      posted += 1;
      await page.waitForTimeout(1_000);
    }
    const after = await sample(page, cdp);

    expect(posted).toBeGreaterThan(5);
    expect(after.JSHeapUsedSize! - before.JSHeapUsedSize!).toBeLessThan(MAX_HEAP_GROWTH_BYTES);
    // Nodes and listeners of slides that left the screen are gone: the same slide shows the same amount.
    expect(after.Nodes! - before.Nodes!).toBeLessThan(500);
    expect(after.JSEventListeners! - before.JSEventListeners!).toBeLessThan(50);
    expect(after.Documents).toBe(before.Documents);
    await context.close();
  });
});
