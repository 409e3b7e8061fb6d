/**
 * A served wall on the demo quarter, adjusted before the server opens it, with night mode off and one
 * Chromium: what a suite that looks at slides over demo data starts from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import { screenshotDir } from './screens';
import { startServedApp, type ServedApp } from './server-process';
import { DAYTIME_ALWAYS, seedDemoData, seedSettings } from './wall';

/** The server and browser of {@link startDemoWall}; `stop` closes both and removes the data dir. */
export interface DemoWall {
  app: ServedApp;
  browser: Browser;
  stop(): Promise<void>;
}

/** Seeds a fresh data dir (prefix `alignboard-<name>-`) with the demo quarter, lets `adjust` change it, serves it. */
export async function startDemoWall(name: string, adjust: (db: Database.Database) => void): Promise<DemoWall> {
  const dataDir = mkdtempSync(join(tmpdir(), `alignboard-${name}-`));
  seedSettings(dataDir, { night: DAYTIME_ALWAYS });
  seedDemoData(dataDir, adjust);
  const app = await startServedApp({ dataDir });
  const browser = await launchChromium();
  screenshotDir();
  return {
    app,
    browser,
    async stop() {
      await browser.close();
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
