/**
 * The weekly report's PDF at 1,000,000 deals: the report of the last complete week before the benchmark's
 * clock, printed from the report page by the system Chromium exactly as `npm run serve` does (its real
 * HTTP server, the page reading the report over the API, page.pdf). Each run starts a new printer, so the
 * time includes Chromium's launch, as on a Monday morning; runs with the browser already up are reported
 * beside it. `report_render_s` is the median of the cold runs.
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCore, type Core } from '../electron/core/create-core';
import { createHttpServer, type HttpServerHandle } from '../electron/core/http/server';
import { fixedClock } from '../electron/core/services/clock';
import { createChromiumPrinter } from '../electron/core/services/report/chromium-printer';
import { getWeeklyReport } from '../electron/core/services/report/report-service';
import { BENCH_NOW, datasetSizes, prepareDataset, type Dataset } from './support/dataset';
import { median, recordResults, round } from './support/results';

const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 3);
const STATIC_DIR = fileURLToPath(new URL('../out/renderer/', import.meta.url));
const log = (line: string) => process.stdout.write(`[bench:report] ${line}\n`);

let dataset: Dataset;
let core: Core;
let http: HttpServerHandle;

beforeAll(async () => {
  // The report reads deals and leads; the activity log's size does not enter it, so only the generator's own
  // events are kept (a smaller file to generate and copy than the data benchmark's).
  dataset = prepareDataset({ deals: datasetSizes().deals, events: 0 }, log);
  core = createCore({
    dbFile: dataset.file,
    clock: fixedClock(BENCH_NOW),
    version: 'bench',
    demo: 'never',
    backups: false,
  });
  http = await createHttpServer(core, { staticDir: STATIC_DIR, port: 0 });
}, 1_800_000);

afterAll(async () => {
  await http?.close();
  core?.close();
  dataset?.cleanup();
});

describe('report_render_s', () => {
  test('the PDF of one week at a million deals', async () => {
    const week = getWeeklyReport(core.ctx).week.id;
    const origin = () => ({ url: http.url, token: http.tokens.viewer });
    const timed = async (work: () => Promise<Buffer>) => {
      const started = performance.now();
      const pdf = await work();
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      return (performance.now() - started) / 1000;
    };
    const serviceSamples: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      getWeeklyReport(core.ctx, week);
      serviceSamples.push((performance.now() - started) / 1000);
    }
    const cold: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const printer = createChromiumPrinter({ origin });
      try {
        cold.push(await timed(() => printer.pdf(week, 'A4')));
      } finally {
        await printer.close();
      }
    }
    const warm: number[] = [];
    const printer = createChromiumPrinter({ origin });
    try {
      await printer.pdf(week, 'A4');
      for (let run = 0; run < RUNS; run++) warm.push(await timed(() => printer.pdf(week, 'A4')));
    } finally {
      await printer.close();
    }
    log(
      `week ${week}: cold ${cold.map((s) => s.toFixed(2)).join(', ')} s; warm ${warm.map((s) => s.toFixed(2)).join(', ')} s`,
    );
    recordResults('report', {
      metrics: {
        report_render_s: {
          value: round(median(cold)),
          notes: `median of ${RUNS} PDFs of ${week}, each with a newly launched Chromium`,
          details: {
            week,
            coldSamples: cold.map((s) => round(s, 3)),
            warmMedian: round(median(warm), 3),
            warmSamples: warm.map((s) => round(s, 3)),
            reportServiceMedian: round(median(serviceSamples), 3),
            deals: dataset.sizes.deals,
          },
        },
      },
    });
  }, 600_000);
});
