/**
 * The weekly report end to end, under `npm run serve` with the system Chromium: the report page in a
 * browser, the PDF printed from it (text and page count), a PNG per section, and the mail through a real
 * SMTP server on loopback, its body and attached PDF checked against SQL on the database file. And the
 * same server without a Chromium, which offers the browser's own print and says why.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../fixtures/smtp-sink';
import { launchChromium, SCREENS } from './support/browser';
import { axeProblems, runAxe } from './support/layout-check';
import { checkingPage, screenshotDir } from './support/screens';
import { startServedApp, type ServedApp } from './support/server-process';
import { callApi, DAYTIME_ALWAYS, ROOM_ZONE, seedSettings } from './support/wall';

const DAY = 86_400_000;

/** The offset of Berlin from UTC at `at`, in ms (Intl, independent of the app's date library). */
function zoneOffset(at: number): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ROOM_ZONE, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((part) => part.type === 'timeZoneName')!.value; // "GMT+1"
  const match = /GMT([+-]\d+)?/.exec(name)!;
  return Number(match[1] ?? 0) * 3_600_000;
}

/** Midnight in Berlin of the local date y-m-d, as an instant. */
function berlinMidnight(y: number, m: number, d: number): number {
  const guess = Date.UTC(y, m - 1, d);
  return guess - zoneOffset(guess - zoneOffset(guess));
}

/** The last complete Monday-to-Monday week in Berlin at `now`. */
function lastWeekOf(now: number): { start: number; end: number } {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: ROOM_ZONE }).format(now).split('-').map(Number) as [
    number,
    number,
    number,
  ];
  const weekday = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7; // Monday 0
  const monday = new Date(Date.UTC(y, m - 1, d - weekday));
  const end = berlinMidnight(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
  const before = new Date(monday.getTime() - 7 * DAY);
  return { start: berlinMidnight(before.getUTCFullYear(), before.getUTCMonth() + 1, before.getUTCDate()), end };
}

const pdfText = (file: string) => execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
const pdfPages = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
const squeeze = (text: string) => text.replace(/\s+/g, ' ');

