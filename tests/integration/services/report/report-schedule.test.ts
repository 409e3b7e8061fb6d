import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportDeliverySettings } from '@shared/report';
import { listReportSends } from '../../../../electron/core/db/repositories/report-sends-repository';
import {
  RETRY_DELAYS_MS,
  runReportSchedule,
  sendReportNow,
} from '../../../../electron/core/services/report/report-delivery';
import { saveDeliveryView } from '../../../../electron/core/services/report/report-delivery-view';
import type { ReportPrinter } from '../../../../electron/core/services/report/report-printer';
import { contextAt, openTempDatabase, setRoom, type TempDatabase } from '../figures-fixtures';
import { startSmtpSink, type SmtpSink } from '../../../fixtures/smtp-sink';

const BERLIN = 'Europe/Berlin';

/** A printer that records what it was asked for and answers a small PDF-looking file per week. */
function recordingPrinter(): ReportPrinter & { printed: string[] } {
  const printed: string[] = [];
  return {
    printed,
    unavailable: () => null,
    pdf: async (week) => {
      printed.push(week);
      return Buffer.from(`%PDF-1.7 report of ${week}`);
    },
    sectionPngs: async () => [],
    close: async () => undefined,
  };
}

describe('the weekly report schedule (pinned clock, Europe/Berlin, a real SMTP server on loopback)', () => {
  let temp: TempDatabase;
  let sink: SmtpSink;
  let folder: string;

  beforeEach(async () => {
    temp = openTempDatabase();
    setRoom(temp.db, { timezone: BERLIN });
    sink = await startSmtpSink();
    folder = mkdtempSync(join(tmpdir(), 'alignboard-reports-'));
  });
  afterEach(async () => {
    await sink.close();
    temp.close();
    rmSync(folder, { recursive: true, force: true });
  });

  function setUp(enabledAt: number, overrides: Partial<ReportDeliverySettings> = {}) {
    const ctx = contextAt(temp, enabledAt);
    const printer = recordingPrinter();
    ctx.reportPrinter = printer;
    saveDeliveryView(ctx, {
      enabled: true,
      weekday: 1,
      time: '08:00',
      paper: 'A4',
      folder,
      recipients: ['sales-lead@example.com', 'marketing-lead@example.com'],
      smtp: { host: '127.0.0.1', port: sink.port, security: 'none', user: 'wall', from: 'wall@example.com' },
      password: 's3cret',
      ...overrides,
    });
    return { ctx, printer };
  }

  const weeksMailed = () => sink.received.map((mail) => /Week (\d+), (\d{4})/.exec(mail.mail.subject ?? '')![0]);

  it('sends last week on Monday at 08:00 local time on both sides of the spring DST change, once', async () => {
    // Clocks go forward on Sunday 28 March 2027: Monday 22 March 08:00 is 07:00 UTC, Monday 29 March 06:00 UTC.
    const { ctx, printer } = setUp(Date.parse('2027-03-18T12:00:00Z'));
    ctx.clock.set(Date.parse('2027-03-22T06:59:59Z'));
    await runReportSchedule(ctx);
    expect(sink.received).toHaveLength(0);

    ctx.clock.set(Date.parse('2027-03-22T07:00:00Z'));
    await runReportSchedule(ctx);
    await runReportSchedule(ctx);
    expect(printer.printed).toEqual(['2027-W11']);
    expect(weeksMailed()).toEqual(['Week 11, 2027']);

    ctx.clock.set(Date.parse('2027-03-29T05:59:59Z'));
    await runReportSchedule(ctx);
    expect(printer.printed).toEqual(['2027-W11']);
    ctx.clock.set(Date.parse('2027-03-29T06:00:00Z'));
    await runReportSchedule(ctx);
    expect(printer.printed).toEqual(['2027-W11', '2027-W12']);

    const mail = sink.received[1]!;
    expect(mail.envelopeTo).toEqual(['sales-lead@example.com', 'marketing-lead@example.com']);
    expect(mail.auth).toEqual({ user: 'wall', password: 's3cret' });
    expect(mail.mail.subject).toBe('Alignboard: Weekly report, Week 12, 2027 (22 – 28 Mar 2027)');
    expect(mail.mail.attachments.map((file) => file.filename)).toEqual(['alignboard-report-2027-W12.pdf']);
    expect(mail.mail.attachments[0]!.content.toString()).toBe('%PDF-1.7 report of 2027-W12');
    expect(readdirSync(folder).sort()).toEqual(['alignboard-report-2027-W11.pdf', 'alignboard-report-2027-W12.pdf']);

    const history = listReportSends(temp.db, 10);
    expect(history.map((send) => [send.week, send.trigger, send.status, send.attempts])).toEqual([
      ['2027-W12', 'schedule', 'sent', 1],
      ['2027-W11', 'schedule', 'sent', 1],
    ]);
    expect(history[0]!.sentAt).toBe(Date.parse('2027-03-29T06:00:00Z'));
  });

  it('keeps 08:00 local across the autumn DST change (Sunday 25 October 2026)', async () => {
    const { ctx, printer } = setUp(Date.parse('2026-10-20T12:00:00Z'));
    // Monday 26 October 08:00 CET is 07:00 UTC (it was 06:00 UTC the Monday before).
    ctx.clock.set(Date.parse('2026-10-26T06:59:00Z'));
    await runReportSchedule(ctx);
    expect(printer.printed).toEqual([]);
    ctx.clock.set(Date.parse('2026-10-26T07:00:00Z'));
    await runReportSchedule(ctx);
    expect(printer.printed).toEqual(['2026-W43']);
  });

  it('sends each week missed while the machine was off for two weeks once at the next start, oldest first', async () => {
    // Switched on after the Monday delivery of 2 November: week 44 is not owed.
    const { ctx, printer } = setUp(Date.parse('2026-11-02T08:00:00Z'));
    ctx.clock.set(Date.parse('2026-11-09T07:30:00Z')); // Monday 9 Nov 08:30 CET
    await runReportSchedule(ctx);
    expect(printer.printed).toEqual(['2026-W45']);

    // Off from then until Wednesday 25 November: the Mondays of 16 and 23 November passed unseen.
    ctx.clock.set(Date.parse('2026-11-25T09:00:00Z'));
    await runReportSchedule(ctx);
    await runReportSchedule(ctx);
    expect(printer.printed).toEqual(['2026-W45', '2026-W46', '2026-W47']);
    expect(weeksMailed()).toEqual(['Week 45, 2026', 'Week 46, 2026', 'Week 47, 2026']);
  });

  it('never sends a week from before the schedule was switched on', async () => {
    const { ctx, printer } = setUp(Date.parse('2026-11-25T09:00:00Z'));
    await runReportSchedule(ctx);
    expect(printer.printed).toEqual([]);
  });

  it('retries a refused mail after its back-off and keeps the error in words meanwhile', async () => {
    const { ctx, printer } = setUp(Date.parse('2026-11-20T12:00:00Z'));
    sink.refuseNext(1);
    const due = Date.parse('2026-11-23T07:00:00Z');
    ctx.clock.set(due);
    await runReportSchedule(ctx);
    let [send] = listReportSends(temp.db, 1);
    expect(send).toMatchObject({ week: '2026-W47', status: 'pending', attempts: 1 });
    expect(send!.lastError).toMatch(/Sending through 127\.0\.0\.1:\d+ failed: 451/);
    expect(send!.nextAttemptAt).toBe(due + RETRY_DELAYS_MS[0]!);

    ctx.clock.set(due + RETRY_DELAYS_MS[0]! - 1);
    await runReportSchedule(ctx);
    expect(printer.printed).toHaveLength(1);

    ctx.clock.set(due + RETRY_DELAYS_MS[0]!);
    await runReportSchedule(ctx);
    [send] = listReportSends(temp.db, 1);
    expect(send).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect(sink.received).toHaveLength(1);
  });

  it('gives up after the last retry and says why: no mail server answering', async () => {
    const { ctx } = setUp(Date.parse('2026-11-20T12:00:00Z'), {
      smtp: { host: '127.0.0.1', port: 1, security: 'none', user: '', from: 'wall@example.com' },
    });
    let at = Date.parse('2026-11-23T07:00:00Z');
    ctx.clock.set(at);
    await runReportSchedule(ctx);
    for (const delay of RETRY_DELAYS_MS) {
      at += delay;
      ctx.clock.set(at);
      await runReportSchedule(ctx);
    }
    const [send] = listReportSends(temp.db, 1);
    expect(send).toMatchObject({ status: 'failed', attempts: RETRY_DELAYS_MS.length + 1, nextAttemptAt: null });
    expect(send!.lastError).toBe('The mail server 127.0.0.1:1 refused the connection: check host and port.');
  });

  it('sends a week now on request, beside the schedule, and refuses a week that has not begun', async () => {
    const { ctx } = setUp(Date.parse('2026-11-25T09:00:00Z'), { enabled: false });
    const send = await sendReportNow(ctx, '2026-W40');
    expect(send).toMatchObject({ week: '2026-W40', trigger: 'manual', status: 'sent' });
    expect(readFileSync(join(folder, 'alignboard-report-2026-W40.pdf'), 'utf8')).toBe('%PDF-1.7 report of 2026-W40');
    expect(sink.received).toHaveLength(1);
    expect(() => sendReportNow(ctx, '2026-W49')).toThrow(/week 2026-W49 has not begun yet/);
  });

  it('warms the printer five minutes before the delivery, prints with it, and lets it rest after', async () => {
    const { ctx, printer } = setUp(Date.parse('2026-11-20T12:00:00Z'));
    const steps: string[] = [];
    const warmed: ReportPrinter = {
      ...printer,
      pdf: async (week, paper) => {
        steps.push(`pdf ${week}`);
        return printer.pdf(week, paper);
      },
      warm: async () => void steps.push('warm'),
      rest: () => void steps.push('rest'),
    };
    ctx.reportPrinter = warmed;
    // Monday 23 November 2026, 08:00 in Berlin is 07:00 UTC.
    for (const [at, expected] of [
      ['2026-11-23T06:54:00Z', ['rest']],
      ['2026-11-23T06:55:00Z', ['warm']],
      ['2026-11-23T06:59:00Z', ['warm']],
      ['2026-11-23T07:00:00Z', ['pdf 2026-W47', 'rest']],
      ['2026-11-23T07:01:00Z', ['rest']],
    ] as const) {
      steps.length = 0;
      ctx.clock.set(Date.parse(at));
      await runReportSchedule(ctx);
      expect(steps, at).toEqual(expected);
    }
  });

  it('keeps the printer warm for a retry due within five minutes', async () => {
    const { ctx, printer } = setUp(Date.parse('2026-11-20T12:00:00Z'), {
      smtp: { host: '127.0.0.1', port: 1, security: 'none', user: '', from: 'wall@example.com' },
    });
    const steps: string[] = [];
    ctx.reportPrinter = { ...printer, warm: async () => void steps.push('warm'), rest: () => void steps.push('rest') };
    ctx.clock.set(Date.parse('2026-11-23T07:00:00Z'));
    await runReportSchedule(ctx);
    // the first retry comes a minute later: the printer stays warm for it
    expect(steps).toEqual(['warm']);
  });
});
