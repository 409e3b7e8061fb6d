/**
 * A crowded room, at the three screen sizes: what matters most stays on screen when space runs out.
 * The demo quarter gets dozens of breached MQLs spread over many owners, more waiting ones, and many lead
 * sources; then every breach must be accounted for on the SLA slide (one line each, or grouped by owner),
 * the best and the worst lead sources must be shown with the middle folded, the portrait layouts must use
 * their height, and the legibility checks must pass. Each figure is compared with an independent SQL query.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import Database from 'better-sqlite3';
import { startOfMonth } from 'date-fns';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENS } from './support/browser';
import { checkingPage, screenProblems, screenshotDir } from './support/screens';
import { startServedApp, type ServedApp } from './support/server-process';
import {
  DAYTIME_ALWAYS,
  ROOM_ZONE,
  seedDemoData,
  seedSettings,
  showSlide,
  withoutMeetingSlideSets,
} from './support/wall';

const SIZES = [SCREENS.hd, SCREENS.uhd, SCREENS.portrait] as const;
const HOUR = 3_600_000;
const BREACHES = 57;
const WAITING = 14;
const OWNERS = 11;
const JUDGED_SOURCES = 15;
const THIN_SOURCES = 3;

/** Dozens of breaches over many owners, more waiting MQLs, and many reviewed sources. */
function crowd(db: Database.Database): void {
  withoutMeetingSlideSets(db);
  const now = Date.now();
  const { hours } = db
    .prepare('SELECT follow_up_hours AS hours FROM sla_terms ORDER BY valid_from DESC LIMIT 1')
    .get() as {
    hours: number;
  };
  const person = db.prepare(`INSERT INTO people (id, name, team, created_at, updated_at) VALUES (?, ?, 'sales', ?, ?)`);
  const owners = Array.from({ length: OWNERS }, (_, i) => {
    const id = `crowd-owner-${i}`;
    person.run(id, `Crowded Owner ${String.fromCharCode(65 + i)}${i % 3 === 0 ? ' Longname-Rivera' : ''}`, now, now);
    return id;
  });
  const lead = db.prepare(
    `INSERT INTO leads (id, name, company, stage, source_team, campaign_id, owner_id, lead_at, mql_at, created_at, updated_at)
     VALUES (@id, @name, @company, 'mql', 'marketing', @campaign, @owner, @at, @mqlAt, @at, @at)`,
  );
  for (let i = 0; i < BREACHES; i += 1) {
    // due between 1 h and ~12 days ago: all within the breach list's look-back
    const mqlAt = now - (hours + 1 + i * 5) * HOUR;
    lead.run({
      id: `crowd-breach-${i}`,
      name: `Breached Lead ${i}`,
      company: `Overdue Company ${i} International`,
      campaign: null,
      owner: owners[(i * 7) % OWNERS],
      at: mqlAt,
      mqlAt,
    });
  }
  for (let i = 0; i < WAITING; i += 1) {
    const mqlAt = now - (i + 1) * 0.5 * HOUR;
    lead.run({
      id: `crowd-wait-${i}`,
      name: `Waiting Lead ${i}`,
      company: null,
      campaign: null,
      owner: owners[i % OWNERS],
      at: mqlAt,
      mqlAt,
    });
  }
  const campaign = db.prepare(
    `INSERT INTO campaigns (id, name, channel, source_team, created_at, updated_at) VALUES (?, ?, 'paid', 'marketing', ?, ?)`,
  );
  const review = db.prepare(`INSERT INTO lead_reviews (id, lead_id, rating, reviewed_at) VALUES (?, ?, ?, ?)`);
  const sources = JUDGED_SOURCES + THIN_SOURCES;
  for (let s = 0; s < sources; s += 1) {
    const id = `crowd-campaign-${s}`;
    campaign.run(id, `Crowded source ${s}`, now, now);
    const reviews = s < JUDGED_SOURCES ? 3 + (s % 4) : 1;
    for (let r = 0; r < reviews; r += 1) {
      const at = now - (s + r + 2) * 24 * HOUR;
      const leadId = `crowd-reviewed-${s}-${r}`;
      lead.run({
        id: leadId,
        name: `Reviewed Lead ${s}-${r}`,
        company: null,
        campaign: id,
        owner: null,
        at,
        mqlAt: null,
      });
      // ratings spread from 1 to 5 across sources, so that the best and worst are unambiguous
      review.run(`crowd-review-${s}-${r}`, leadId, 1 + ((s * 3 + r) % 5), at);
    }
  }
}

