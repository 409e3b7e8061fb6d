import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIFECYCLE_STAGES } from '@shared/domain';
import { launchChromium, SCREENS } from './support/browser';
import { startServedApp, type ServedApp } from './support/server-process';
import { monthOf } from './support/calendar';
import { DAYTIME_ALWAYS, ROOM_ZONE, seedDemoData, seedSettings, withoutMeetingSlideSets } from './support/wall';

describe('the first display, served to Chromium', () => {
  let app: ServedApp;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-e2e-'));
    // A short rotation so the test sees every slide, whatever the hour: night mode is off and the demo
    // meetings bring no slide sets of their own.
    seedDemoData(dataDir, withoutMeetingSlideSets);
    seedSettings(dataDir, {
      playlist: ['funnel', 'sprint', 'activity'].map((slideId) => ({ slideId, enabled: true, durationSec: 2 })),
      night: DAYTIME_ALWAYS,
    });
    app = await startServedApp({ dataDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the funnel counts that a direct SQL count over the demo data gives', async () => {
    const page = await browser.newPage({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    await page.goto(app.viewerUrl('/?slide=funnel'));
    await page.getByTestId('slide-funnel').waitFor();
    await expect.poll(() => page.getByTestId('demo-banner').isVisible()).toBe(true);

    const db = new Database(app.dbFile, { readonly: true });
    try {
      const month = monthOf(Date.now(), ROOM_ZONE);
      // Opportunities now are those with an open deal; customers are the new ones of this month (METRICS).
      const bySql: Record<string, string> = {
        opportunity: `SELECT count(*) AS n FROM leads l WHERE l.stage = 'opportunity' AND l.deleted_at IS NULL
                        AND EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id AND d.status = 'open'
                                      AND d.deleted_at IS NULL)`,
        customer: `SELECT count(*) AS n FROM leads WHERE deleted_at IS NULL AND customer_at >= ${month.start}
                     AND customer_at < ${month.end}`,
      };
      for (const stage of LIFECYCLE_STAGES) {
        const { n } = (
          bySql[stage]
            ? db.prepare(bySql[stage]).get()
            : db.prepare('SELECT count(*) AS n FROM leads WHERE stage = ? AND deleted_at IS NULL').get(stage)
        ) as { n: number };
        const text = await page.getByTestId(`funnel-stage-${stage}`).innerText();
        expect(numbersIn(text), `${stage}: "${text}"`).toContain(n);
      }
      const openDeals = db
        .prepare(
          `SELECT stage_id AS stageId, count(*) AS n FROM deals
           WHERE status = 'open' AND deleted_at IS NULL GROUP BY stage_id`,
        )
        .all() as { stageId: string; n: number }[];
      expect(openDeals.length).toBeGreaterThan(0);
      for (const { stageId, n } of openDeals) {
        const text = await page.getByTestId(`pipeline-stage-${stageId}`).innerText();
        expect(numbersIn(text), `${stageId}: "${text}"`).toContain(n);
      }
    } finally {
      db.close();
    }
    await page.close();
  });

  it('rotates from the funnel to the sprint and activity slides', async () => {
    const page = await browser.newPage({ viewport: SCREENS.hd });
    await page.goto(app.viewerUrl());
    await page.getByTestId('slide-funnel').waitFor({ timeout: 10_000 });
    await page.getByTestId('slide-sprint').waitFor({ timeout: 10_000 });
    await page.getByTestId('slide-activity').waitFor({ timeout: 10_000 });
    await page.getByTestId('slide-funnel').waitFor({ timeout: 10_000 });
    await page.close();
  });

  it('shows a deal created on the admin page in another browser at once', async () => {
    const wall = await (await browser.newContext({ viewport: SCREENS.hd, reducedMotion: 'reduce' })).newPage();
    await wall.goto(app.viewerUrl('/?slide=activity'));
    await wall.getByTestId('slide-activity').waitFor();

    const admin = await (await browser.newContext({ viewport: SCREENS.hd })).newPage();
    await admin.goto(app.adminUrl('/admin?section=deals'));
    const title = 'Northwind Traders – expansion';
    await admin.getByTestId('deal-title').fill(title);
    await admin.getByTestId('deal-amount').fill('12500');
    await admin.getByTestId('deal-stage').selectOption('proposal');
    await admin.getByTestId('deal-rep').selectOption({ index: 1 });
    await admin.getByTestId('deal-submit').click();

    await wall.getByTestId('activity-item').filter({ hasText: title }).first().waitFor({ timeout: 5_000 });

    const db = new Database(app.dbFile, { readonly: true });
    try {
      const row = db.prepare('SELECT amount_minor AS amount, stage_id AS stage FROM deals WHERE title = ?').get(title);
      expect(row).toEqual({ amount: 1_250_000, stage: 'proposal' });
    } finally {
      db.close();
    }
    await wall.context().close();
    await admin.context().close();
  });

  // The screenshots of every slide are taken by legibility.test.ts.
  it('shows the sprint with its days left and goals', async () => {
    const page = await browser.newPage({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    await page.goto(app.viewerUrl('/?slide=sprint'));
    await page.getByTestId('sprint-days-left').waitFor();
    expect(await page.locator('[data-testid^="sprint-goal-"]').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('refuses bad admin input with the field named and stores nothing', async () => {
    const admin = await (await browser.newContext({ viewport: SCREENS.hd })).newPage();
    await admin.goto(app.adminUrl('/admin?section=deals'));
    const before = countDeals(app.dbFile);
    await admin.getByTestId('deal-title').fill('Negative deal');
    await admin.getByTestId('deal-amount').fill('-5');
    await admin.getByTestId('deal-submit').click();
    await admin.getByTestId('error-amountMinor').waitFor({ timeout: 5_000 });
    expect(await admin.getByTestId('error-amountMinor').innerText()).toMatch(/negative/i);
    expect(countDeals(app.dbFile)).toBe(before);
    await admin.context().close();
  });
});

function countDeals(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM deals').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Every whole number in a piece of display text, thousands separators removed ("1,204 leads" → 1204). */
function numbersIn(text: string): number[] {
  return [...text.matchAll(/\d[\d,.\u202f\u00a0]*/g)].map((m) => Number(m[0].replace(/[,.\u202f\u00a0]/g, '')));
}
