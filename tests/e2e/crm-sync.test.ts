/**
 * The CRM sync end to end, the way a team lead does it: in Chromium, Admin → CRM connections connects the
 * served app to a local fake HubSpot (loopback only; HubSpot's documented shapes, driven through
 * `@hubspot/api-client` inside the server), confirms the suggested mapping and starts syncing. Then a deal
 * moved to won in the fake is celebrated on the wall with its rep, campaign and marketer within one poll
 * interval plus a second (waited for, with room for a busy machine), and the pipeline slides name HubSpot
 * and the age of its data in their footer, legible at the three screen sizes. Screenshots of the admin
 * section and of a slide footer are saved (support/screens.ts says where).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENS } from './support/browser';
import { seedSalesforce, startFakeSalesforce } from '../integration/connections/fake-salesforce';
import { ENTERED_TWIN, startFakeCrm, WON_DEAL, type FakeCrm } from './support/crm';
import { axeProblems, checkLayout, layoutProblems, runAxe } from './support/layout-check';
import { checkingPage, SCREENSHOT_DIR, screenshotDir } from './support/screens';
import { startServedApp, type ServedApp } from './support/server-process';
import { callApi, DAYTIME_ALWAYS, seedSettings, settle, showSlide } from './support/wall';

const SIZES = [SCREENS.hd, SCREENS.uhd, SCREENS.portrait] as const;
/** the shortest poll interval the contract allows: the test waits for one poll, not a minute */
const POLL_SEC = 15;

let app: ServedApp;
let crm: FakeCrm;
let browser: Browser;
let dataDir: string;

beforeAll(async () => {
  crm = await startFakeCrm();
  dataDir = mkdtempSync(join(tmpdir(), 'alignboard-crm-'));
  // A won deal is celebrated at once and stays long enough to be read; night mode never hides the wall.
  seedSettings(dataDir, {
    night: DAYTIME_ALWAYS,
    celebrations: { enabled: true, durationSec: 600, batchWindowSec: 0, quietHours: null },
  });
  app = await startServedApp({ dataDir });
  browser = await launchChromium();
  screenshotDir();
  // a deal typed in before the connection that HubSpot has too (same title, another amount)
  const rep = (await callApi(app.url, 'people.list')).find((person) => person.team === 'sales')!;
  await callApi(app.url, 'deals.create', {
    title: ENTERED_TWIN.title,
    amountMinor: ENTERED_TWIN.amountMinor,
    currency: 'EUR',
    stageId: 'discovery',
    closingRepId: rep.id,
  });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await crm?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function adminPage(size: { width: number; height: number }): Promise<Page> {
  const page = await checkingPage(browser, size);
  await page.goto(app.adminUrl('/admin?section=connections'));
  await page.getByTestId('connections-section').waitFor({ timeout: 15_000 });
  return page;
}

describe('connecting HubSpot in the admin', () => {
  it('connects with a private app token, shows the suggested mapping with counts, and starts syncing', async () => {
    const page = await adminPage(SCREENS.hd);
    await page.getByTestId('connect-base-url').fill(crm.url);
    // a token HubSpot refuses is said in plain words, and the mapping does not open
    await page.getByTestId('connect-token').fill('pat-eu1-revoked');
    await page.getByTestId('connect-test').click();
    await expect
      .poll(() => page.getByTestId('connect-tested').innerText(), { timeout: 30_000 })
      .toContain('HubSpot refused the token');
    expect(await page.getByTestId('mapping-form').count()).toBe(0);

    await page.getByTestId('connect-token').fill(crm.token);
    await page.getByTestId('connect-submit').click();

    const mapping = page.getByTestId('mapping-form');
    await mapping.waitFor({ timeout: 30_000 });
    // the CRM's won stage is suggested as the wall's won stage, with the number of deals in it now
    const wonRow = page.getByTestId(`mapping-stage-${crm.wonStageId}`);
    await expect.poll(() => wonRow.innerText()).toContain(String(crm.dealsInStage(crm.wonStageId)));
    expect(await page.getByTestId(`map-stage-${crm.wonStageId}`).inputValue()).toBe('won');
    // unknown stages must be chosen: pick the first open stage for each
    for (const stageId of crm.stageIds) {
      const select = page.getByTestId(`map-stage-${stageId}`);
      if ((await select.inputValue()) === '') await select.selectOption({ index: 1 });
    }
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'connections-mapping-1920x1080.png'), fullPage: true });
    await page.getByTestId('mapping-save').click();

    const card = page.getByTestId('connection-hubspot');
    await card.waitFor({ timeout: 15_000 });
    await expect
      .poll(() => card.getByTestId('object-status-deals').innerText(), { timeout: 60_000 })
      .not.toContain('Not yet');
    // the token is never shown again: only its last four characters
    expect(await card.getByTestId('connection-secret-accessToken').innerText()).toBe(`••••${crm.token.slice(-4)}`);
    expect(await page.content()).not.toContain(crm.token.slice(0, -4));

    // the entered twin is offered for linking or replacing, so that it never counts twice
    const twin = card.getByTestId('entry-matches');
    await expect.poll(() => twin.innerText(), { timeout: 30_000 }).toContain(ENTERED_TWIN.title);
    await twin.getByRole('combobox').selectOption('replace');
    await twin.getByTestId('entry-matches-apply').click();
    await expect
      .poll(() => page.getByTestId('connections-status').innerText())
      .toBe('Replaced 1 entered deal; none counts twice now.');
    await expect.poll(() => twin.count()).toBe(0);
    const open = await callApi(app.url, 'deals.list', { status: 'open', limit: 500 });
    // only HubSpot's deal is left, with HubSpot's amount
    expect(open.filter((deal) => deal.title === ENTERED_TWIN.title).map((deal) => deal.amountMinor)).toEqual([
      1_200_000,
    ]);

    await page.getByTestId('connection-interval').fill(String(POLL_SEC));
    await page.getByTestId('connection-interval-save').click();
    await expect.poll(() => page.getByTestId('connections-status').innerText()).toContain(`every ${POLL_SEC} s`);
    await page.context().close();
  });

  it('shows the Connections section at the three sizes', async () => {
    for (const size of SIZES) {
      const page = await adminPage(size);
      await page.getByTestId('connection-hubspot').waitFor({ timeout: 15_000 });
      await settle(page);
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `connections-${size.width}x${size.height}.png`),
        fullPage: true,
      });
      const layout = await checkLayout(page);
      expect(layout.scrollbars.horizontal, `no sideways scrolling at ${size.width}x${size.height}`).toBe(false);
      await page.context().close();
    }
  });
});

