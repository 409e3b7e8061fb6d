/**
 * Delivering the weekly report: on the schedule (a weekday and time in the room's zone, the report being
 * of the week before), or when asked. Each delivery is a row of report_sends first, then the PDF is
 * printed from the report page, saved to the folder under a name that sorts by week, and mailed. A week
 * the schedule owes is recorded once (a unique index), so it is never sent twice; weeks missed while the
 * machine was off are sent at the next start, each once, oldest first; a failed attempt is retried with
 * growing pauses and its error kept in words for the admin.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import { uuidv7 } from 'uuidv7';
import type { ReportDeliverySettings, ReportSendView } from '@shared/report';
import type { CoreContext } from '../../context';
import {
  findReportSend,
  hasScheduledSend,
  insertReportSend,
  listDueReportSends,
  markReportAttemptFailed,
  markReportSent,
} from '../../db/repositories/report-sends-repository';
import { getDisplaySettings } from '../support/settings-service';
import { NO_PRINTER_REASON } from './report-printer';
import { composeReportMail, describeMailError, sendReportMail } from './report-mail';
import { getWeeklyReport } from './report-service';
import { getReportDelivery, reportFolder, SMTP_PASSWORD_SECRET } from './report-settings';
import { lastCompleteWeek, reportFileName, weekBefore, weekContaining } from './report-week';

const MINUTE = 60_000;
/** Pauses before each retry of a failed delivery; after the last one it stays failed. */
export const RETRY_DELAYS_MS = [1, 5, 15, 60, 180, 360].map((minutes) => minutes * MINUTE);
/** At most this many missed weeks are caught up at a start (a month); older ones are left out. */
export const MAX_MISSED_WEEKS = 4;

/**
 * When the report of the week starting at `weekStart` is due: on `settings.weekday` of the week after it,
 * at `settings.time`, in `timezone` (a local time, so it stays 08:00 across a DST change).
 */
export function deliveryMomentOf(weekStart: number, settings: ReportDeliverySettings, timezone: string): number {
  const [hours, minutes] = settings.time.split(':').map(Number) as [number, number];
  const nextMonday = new TZDate(weekStart, timezone);
  const day = addDays(nextMonday, 7 + settings.weekday - 1);
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hours, minutes, 0, timezone).getTime();
}

/**
 * The weeks the schedule owes at `now`, oldest first: those whose delivery moment has passed, that was at
 * or after the schedule was switched on, at most {@link MAX_MISSED_WEEKS}; sent or not (the caller skips
 * the recorded ones).
 */
export function weeksDue(now: number, settings: ReportDeliverySettings, timezone: string): string[] {
  if (!settings.enabled || settings.enabledAt === null) return [];
  let week = lastCompleteWeek(now, timezone);
  if (deliveryMomentOf(week.period.start, settings, timezone) > now) week = weekBefore(week.period, timezone);
  const due: string[] = [];
  while (due.length < MAX_MISSED_WEEKS) {
    if (deliveryMomentOf(week.period.start, settings, timezone) < settings.enabledAt) break;
    due.unshift(week.id);
    week = weekBefore(week.period, timezone);
  }
  return due;
}

/** The next scheduled delivery after `now`, or null when the schedule is off. */
export function nextDeliveryAt(now: number, settings: ReportDeliverySettings, timezone: string): number | null {
  if (!settings.enabled) return null;
  const thisWeek = weekContaining(now, timezone).period;
  const lastWeek = weekBefore(thisWeek, timezone).period;
  const moment = deliveryMomentOf(lastWeek.start, settings, timezone);
  return moment > now ? moment : deliveryMomentOf(thisWeek.start, settings, timezone);
}

/** Per connection, the run in progress: ticks never overlap, and "send now" waits its turn. */
const running = new WeakMap<CoreContext['db'], Promise<void>>();

function serialised<T>(ctx: CoreContext, work: () => Promise<T>): Promise<T> {
  const before = running.get(ctx.db) ?? Promise.resolve();
  const result = before.then(work, work);
  running.set(
    ctx.db,
    result.then(
      () => undefined,
      () => undefined,
    ),
  );
  return result;
}

/**
 * One pass of the schedule: records the weeks it owes that are not recorded yet, then attempts every
 * pending delivery whose time has come (new ones and retries), oldest week first.
 */
