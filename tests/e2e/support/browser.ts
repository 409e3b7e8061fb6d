import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../../electron/core/services/report/chromium-printer';

/** Debian's Chromium; the tests never download a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launches headless Chromium with the flags that work on a closed network as root. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/** The three screen shapes a wall display must serve. */
export const SCREENS = {
  hd: { width: 1920, height: 1080 },
  uhd: { width: 3840, height: 2160 },
  portrait: { width: 1080, height: 1920 },
} as const;
