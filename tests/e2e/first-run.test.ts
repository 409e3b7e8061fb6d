/**
 * The first run, end to end: `serve --setup` on an empty data dir. A screen paired with the
 * viewer link waits calmly; the admin link opens the wizard, which is completed with the keyboard alone;
 * the wall then shows only the chosen slides with the chosen team names, the waiting screen turns into the
 * wall by itself, and the database (read with a query of its own) holds the KPI target, the PIN's hash,
 * the playlist and the names. The wizard and the waiting screen pass the wall's legibility checks at the
 * three screen sizes (they are read on the wall's own screen) and are saved (support/screens.ts says where).
 * The wall's bundle carries neither the wizard nor zod.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLIDE_IDS } from '@shared/slides';
import { launchChromium, SCREENS } from './support/browser';
import { axeProblems, checkLayout, layoutProblems, runAxe } from './support/layout-check';
import { checkingPage, SCREENSHOT_DIR, screenshotDir } from './support/screens';
import { startServedApp, type ServedApp } from './support/server-process';
import { DAYTIME_ALWAYS, ROOM_ZONE, seedSettings, settle } from './support/wall';

const OUT_DIR = resolve(process.env.ALIGNBOARD_E2E_OUT ?? resolve(__dirname, '../../out'));
const SIZES = [SCREENS.hd, SCREENS.uhd, SCREENS.portrait] as const;
const label = (size: { width: number; height: number }) => `${size.width}x${size.height}`;

const PIN = '482913';
const TEAMS = { sales: 'Closers', marketing: 'Growth' };
const TARGET = 30;
/** kept on: the others are switched off in the wizard */
const CHOSEN = ['kpi', 'sla', 'glossary'];

/** The wall's legibility rules (tests/e2e/legibility.test.ts), optionally saving the screen first. */
async function problemsOf(page: Page, screenshot?: string): Promise<string[]> {
  await settle(page);
  if (screenshot) await page.screenshot({ path: join(SCREENSHOT_DIR, screenshot) });
  const layout = await checkLayout(page);
  const axe = await runAxe(page);
  const problems = [...layoutProblems(layout), ...axeProblems(axe)];
  if (layout.textCount === 0) problems.push('the screen shows no text at all');
  return problems;
}

/** Waits for the wizard to show a step. */
async function atStep(page: Page, n: number): Promise<void> {
  await page.locator(`[data-testid="setup"][data-step="${n}"]`).waitFor({ timeout: 5_000 });
}

const focusedTestId = (page: Page): Promise<string | null> =>
  page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);

/**
 * Walks the wizard from its first step to the summary with the keyboard alone (the focus starts where
 * each step begins): demo data, the PIN twice, the team names, the KPI per quarter, three slides.
 * `check` runs on every step, and once on the PIN step with its error showing.
 */
async function walkWizard(page: Page, check: (name: string) => Promise<void> = async () => {}): Promise<void> {
  const key = (name: string) => page.keyboard.press(name);
  await atStep(page, 1);
  expect(await focusedTestId(page)).toBe('setup-data-demo');
  await check('data');
  // ↓ picks the empty database, ↑ demo data again (a radio group)
  await key('ArrowDown');
  expect(await page.getByTestId('setup-data-empty').isChecked()).toBe(true);
  await key('ArrowUp');
  expect(await page.getByTestId('setup-data-demo').isChecked()).toBe(true);
  await key('Enter');

  await atStep(page, 2);
  await key('Enter');
  await page.getByTestId('error-adminPin').waitFor();
  await check('pin-error');
  await page.keyboard.type(PIN);
  await key('Tab');
  await page.keyboard.type(PIN);
  await key('Enter');

  await atStep(page, 3);
  expect(await focusedTestId(page)).toBe('setup-team-sales');
  await check('teams');
  await key('ControlOrMeta+a');
  await page.keyboard.type(TEAMS.sales);
  await key('Tab');
  await key('ControlOrMeta+a');
  await page.keyboard.type(TEAMS.marketing);
  await key('Enter');

  await atStep(page, 4);
  expect(await focusedTestId(page)).toBe('setup-period-month');
  await key('ArrowDown');
  expect(await page.getByTestId('setup-period-quarter').isChecked()).toBe(true);
  await key('Tab');
  await page.keyboard.type(String(TARGET));
  await check('kpi');
  await key('Enter');

  await atStep(page, 5);
  await check('slides');
  // ↓ walks the boxes in the registry's order, Space switches one off
  const boxes = await page
    .locator('[data-testid^="setup-slide-"]')
    .evaluateAll((inputs) =>
      inputs.map((input) => (input as HTMLElement).dataset.testid!.slice('setup-slide-'.length)),
    );
  for (const [index, slideId] of boxes.entries()) {
    expect(await focusedTestId(page)).toBe(`setup-slide-${slideId}`);
    if (!CHOSEN.includes(slideId)) await key('Space');
    if (index < boxes.length - 1) await key('ArrowDown');
  }
  await key('Enter');

  await atStep(page, 6);
  expect(await focusedTestId(page)).toBe('setup-start');
  await check('summary');
}

