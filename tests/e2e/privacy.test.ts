/**
 * Privacy mode hides every name, everywhere on the wall: with privacy on, the rendered DOM of every slide,
 * the stand-up view and a celebration holds no person's name, no lead's name, no company and no deal title
 * from the database, and no amount. The names are read from the database file itself, so that a name the
 * demo data adds later is checked too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SLIDE_IDS } from '@shared/slides';
import { launchChromium, SCREENS } from './support/browser';
import { startServedApp, type ServedApp } from './support/server-process';
import {
  DAYTIME_ALWAYS,
  seedDemoData,
  seedSettings,
  settle,
  showSlide,
  waitForFigures,
  winCreditedDeal,
} from './support/wall';

/** Every name the wall could show: people, leads, their companies and deal titles. */
function namesInDatabase(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    const rows = db
      .prepare(
        `SELECT name AS text FROM people UNION SELECT name FROM leads UNION SELECT company FROM leads
         UNION SELECT title FROM deals`,
      )
      .all() as { text: string | null }[];
    return rows.map((row) => row.text?.trim() ?? '').filter((text) => text.length > 0);
  } finally {
    db.close();
  }
}

/** The text a viewer could read or a screen reader announce: text nodes and the labelling attributes. */
function renderedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts = [document.body.textContent ?? ''];
    for (const element of document.body.querySelectorAll('[aria-label], [title], [alt]')) {
      for (const attribute of ['aria-label', 'title', 'alt']) parts.push(element.getAttribute(attribute) ?? '');
    }
    return parts.join('\n');
  });
}

/** What leaked: the names found in the text, and anything that looks like an amount of money. */
function leaks(text: string, names: readonly string[]): string[] {
  const found = names.filter((name) => text.includes(name)).map((name) => `name: ${name}`);
  const amounts = text.match(/[€$£]\s?\d[\d,.]*|\d[\d,.]*\s?(?:EUR|USD|GBP)\b/g) ?? [];
  return [...found, ...amounts.map((amount) => `amount: ${amount}`)];
}

async function turnPrivacyOn(page: Page): Promise<void> {
  await page.keyboard.press('p');
  await page.getByTestId('privacy-badge').waitFor();
  await settle(page);
}

describe('privacy mode hides every name on the wall', () => {
  let app: ServedApp;
  let browser: Browser;
  let dataDir: string;
  let page: Page;
  let names: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-privacy-'));
    seedSettings(dataDir, {
      night: DAYTIME_ALWAYS,
      celebrations: { enabled: true, durationSec: 600, batchWindowSec: 0, quietHours: null },
    });
    seedDemoData(dataDir);
    app = await startServedApp({ dataDir });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: SCREENS.hd });
    names = namesInDatabase(app.dbFile);
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reads hundreds of names from the demo data (a scan over nothing checks nothing)', () => {
    expect(names.length).toBeGreaterThan(100);
  });

  // At each size, since each size shows a different number of items (and so of names).
  for (const size of [SCREENS.hd, SCREENS.uhd, SCREENS.portrait]) {
    it.each([...ALL_SLIDE_IDS])(`%s shows no name with privacy on at ${size.width}x${size.height}`, async (slideId) => {
      await page.setViewportSize(size);
      await showSlide(page, app.url, slideId);
      await turnPrivacyOn(page);
      await waitForFigures(page, slideId);
      expect(leaks(await renderedText(page), names)).toEqual([]);
    });
  }

  it('the feed, SLA and sprint slides do name people while privacy is off (the scan can see them)', async () => {
    await page.setViewportSize(SCREENS.hd);
    for (const slideId of ['activity', 'sla', 'sprint']) {
      await showSlide(page, app.url, slideId);
      expect(leaks(await renderedText(page), names).length, slideId).toBeGreaterThan(0);
    }
  });

  it('the stand-up view', async () => {
    await page.goto(app.viewerUrl());
    await page.locator('main.kiosk[data-slide]').waitFor();
    await turnPrivacyOn(page);
    await page.keyboard.press('s');
    await page.getByTestId('standup-speaker').waitFor();
    await page.locator('[data-testid^="since-"]').first().waitFor();
    await settle(page);
    expect(leaks(await renderedText(page), names)).toEqual([]);
  });

  it('a celebration of a won deal', async () => {
    await showSlide(page, app.url, 'kpi');
    await turnPrivacyOn(page);
    await winCreditedDeal(app.url, 'Privacy Probe Holdings – rollout');
    await page.getByTestId('celebration').waitFor({ timeout: 15_000 });
    await settle(page);
    const text = await renderedText(page);
    expect(text).toContain('A deal');
    expect(leaks(text, namesInDatabase(app.dbFile))).toEqual([]);
  });
});
