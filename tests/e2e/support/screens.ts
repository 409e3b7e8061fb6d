/**
 * Where the e2e suite saves what it looked at, and the page it looks with. `npm run screenshots` saves into
 * docs/screenshots/ (the README's pictures); any other run saves into out/screenshots/, so that running the
 * tests leaves the working tree as it was.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { axeProblems, checkLayout, layoutProblems, runAxe } from './layout-check';
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

/**
 * Saves the screenshot under {@link SCREENSHOT_DIR} (so that a failing screen can be looked at), then lists
 * every broken legibility rule: the layout check's and axe's.
 */
export async function screenProblems(page: Page, screenshot: string): Promise<string[]> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, screenshot) });
  const layout = await checkLayout(page);
  const axe = await runAxe(page);
  // axe leaves contrast undecided over gradients; the layout check decides it, except over a picture.
  for (const text of layout.contrastUnknown)
    console.info(`${screenshot}: contrast unknown (over a picture) for ${text}`);
  if (layout.smallestFont) {
    console.info(
      `${screenshot}: smallest text ${layout.smallestFont.px.toFixed(1)} px (at least ${layout.minFontPx.toFixed(1)}) in ${layout.smallestFont.element}`,
    );
  }
  const problems = [...layoutProblems(layout), ...axeProblems(axe)];
  if (layout.textCount === 0) problems.push('the screen shows no text at all');
  return problems;
}
