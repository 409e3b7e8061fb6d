/** Handlers of the weekly report's methods: one-liners over the report services. */
import type { reportMethods } from '@shared/methods/report-methods';
import type { HandlerGroup } from './handler-types';
import { listReportSends } from '../db/repositories/report-sends-repository';
import { reportCapabilities, reportImages, reportPdf } from '../services/report/report-files';
import { getDeliveryView, saveDeliveryView } from '../services/report/report-delivery-view';
import { sendReportNow } from '../services/report/report-delivery';
import { getWeeklyReport } from '../services/report/report-service';

/** Handlers of `reportMethods`. */
export const reportHandlers = {
  'report.get': (ctx, input) => getWeeklyReport(ctx, input.week),
  'report.capabilities': (ctx) => reportCapabilities(ctx),
  'report.pdf': (ctx, input) => reportPdf(ctx, input.week, input.paper),
  'report.images': (ctx, input) => reportImages(ctx, input.week),
  'report.delivery': (ctx) => getDeliveryView(ctx),
  'report.saveDelivery': (ctx, input) => saveDeliveryView(ctx, input),
  'report.sendNow': (ctx, input) => sendReportNow(ctx, input.week),
  'report.history': (ctx, input) => listReportSends(ctx.db, input.limit),
} satisfies HandlerGroup<typeof reportMethods>;
