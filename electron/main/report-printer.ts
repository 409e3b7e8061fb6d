/**
 * The report printer inside the app: a hidden window of our own opens the report page over the app
 * protocol (the same page a browser shows at /report), and Electron's printToPDF prints it; each section
 * is pictured with capturePage. Thin on purpose: the layout is the page's, the data comes over the usual
 * IPC bridge, and the window is closed after every job.
 */
import type { ReportPaper } from '@shared/report';
import {
  printScale,
  REPORT_READY_SELECTOR,
  REPORT_SECTION_SELECTOR,
  type ReportPrinter,
  type SectionPng,
} from '../core/services/report/report-printer';

/** The few parts of a BrowserWindow the printer uses (so tests can hand in a fake). */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: { pageSize: ReportPaper; printBackground: boolean; scale: number }): Promise<Buffer>;
    capturePage(rect: { x: number; y: number; width: number; height: number }): Promise<{ toPNG(): Buffer }>;
  };
}

/** Options of {@link createElectronPrinter}. */
export interface ElectronPrinterOptions {
  /** opens a hidden window of our own (allowed to use IPC), 1000 px wide */
  openWindow: () => PrintWindow;
  /** the report page of a week in the app, e.g. `app://alignboard/index.html?view=report&week=…&print=1` */
  pageUrl: (weekId: string) => string;
  /** how long to wait for the page's figures; default 60 s */
  timeoutMs?: number;
  /** how often to look whether the page is ready; default 50 ms */
  pollMs?: number;
}

const READY_PROBE = `(() => {
  const found = document.querySelector(${JSON.stringify(REPORT_READY_SELECTOR)});
  if (!found) return null;
  const error = found.getAttribute('data-report-error');
  return error === null ? { ok: true, scale: found.getAttribute('data-print-scale') } : { ok: false, error };
})()`;

const SECTIONS_PROBE = `[...document.querySelectorAll(${JSON.stringify(REPORT_SECTION_SELECTOR)})].map((element) => {
  const box = element.getBoundingClientRect();
  return {
    section: element.getAttribute('data-report-section') ?? 'section',
    title: element.getAttribute('data-report-title') ?? '',
    x: box.left + window.scrollX,
    y: box.top + window.scrollY,
    width: box.width,
    height: box.height,
  };
})`;

/** A printer over Electron's own Chromium. */
export function createElectronPrinter(options: ElectronPrinterOptions): ReportPrinter {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const pollMs = options.pollMs ?? 50;

  const withWindow = async <T>(weekId: string, work: (win: PrintWindow, scale: number) => Promise<T>): Promise<T> => {
    const win = options.openWindow();
    try {
      await win.loadURL(options.pageUrl(weekId));
      const deadline = Date.now() + timeoutMs;
      let scale = 1;
      for (;;) {
        const state = (await win.webContents.executeJavaScript(READY_PROBE)) as {
          ok: boolean;
          error?: string;
          scale?: string | null;
        } | null;
        if (state?.ok) {
          scale = printScale(state.scale);
          break;
        }
        if (state && !state.ok) throw new Error(`The report page could not show week ${weekId}: ${state.error}`);
        if (Date.now() > deadline) throw new Error(`The report page of week ${weekId} did not finish loading.`);
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      return await work(win, scale);
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  };

  return {
    unavailable: () => null,
    pdf: (weekId, paper) =>
      withWindow(weekId, (win, scale) => win.webContents.printToPDF({ pageSize: paper, printBackground: true, scale })),
    sectionPngs: (weekId) =>
      withWindow(weekId, async (win) => {
        const boxes = (await win.webContents.executeJavaScript(SECTIONS_PROBE)) as (SectionPng & {
          x: number;
          y: number;
          width: number;
          height: number;
        })[];
        const shots: SectionPng[] = [];
        for (const box of boxes) {
          // capturePage wants whole pixels: round outwards so no edge of the section is cut.
          const x = Math.floor(box.x);
          const y = Math.floor(box.y);
          const rect = { x, y, width: Math.ceil(box.x + box.width) - x, height: Math.ceil(box.y + box.height) - y };
          const image = await win.webContents.capturePage(rect);
          shots.push({ section: box.section, title: box.title, png: image.toPNG() });
        }
        return shots;
      }),
    close: async () => undefined,
  };
}
