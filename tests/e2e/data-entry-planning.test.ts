/**
 * Data entry for how the teams work together, as a person does it in Chromium with the keyboard, against
 * the real server over the demo data: each change made in the admin view shows on the wall (a kiosk page
 * that stays open and follows the activity events, or the slide opened afterwards).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENS } from './support/browser';
import { monthOf } from './support/calendar';
import { startServedApp, type ServedApp } from './support/server-process';
import { callApi, DAYTIME_ALWAYS, ROOM_ZONE, seedSettings, showSlide } from './support/wall';

let app: ServedApp;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'alignboard-planning-'));
  seedSettings(dataDir, { night: DAYTIME_ALWAYS });
  app = await startServedApp({ dataDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function newPage(): Promise<Page> {
  return browser.newPage({ viewport: SCREENS.hd, reducedMotion: 'reduce', timezoneId: ROOM_ZONE, locale: 'en-GB' });
}

/** Opens one section of the admin view and waits until it has its data. */
async function openSection(page: Page, section: string, ready: string): Promise<void> {
  await page.goto(app.adminUrl(`/admin?section=${section}`));
  await page.getByTestId(`section-${section}`).waitFor({ timeout: 15_000 });
  await page.locator(ready).first().waitFor({ timeout: 15_000 });
}

/** Replaces what a focused text box holds, as a person does: select all, type. */
async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

