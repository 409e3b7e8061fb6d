/**
 * The report printer under `npm run serve`: the system Chromium (or CHROMIUM_PATH), driven by
 * playwright-core, opens the report page from this very server and prints it. The browser starts on the
 * first job and closes after a minute without one, so a Monday's PDF and its PNGs share one launch.
 */
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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
  let idle: NodeJS.Timeout | null = null;
  let jobs = 0;

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
    if (open) await (await open.catch(() => null))?.close().catch(() => undefined);
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
    jobs += 1;
    try {
      browser ??= import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath: executablePath!, headless: true, args: CHROMIUM_ARGS }),
      );
      const { deviceScaleFactor, ...viewport } = view;
      const context = await (await browser).newContext({ viewport, deviceScaleFactor });
      try {
        const page = await context.newPage();
        const { url, token } = options.origin();
        const address = new URL(reportPagePath(weekId), url);
        address.searchParams.set('token', token);
        await page.goto(address.toString(), { waitUntil: 'domcontentloaded', timeout: PAGE_TIMEOUT_MS });
        const ready = await page.waitForSelector(REPORT_READY_SELECTOR, { timeout: PAGE_TIMEOUT_MS });
        const failure = await ready.getAttribute('data-report-error');
        if (failure !== null) throw new Error(`The report page could not show week ${weekId}: ${failure}`);
        return await work(page, printScale(await ready.getAttribute('data-print-scale')));
      } finally {
        await context.close().catch(() => undefined);
      }
    } catch (error) {
      // A browser that died takes the next job with it unless it is started again.
      await closeBrowser();
      throw error;
    } finally {
      jobs -= 1;
      if (jobs === 0 && browser) {
        idle = setTimeout(() => void closeBrowser(), IDLE_CLOSE_MS);
        idle.unref();
      }
    }
  };

  return {
    unavailable,
    pdf: (weekId, paper: ReportPaper) =>
      withPage(weekId, { width: 1000, height: 1400, deviceScaleFactor: 1 }, async (page, scale) => {
        await page.emulateMedia({ media: 'print' });
        return page.pdf({ format: paper, printBackground: true, preferCSSPageSize: false, scale });
      }),
    sectionPngs: (weekId) =>
      withPage(weekId, { width: 900, height: 1200, deviceScaleFactor: 2 }, async (page) => {
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
    async close() {
      if (idle) clearTimeout(idle);
      await closeBrowser();
    },
  };
}
