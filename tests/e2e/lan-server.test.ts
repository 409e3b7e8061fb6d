/**
 * The LAN server in a real browser: a form on another site cannot post to it, a wall paired by its viewer
 * link stays paired without the token in its address bar, and Q shows the QR code that pairs the next screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENS } from './support/browser';
import { startServedApp, type ServedApp } from './support/server-process';
import { callApi, DAYTIME_ALWAYS, seedSettings } from './support/wall';

describe('the LAN server in Chromium', () => {
  let app: ServedApp;
  let browser: Browser;
  let evil: Server;
  let evilUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-e2e-lan-'));
    // Night mode off, so that the wall shows slides whatever the hour the suite runs at.
    seedSettings(dataDir, { night: DAYTIME_ALWAYS });
    app = await startServedApp({ dataDir });
    browser = await launchChromium();
    // Another site on another port of the same machine, with a form aimed at our API. It even knows the
    // admin token (the worst case): a form can still only send it in the query, never as a header.
    const target = `${app.url}/api/deals.create?token=${app.adminToken}`;
    const page = `<!doctype html><title>evil</title>
      <form id="f" method="POST" action="${target}" enctype="text/plain">
        <input name='{"title":"CSRF deal","amountMinor":1,"currency":"EUR","stageId":"demo","x":"' value='"}'>
      </form>
      <form id="g" method="POST" action="${app.url}/api/deals.create">
        <input name="title" value="CSRF form deal">
      </form>`;
    evil = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(page);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilUrl = `http://127.0.0.1:${(evil.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await new Promise<void>((resolve) => (evil ? evil.close(() => resolve()) : resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const dealTitles = async () => (await callApi(app.url, 'deals.list', {})).map((deal) => deal.title);

  it('refuses a cross-origin form POST from another page, and nothing is written', async () => {
    const before = await dealTitles();
    for (const form of ['f', 'g']) {
      const formPage = await browser.newPage({ viewport: SCREENS.hd });
      await formPage.goto(evilUrl);
      const [response] = await Promise.all([
        formPage.waitForResponse((res) => res.url().startsWith(`${app.url}/api/deals.create`)),
        formPage.evaluate((id) => (document.getElementById(id) as HTMLFormElement).submit(), form),
      ]);
      expect([401, 403], `form ${form}`).toContain(response.status());
      await formPage.close();
    }
    const page = await browser.newPage({ viewport: SCREENS.hd });
    // fetch from that page cannot add the token header without a CORS preflight, which is never granted
    await page.goto(evilUrl);
    const outcome = await page.evaluate(
      async ({ url, token }) => {
        try {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
            body: JSON.stringify({ title: 'CSRF fetch deal', amountMinor: 1, currency: 'EUR', stageId: 'demo' }),
          });
          return `answered ${res.status}`;
        } catch {
          return 'blocked';
        }
      },
      { url: `${app.url}/api/deals.create`, token: app.adminToken },
    );
    expect(outcome).toBe('blocked');
    await page.close();
    const after = await dealTitles();
    expect(after.filter((title) => title.startsWith('CSRF'))).toEqual([]);
    expect(after.length).toBe(before.length);
  });

  it('keeps a wall paired by its viewer link after the token leaves the address bar', async () => {
    const page = await browser.newPage({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    await page.goto(app.viewerUrl('/?slide=funnel'));
    await page.getByTestId('slide-funnel').waitFor({ timeout: 15_000 });
    expect(page.url()).toBe(`${app.url}/?slide=funnel`);
    await page.reload();
    await page.getByTestId('slide-funnel').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('offline-banner').count()).toBe(0);
    await page.close();
  });

  it('runs the wall of a browser that opened the admin link with the viewer token only', async () => {
    // One browser profile: the admin page first (the first link it ever opened), then the wall in a new tab.
    const context = await browser.newContext({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    try {
      const admin = await context.newPage();
      await admin.goto(app.adminUrl('/admin'));
      await expect
        .poll(() => admin.evaluate(() => window.localStorage.getItem('alignboard.token')), { timeout: 15_000 })
        .toBe(app.viewerToken);
      const wall = await context.newPage();
      const sent: string[] = [];
      wall.on('request', (request) => {
        if (!request.url().includes('/api/')) return;
        const auth = request.headers().authorization;
        sent.push(auth ?? new URL(request.url()).searchParams.get('token') ?? '');
      });
      await wall.goto(`${app.url}/?slide=funnel`);
      await wall.getByTestId('slide-funnel').waitFor({ timeout: 15_000 });
      await expect.poll(() => sent.length).toBeGreaterThan(2);
      expect(sent.every((token) => token.endsWith(app.viewerToken))).toBe(true);
      expect(sent.some((token) => token.includes(app.adminToken))).toBe(false);
      // The admin token is kept in the admin's tab only.
      expect(await wall.evaluate(() => window.sessionStorage.getItem('alignboard.adminToken'))).toBeNull();
    } finally {
      await context.close();
    }
  });

  it('shows nothing but a request for the link to a browser without a token', async () => {
    const page = await browser.newPage({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    const refused = page.waitForResponse((res) => res.url().includes('/api/') && res.status() === 401);
    await page.goto(`${app.url}/?slide=funnel`);
    expect((await refused).status()).toBe(401);
    expect(await page.locator('[data-testid^="funnel-stage-"]').count()).toBe(0);
    await page.close();
  });

  it('toggles the viewer QR code with Q on the wall', async () => {
    const page = await browser.newPage({ viewport: SCREENS.hd, reducedMotion: 'reduce' });
    await page.goto(app.viewerUrl('/?slide=funnel'));
    await page.getByTestId('slide-funnel').waitFor({ timeout: 15_000 });
    await page.keyboard.press('q');
    const qr = page.getByTestId('pairing-qr');
    await qr.waitFor();
    await expect
      .poll(() => qr.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    // the link itself (with its token) is not printed where the room can read it
    expect(await page.getByTestId('pairing-overlay').innerText()).not.toContain(app.viewerToken);
    const box = await qr.boundingBox();
    expect(box!.height).toBeGreaterThan(SCREENS.hd.height * 0.4);
    await page.keyboard.press('q');
    await expect.poll(() => page.getByTestId('pairing-overlay').count()).toBe(0);
    await page.close();
  });
});
