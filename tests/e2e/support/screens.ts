/**
 * Where the e2e suite saves what it looked at, and the page it looks with. `npm run screenshots` saves into
 * docs/screenshots/ (the README's pictures); any other run saves into out/screenshots/, so that running the
 * tests leaves the working tree as it was.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ROOM_ZONE } from './wall';

export const SCREENSHOT_DIR = resolve(
  process.env.ALIGNBOARD_SCREENSHOT_DIR ?? resolve(__dirname, '../../../out/screenshots'),
);

/** Makes {@link SCREENSHOT_DIR} if needed and returns it. */
export function screenshotDir(): string {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return SCREENSHOT_DIR;
}

/** A page for layout checks, in the room's zone: axe is injected as a script tag, which the page's CSP would refuse. */
export async function checkingPage(browser: Browser, viewport: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
    timezoneId: ROOM_ZONE,
    locale: 'en-GB',
    bypassCSP: true,
  });
  return context.newPage();
}