describe('the weekly report under serve, printed by the system Chromium', () => {
  let app: ServedApp;
  let browser: Browser;
  let sink: SmtpSink;
  let dataDir: string;
  let scratch: string;
  let db: Database.Database;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'alignboard-report-'));
    scratch = mkdtempSync(join(tmpdir(), 'alignboard-report-files-'));
    seedSettings(dataDir, { night: DAYTIME_ALWAYS });
    app = await startServedApp({ dataDir });
    db = new Database(app.dbFile, { readonly: true, fileMustExist: true });
    browser = await launchChromium();
    sink = await startSmtpSink();
  });

  afterAll(async () => {
    db?.close();
    await sink?.close();
    await browser?.close();
    await app?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });

  /** The last complete week's figures, straight from the database file. */
  function expected() {
    const week = lastWeekOf(Date.now());
    const before = { start: week.start - 7 * DAY, end: week.start };
    const customers = (range: { start: number; end: number }) =>
      (
        db
          .prepare('SELECT count(*) AS n FROM leads WHERE deleted_at IS NULL AND customer_at >= ? AND customer_at < ?')
          .get(range.start, range.end) as { n: number }
      ).n;
    const won = (range: { start: number; end: number }) =>
      (
        db
          .prepare(
            `SELECT count(*) AS n FROM deals WHERE status = 'won' AND deleted_at IS NULL AND closed_at >= ? AND closed_at < ?`,
          )
          .get(range.start, range.end) as { n: number }
      ).n;
    return {
      customers: customers(week),
      customersBefore: customers(before),
      won: won(week),
      wonBefore: won(before),
    };
  }

  it('mails the week to the recipients with the summary in the body and the printed PDF attached', async () => {
    const folder = join(scratch, 'shared-drive');
    await callApi(app.url, 'report.saveDelivery', {
      enabled: false,
      weekday: 1,
      time: '08:00',
      paper: 'A4',
      folder,
      recipients: ['sales-lead@example.com', 'cmo@example.com'],
      smtp: { host: '127.0.0.1', port: sink.port, security: 'none', user: '', from: 'wall@example.com' },
    });
    const report = await callApi(app.url, 'report.get', {});
    const send = await callApi(app.url, 'report.sendNow', { week: report.week.id });
    expect(send.lastError).toBeNull();
    expect(send).toMatchObject({ status: 'sent', recipients: ['sales-lead@example.com', 'cmo@example.com'] });
    const figures = expected();

    expect(sink.received).toHaveLength(1);
    const { mail, envelopeTo } = sink.received[0]!;
    expect(envelopeTo).toEqual(['sales-lead@example.com', 'cmo@example.com']);
    expect(mail.from?.text).toBe('wall@example.com');
    expect(mail.subject).toMatch(new RegExp(`^Alignboard: Weekly report, ${report.week.period.label} \\(`));
    expect(mail.text).toContain(`New paying customers, this week: ${figures.customers} (`);
    expect(mail.text).toContain(`Deals won: ${figures.won}, `);
    expect(mail.html).toContain(`<td style="`);
    expect(mail.html).not.toMatch(/<style|<script|class=/);

    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.filename).toBe(`alignboard-report-${report.week.id}.pdf`);
    expect(attachment.contentType).toBe('application/pdf');
    const file = join(scratch, attachment.filename!);
    writeFileSync(file, attachment.content);
    expect(pdfPages(file)).toBe(1);
    const text = squeeze(pdfText(file));
    expect(text).toContain(`Weekly report, ${report.week.period.label}`);
    expect(text).toContain(`New paying customers ${figures.customers} ${figures.customersBefore}`);
    expect(text).toContain(`Deals won ${figures.won} ${figures.wonBefore}`);
    for (const heading of [
      'Funnel this week',
      'Two-way SLA',
      'Sprint goals',
      'Lead quality by source',
      'Won deals, joint credit',
      'Retrospective actions',
      'Glossary changes',
    ]) {
      expect(text).toContain(heading);
    }
    expect(existsSync(join(folder, `alignboard-report-${report.week.id}.pdf`))).toBe(true);

    const history = await callApi(app.url, 'report.history', {});
    expect(history[0]).toMatchObject({ week: report.week.id, trigger: 'manual', status: 'sent' });
  });

  it('prints one page on Letter too, and a PNG of each section', async () => {
    const report = await callApi(app.url, 'report.get', {});
    const letter = await callApi(app.url, 'report.pdf', { week: report.week.previousId, paper: 'Letter' });
    const file = join(scratch, 'letter.pdf');
    writeFileSync(file, Buffer.from(letter.base64, 'base64'));
    expect(pdfPages(file)).toBe(1);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);

    const images = await callApi(app.url, 'report.images', { week: report.week.id });
    expect(images.map((image) => image.section)).toEqual([
      'kpi',
      'changes',
      'funnel',
      'sla',
      'sprint',
      'quality',
      'won',
      'reasons',
      'actions',
      'glossary',
    ]);
    for (const image of images) {
      const png = Buffer.from(image.base64, 'base64');
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBeGreaterThan(200);
      expect(image.fileName).toBe(`alignboard-report-${report.week.id}-${image.section}.png`);
    }
  });

  it('shows any past week at /report with a viewer link, accessible, and moves between weeks', async () => {
    const report = await callApi(app.url, 'report.get', {});
    const page = await checkingPage(browser, SCREENS.hd);
    await page.goto(app.viewerUrl(`/report?week=${report.week.previousId}`));
    await page.waitForSelector('[data-report-ready]');
    await expect.poll(() => page.locator('main').getAttribute('data-report-ready')).toBe(report.week.previousId);
    await page.getByRole('button', { name: 'Download PDF' }).waitFor();
    await page.screenshot({ path: join(screenshotDir(), 'report-1920x1080.png') });
    expect(axeProblems(await runAxe(page))).toEqual([]);

    await page.getByRole('button', { name: 'Week after ›' }).click();
    await expect.poll(() => page.locator('main').getAttribute('data-report-ready')).toBe(report.week.id);
    expect(new URL(page.url()).searchParams.get('week')).toBe(report.week.id);
    await page.context().close();
  });
  it('keeps who receives the report from a viewer link, which still reads the report', async () => {
    const ask = (method: string) =>
      fetch(`${app.url}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${app.viewerToken}` },
        body: '{}',
      });
    for (const method of ['report.delivery', 'report.history']) {
      const response = await ask(method);
      expect(response.status, method).toBe(403);
      expect(((await response.json()) as { error: { message: string } }).error.message).toContain('viewer');
    }
    expect((await ask('report.get')).status).toBe(200);
  });

  it('is set up and sent from Admin → Reports, and the history says to whom and when', async () => {
    const before = sink.received.length;
    const page = await checkingPage(browser, SCREENS.hd);
    await page.goto(app.adminUrl('/admin?section=reports'));
    await page.getByTestId('report-preview').waitFor();
    await page.getByLabel('Recipients', { exact: true }).fill('ops@example.com\nnot-an-address');
    await page.getByLabel('Mail server (SMTP host)').fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(sink.port));
    await page.getByLabel('Security', { exact: true }).selectOption('none');
    await page.getByTestId('report-save').click();
    await expect.poll(() => page.locator('#error-recipients').textContent()).toContain('mail address');

    await page.getByLabel('Recipients', { exact: true }).fill('ops@example.com');
    await page.getByLabel(/^Password/).fill('hunter2');
    await page.getByTestId('report-save').click();
    await expect.poll(() => page.getByTestId('report-save-status').textContent()).toContain('Saved.');
    expect(JSON.stringify(db.prepare(`SELECT value FROM settings WHERE key = 'report.delivery'`).get())).not.toContain(
      'hunter2',
    );

    await page.getByTestId('report-previous').click();
    await page.getByTestId('report-send-now').click();
    await expect
      .poll(() => page.getByTestId('report-send-status').textContent(), { timeout: 60_000 })
      .toContain('was sent to ops@example.com');
    expect(sink.received).toHaveLength(before + 1);
    expect(sink.received.at(-1)!.envelopeTo).toEqual(['ops@example.com']);
    await expect
      .poll(() => page.getByTestId('report-history').locator('tbody tr').first().textContent())
      .toMatch(/By hand\s*Sent\s*ops@example\.com/);
    await page.context().close();
  });
});

describe('the weekly report under serve without a Chromium', () => {
  let app: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'alignboard-report-nochrome-'));
    seedSettings(dataDir, { night: DAYTIME_ALWAYS });
    const saved = process.env.CHROMIUM_PATH;
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    try {
      app = await startServedApp({ dataDir });
    } finally {
      if (saved === undefined) delete process.env.CHROMIUM_PATH;
      else process.env.CHROMIUM_PATH = saved;
    }
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('says why there is no PDF and offers the browser print of the same page', async () => {
    const capabilities = await callApi(app.url, 'report.capabilities', {});
    expect(capabilities).toEqual({
      pdf: false,
      reason:
        'Chromium is not at /nonexistent/chromium: fix CHROMIUM_PATH or install Chromium, or print the page from the browser.',
    });
    const page = await checkingPage(browser, SCREENS.hd);
    await page.goto(app.viewerUrl('/report'));
    await page.waitForSelector('[data-report-ready]');
    await expect(page.getByRole('status').textContent()).resolves.toContain(
      'No PDF from this server: Chromium is not at',
    );
    expect(await page.getByRole('button', { name: 'Download PDF' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Print…' }).isEnabled()).toBe(true);
    await page.context().close();
  });
});
