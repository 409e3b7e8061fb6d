/**
 * The weekly report's PDF at 1,000,000 deals: the report of the last complete week before the benchmark's
 * clock, printed from the report page by the system Chromium exactly as `npm run serve` does (its real
 * HTTP server, the page reading the report over the API, page.pdf). Each run starts a new printer and
 * warms it first, untimed, as the schedule does five minutes before the delivery (browser launched,
 * report page loaded once); the time is then the delivery's own print. `report_render_s` is the median of
 * those runs. Beside it: a cold printer (launch included, as "send now" between deliveries has it) and a
 * second print on a browser already up (the next week of a catch-up, or the PNGs).
 */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createCore, type Core } from '../electron/core/create-core';
import { createHttpServer, type HttpServerHandle } from '../electron/core/http/server';
import { fixedClock } from '../electron/core/services/support/clock';
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
    const delivery: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const printer = createChromiumPrinter({ origin });
      try {
        await printer.warm!();
        delivery.push(await timed(() => printer.pdf(week, 'A4')));
      } finally {
        await printer.close();
      }
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
    const samples = (list: number[]) => list.map((s) => s.toFixed(2)).join(', ');
    log(`week ${week}: warmed ahead ${samples(delivery)} s; cold ${samples(cold)} s; second print ${samples(warm)} s`);
    recordResults('report', {
      metrics: {
        report_render_s: {
          value: round(median(delivery)),
          notes:
            `median of ${RUNS} PDFs of ${week}, each by a new printer warmed ahead as the schedule does; ` +
            `cold launch ${round(median(cold))} s, second print on a running browser ${round(median(warm))} s`,
          details: {
            week,
            deliverySamples: delivery.map((s) => round(s, 3)),
            coldMedian: round(median(cold), 3),
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
