/**
 * In Chromium against `npm run serve`: the wall's mouse pointer shows while the mouse moves and hides again
 * once it rests (a short idle time from the address, so nothing waits three seconds), and an admin in a
 * browser who makes new links keeps working with the new admin token while the old links stop working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENS } from './support/browser';
import { startServedApp, type ServedApp } from './support/server-process';
import { DAYTIME_ALWAYS, seedSettings } from './support/wall';

describe('sharing and the pointer in Chromium', () => {
  let app: ServedApp;
  let browser: Browser;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-e2e-share-'));
    seedSettings(dataDir, { night: DAYTIME_ALWAYS });
    app = await startServedApp({ dataDir });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('shows the pointer while the mouse moves and hides it when the mouse rests', async () => {
    const page = await browser.newPage({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    await page.goto(app.viewerUrl('/?slide=funnel&cursorIdleMs=300'));
    await page.getByTestId('slide-funnel').waitFor({ timeout: 15_000 });
    const cursor = () => page.locator('main.kiosk').evaluate((main) => getComputedStyle(main).cursor);
    expect(await cursor()).toBe('none');
    await page.mouse.move(200, 200);
    await page.mouse.move(240, 260);
    await expect.poll(cursor).not.toBe('none');
    await expect.poll(cursor, { timeout: 5_000 }).toBe('none');
    await page.close();
  });

  it('makes new links from the admin page without locking that page out', async () => {
    const page = await browser.newPage({ viewport: SCREENS.hd });
    await page.goto(app.adminUrl('/admin?section=display'));
    const panel = page.getByTestId('pairing-panel');
    await panel.getByTestId('share-fixed').waitFor({ timeout: 15_000 });
    expect(await panel.getByTestId('share-admin-link').first().getAttribute('href')).toContain(app.adminToken);

    await panel.getByTestId('share-rotate').click();
    await panel.getByTestId('share-rotate-confirm').click();
    await panel.getByTestId('share-said').filter({ hasText: 'New links made' }).waitFor();
    const newAdminLink = await panel.getByTestId('share-admin-link').first().getAttribute('href');
    expect(newAdminLink).not.toContain(app.adminToken);

    const post = (token: string) =>
      fetch(`${app.url}/api/app.info`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: '{}',
      }).then((res) => res.status);
    expect(await post(app.viewerToken)).toBe(401);
    expect(await post(app.adminToken)).toBe(401);

    // The page itself goes on with the new token, also after a reload.
    await page.reload();
    await page.getByTestId('pairing-panel').getByTestId('share-fixed').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('share-admin-link').first().getAttribute('href')).toBe(newAdminLink);
    await page.close();
  });
});
