/**
 * Presenter mode, the stand-up, privacy mode and won-deal celebrations, driven the way a room drives them:
 * real key presses in Chromium, and deals won through the HTTP API. The page's clock is Playwright's
 * (installed at the real time and left running, or paused where a test shows that something happens
 * without any timer), so that a slide's 10 minutes, a speaker's seconds and a celebration's batching window
 * pass in an instant with `clock.fastForward`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLIDE_IDS } from '@shared/slides';
import type { Person } from '@shared/domain';
import { launchChromium, SCREENS } from './support/browser';
import { startServedApp, type ServedApp } from './support/server-process';
import {
  callApi,
  DAYTIME_ALWAYS,
  ROOM_ZONE,
  seedDemoData,
  seedSettings,
  waitForFigures,
  withoutMeetingSlideSets,
} from './support/wall';

/** Long enough that the rotation never moves by itself unless the test fast-forwards the page's clock. */
const SLIDE_SEC = 600;
const CELEBRATION_SEC = 20;
const BATCH_SEC = 60;

/** The rotation of the navigation tests: funnel is in the playlist but disabled. */
const PLAYLIST = SLIDE_IDS.map((slideId) => ({ slideId, enabled: slideId !== 'funnel', durationSec: SLIDE_SEC }));
const ROTATION = PLAYLIST.filter((entry) => entry.enabled).map((entry) => entry.slideId);

/** A currency amount as the wall could write it: "€12,500", "US$42.7k", "12 €", "EUR 12". */
const MONEY = /(?:[€$£¥]|\b(?:EUR|USD|GBP|CHF)\b)\s?\d|\d\s?(?:[€£¥]|\b(?:EUR|USD|GBP|CHF)\b)/;

let app: ServedApp;
let browser: Browser;
let dataDir: string;
let people: Person[];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'alignboard-presenter-'));
  seedDemoData(dataDir, withoutMeetingSlideSets);
  seedSettings(dataDir, {
    playlist: PLAYLIST,
    night: DAYTIME_ALWAYS,
    celebrations: { enabled: true, durationSec: CELEBRATION_SEC, batchWindowSec: BATCH_SEC, quietHours: null },
    privacySchedule: null,
  });
  app = await startServedApp({ dataDir });
  browser = await launchChromium();
  people = await callApi(app.url, 'people.list');
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh wall with the test's clock installed, showing the first slide of the rotation. */
async function openWall(url = app.viewerUrl()): Promise<Page> {
  const context = await browser.newContext({
    viewport: SCREENS.hd,
    reducedMotion: 'reduce',
    timezoneId: ROOM_ZONE,
    locale: 'en-GB',
  });
  const page = await context.newPage();
  await page.clock.install({ time: Date.now() });
  await page.goto(url);
  await page.locator('main.kiosk[data-slide]').waitFor();
  return page;
}

/** The slide the rotation shows now. */
function slideOnScreen(page: Page): Promise<string | null> {
  return page.locator('main.kiosk').getAttribute('data-slide');
}

async function expectSlide(page: Page, slideId: string): Promise<void> {
  await expect.poll(() => slideOnScreen(page), { message: `the wall shows ${slideId}` }).toBe(slideId);
  await page.getByTestId(`slide-${slideId}`).waitFor();
}

function withDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(app.dbFile, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('presenter keys', () => {
  it('moves between slides with →, ←, PageDown and PageUp, wrapping round', async () => {
    const page = await openWall();
    await expectSlide(page, ROTATION[0]!);
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, ROTATION[1]!);
    await page.keyboard.press('PageDown');
    await expectSlide(page, ROTATION[2]!);
    await page.keyboard.press('ArrowLeft');
    await expectSlide(page, ROTATION[1]!);
    await page.keyboard.press('PageUp');
    await expectSlide(page, ROTATION[0]!);
    await page.keyboard.press('ArrowLeft');
    await expectSlide(page, ROTATION.at(-1)!);
    expect(ROTATION).not.toContain('funnel');
    await page.context().close();
  });

  it('pauses on Space (saying so) and resumes on Space', async () => {
    const page = await openWall();
    await expectSlide(page, ROTATION[0]!);
    await page.keyboard.press('Space');
    await page.getByTestId('presenter-paused').waitFor();
    // Longer than the slide's time: a paused wall stays.
    await page.clock.fastForward((SLIDE_SEC + 60) * 1000);
    expect(await slideOnScreen(page)).toBe(ROTATION[0]);
    await expect.poll(() => page.getByTestId('presenter-paused').isVisible()).toBe(true);

    await page.keyboard.press('Space');
    await page.getByTestId('presenter-paused').waitFor({ state: 'hidden' });
    await page.clock.fastForward((SLIDE_SEC + 1) * 1000);
    await expectSlide(page, ROTATION[1]!);
    await page.context().close();
  });

  it('jumps with the digits to the n-th enabled slide', async () => {
    const page = await openWall();
    await expectSlide(page, ROTATION[0]!);
    await page.keyboard.press('2');
    // The playlist's second entry (funnel) is disabled: 2 is the second slide of the rotation.
    await expectSlide(page, ROTATION[1]!);
    await page.keyboard.press(String(ROTATION.length));
    await expectSlide(page, ROTATION.at(-1)!);
    await page.keyboard.press('1');
    await expectSlide(page, ROTATION[0]!);
    // A digit past the rotation's end changes nothing.
    await page.keyboard.press('9');
    await page.keyboard.press('ArrowRight');
    await expectSlide(page, ROTATION[1]!);
    await page.context().close();
  });
});

describe('the stand-up', () => {
  it('runs from S to Esc: what changed, a timed speaker list, and back to the same slide, recorded', async () => {
    const page = await openWall();
    await expectSlide(page, ROTATION[0]!);
    await page.keyboard.press('3');
    await expectSlide(page, ROTATION[2]!);
    const runsBefore = withDb((db) => (db.prepare('SELECT count(*) AS n FROM meeting_runs').get() as { n: number }).n);

    await page.keyboard.press('s');
    await page.getByTestId('standup-view').waitFor();
    await page.getByTestId('since-yesterday').waitFor();
    // What changed since yesterday is what the service counts (asked before and after reading the page, in
    // case an event leaves the window meanwhile).
    const sinceBefore = (await callApi(app.url, 'standup.since')).counts;
    const shownCounts: Record<string, number> = {};
    for (const key of Object.keys(sinceBefore)) {
      const shown = await page.getByTestId(`since-${key}`).innerText();
      shownCounts[key] = Number(/\d[\d,]*/.exec(shown)?.[0].replace(/,/g, ''));
    }
    const sinceAfter = (await callApi(app.url, 'standup.since')).counts;
    expect([sinceBefore, sinceAfter]).toContainEqual(shownCounts);

    const speaker = page.getByTestId('standup-speaker');
    await speaker.waitFor();
    const first = await speaker.getAttribute('data-person');
    const timer = page.getByTestId('standup-timer');
    const before = secondsIn(await timer.innerText());
    await page.clock.fastForward(5_000);
    await expect.poll(async () => secondsIn(await timer.innerText())).toBeLessThanOrEqual(before - 4);

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => speaker.getAttribute('data-person')).not.toBe(first);
    const second = await speaker.getAttribute('data-person');
    const teamOf = (id: string | null) => people.find((person) => person.id === id)?.team;
    expect(teamOf(first), 'the first speaker is one of the team').toBeDefined();
    expect(teamOf(second), 'sales and marketing take turns').not.toBe(teamOf(first));
    // The new speaker's time starts afresh.
    await expect.poll(async () => secondsIn(await timer.innerText())).toBeGreaterThan(before - 4);

    await page.keyboard.press('Escape');
    await page.getByTestId('standup-view').waitFor({ state: 'detached' });
    await expectSlide(page, ROTATION[2]!);

    await expect
      .poll(() => withDb((db) => (db.prepare('SELECT count(*) AS n FROM meeting_runs').get() as { n: number }).n))
      .toBe(runsBefore + 1);
    const run = withDb(
      (db) =>
        db
          .prepare('SELECT started_at AS startedAt, ended_at AS endedAt FROM meeting_runs ORDER BY started_at DESC')
          .get() as { startedAt: number; endedAt: number | null },
    );
    expect(run.endedAt).not.toBeNull();
    expect(run.endedAt! - run.startedAt, 'the recorded run lasted the five seconds and more').toBeGreaterThanOrEqual(
      5_000,
    );
    await page.context().close();
  });
});

