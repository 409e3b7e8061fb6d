/** The report's files on demand: the PDF and the section PNGs, printed from the report page. */
import { ApiError } from '@shared/api-error';
import type { ReportCapabilities, ReportFile, ReportPaper, ReportSectionImage } from '@shared/report';
import type { CoreContext } from '../../context';
import { NO_PRINTER_REASON, type ReportPrinter } from './report-printer';
import { getReportDelivery } from './report-settings';
import { getWeeklyReport } from './report-service';
import { reportFileName } from './report-week';

/** Whether a PDF can be printed where this core runs, and why not. */
export function reportCapabilities(ctx: CoreContext): ReportCapabilities {
  const reason = ctx.reportPrinter ? ctx.reportPrinter.unavailable() : NO_PRINTER_REASON;
  return { pdf: reason === null, reason };
}

function printerOf(ctx: CoreContext): ReportPrinter {
  const reason = ctx.reportPrinter ? ctx.reportPrinter.unavailable() : NO_PRINTER_REASON;
  if (!ctx.reportPrinter || reason) throw new ApiError('conflict', reason ?? NO_PRINTER_REASON);
  return ctx.reportPrinter;
}

/**
 * The week's report as a PDF on `paper` (default: the delivery setting's).
 *
 * @throws ApiError `invalid_input` for a week that has not begun, `conflict` when nothing can print here.
 */
export async function reportPdf(ctx: CoreContext, weekId: string, paper?: ReportPaper): Promise<ReportFile> {
  const week = getWeeklyReport(ctx, weekId).week.id;
  const pdf = await printerOf(ctx).pdf(week, paper ?? getReportDelivery(ctx).paper);
  return { fileName: reportFileName(week), contentType: 'application/pdf', base64: pdf.toString('base64') };
}

/** A PNG of each section of the week's report page, named `alignboard-report-2026-W48-kpi.png`. */
export async function reportImages(ctx: CoreContext, weekId: string): Promise<ReportSectionImage[]> {
  const week = getWeeklyReport(ctx, weekId).week.id;
  const shots = await printerOf(ctx).sectionPngs(week);
  return shots.map((shot) => ({
    section: shot.section,
    title: shot.title,
    fileName: reportFileName(`${week}-${shot.section}`, 'png'),
    contentType: 'image/png',
    base64: shot.png.toString('base64'),
  }));
}
