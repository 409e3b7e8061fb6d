/**
 * Data entry as a new user does it, in Chromium against the built server over an empty database: people,
 * a campaign, a lead through MQL and SQL, a deal for it that is won — and the wall in another browser
 * shows it. Then the same with the keyboard alone, lead review mode over five leads, and undo. Every
 * result is checked in the database file itself (read-only), not only on screen.
 */
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, SCREENS } from './support/browser';
import { startServedApp, type ServedApp } from './support/server-process';
import { callApi, DAYTIME_ALWAYS, seedSettings, showSlide } from './support/wall';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface LeadRow {
  id: string;
  stage: string;
  mql_at: number | null;
  sql_at: number | null;
  deleted_at: number | null;
}
interface DealRow {
  id: string;
  status: string;
  lead_id: string | null;
  amount_minor: number;
  close_reason: string | null;
  closing_rep_id: string | null;
}

describe('data entry on the admin page, seen on the wall', () => {
  let app: ServedApp;
  let browser: Browser;
  let dataDir: string;

  /** Reads the database file the server writes, read-only, as a second opinion. */
  function query<T>(sql: string, ...params: unknown[]): T[] {
    const db = new Database(app.dbFile, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all(...params) as T[];
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-e2e-entry-'));
    seedSettings(dataDir, { night: DAYTIME_ALWAYS });
    // A new user: no demo data, an empty room.
    app = await startServedApp({ dataDir, args: ['--no-demo'] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function adminPage(section: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: SCREENS.hd })).newPage();
    await page.goto(app.adminUrl(`/admin?section=${section}`));
    await page.getByTestId('undo-bar').waitFor();
    return page;
  }

  it('enters a campaign and a lead, moves it to MQL and SQL, and wins a deal for it; the wall shows it', async () => {
    const admin = await adminPage('people');
    await admin.getByTestId('person-name').fill('Sam Seller');
    await admin.getByTestId('person-team').selectOption('sales');
    await admin.getByTestId('person-submit').click();
    await admin.getByTestId('people-status').filter({ hasText: 'Added Sam Seller' }).waitFor();
    await admin.getByTestId('person-name').fill('Mara Marketer');
    await admin.getByTestId('person-team').selectOption('marketing');
    await admin.getByTestId('person-submit').click();
    await admin.getByTestId('people-status').filter({ hasText: 'Added Mara Marketer' }).waitFor();

    await admin.getByTestId('nav-campaigns').click();
    await admin.getByTestId('campaign-name').fill('Spring webinar');
    await admin.getByTestId('campaign-channel').fill('Webinar');
    await admin.getByTestId('campaign-owner').selectOption({ label: 'Mara Marketer' });
    await admin.getByTestId('campaign-submit').click();
    await admin.getByTestId('campaigns-table').getByText('Spring webinar').waitFor();

    await admin.getByTestId('nav-leads').click();
    await admin.getByTestId('lead-name').fill('Lena Brandt');
    await admin.getByTestId('lead-company').fill('Lumen GmbH');
    await admin.getByTestId('lead-campaign').selectOption({ label: 'Spring webinar' });
    await admin.getByTestId('lead-marketer').selectOption({ label: 'Mara Marketer' });
    await admin.getByTestId('lead-owner').selectOption({ label: 'Sam Seller' });
    await admin.getByTestId('lead-submit').click();
    await admin.getByTestId('leads-table').getByText('Lena Brandt').waitFor();
    const [lead] = query<LeadRow>("SELECT * FROM leads WHERE name = 'Lena Brandt'");
    expect(lead).toMatchObject({ stage: 'lead', mql_at: null, deleted_at: null });

    // the new lead is the selected one: its stage buttons act on it
    await admin.getByTestId('lead-actions').getByText('Lena Brandt').waitFor();
    await admin.getByTestId('lead-stage-mql').click();
    await admin.getByTestId('leads-list-status').filter({ hasText: 'to MQL' }).waitFor();
    await admin.getByTestId('lead-stage-sql').click();
    await admin.getByTestId('leads-list-status').filter({ hasText: 'to SQL' }).waitFor();
    const [moved] = query<LeadRow>('SELECT * FROM leads WHERE id = ?', lead!.id);
    expect(moved!.stage).toBe('sql');
    expect(moved!.mql_at).not.toBeNull();
    expect(moved!.sql_at).toBeGreaterThanOrEqual(moved!.mql_at!);

    // a deal for the lead: the deal form opens with what the lead knows
    await admin.getByTestId('lead-new-deal').click();
    await expect.poll(() => admin.getByTestId('deal-title').inputValue()).toBe('Lumen GmbH');
    expect(await admin.getByTestId('deal-lead').inputValue()).toBe(lead!.id);
    await admin.getByTestId('deal-amount').fill('24,000');
    await admin.getByTestId('deal-submit').click();
    await admin.getByTestId('admin-status').filter({ hasText: 'Added “Lumen GmbH”' }).waitFor();
    const [deal] = query<DealRow>('SELECT * FROM deals WHERE lead_id = ?', lead!.id);
    expect(deal).toMatchObject({ status: 'open', amount_minor: 2_400_000 });

    const wall = await (await browser.newContext({ viewport: SCREENS.hd, reducedMotion: 'reduce' })).newPage();
    await showSlide(wall, app.url, 'activity');

    await admin.getByTestId(`deal-move-${deal!.id}`).selectOption({ label: 'Won' });
    await admin.getByTestId(`deal-reason-${deal!.id}`).selectOption({ index: 1 });
    await admin.getByTestId(`deal-move-submit-${deal!.id}`).click();
    await admin.getByTestId(`closed-row-${deal!.id}`).waitFor();
    const [won] = query<DealRow>('SELECT * FROM deals WHERE id = ?', deal!.id);
    expect(won!.status).toBe('won');
    expect(won!.close_reason).toMatch(/^won_/);
    expect(won!.closing_rep_id).toBe(query<{ id: string }>("SELECT id FROM people WHERE name = 'Sam Seller'")[0]!.id);

    // the wall, in another browser, follows without a reload
    await wall
      .getByTestId('activity-item')
      .filter({ hasText: 'Lumen GmbH' })
      .filter({ hasText: /won/i })
      .first()
      .waitFor({ timeout: 10_000 });
    // the funnel counts the lead in the stage it has now (a won deal may have carried it on)
    await showSlide(wall, app.url, 'funnel');
    const [now] = query<LeadRow>('SELECT * FROM leads WHERE id = ?', lead!.id);
    expect(['sql', 'opportunity', 'customer']).toContain(now!.stage);
    const inStage = query<{ n: number }>(
      'SELECT count(*) AS n FROM leads WHERE stage = ? AND deleted_at IS NULL',
      now!.stage,
    )[0]!.n;
    expect(numbersIn(await wall.getByTestId(`funnel-stage-${now!.stage}`).innerText())).toContain(inStage);

    await wall.context().close();
    await admin.context().close();
  });

  it('does the same with the keyboard alone', async () => {
    const admin = await adminPage('people');
    const keys = admin.keyboard;
    // the first field of the open section has the focus
    await expectFocus(admin, 'person-name');
    await keys.type('Kim Closer');
    await keys.press('Tab');
    await keys.press('s'); // the team select: "Sales"
    await keys.press('Shift+Tab');
    await keys.press('Enter');
    await admin.getByTestId('people-status').filter({ hasText: 'Added Kim Closer' }).waitFor();

    await keys.press('Alt+2');
    await admin.getByTestId('campaign-form').waitFor();
    await expectFocus(admin, 'campaign-name');
    await keys.type('Autumn trade fair');
    await keys.press('Tab');
    await keys.type('Events');
    await keys.press('Enter');
    await admin.getByTestId('campaigns-table').getByText('Autumn trade fair').waitFor();

    await keys.press('Alt+3');
    await admin.getByTestId('lead-form').waitFor();
    await expectFocus(admin, 'lead-name');
    await keys.type('Kai Tastatur');
    await keys.press('Tab');
    await keys.type('Keyboard AG');
    await keys.press('Tab');
    await keys.press('Tab');
    await keys.press('ArrowDown'); // campaign: the first one
    await keys.press('Shift+Tab');
    await keys.press('Shift+Tab');
    await keys.press('Enter');
    await admin.getByTestId('leads-table').getByText('Kai Tastatur').waitFor();
    // after a save the focus is back on the first field, ready for the next lead
    await expectFocus(admin, 'lead-name');
    const [lead] = query<LeadRow & { campaign_id: string | null }>("SELECT * FROM leads WHERE name = 'Kai Tastatur'");
    expect(lead!.campaign_id).not.toBeNull();

    // into the list: the stage keys act on the selected lead (the new one)
    await tabTo(admin, 'lead-stage-lead');
    await keys.press('m');
    await admin.getByTestId('leads-list-status').filter({ hasText: 'Kai Tastatur (Keyboard AG) to MQL' }).waitFor();
    await keys.press('s');
    await admin.getByTestId('leads-list-status').filter({ hasText: 'Kai Tastatur (Keyboard AG) to SQL' }).waitFor();
    expect(query<LeadRow>('SELECT * FROM leads WHERE id = ?', lead!.id)[0]!.stage).toBe('sql');

    // N: a new deal for this lead; the title is filled from the lead
    await keys.press('n');
    await admin.getByTestId('deal-form').waitFor();
    await expect.poll(() => admin.getByTestId('deal-title').inputValue()).toBe('Keyboard AG');
    await expectFocus(admin, 'deal-title');
    await keys.press('Tab');
    await keys.type('31000');
    await keys.press('Enter');
    await admin.getByTestId('admin-status').filter({ hasText: 'Added “Keyboard AG”' }).waitFor();
    const [deal] = query<DealRow>('SELECT * FROM deals WHERE lead_id = ?', lead!.id);
    expect(deal).toMatchObject({ status: 'open', amount_minor: 3_100_000 });

    // win it: the stage select of its row, a reason, the button
    await tabTo(admin, `deal-move-${deal!.id}`);
    await keys.press('w'); // "Won"
    await admin.getByTestId(`deal-reason-${deal!.id}`).waitFor();
    await keys.press('Tab');
    await keys.press('ArrowDown');
    // a win asks who closed it: this deal has no rep yet, so the Win button waits until one is chosen
    await keys.press('Tab');
    await expectFocus(admin, `deal-win-rep-${deal!.id}`);
    expect(await admin.getByTestId(`deal-win-rep-${deal!.id}`).inputValue()).toBe('');
    expect(await admin.getByTestId(`deal-move-submit-${deal!.id}`).isDisabled()).toBe(true);
    await keys.press('ArrowDown');
    const rep = await admin.getByTestId(`deal-win-rep-${deal!.id}`).inputValue();
    expect(rep).not.toBe('');
    await keys.press('Tab');
    await expectFocus(admin, `deal-move-submit-${deal!.id}`);
    await keys.press('Enter');
    await admin.getByTestId(`closed-row-${deal!.id}`).waitFor();
    const [won] = query<DealRow>('SELECT * FROM deals WHERE id = ?', deal!.id);
    expect(won!.status).toBe('won');
    expect(won!.close_reason).toMatch(/^won_/);
    expect(won!.closing_rep_id).toBe(rep);

    const wall = await (await browser.newContext({ viewport: SCREENS.hd, reducedMotion: 'reduce' })).newPage();
    await showSlide(wall, app.url, 'activity');
    await wall
      .getByTestId('activity-item')
      .filter({ hasText: 'Keyboard AG' })
      .filter({ hasText: /won/i })
      .first()
      .waitFor({ timeout: 10_000 });
    await wall.context().close();
    await admin.context().close();
  });

  it('reviews five leads in lead review mode with the keyboard alone', async () => {
    // five new leads this week in all, with those entered above
    const weekAgo = Date.now() - 7 * 86_400_000;
    const entered = query<{ n: number }>(
      'SELECT count(*) AS n FROM leads WHERE lead_at >= ? AND deleted_at IS NULL',
      weekAgo,
    )[0]!.n;
    for (const name of ['Pia Review', 'Otto Review', 'Rita Review', 'Uli Review', 'Vera Review'].slice(
      0,
      5 - entered,
    )) {
      await callApi(app.url, 'leads.save', { name, company: `${name} Ltd`, sourceTeam: 'marketing' });
    }
    const admin = await adminPage('people');
    await admin.keyboard.press('Alt+5');
    await admin.getByTestId('review-card').waitFor();
    await expect.poll(() => admin.getByTestId('review-progress').innerText()).toMatch(/^1 of 5\b/);
    const firstReasonKey = (await admin.locator('.review__reason kbd').first().innerText()).trim();
    const firstReasonCode = (await admin.locator('.review__reason').first().getAttribute('data-testid'))!.replace(
      'review-reason-',
      '',
    );

    const ratings = [5, 4, 2, 1, 3];
    const reviewed: string[] = [];
    for (const [at, rating] of ratings.entries()) {
      await expect
        .poll(() => admin.getByTestId('review-progress').innerText())
        .toMatch(new RegExp(`^${at + 1} of 5\\b`));
      reviewed.push(await admin.getByTestId('review-lead-name').innerText());
      await admin.keyboard.press(String(rating));
      if (at % 2 === 0) await admin.keyboard.press(firstReasonKey.toLowerCase());
      if (at === 2) {
        await admin.keyboard.press('n');
        await admin.keyboard.type('Only wanted the white paper');
      }
      await admin.keyboard.press('Enter');
    }
    await admin.getByTestId('review-done').waitFor();

    const rows = query<{ name: string; rating: number; notes: string; reasons: string | null }>(
      `SELECT l.name, r.rating, r.notes,
              (SELECT group_concat(code) FROM lead_review_reasons x WHERE x.review_id = r.id) AS reasons
       FROM lead_reviews r JOIN leads l ON l.id = r.lead_id`,
    );
    expect(rows).toHaveLength(5);
    const byName = new Map(rows.map((row) => [row.name, row]));
    for (const [at, name] of reviewed.entries()) {
      expect(byName.get(name), name).toMatchObject({
        rating: ratings[at],
        reasons: at % 2 === 0 ? firstReasonCode : null,
        notes: at === 2 ? 'Only wanted the white paper' : '',
      });
    }
    await admin.context().close();
  });

  it('undoes the last change with Ctrl+Z: a deleted lead is back', async () => {
    const admin = await adminPage('leads');
    const [target] = query<LeadRow>("SELECT * FROM leads WHERE name = 'Pia Review'");
    await admin.getByTestId(`lead-row-${target!.id}`).click();
    await admin.keyboard.press('Delete');
    await admin.getByTestId('leads-list-status').filter({ hasText: 'Deleted Pia Review' }).waitFor();
    expect(query<LeadRow>('SELECT * FROM leads WHERE id = ?', target!.id)[0]!.deleted_at).not.toBeNull();
    await expect.poll(() => admin.getByTestId('undo-latest').innerText()).toMatch(/deleted.*Pia Review/i);

    await admin.keyboard.press('Control+z');
    await admin
      .getByTestId('undo-toast')
      .filter({ hasText: /^Undone: .*deleted.*Pia Review/i })
      .waitFor();
    expect(query<LeadRow>('SELECT * FROM leads WHERE id = ?', target!.id)[0]!.deleted_at).toBeNull();
    await admin.getByTestId(`lead-row-${target!.id}`).waitFor();
    await admin.context().close();
  });
});

/** Presses Tab until the element with the test id has the focus (keyboard only; fails after 60 presses). */
async function tabTo(page: Page, testId: string): Promise<void> {
  for (let presses = 0; presses < 60; presses += 1) {
    if ((await focusedTestId(page)) === testId) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${testId}; the focus is on ${await focusedTestId(page)}`);
}

async function expectFocus(page: Page, testId: string): Promise<void> {
  await expect.poll(() => focusedTestId(page)).toBe(testId);
}

function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

function numbersIn(text: string): number[] {
  return [...text.replace(/(\d)[,.\u202f\u00a0](\d{3})/g, '$1$2').matchAll(/\d+/g)].map((match) => Number(match[0]));
}
