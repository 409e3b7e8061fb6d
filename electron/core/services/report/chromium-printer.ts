/**
 * The report printer under `npm run serve`: the system Chromium (or CHROMIUM_PATH), driven by
 * playwright-core, opens the report page from this very server and prints it. The browser starts on the
 * first job and closes after a minute without one, so a Monday's PDF and its PNGs share one launch; jobs
 * of one size share a browser context, so the page's scripts come from its cache after the first. Before
 * a scheduled delivery the schedule warms the printer (`warm`): the browser starts minutes ahead with the
 * report page loaded once, and stays until `rest`, so the delivery's PDF waits for neither.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ReportPaper } from '@shared/report';
import {
  printScale,
  REPORT_READY_SELECTOR,
  REPORT_SECTION_SELECTOR,
  reportPagePath,
  type ReportPrinter,
  type SectionPng,
} from './report-printer';

/** Where Chromium is looked for when CHROMIUM_PATH is not set. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags that let Chromium run headless as a service (root, no network, no GPU). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const IDLE_CLOSE_MS = 60_000;
const PAGE_TIMEOUT_MS = 60_000;
/** The PDF's page size and the PNGs': each has its own browser context. */
const PDF_VIEW = { width: 1000, height: 1400, deviceScaleFactor: 1 };
const PNG_VIEW = { width: 900, height: 1200, deviceScaleFactor: 2 };

/** Options of {@link createChromiumPrinter}. */
export interface ChromiumPrinterOptions {
  /** the Chromium binary; default CHROMIUM_PATH, else the first of {@link CHROMIUM_CANDIDATES} found */
  executablePath?: string | null;
  /** the server's origin and a viewer token, read at each job (tokens can be rotated) */
  origin: () => { url: string; token: string };
  /** environment to read CHROMIUM_PATH from (tests) */
  env?: NodeJS.ProcessEnv;
}

/** The Chromium binary to use: CHROMIUM_PATH if set (even if missing, to say so), else the first found. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  return CHROMIUM_CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/** A printer that prints the report page with the system Chromium. */
export function createChromiumPrinter(options: ChromiumPrinterOptions): ReportPrinter {
  const executablePath = options.executablePath ?? findChromium(options.env);
  let browser: Promise<Browser> | null = null;
  /** one context per page size, for as long as the browser runs */
  let contexts = new Map<string, Promise<BrowserContext>>();
  let idle: NodeJS.Timeout | null = null;
  let jobs = 0;
  /** warmed for a coming delivery: no idle close until `rest` */
  let held = false;
  /** the warm-up of the running browser, once per launch */
  let warmed: Promise<void> | null = null;

  const unavailable = (): string | null => {
    if (!executablePath) {
      return 'No Chromium was found (looked for CHROMIUM_PATH and /usr/bin/chromium): install Chromium or set CHROMIUM_PATH, or print the page from the browser.';
    }
    if (!existsSync(executablePath)) {
      return `Chromium is not at ${executablePath}: fix CHROMIUM_PATH or install Chromium, or print the page from the browser.`;
    }
    return null;
  };

  const closeBrowser = async (): Promise<void> => {
    const open = browser;
    browser = null;
    contexts = new Map();
    warmed = null;
    if (open) await (await open.catch(() => null))?.close().catch(() => undefined);
  };

  const armIdleClose = (): void => {
    if (idle) clearTimeout(idle);
    idle = null;
    if (jobs > 0 || held || !browser) return;
    idle = setTimeout(() => void closeBrowser(), IDLE_CLOSE_MS);
    idle.unref();
  };

  const contextFor = (view: { width: number; height: number; deviceScaleFactor: number }) => {
    browser ??= import('playwright-core').then(({ chromium }) =>
      chromium.launch({ executablePath: executablePath!, headless: true, args: CHROMIUM_ARGS }),
    );
    const key = `${view.width}x${view.height}@${view.deviceScaleFactor}`;
    let context = contexts.get(key);
    if (!context) {
      const { deviceScaleFactor, ...viewport } = view;
      const launched = browser;
      context = launched.then((open) => open.newContext({ viewport, deviceScaleFactor }));
      // A context that failed is not kept: the next job asks again.
      context.catch(() => contexts.get(key) === context && contexts.delete(key));
      contexts.set(key, context);
    }
    return context;
  };

  /** Opens the report page of `weekId` (empty: the last complete week) on a new page and waits for it. */
  const openReport = async (context: BrowserContext, weekId: string): Promise<Page> => {
    const page = await context.newPage();
    const { url, token } = options.origin();
    const address = new URL(weekId ? reportPagePath(weekId) : '/report?print=1', url);
    address.searchParams.set('token', token);
    await page.goto(address.toString(), { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS });
    return page;
  };

  /** Runs one job on a fresh page of the shared browser, then arms the idle close. */
  const withPage = async <T>(
    weekId: string,
    view: { width: number; height: number; deviceScaleFactor: number },
    work: (page: Page, scale: number) => Promise<T>,
  ): Promise<T> => {
    const reason = unavailable();
    if (reason) throw new Error(reason);
    if (idle) clearTimeout(idle);
    idle = null;
    jobs += 1;
    try {
      const page = await openReport(await contextFor(view), weekId);
      try {
        const ready = await page.waitForSelector(REPORT_READY_SELECTOR, { timeout: PAGE_TIMEOUT_MS });
        const failure = await ready.getAttribute('data-report-error');
        if (failure !== null) throw new Error(`The report page could not show week ${weekId}: ${failure}`);
        return await work(page, printScale(await ready.getAttribute('data-print-scale')));
      } finally {
        await page.close().catch(() => undefined);
      }
    } catch (error) {
      // A browser that died takes the next job with it unless it is started again.
      await closeBrowser();
      throw error;
    } finally {
      jobs -= 1;
      armIdleClose();
    }
  };

  /**
   * Starts the browser and loads the report page once in the PDF's context (its scripts then come from
   * the cache), and keeps them until `rest`.
   */
  const warm = (): Promise<void> => {
    held = true;
    if (idle) clearTimeout(idle);
    idle = null;
    if (unavailable()) return Promise.resolve();
    warmed ??= (async () => {
      try {
        const page = await openReport(await contextFor(PDF_VIEW), '');
        await page.waitForSelector(REPORT_READY_SELECTOR, { timeout: PAGE_TIMEOUT_MS }).catch(() => undefined);
        await page.close().catch(() => undefined);
      } catch {
        // The print itself says what is wrong; a browser that failed to start is started again then.
        await closeBrowser();
      }
    })();
    return warmed;
  };

  return {
    unavailable,
    pdf: (weekId, paper: ReportPaper) =>
      withPage(weekId, PDF_VIEW, async (page, scale) => {
        await page.emulateMedia({ media: 'print' });
        return page.pdf({ format: paper, printBackground: true, preferCSSPageSize: false, scale });
      }),
    sectionPngs: (weekId) =>
      withPage(weekId, PNG_VIEW, async (page) => {
        const shots: SectionPng[] = [];
        for (const element of await page.$$(REPORT_SECTION_SELECTOR)) {
          shots.push({
            section: (await element.getAttribute('data-report-section')) ?? 'section',
            title: (await element.getAttribute('data-report-title')) ?? '',
            png: await element.screenshot({ type: 'png' }),
          });
        }
        return shots;
      }),
    warm,
    rest() {
      held = false;
      armIdleClose();
    },
    async close() {
      held = false;
      if (idle) clearTimeout(idle);
      idle = null;
      await closeBrowser();
    },
  };
}