describe('the wall, fed by HubSpot', () => {
  it('celebrates a deal moved to won in HubSpot with its rep, campaign and marketer within one poll', async () => {
    // the admin test set this interval already; said again so that this test stands on its own
    await callApi(app.url, 'connections.save', { vendor: 'hubspot', pollIntervalSec: POLL_SEC });
    // HubSpot names no marketer: the room credits one by owning the deal's source campaign here.
    const campaigns = await callApi(app.url, 'campaigns.list');
    const campaign = campaigns.find((candidate) => candidate.name === WON_DEAL.campaignName);
    expect(campaign, `the first sync brought the source "${WON_DEAL.campaignName}" in as a campaign`).toBeDefined();
    const marketer = (await callApi(app.url, 'people.list')).find((person) => person.team === 'marketing')!;
    await callApi(app.url, 'campaigns.save', {
      id: campaign!.id,
      name: campaign!.name,
      channel: campaign!.channel,
      sourceTeam: campaign!.sourceTeam,
      ownerId: marketer.id,
    });

    const page = await checkingPage(browser, SCREENS.hd);
    await showSlide(page, app.url, 'kpi');
    crm.moveDealToWon(WON_DEAL.id);
    const celebration = page.getByTestId('celebration');
    // One poll interval plus a second is the promise; a busy machine gets room, the wait ends at the event.
    await celebration.waitFor({ timeout: (POLL_SEC + 1) * 1000 + 30_000 });
    const text = await celebration.innerText();
    expect(text).toContain(WON_DEAL.title);
    expect(text).toContain(WON_DEAL.repName);
    expect(text).toContain(WON_DEAL.campaignName);
    expect(text).toContain(marketer.name);
    await page.context().close();
  });

  it('names HubSpot and the age of its data in the footer, legible at the three sizes', async () => {
    const problems: Record<string, string[]> = {};
    for (const size of SIZES) {
      const page = await checkingPage(browser, size);
      await showSlide(page, app.url, 'funnel');
      const line = page.getByTestId('freshness-line');
      await expect.poll(() => line.innerText()).toMatch(/^HubSpot · (just now|\d+ s ago|\d+ min ago)$/);
      await settle(page);
      const screenshot = `crm-footer-funnel-${size.width}x${size.height}.png`;
      await page.screenshot({ path: join(SCREENSHOT_DIR, screenshot) });
      const layout = await checkLayout(page);
      problems[screenshot] = [...layoutProblems(layout), ...axeProblems(await runAxe(page))];
      await page.context().close();
    }
    expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((name) => [name, []])));
  });
});