/** "1:25" → 85 */
function secondsIn(text: string): number {
  const match = /(\d+):(\d{2})/.exec(text);
  if (!match) throw new Error(`no m:ss in "${text}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

describe('won deals are celebrated', () => {
  /** A sales rep, and a campaign whose owner (a marketer) sourced the deal. */
  async function creditFor(index: number) {
    const reps = people.filter((person) => person.team === 'sales');
    const campaigns = (await callApi(app.url, 'campaigns.list')).filter((c) => c.ownerId !== null);
    const rep = reps[index % reps.length]!;
    const campaign = campaigns[index % campaigns.length]!;
    const marketer = people.find((person) => person.id === campaign.ownerId)!;
    return { rep, campaign, marketer };
  }

  async function winDeal(title: string, index: number, leadId: string | null = null) {
    const credit = await creditFor(index);
    const deal = await callApi(app.url, 'deals.create', {
      title,
      amountMinor: 1_250_000 + index * 100_000,
      currency: 'EUR',
      stageId: 'negotiation',
      closingRepId: credit.rep.id,
      sourcingMarketerId: credit.marketer.id,
      campaignId: credit.campaign.id,
      leadId,
    });
    await callApi(app.url, 'deals.moveStage', { dealId: deal.id, stageId: 'won', reason: 'won_price' });
    return credit;
  }

  /** The wall has the event (its feed shows it), so its batching window is open. */
  async function seen(page: Page, title: string): Promise<void> {
    await page
      .getByTestId('activity-item')
      .filter({ hasText: `Deal won: ${title}` })
      .first()
      .waitFor({ timeout: 10_000 });
  }

  it('names the rep and the campaign, and bumps the shared KPI', async () => {
    const page = await openWall(app.viewerUrl('/?slide=activity'));
    await waitForFigures(page, 'activity');
    const lead = withDb(
      (db) =>
        db
          .prepare(
            `SELECT id FROM leads WHERE stage = 'opportunity' AND customer_at IS NULL AND deleted_at IS NULL LIMIT 1`,
          )
          .get() as { id: string } | undefined,
    );
    expect(lead, 'the demo data has open opportunities').toBeDefined();
    const kpiBefore = (await callApi(app.url, 'kpi.get')).figure.actual;

    // The page's clock stands still from here: the celebration must come without any timer running out,
    // so well within the 2 s a room waits at most for the first win after a quiet spell.
    const pausedAt = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(pausedAt);
    const title = 'Harbor Systems – rollout';
    const credit = await winDeal(title, 0, lead!.id);

    const celebration = page.getByTestId('celebration');
    await celebration.waitFor({ timeout: 15_000 });
    expect((await page.evaluate(() => Date.now())) - pausedAt, 'page time passed before the celebration').toBeLessThan(
      2_000,
    );
    expect(await celebration.getAttribute('data-count')).toBe('1');
    const text = await celebration.innerText();
    expect(text).toContain(title);
    expect(text).toContain(credit.rep.name);
    expect(text).toContain(credit.campaign.name);
    expect(text).toContain(credit.marketer.name);
    const kpiAfter = (await callApi(app.url, 'kpi.get')).figure.actual;
    expect(kpiAfter, 'the lead became a paying customer this month').toBe(kpiBefore + 1);
    await expect.poll(() => page.getByTestId('celebration-kpi').innerText()).toContain(String(kpiAfter));

    await page.clock.fastForward((CELEBRATION_SEC + 1) * 1000);
    await celebration.waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('celebrates the first win at once and the wins within the window after it once, together', async () => {
    const page = await openWall(app.viewerUrl('/?slide=activity'));
    await waitForFigures(page, 'activity');
    await page.clock.pauseAt(await page.evaluate(() => Date.now()));
    const first = await winDeal('Nordlicht Energy – team plan', 4);
    const celebration = page.getByTestId('celebration');
    await celebration.waitFor({ timeout: 15_000 });
    expect(await celebration.getAttribute('data-count')).toBe('1');
    expect(await celebration.innerText()).toContain(first.rep.name);

    const one = await winDeal('Alpenrose Health – pilot', 1);
    const two = await winDeal('Ostwind Logistics – renewal', 2);
    await seen(page, 'Alpenrose Health – pilot');
    await seen(page, 'Ostwind Logistics – renewal');
    // The first one's celebration ends; the two that followed wait for the window's close, then show as one.
    await page.clock.fastForward((CELEBRATION_SEC + 1) * 1000);
    await celebration.waitFor({ state: 'detached' });
    await page.clock.fastForward((BATCH_SEC - CELEBRATION_SEC) * 1000);
    await celebration.waitFor();
    expect(await celebration.count()).toBe(1);
    expect(await celebration.getAttribute('data-count')).toBe('2');
    const text = await celebration.innerText();
    for (const credit of [one, two]) {
      expect(text).toContain(credit.rep.name);
      expect(text).toContain(credit.campaign.name);
    }
    // It was one celebration: when it ends, no second one follows.
    await page.clock.fastForward((CELEBRATION_SEC + 1) * 1000);
    await celebration.waitFor({ state: 'detached' });
    await page.clock.fastForward((CELEBRATION_SEC + BATCH_SEC) * 1000);
    expect(await page.getByTestId('celebration').count()).toBe(0);
    await page.context().close();
  });

  it('holds a win while the presenter has paused and celebrates it after', async () => {
    const page = await openWall();
    await page.keyboard.press('Space');
    await page.getByTestId('presenter-paused').waitFor();
    const title = 'Lumen Mobility – expansion';
    await winDeal(title, 3);
    // The wall has the event once the activity slide, visited while paused, lists it.
    await page.keyboard.press(String(ROTATION.indexOf('activity') + 1));
    await expectSlide(page, 'activity');
    await seen(page, title);
    await page.clock.fastForward((BATCH_SEC + 1) * 1000);
    expect(await page.getByTestId('celebration').count(), 'nothing interrupts presenter mode').toBe(0);

    await page.keyboard.press('Space');
    await page.getByTestId('presenter-paused').waitFor({ state: 'hidden' });
    const celebration = page.getByTestId('celebration');
    await celebration.waitFor({ timeout: 10_000 });
    expect(await celebration.innerText()).toContain(title);
    await page.context().close();
  });
});

describe('privacy mode', () => {
  beforeAll(async () => {
    // Every slide in the rotation this time, so that P can be checked on each of them.
    await app.stop();
    seedSettings(dataDir, {
      playlist: SLIDE_IDS.map((slideId) => ({ slideId, enabled: true, durationSec: SLIDE_SEC })),
    });
    app = await startServedApp({ dataDir });
  });

  it('P hides every name and amount on every slide, and P again shows them', async () => {
    const allNames = withDb((db) =>
      (db.prepare('SELECT name FROM people').all() as { name: string }[]).map((p) => p.name),
    );
    expect(allNames.length).toBeGreaterThan(0);
    const page = await openWall();
    await page.keyboard.press('p');
    await page.getByTestId('privacy-badge').waitFor();

    for (const [index, slideId] of SLIDE_IDS.entries()) {
      await page.keyboard.press(String(index + 1));
      await expectSlide(page, slideId);
      await waitForFigures(page, slideId);
      const text = await page.locator('body').innerText();
      const names = allNames.filter((name) => text.includes(name));
      expect(names, `names on ${slideId} in privacy mode`).toEqual([]);
      expect(MONEY.exec(text)?.[0] ?? null, `an amount on ${slideId} in privacy mode`).toBeNull();
    }
    // The stand-up in privacy mode names nobody either.
    await page.keyboard.press('s');
    await page.getByTestId('standup-speaker').waitFor();
    const standupText = await page.locator('body').innerText();
    expect(
      allNames.filter((name) => standupText.includes(name)),
      'names in the stand-up',
    ).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('standup-view').waitFor({ state: 'detached' });

    await page.keyboard.press('p');
    await page.getByTestId('privacy-badge').waitFor({ state: 'detached' });
    const shownAgain: string[] = [];
    for (const slideId of ['sprint', 'activity', 'sla'] as const) {
      await page.keyboard.press(String(SLIDE_IDS.indexOf(slideId) + 1));
      await expectSlide(page, slideId);
      await waitForFigures(page, slideId);
      const text = await page.locator('body').innerText();
      shownAgain.push(...allNames.filter((name) => text.includes(name)));
      if (slideId === 'activity') expect(MONEY.test(text), 'amounts on the activity feed again').toBe(true);
    }
    expect(shownAgain.length, 'names show again with privacy off').toBeGreaterThan(0);
    await page.context().close();
  });
});
