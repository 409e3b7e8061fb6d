/**
 * Shared steps of the wall's e2e tests: seeding settings and demo data into a data dir before the server
 * opens it, showing one slide and waiting until its figures are in, and calling the HTTP API.
 */
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { openDatabase } from '../../../electron/core/db/open-database';
import { setSetting } from '../../../electron/core/db/repositories/settings-repository';
import { generateDemoData } from '../../../electron/core/services/demo/demo-data';
import { ensureMachineId, SETTING_KEYS } from '../../../electron/core/services/support/settings-service';
import type { MethodInput, MethodName, MethodResult } from '@shared/contract';
import type { DisplaySettings } from '@shared/domain';
import { servedTokens, withToken } from './server-process';

/** The room's zone in every e2e test; vitest runs with TZ set to it and the server inherits it. */
export const ROOM_ZONE = 'Europe/Berlin';

type SettingKey = keyof typeof SETTING_KEYS;

/**
 * Writes settings into the data dir's database before the server starts (the server fills the demo data
 * around them). The room's zone is always pinned, whatever else is given.
 */
export function seedSettings(
  dataDir: string,
  settings: Partial<{ [K in SettingKey]: K extends keyof DisplaySettings ? DisplaySettings[K] : unknown }>,
): void {
  const db = openDatabase(join(dataDir, 'alignboard.db'));
  try {
    const now = Date.now();
    setSetting(db, SETTING_KEYS.timezone, ROOM_ZONE, now);
    for (const [key, value] of Object.entries(settings)) {
      setSetting(db, SETTING_KEYS[key as SettingKey], value, now);
    }
  } finally {
    db.close();
  }
}

/**
 * Fills the data dir's database with the demo quarter ending now, as the server would on its first start,
 * then lets `adjust` change it before the server opens it.
 */
export function seedDemoData(dataDir: string, adjust: (db: Database.Database) => void = () => {}): void {
  const db = openDatabase(join(dataDir, 'alignboard.db'));
  try {
    const now = Date.now();
    generateDemoData(db, { now, timezone: ROOM_ZONE, machineId: ensureMachineId(db, now) });
    adjust(db);
  } finally {
    db.close();
  }
}

/**
 * For {@link seedDemoData}: the demo meetings keep their times but not their own slide sets, so that the
 * rotation is the playlist whatever the hour a suite runs at (a running meeting, such as the stand-up at
 * 09:30, would otherwise replace it).
 */
export function withoutMeetingSlideSets(db: Database.Database): void {
  db.prepare(`UPDATE meetings SET slide_ids = '[]'`).run();
}

/** Night mode off: a suite that runs in the evening or on a weekend must still see the slides. */
export const DAYTIME_ALWAYS: DisplaySettings['night'] = {
  enabled: false,
  workday: { start: '07:00', end: '19:00' },
  weekends: true,
};

/**
 * The element that says a slide's own figures are on screen (not its "Loading…" state). A slide with
 * nothing to show says so in an empty state, which counts as ready too.
 */
export const SLIDE_READY: Readonly<Record<string, string>> = {
  kpi: '[data-testid="kpi-actual"]',
  funnel: '[data-testid^="funnel-stage-"]',
  sprint: '[data-testid="sprint-days-left"]',
  activity: '[data-testid="activity-item"]',
  sla: '[data-testid="sla-delivered"]',
  'lead-quality': '[data-testid="quality-source"]',
  meetings: '[data-testid="next-standup"], [data-testid="meeting-item"], [data-testid="action-item"]',
  glossary: '[data-testid="glossary-term"]',
  'last-week': '[data-testid="last-week-kpi"]',
};

/** Opens the kiosk pinned to one slide and waits until its data is drawn and the page has settled. */
export async function showSlide(page: Page, baseUrl: string, slideId: string): Promise<Locator> {
  await page.goto(withToken(`${baseUrl}/?slide=${encodeURIComponent(slideId)}`, servedTokens(baseUrl).viewer));
  const slide = page.getByTestId(`slide-${slideId}`);
  await slide.waitFor({ timeout: 15_000 });
  await waitForFigures(page, slideId);
  return slide;
}

/** Waits for a slide's figures, then for fonts and two frames, so that measurements see the final layout. */
export async function waitForFigures(page: Page, slideId: string): Promise<void> {
  const slide = page.getByTestId(`slide-${slideId}`);
  const ready = SLIDE_READY[slideId];
  const figures = ready ? slide.locator(ready).first() : slide;
  await figures
    .or(slide.getByTestId('empty-state').filter({ hasNotText: /loading/i }))
    .first()
    .waitFor({
      timeout: 15_000,
    });
  await settle(page);
}

/** Fonts loaded, every chart on the page drawn (Chart.js loads after the first paint), and two animation frames. */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document.querySelector('canvas:not([data-chart="drawn"])') === null &&
      document.querySelector('.slide-cover--clearing') === null,
  );
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  });
}

/**
 * Calls one method over the HTTP API with the admin token, as a script holding the admin link would;
 * throws on an error answer.
 */
export async function callApi<M extends MethodName>(
  baseUrl: string,
  method: M,
  input: MethodInput<M> | Record<string, never> = {},
): Promise<MethodResult<M>> {
  const response = await fetch(`${baseUrl}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${servedTokens(baseUrl).admin}` },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: MethodResult<M>; error?: { message: string } };
  if (!response.ok || body.result === undefined) {
    throw new Error(`${method} failed with ${response.status}: ${body.error?.message ?? 'no result'}`);
  }
  return body.result;
}

/**
 * Creates a deal with a closing rep, a sourcing campaign and its marketer, and wins it over the API: what a
 * celebration needs to credit both teams.
 */
export async function winCreditedDeal(baseUrl: string, title: string): Promise<void> {
  const [rep] = (await callApi(baseUrl, 'people.list')).filter((person) => person.team === 'sales');
  const campaign = (await callApi(baseUrl, 'campaigns.list')).find((c) => c.ownerId !== null)!;
  const deal = await callApi(baseUrl, 'deals.create', {
    title,
    amountMinor: 4_850_000,
    currency: 'EUR',
    stageId: 'negotiation',
    closingRepId: rep!.id,
    sourcingMarketerId: campaign.ownerId,
    campaignId: campaign.id,
  });
  await callApi(baseUrl, 'deals.moveStage', { dealId: deal.id, stageId: 'won', reason: 'won_price' });
}

/**
 * Page-script statements that run `onShow` (JavaScript) every time a slide comes on screen (a new slide,
 * or one the kiosk kept and shows again: the kiosk's stack marks the slide on screen `current`) and
 * `onCreate` the first time each slide element enters the page (created, not revealed again); they
 * observe the DOM only and start no timer. For `page.addInitScript`.
 */
export function slideMountObserver(onShow: string, onCreate = ''): string {
  return `{
    const created = new WeakSet();
    let showing = null;
    new MutationObserver(() => {
      for (const slide of document.querySelectorAll('[data-testid^="slide-"]')) {
        if (!created.has(slide)) { created.add(slide); ${onCreate} }
      }
      const now = document.querySelector('.kept-slide[data-state="current"] [data-testid^="slide-"]');
      if (now !== null && now !== showing) { ${onShow} }
      showing = now;
    }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-state'] });
  }`;
}