describe('planning data entry reaches the wall', () => {
  it("updates a sprint goal's progress and the open sprint slide follows", async () => {
    const { sprint } = await callApi(app.url, 'sprints.current');
    expect(sprint, 'the demo data has a running sprint').not.toBeNull();
    const goal = sprint!.goals[0]!;
    const next = goal.current + Math.max(1, Math.round(goal.target / 4));
    const expectedPercent = Math.round((next / goal.target) * 100);

    const wall = await newPage();
    const slide = await showSlide(wall, app.url, 'sprint');
    const bar = slide.getByTestId(`sprint-goal-${goal.id}`).getByRole('progressbar');
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(Math.round((goal.current / goal.target) * 100));

    const admin = await newPage();
    await openSection(admin, 'sprints', `[data-testid="goal-quick-${goal.id}"]`);
    await admin.getByTestId(`goal-quick-${goal.id}`).focus();
    await admin.keyboard.type(String(next));
    await admin.keyboard.press('Enter');
    await expect.poll(() => admin.getByTestId('planning-status').innerText()).toContain(goal.title);
    expect(await admin.getByTestId(`goal-progress-${goal.id}`).innerText()).toContain(`(${expectedPercent}%)`);

    await expect
      .poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 10_000 })
      .toBe(expectedPercent);
    const stored = await callApi(app.url, 'sprints.current');
    expect(stored.sprint!.goals.find((g) => g.id === goal.id)!.current).toBe(next);
    await admin.close();
    await wall.close();
  });

  it('sets the KPI target of the current month and the KPI slide shows it', async () => {
    const month = monthOf(Date.now(), ROOM_ZONE);
    const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      Date.UTC(month.year, month.month - 1, 1),
    );
    const admin = await newPage();
    await openSection(admin, 'kpi', `[data-testid="kpi-input-${month.firstDay}"]`);
    // the first row is this month, named and dated in the room's zone
    expect(await admin.getByTestId(`kpi-period-${month.firstDay}`).innerText()).toContain(monthName);
    await admin.getByTestId(`kpi-input-${month.firstDay}`).focus();
    await typeOver(admin, '77');
    await admin.keyboard.press('Enter');
    await expect.poll(() => admin.getByTestId('planning-status').innerText()).toContain(`Target for ${monthName}: 77`);

    const wall = await newPage();
    const slide = await showSlide(wall, app.url, 'kpi');
    const shown = slide.getByTestId('kpi-target');
    await expect.poll(async () => Number(await shown.getAttribute('data-value')), { timeout: 10_000 }).toBe(77);
    expect(await shown.innerText()).toContain('77');
    const targets = await callApi(app.url, 'kpi.targets');
    expect(targets.find((t) => t.periodKind === 'month' && t.periodStart === month.firstDay)?.target).toBe(77);
    await admin.close();
    await wall.close();
  });

  it('adds a glossary version: the slide shows it, the history keeps the old one', async () => {
    const before = (await callApi(app.url, 'glossary.list')).terms.find((entry) => entry.term === 'MQL');
    expect(before, 'the demo glossary defines MQL').toBeDefined();
    const definition = `A lead with a demo request or 60 points, agreed ${new Date().toISOString().slice(0, 10)}.`;

    const admin = await newPage();
    await openSection(admin, 'glossary', '[data-testid="glossary-edit-mql"]');
    await admin.getByTestId('glossary-edit-mql').focus();
    await admin.keyboard.press('Enter');
    await expect
      .poll(() => admin.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('glossary-definition');
    await typeOver(admin, definition);
    await admin.keyboard.press('Control+Enter');
    await expect
      .poll(() => admin.getByTestId('planning-status').innerText())
      .toContain(`version ${before!.version + 1}`);

    await admin.getByTestId('glossary-history-mql').focus();
    await admin.keyboard.press('Enter');
    const versions = admin.getByTestId('glossary-versions-mql').getByTestId('glossary-version');
    await expect.poll(() => versions.count()).toBe(before!.version + 1);
    expect(await versions.first().innerText()).toContain(definition);
    expect(await versions.nth(1).innerText()).toContain(before!.definition);

    const wall = await newPage();
    const slide = await showSlide(wall, app.url, 'glossary');
    const term = slide.locator('[data-testid="glossary-term"][data-term="MQL"]');
    await expect.poll(() => term.innerText(), { timeout: 10_000 }).toContain(definition);
    expect(await term.innerText()).not.toContain(before!.definition);
    await admin.close();
    await wall.close();
  });

  it('changes the playlist with the keyboard and the running kiosk follows', async () => {
    // A meeting running now would show its own slide set instead of the playlist: none for this test.
    for (const meeting of await callApi(app.url, 'meetings.list')) {
      await callApi(app.url, 'meetings.delete', { id: meeting.id });
    }
    const kept = ['glossary', 'kpi', 'sprint'];

    const wall = await newPage();
    await wall.goto(app.viewerUrl());
    await wall.locator('main.kiosk[data-slide]').waitFor({ timeout: 15_000 });

    const admin = await newPage();
    await openSection(admin, 'display', '[data-testid="playlist"]');
    const settings = await callApi(app.url, 'settings.display');
    for (const entry of settings.playlist) {
      if (entry.enabled !== kept.includes(entry.slideId)) {
        await admin.getByTestId(`playlist-enabled-${entry.slideId}`).focus();
        await admin.keyboard.press('Space');
      }
      if (kept.includes(entry.slideId)) {
        await admin.getByTestId(`playlist-duration-${entry.slideId}`).focus();
        await typeOver(admin, '5');
      }
    }
    // glossary first: Alt+↑ until it is on top (the focus moves with the row)
    await admin.getByTestId('playlist-enabled-glossary').focus();
    const position = settings.playlist.findIndex((entry) => entry.slideId === 'glossary');
    for (let i = 0; i < position; i++) await admin.keyboard.press('Alt+ArrowUp');
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'playlist-enabled-glossary',
    );
    await admin.getByTestId('playlist-duration-glossary').focus();
    await admin.keyboard.press('Enter');
    await expect.poll(() => admin.getByTestId('planning-status').innerText()).toContain('Saved the playlist');

    const saved = await callApi(app.url, 'settings.display');
    expect(saved.playlist.filter((entry) => entry.enabled)).toEqual(
      kept.map((slideId) => ({ slideId, enabled: true, durationSec: 5 })),
    );
    expect(saved.playlist[0]!.slideId).toBe('glossary');

    // The open kiosk now cycles through the three slides, in that order, 5 s each.
    const seen: { slide: string; at: number }[] = [];
    const started = Date.now();
    while (Date.now() - started < 22_000) {
      const slide = await wall.locator('main.kiosk').getAttribute('data-slide');
      if (slide && seen.at(-1)?.slide !== slide) seen.push({ slide, at: Date.now() });
      await wall.waitForTimeout(200);
    }
    // Whatever was on screen at the save may finish its turn; from the first change on only the new list.
    const after = seen.slice(1);
    expect(after.length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
    for (const { slide } of after) expect(kept).toContain(slide);
    for (let i = 1; i < after.length; i++) {
      expect(after[i]!.slide).toBe(kept[(kept.indexOf(after[i - 1]!.slide) + 1) % kept.length]);
    }
    for (let i = 2; i < after.length; i++) {
      const turn = after[i]!.at - after[i - 1]!.at;
      expect(turn, JSON.stringify(seen)).toBeGreaterThan(4_000);
      expect(turn, JSON.stringify(seen)).toBeLessThan(7_500);
    }
    await admin.close();
    await wall.close();
  });
});
