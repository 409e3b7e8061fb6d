/**
 * How a PDF and section PNGs are made from the report page: printed by a browser engine from the page
 * itself (Electron's printToPDF in the app, the system Chromium under `serve`), so the PDF, the PNGs and
 * the page on screen share one layout. The core only knows this interface; the shell that runs it
 * attaches an implementation to the context.
 */
import type { ReportPaper } from '@shared/report';

/** A PNG of one section of the report page. */
export interface SectionPng {
  section: string;
  title: string;
  png: Buffer;
}

/** Prints the report page of a week. */
export interface ReportPrinter {
  /** why this printer cannot print here (no Chromium found…), in words; null when it can */
  unavailable(): string | null;
  /** The week's report page as a PDF on `paper`. */
  pdf(weekId: string, paper: ReportPaper): Promise<Buffer>;
  /** A PNG of each section of the week's report page, in page order. */
  sectionPngs(weekId: string): Promise<SectionPng[]>;
  /** Frees what the printer holds (a browser); safe to call twice. */
  close(): Promise<void>;
  /**
   * A print is coming soon (a scheduled delivery in a few minutes): start the engine now and keep it
   * until {@link ReportPrinter.rest}, so that the delivery does not wait for it. Resolves when it is ready;
   * never rejects (a failure shows at the print). Absent where the engine is always running (the app).
   */
  warm?(): Promise<void>;
  /** The coming prints are done: the engine may close once idle again. */
  rest?(): void;
}

/** The selector the report page sets once every figure is on it (or its error, `data-report-error`). */
export const REPORT_READY_SELECTOR = '[data-report-ready], [data-report-error]';
/** Each section of the report page carries `data-report-section="<id>"` and `data-report-title`. */
export const REPORT_SECTION_SELECTOR = '[data-report-section]';

/**
 * The print scale the report page asks for (`data-print-scale`, so the sheet fits one page), within what
 * the print engines accept (0.1–2); 1 when the page gives none.
 */
export function printScale(value: string | null | undefined): number {
  const scale = Number(value);
  return Number.isFinite(scale) && scale > 0 ? Math.min(2, Math.max(0.1, scale)) : 1;
}

/** The page's path and query for a week, printing: `/report?week=2026-W48&print=1`. */
export function reportPagePath(weekId: string): string {
  return `/report?week=${encodeURIComponent(weekId)}&print=1`;
}

/** What a printer says when there is none at all (the context has no printer attached). */
export const NO_PRINTER_REASON =
  'This server has no way to print a PDF: start it with `npm run serve` on a machine with Chromium, or use the app.';