export function runReportSchedule(ctx: CoreContext): Promise<void> {
  return serialised(ctx, async () => {
    const now = ctx.clock.now();
    const settings = getReportDelivery(ctx);
    const { timezone } = getDisplaySettings(ctx);
    for (const week of weeksDue(now, settings, timezone)) {
      if (hasScheduledSend(ctx.db, week)) continue;
      insertReportSend(ctx.db, {
        id: uuidv7(),
        week,
        trigger: 'schedule',
        recipients: settings.recipients,
        createdAt: now,
        machineId: ctx.machineId,
      });
    }
    for (const send of listDueReportSends(ctx.db, now)) await attempt(ctx, send);
  });
}

/** Sends the report of `weekId` now, to the recipients of the settings (and the folder); the delivery as recorded. */
export function sendReportNow(ctx: CoreContext, weekId: string): Promise<ReportSendView> {
  // The week is checked (and a future one refused) before anything is recorded.
  const report = getWeeklyReport(ctx, weekId);
  const id = uuidv7();
  insertReportSend(ctx.db, {
    id,
    week: report.week.id,
    trigger: 'manual',
    recipients: getReportDelivery(ctx).recipients,
    createdAt: ctx.clock.now(),
    machineId: ctx.machineId,
  });
  return serialised(ctx, async () => {
    const send = findReportSend(ctx.db, id)!;
    if (send.status === 'pending') await attempt(ctx, send);
    return findReportSend(ctx.db, id)!;
  });
}

/** One attempt at a delivery: print, save, mail; records the outcome (and the next try on failure). */
async function attempt(ctx: CoreContext, send: ReportSendView): Promise<void> {
  const settings = getReportDelivery(ctx);
  let file: string | null = null;
  try {
    const printer = ctx.reportPrinter;
    const reason = printer ? printer.unavailable() : NO_PRINTER_REASON;
    if (!printer || reason) throw new DeliveryError(`No PDF could be printed: ${reason}`);
    if (send.recipients.length > 0 && settings.smtp.host.trim() === '') {
      throw new DeliveryError('No mail server is set up: enter the SMTP host under Reports.');
    }
    const report = getWeeklyReport(ctx, send.week);
    const pdf = await printer.pdf(send.week, settings.paper);
    file = savePdf(reportFolder(ctx, settings), reportFileName(send.week), pdf);
    if (send.recipients.length > 0) {
      try {
        await sendReportMail(
          { ...settings.smtp, password: ctx.secrets.get(SMTP_PASSWORD_SECRET) },
          {
            ...composeReportMail(report),
            to: send.recipients,
            attachment: { fileName: reportFileName(send.week), content: pdf },
          },
        );
      } catch (error) {
        throw new DeliveryError(describeMailError(error, settings.smtp));
      }
    }
    markReportSent(ctx.db, send.id, ctx.clock.now(), file);
  } catch (error) {
    const words =
      error instanceof DeliveryError ? error.message : `The report could not be made: ${(error as Error).message}`;
    const delay = RETRY_DELAYS_MS[send.attempts];
    markReportAttemptFailed(ctx.db, send.id, {
      error: words,
      retryAt: delay === undefined ? null : ctx.clock.now() + delay,
      file,
    });
  }
}

/** A failure already put in words for the admin. */
class DeliveryError extends Error {}

/** Writes the PDF beside a temporary name and renames it, so a shared drive never shows half a file. */
function savePdf(folder: string, fileName: string, pdf: Buffer): string {
  try {
    mkdirSync(folder, { recursive: true });
    const path = join(folder, fileName);
    const partial = `${path}.partial`;
    writeFileSync(partial, pdf);
    renameSync(partial, path);
    return path;
  } catch (error) {
    throw new DeliveryError(`The PDF could not be saved to ${folder}: ${(error as Error).message}`);
  }
}

/** Options of {@link startReportSchedule}. */
export interface ReportScheduleOptions {
  /** how often the schedule looks for due and retry-ready deliveries; default one minute */
  intervalMs?: number;
}

/** A running schedule. */
export interface ReportSchedule {
  /** one pass now (also what the timer does); resolves when it is done */
  runNow(): Promise<void>;
  stop(): void;
}

/**
 * Starts the schedule: one pass at once (which sends what was missed while the machine was off) and then
 * one a minute. A pass that fails is logged and the next one tries again.
 */
export function startReportSchedule(ctx: CoreContext, options: ReportScheduleOptions = {}): ReportSchedule {
  const pass = () =>
    runReportSchedule(ctx).catch((error: unknown) => console.error('weekly report schedule failed:', error));
  void pass();
  const timer = setInterval(() => void pass(), options.intervalMs ?? MINUTE);
  timer.unref();
  return { runNow: pass, stop: () => clearInterval(timer) };
}