describe('records HubSpot owns, in the Deals admin', () => {
  it('carry a HubSpot badge and are moved in HubSpot, not here', async () => {
    const open = await callApi(app.url, 'deals.list', { status: 'open', limit: 500 });
    const synced = open.find((deal) => deal.title === ENTERED_TWIN.title)!;
    expect(synced.syncedFrom).toBe('hubspot');
    const page = await checkingPage(browser, SCREENS.hd);
    await page.goto(app.adminUrl('/admin?section=deals'));
    const row = page.getByTestId(`deal-row-${synced.id}`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getByTestId('source-badge').innerText()).toBe('HubSpot');
    expect(await row.getByTestId(`deal-move-${synced.id}`).count()).toBe(0);
    await page.context().close();
  });
});

describe('disconnecting', () => {
  it('asks first, stops the sync and keeps every synced record on the wall', async () => {
    const before = await callApi(app.url, 'deals.list', { status: 'won', limit: 500 });
    expect(before.map((deal) => deal.title)).toContain(WON_DEAL.title);

    const page = await adminPage(SCREENS.hd);
    await page.getByTestId('connection-disconnect').click();
    const dialog = page.getByTestId('disconnect-dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Every deal and lead it brought stays on the wall');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'connections-disconnect-1920x1080.png') });
    await page.getByTestId('disconnect-confirm').click();
    await expect
      .poll(() => page.getByTestId('connections-status').innerText())
      .toMatch(/^HubSpot is disconnected\. Its \d+ records stay on the wall/);
    await page.getByTestId('connections-empty').waitFor();
    await page.context().close();

    expect(await callApi(app.url, 'connections.status')).toEqual([]);
    const after = await callApi(app.url, 'deals.list', { status: 'won', limit: 500 });
    expect(after.map((deal) => deal.id).sort()).toEqual(before.map((deal) => deal.id).sort());
  });
});

describe('connecting Salesforce in the admin', () => {
  it("connects a connected app by its consumer key and secret and shows the org's daily API allowance", async () => {
    const salesforce = await startFakeSalesforce();
    try {
      seedSalesforce(salesforce, { opportunities: 12, since: Date.now() - 20 * 86_400_000 });
      const page = await adminPage(SCREENS.hd);
      await page.getByTestId('connect-vendor-salesforce').check();
      await page.getByTestId('connect-client-id').fill(salesforce.clientId);
      await page.getByTestId('connect-client-secret').fill(salesforce.clientSecret);
      await page.getByTestId('connect-base-url').fill(salesforce.url);
      await page.getByTestId('connect-submit').click();
      await page.getByTestId('mapping-form').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('mapping-form').innerText()).toContain('Salesforce role');
      await page.getByTestId('mapping-save').click();

      const card = page.getByTestId('connection-salesforce');
      await expect
        .poll(() => card.getByTestId('object-status-deals').innerText(), { timeout: 60_000 })
        .not.toContain('Not yet');
      await expect
        .poll(() => card.getByTestId('connection-api-usage').innerText(), { timeout: 30_000 })
        .toMatch(/Salesforce API calls today\s+[\d,]+ of 15,000/);
      expect(await card.getByTestId('connection-secret-clientSecret').innerText()).toBe(
        `••••${salesforce.clientSecret.slice(-4)}`,
      );
      await page.screenshot({ path: join(SCREENSHOT_DIR, 'connections-salesforce-1920x1080.png'), fullPage: true });
      await page.context().close();
    } finally {
      await salesforce.close();
    }
  });
});
