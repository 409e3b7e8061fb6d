/**
 * The admin's CSV import in Chromium against the built server with its demo data: a Salesforce opportunity
 * report export as a user downloads it is previewed with its warnings (footer skipped, CRM stages merged)
 * before anything is stored, then imported; a file without currencies says which currency it will be stored
 * in and lists new owners once each. Screenshots at 1920x1080 for a person to look at.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENS } from './support/browser';
import { screenshotDir } from './support/screens';
import { startServedApp, type ServedApp } from './support/server-process';

const FIXTURES = resolve(__dirname, '../fixtures/import');

describe('import preview in the admin', () => {
  let app: ServedApp;
  let browser: Browser;
  let scratch: string;

  function count(sql: string): number {
    const db = new Database(app.dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'alignboard-e2e-import-'));
    app = await startServedApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  async function importPage(): Promise<Page> {
    const page = await (await browser.newContext({ viewport: SCREENS.hd })).newPage();
    await page.goto(app.adminUrl('/admin?section=import'));
    await page.getByTestId('import-file').waitFor();
    return page;
  }

  it('shows a Salesforce report footer and merged stages before importing, then imports the rows', async () => {
    const page = await importPage();
    await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'salesforce-opportunity-report.csv'));
    const warnings = page.getByTestId('import-warnings');
    await warnings.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-format').textContent()).toBe('Salesforce opportunities report');
    const titles = await warnings.locator('.warning__title').allTextContents();
    expect(titles).toEqual(['Footer skipped', 'Stages merged', 'Stages merged', 'Stages merged']);
    expect(await warnings.locator('.warning__text').first().textContent()).toMatch(
      /^Lines 12–19 after the data are the report's footer \("Grand Totals \(10 records\)"/,
    );
    // Nothing is stored before the person imports.
    expect(count(`SELECT count(*) AS n FROM deals WHERE external_source = 'salesforce'`)).toBe(0);
    await warnings.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir(), 'admin-import-salesforce-1920x1080.png') });

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('import-result').textContent()).toBe(
      "Imported 10 rows: 10 new deals, 0 updated. Skipped the report's footer (8 lines).",
    );
    expect(count(`SELECT count(*) AS n FROM deals WHERE external_source = 'salesforce'`)).toBe(10);
  });

  it('says which currency a file without one is stored in, and lists each new owner once', async () => {
    const file = join(scratch, 'deals-without-currency.csv');
    const rows = Array.from(
      { length: 9 },
      (_, i) =>
        `${7000 + i},${i % 4 === 0 ? '=HYPERLINK("https://crm.example/7000")' : `Deal ${i}`},Contract Sent,,` +
        `${i % 3 === 0 ? 'Zoe Unknown' : 'Ana Lima'},${1000 + i * 250},2026-03-02`,
    );
    writeFileSync(
      file,
      ['Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date', ...rows].join('\n'),
    );
    const page = await importPage();
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('import-warnings').waitFor({ timeout: 30_000 });
    await page.getByTestId('map-createOwners').check();
    await page.getByTestId('import-check').click();
    const owner = page.getByTestId('import-warning').filter({ hasText: 'Zoe Unknown' });
    await owner.waitFor({ timeout: 30_000 });
    expect(await owner.count()).toBe(1);
    expect(await page.locator('[data-testid="import-warning"] .warning__title').allTextContents()).toEqual([
      'Currency assumed',
      'New owner',
      'Formula-like text',
    ]);
    expect(await page.getByTestId('import-run').textContent()).toContain('Import in');
    await page.getByTestId('import-warnings').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir(), 'admin-import-warnings-1920x1080.png') });

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    expect(count(`SELECT count(*) AS n FROM deals WHERE external_id BETWEEN '7000' AND '7008'`)).toBe(9);
    expect(count(`SELECT count(*) AS n FROM people WHERE name = 'Zoe Unknown'`)).toBe(1);
  });
});