/** Independent count of the breaches the slide must account for (METRICS: breached; 30-day look-back). */
function breachedBySql(dbFile: string, now: number): number {
  const db = new Database(dbFile, { readonly: true });
  try {
    const { hours } = db
      .prepare('SELECT follow_up_hours AS hours FROM sla_terms ORDER BY valid_from DESC LIMIT 1')
      .get() as {
      hours: number;
    };
    const monthStart = startOfMonth(new TZDate(now, ROOM_ZONE));
    const lookback = now - 30 * 24 * HOUR;
    return (
      db
        .prepare(
          `SELECT COUNT(*) AS n FROM leads
            WHERE deleted_at IS NULL AND mql_at IS NOT NULL AND first_follow_up_at IS NULL AND disqualified_at IS NULL
              AND mql_at + @ms <= @now AND mql_at + @ms >= @from`,
        )
        .get({ ms: Math.round(hours * HOUR), now, from: Math.min(lookback, monthStart.getTime()) }) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

/** Independent list of the sources with at least 3 reviews in 90 days, best average first. */
function judgedSourcesBySql(dbFile: string, now: number): { id: string; average: number }[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT l.campaign_id AS id, AVG(r.rating) AS average, COUNT(*) AS n
           FROM lead_reviews r JOIN leads l ON l.id = r.lead_id
          WHERE r.deleted_at IS NULL AND l.deleted_at IS NULL AND l.campaign_id IS NOT NULL
            AND r.reviewed_at >= @from AND r.reviewed_at <= @now
          GROUP BY l.campaign_id HAVING COUNT(*) >= 3 ORDER BY average DESC`,
      )
      .all({ from: now - 90 * 24 * HOUR, now }) as { id: string; average: number }[];
  } finally {
    db.close();
  }
}

/**
 * How far down the slide's body its content reaches, as a share of the body's height: a portrait screen
 * whose content stops halfway is half empty.
 */
function bodyFill(page: Page, slideId: string): Promise<number> {
  return page.evaluate((id) => {
    const body = document.querySelector(`[data-testid="slide-${id}"] .body`)!;
    const box = body.getBoundingClientRect();
    let bottom = box.top;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent?.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects()) bottom = Math.max(bottom, rect.bottom);
    }
    return (bottom - box.top) / box.height;
  }, slideId);
}

describe('a crowded room at the three sizes', () => {
  let app: ServedApp;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-crowded-'));
    seedSettings(dataDir, { night: DAYTIME_ALWAYS });
    seedDemoData(dataDir, crowd);
    app = await startServedApp({ dataDir });
    browser = await launchChromium();
    screenshotDir();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const size of SIZES) {
    const label = `${size.width}x${size.height}`;

    it(`accounts for every SLA breach at ${label}`, async () => {
      const page = await checkingPage(browser, size);
      try {
        const slide = await showSlide(page, app.url, 'sla');
        const expected = breachedBySql(app.dbFile, Date.now());
        expect(expected).toBeGreaterThanOrEqual(BREACHES);
        expect(Number(await slide.getByTestId('sla-open-breached').getAttribute('data-value'))).toBe(expected);
        const lines = slide.locator('[data-testid$="-item"][data-count]');
        const counts = await lines.evaluateAll((items) => items.map((item) => Number(item.getAttribute('data-count'))));
        expect(
          counts.reduce((sum, n) => sum + n, 0),
          'breaches on screen',
        ).toBe(expected);
        // more breaches than lines: grouped by owner, and the owners' lines name a count each
        expect(await slide.getByTestId('sla-breach-item').count()).toBe(0);
        expect(
          await slide.locator('[data-testid="sla-owner-item"], [data-testid="sla-other-owners-item"]').count(),
        ).toBeGreaterThan(0);
        // the countdown of the soonest waiting MQL is never pushed off by the breaches
        expect(await slide.getByTestId('sla-waiting-item').count()).toBeGreaterThan(0);
        await expect.poll(() => slide.getByTestId('sla-compliance-target').getAttribute('data-value')).toBe('0.9');
        if (size === SCREENS.portrait) expect(await bodyFill(page, 'sla')).toBeGreaterThan(0.8);
        expect(await screenProblems(page, `crowded-sla-${label}.png`)).toEqual([]);
      } finally {
        await page.context().close();
      }
    });

    it(`shows the best and the worst lead sources at ${label}`, async () => {
      const page = await checkingPage(browser, size);
      try {
        const slide = await showSlide(page, app.url, 'lead-quality');
        const judged = judgedSourcesBySql(app.dbFile, Date.now());
        const shown = await slide
          .getByTestId('quality-source')
          .evaluateAll((rows) =>
            rows.map((row) => ({ id: row.getAttribute('data-campaign-id'), place: row.getAttribute('data-place') })),
          );
        const ids = shown.map((row) => row.id);
        expect(ids[0], 'the best source first').toBe(judged[0]!.id);
        expect(ids.at(-1), 'the worst source last').toBe(judged.at(-1)!.id);
        const fold = slide.getByTestId('quality-fold');
        await expect.poll(() => fold.count()).toBe(1);
        const between = Number(await fold.getAttribute('data-between'));
        const tooFew = Number(await fold.getAttribute('data-too-few'));
        expect(between, 'the judged middle is folded').toBeGreaterThan(0);
        expect(await fold.textContent()).toContain(`+${between} more in between`);
        const allSources = judged.length + tooFew;
        expect(shown.length + between + tooFew).toBe(allSources);
        expect(tooFew).toBeGreaterThanOrEqual(THIN_SOURCES);
        if (size === SCREENS.portrait) expect(await bodyFill(page, 'lead-quality')).toBeGreaterThan(0.8);
        expect(await screenProblems(page, `crowded-lead-quality-${label}.png`)).toEqual([]);
      } finally {
        await page.context().close();
      }
    });
  }
});
