/**
 * The weekly report's delivery settings: one JSON value in the settings table, read with defaults so a
 * new wall needs none. The SMTP password never goes there: it is a machine-local secret (ctx.secrets).
 */
import { dirname, join } from 'node:path';
import type { ReportDeliverySettings } from '@shared/report';
import type { CoreContext } from '../../context';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import { journalledChanges } from '../../db/repositories/change-journal';
import { runCommand } from '../support/activity-recorder';

/** The settings key of the delivery settings. */
export const REPORT_DELIVERY_KEY = 'report.delivery';
/** The secret the SMTP password is kept under. */
export const SMTP_PASSWORD_SECRET = 'report.smtpPassword';

/** Off, Monday 08:00, A4, no recipients, no mail server. */
export const DEFAULT_REPORT_DELIVERY: ReportDeliverySettings = {
  enabled: false,
  weekday: 1,
  time: '08:00',
  paper: 'A4',
  folder: '',
  recipients: [],
  smtp: { host: '', port: 587, security: 'starttls', user: '', from: '' },
  enabledAt: null,
};

/** The stored delivery settings over the defaults. */
export function getReportDelivery(ctx: Pick<CoreContext, 'db'>): ReportDeliverySettings {
  const stored = getSetting<Partial<ReportDeliverySettings>>(ctx.db, REPORT_DELIVERY_KEY) ?? {};
  return {
    ...DEFAULT_REPORT_DELIVERY,
    ...stored,
    smtp: { ...DEFAULT_REPORT_DELIVERY.smtp, ...stored.smtp },
  };
}

/**
 * Stores the delivery settings in one command (recorded, so it can be undone); `enabledAt` is set when the
 * schedule is switched on and cleared when it is switched off, so weeks from before it are never sent.
 */
export function saveReportDelivery(
  ctx: CoreContext,
  next: Omit<ReportDeliverySettings, 'enabledAt'>,
): ReportDeliverySettings {
  return runCommand(ctx, (record) => {
    const now = ctx.clock.now();
    const before = getReportDelivery(ctx);
    const enabledAt = next.enabled ? (before.enabled && before.enabledAt !== null ? before.enabledAt : now) : null;
    const settings: ReportDeliverySettings = { ...next, enabledAt };
    setSetting(ctx.db, REPORT_DELIVERY_KEY, settings, now);
    if (journalledChanges(ctx.db).length > 0) {
      record({
        type: 'settings.changed',
        entity: 'settings',
        entityId: 'report',
        payload: { keys: ['reportDelivery'], values: {} },
      });
    }
    return settings;
  });
}

/** The folder PDFs are saved to: the setting, or `reports/` beside the database (the working dir for :memory:). */
export function reportFolder(ctx: Pick<CoreContext, 'dbFile'>, settings: ReportDeliverySettings): string {
  if (settings.folder.trim() !== '') return settings.folder.trim();
  return join(ctx.dbFile === ':memory:' ? process.cwd() : dirname(ctx.dbFile), 'reports');
}