/** The slide ids the wall's rotation goes through, stepped with → until it comes round again. */
async function rotation(page: Page): Promise<string[]> {
  const kiosk = page.locator('main.kiosk[data-slide]');
  const first = (await kiosk.getAttribute('data-slide'))!;
  const seen = [first];
  for (let i = 0; i < 12; i++) {
    const before = (await kiosk.getAttribute('data-slide'))!;
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (previous) => document.querySelector('main.kiosk')?.getAttribute('data-slide') !== previous,
      before,
      { timeout: 5_000 },
    );
    const now = (await kiosk.getAttribute('data-slide'))!;
    if (now === first) break;
    seen.push(now);
  }
  return seen;
}

describe('the first run: setup wizard, waiting screen, then the wall', () => {
  let app: ServedApp;
  let browser: Browser;
  /** viewer screens, one per size, opened before setup and kept open to see them switch */
  const viewers = new Map<string, Page>();

  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-first-run-'));
    // Only the room's zone and night mode off (a setting is no room data: setup is still needed), so that
    // the wall appears after setup whatever the hour the suite runs at.
    seedSettings(dataDir, { night: DAYTIME_ALWAYS });
    app = await startServedApp({ dataDir, setup: true });
    browser = await launchChromium();
    screenshotDir();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tells a viewer screen, legibly at the three sizes, that it waits to be set up', async () => {
    const problems: Record<string, string[]> = {};
    for (const size of SIZES) {
      const page = await checkingPage(browser, size);
      viewers.set(label(size), page);
      await page.goto(app.viewerUrl('/'));
      await page.getByTestId('setup-waiting').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('setup-waiting').innerText()).toContain('admin link');
      expect(await page.locator('main.kiosk').count()).toBe(0);
      problems[label(size)] = await problemsOf(page, `setup-waiting-${label(size)}.png`);
    }
    expect(problems).toEqual(Object.fromEntries(SIZES.map((size) => [label(size), []])));
  });

  it('shows the wizard on the admin link, legibly at every step and at the three sizes', async () => {
    const problems: Record<string, string[]> = {};
    for (const size of SIZES) {
      const page = await checkingPage(browser, size);
      await page.goto(app.adminUrl('/admin'));
      await walkWizard(page, async (name) => {
        problems[`${name} at ${label(size)}`] = await problemsOf(
          page,
          name === 'data' ? `setup-${label(size)}.png` : undefined,
        );
      });
      await page.context().close();
    }
    expect(Object.entries(problems).filter(([, found]) => found.length > 0)).toEqual([]);
    expect(Object.keys(problems)).toHaveLength(SIZES.length * 6);
  });

  it('completes the setup by keyboard alone and shows the chosen slides with the team names', async () => {
    const page = await checkingPage(browser, SCREENS.hd);
    await page.goto(app.adminUrl('/admin'));
    await walkWizard(page);
    expect(await page.getByTestId('summary-teams').innerText()).toBe(`${TEAMS.sales} and ${TEAMS.marketing}`);
    // Enter on a done step in the list goes back to it, and stays there (the focus lands in a text box,
    // which must not take the same key press as "next")
    await page.getByTestId('setup-progress-3').locator('button').focus();
    await page.keyboard.press('Enter');
    await atStep(page, 3);
    expect(await focusedTestId(page)).toBe('setup-team-sales');
    await settle(page);
    expect(await page.getByTestId('setup').getAttribute('data-step')).toBe('3');
    // Esc goes back one more step, Enter forward again through the steps kept as they were
    await page.keyboard.press('Escape');
    await atStep(page, 2);
    for (const next of [3, 4, 5, 6]) {
      await page.keyboard.press('Enter');
      await atStep(page, next);
    }
    expect(await focusedTestId(page)).toBe('setup-start');
    await page.keyboard.press('Enter');

    // the wall, on the same page without a reload
    await page.locator('main.kiosk[data-slide]').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByTestId('setup').count()).toBe(0);
    await page.getByTestId('demo-banner').waitFor();
    expect([...(await rotation(page))].sort()).toEqual([...CHOSEN].sort());

    // the KPI slide counts per quarter against the target, and names the teams as set
    await page.keyboard.press('1');
    const kpi = page.getByTestId('slide-kpi');
    await kpi.getByTestId('kpi-target').waitFor({ timeout: 10_000 });
    expect(await kpi.getByTestId('kpi-target').getAttribute('data-value')).toBe(String(TARGET));
    const kpiText = await kpi.innerText();
    expect(kpiText).toMatch(new RegExp(`${TEAMS.marketing}\\s+sourced`));
    expect(kpiText).toMatch(new RegExp(`${TEAMS.sales}\\s+sourced`));
    expect(kpiText).not.toMatch(/\b(Sales|Marketing)\s+sourced/);
  });

  it('turns every waiting screen into the wall by itself', async () => {
    for (const [size, page] of viewers) {
      await page.locator('main.kiosk[data-slide]').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('setup-waiting').count(), size).toBe(0);
      expect(CHOSEN).toContain(await page.locator('main.kiosk').getAttribute('data-slide'));
    }
  });

  it('stored the PIN as a hash in the secret file (not the database), the team names, the playlist and the KPI target', () => {
    const db = new Database(app.dbFile, { readonly: true, fileMustExist: true });
    try {
      const setting = (key: string): unknown => {
        const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
        return row === undefined ? undefined : JSON.parse(row.value);
      };
      // The PIN's hash is a machine secret: in the owner-only file beside the database, never in it.
      expect(setting('admin.pin')).toBeUndefined();
      const secrets = JSON.parse(readFileSync(`${app.dbFile}.secrets.json`, 'utf8')) as {
        values: Record<string, { plain: string }>;
      };
      const pin = JSON.parse(secrets.values['admin.pin']!.plain) as { scheme: string; hash: string };
      expect(pin.scheme).toBe('scrypt');
      expect(JSON.stringify(pin)).not.toContain(PIN);
      expect(pin.hash.length).toBeGreaterThan(20);
      expect(setting('room.teamNames')).toEqual(TEAMS);
      expect(setting('room.periodKind')).toBe('quarter');
      expect(typeof setting('setup.completedAt')).toBe('number');
      const playlist = setting('display.playlist') as { slideId: string; enabled: boolean }[];
      expect(playlist.filter((entry) => entry.enabled).map((entry) => entry.slideId)).toEqual(CHOSEN);
      expect(playlist).toHaveLength(SLIDE_IDS.length);

      // this quarter, as the room counts it (its own zone), independently of the app's period code
      const [year, month] = new Intl.DateTimeFormat('en-CA', { timeZone: ROOM_ZONE, year: 'numeric', month: '2-digit' })
        .format(new Date())
        .split('-')
        .map(Number) as [number, number];
      const quarterStart = `${year}-${String(Math.floor((month - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
      const target = db
        .prepare("SELECT target FROM kpi_targets WHERE period_kind = 'quarter' AND period_start = ?")
        .get(quarterStart) as { target: number } | undefined;
      expect(target?.target).toBe(TARGET);

      // demo data was chosen: the database holds deals
      expect((db.prepare('SELECT count(*) AS n FROM deals').get() as { n: number }).n).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });

  it("keeps the wizard and zod out of the wall's bundle", () => {
    const assets = join(OUT_DIR, 'renderer/assets');
    expect(existsSync(assets)).toBe(true);
    const files = readdirSync(assets).filter((file) => file.endsWith('.js'));
    const entry = readFileSync(join(OUT_DIR, 'renderer/index.html'), 'utf8').match(/assets\/([\w.-]+\.js)/)?.[1];
    expect(entry).toBeDefined();
    // Every chunk the entry loads up front (static imports, followed through), never the lazy ones.
    const upFront = new Set<string>();
    const visit = (file: string): void => {
      if (upFront.has(file)) return;
      upFront.add(file);
      const code = readFileSync(join(assets, file), 'utf8');
      for (const match of code.matchAll(/(?:^|[;}\s])import\s*(?:[^'"();]*?from\s*)?["']\.\/([\w.-]+\.js)["']/g)) {
        visit(match[1]!);
      }
    };
    visit(entry!);
    const zodIn = (file: string) => readFileSync(join(assets, file), 'utf8').includes('_zod');
    expect([...upFront].filter(zodIn)).toEqual([]);
    // ...while the lazy chunks hold the wizard and zod (so the check above looks at the right thing)
    expect(files.some((file) => file.startsWith('SetupView-'))).toBe(true);
    expect(upFront.has(files.find((file) => file.startsWith('SetupView-'))!)).toBe(false);
    expect(files.filter(zodIn).length).toBeGreaterThan(0);
  });
});
