/** The delivery settings as the admin reads and writes them: the password goes to the secrets, never back. */
import type { MethodParsedInput } from '@shared/contract';
import type { ReportDeliveryView } from '@shared/report';
import type { CoreContext } from '../../context';
import { getDisplaySettings } from '../support/settings-service';
import { nextDeliveryAt } from './report-delivery';
import { getReportDelivery, reportFolder, saveReportDelivery, SMTP_PASSWORD_SECRET } from './report-settings';

/** The delivery settings with whether a password is stored, the folder used and the next delivery. */
export function getDeliveryView(ctx: CoreContext): ReportDeliveryView {
  const settings = getReportDelivery(ctx);
  return {
    ...settings,
    hasPassword: ctx.secrets.get(SMTP_PASSWORD_SECRET) !== null,
    folderPath: reportFolder(ctx, settings),
    nextRunAt: nextDeliveryAt(ctx.clock.now(), settings, getDisplaySettings(ctx).timezone),
  };
}

/**
 * Saves the delivery settings; a given password is kept with the machine's secrets (an empty one removes
 * it), an omitted one stays as it was.
 */
export function saveDeliveryView(
  ctx: CoreContext,
  input: MethodParsedInput<'report.saveDelivery'>,
): ReportDeliveryView {
  const { password, ...settings } = input;
  saveReportDelivery(ctx, settings);
  if (password !== undefined) {
    if (password === '') ctx.secrets.delete(SMTP_PASSWORD_SECRET);
    else ctx.secrets.set(SMTP_PASSWORD_SECRET, password);
  }
  return getDeliveryView(ctx);
}
