/**
 * In Chromium against the app's own share server (the core and its share controller in this process, over
 * the built renderer; `npm run serve` refuses sharing changes): an admin page in a browser that moves the
 * port confirms, gets its answer and opens again on the new port; switching sharing off from there ends
 * with plain words instead of "The server cannot be reached".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SharingStatus } from '@shared/methods/sharing-methods';
import { createCore, type Core } from '../../electron/core/create-core';
import { attachLanShare, type LanShare } from '../../electron/core/http/lan-share';
import { launchChromium, SCREENS } from './support/browser';
import { DAYTIME_ALWAYS, seedSettings } from './support/wall';

const OUT_DIR = resolve(process.env.ALIGNBOARD_E2E_OUT ?? resolve(__dirname, '../../out'));

/** A port that was free a moment ago (the setting needs a real number, not 0). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

function appInfoStatus(port: number, token: string): Promise<number> {
  return fetch(`http://127.0.0.1:${port}/api/app.info`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: '{}',
  }).then((res) => res.status);
}

describe('an admin page in Chromium that changes the server it came from', () => {
  let dataDir: string;
  let core: Core;
  let share: LanShare;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-e2e-handover-'));
    seedSettings(dataDir, { night: DAYTIME_ALWAYS });
    core = createCore({ dbFile: join(dataDir, 'alignboard.db'), version: '0', demo: 'if-empty', backups: false });
    // 'lan' stays on loopback: no test opens a port to the network.
    share = attachLanShare(core, {
      staticDir: join(OUT_DIR, 'renderer'),
      listenOn: { lan: '127.0.0.1' },
      log: () => {},
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await share?.stop();
    core?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves to the new port by itself, then ends calmly when sharing is switched off', async () => {
    const first = await freePort();
    const on = await core.dispatch('sharing.save', { enabled: true, host: 'loopback', port: first }, { role: 'admin' });
    if (!on.ok) throw new Error(on.error.message);
    const status = on.result as SharingStatus;
    const adminLink = status.admin![0]!.url;
    const viewerToken = new URL(status.viewer[0]!.url).searchParams.get('token')!;

    const page = await browser.newPage({ viewport: SCREENS.hd });
    await page.goto(adminLink.replace('/admin?', '/admin?section=display&'));
    const panel = page.getByTestId('pairing-panel');
    await panel.getByTestId('share-form').waitFor({ timeout: 15_000 });

    const second = await freePort();
    await panel.getByTestId('share-port').fill(String(second));
    await panel.getByTestId('share-save').click();
    await expect.poll(() => panel.getByTestId('share-leaving').textContent()).toContain(`port ${second}`);
    await panel.getByTestId('share-leave-confirm').click();

    await page.waitForURL((url) => url.port === String(second), { timeout: 15_000 });
    const moved = page.getByTestId('pairing-panel');
    await moved.getByTestId('share-form').waitFor({ timeout: 15_000 });
    expect(await moved.getByTestId('share-state').textContent()).toBe(
      `Shared with this computer only, on port ${second}.`,
    );
    // The token came along in the link and left the address bar, as a pairing link's does.
    expect(new URL(page.url()).searchParams.get('token')).toBeNull();
    await share.settled();
    await expect(appInfoStatus(first, viewerToken)).rejects.toThrow();
    expect(await appInfoStatus(second, viewerToken)).toBe(200);

    await moved.getByTestId('share-enabled').uncheck();
    await moved.getByTestId('share-save').click();
    await moved.getByTestId('share-leave-confirm').click();
    await expect
      .poll(() => moved.getByTestId('share-ended').textContent())
      .toBe("Sharing is off. This page can no longer reach Alignboard; use the app on the wall's computer.");
    await share.settled();
    await expect(appInfoStatus(second, viewerToken)).rejects.toThrow();
    expect(await page.getByText('The server cannot be reached').count()).toBe(0);
    await page.close();
  });
});
