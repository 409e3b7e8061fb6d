/** Handlers of the weekly report's methods: one-liners over the report services. */
import { ApiError } from '@shared/api-error';
import type { reportMethods } from '@shared/methods/report-methods';
import type { Caller, HandlerGroup } from './handler-types';
import { listReportSends } from '../db/repositories/report-sends-repository';
import { reportCapabilities, reportImages, reportPdf } from '../services/report/report-files';
import { getDeliveryView, saveDeliveryView } from '../services/report/report-delivery-view';
import { sendReportNow } from '../services/report/report-delivery';
import { getWeeklyReport } from '../services/report/report-service';

/**
 * The delivery settings and the history name the recipients and the mail account: reads, but for an admin
 * only (a viewer link reads the report itself, not who receives it).
 */
function adminOnly(caller: Caller): void {
  if (caller.role !== 'admin') {
    throw new ApiError('forbidden', 'Only the admin can see who receives the weekly report.');
  }
}

/** Handlers of `reportMethods`. */
export const reportHandlers = {
  'report.get': (ctx, input) => getWeeklyReport(ctx, input.week),
  'report.capabilities': (ctx) => reportCapabilities(ctx),
  'report.pdf': (ctx, input) => reportPdf(ctx, input.week, input.paper),
  'report.images': (ctx, input) => reportImages(ctx, input.week),
  'report.delivery': (ctx, _input, caller) => {
    adminOnly(caller);
    return getDeliveryView(ctx);
  },
  'report.saveDelivery': (ctx, input) => saveDeliveryView(ctx, input),
  'report.sendNow': (ctx, input) => sendReportNow(ctx, input.week),
  'report.history': (ctx, input, caller) => {
    adminOnly(caller);
    return listReportSends(ctx.db, input.limit);
  },
} satisfies HandlerGroup<typeof reportMethods>;
