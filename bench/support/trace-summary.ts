/**
 * Reads a Chromium trace (the JSON that `browser.startTracing` returns) into where the time went: busy
 * time per process and thread (top-level slices only, so nested ones are not counted twice) and the total
 * time and count of the slices that name the usual suspects (style, layout, paint, raster, script, GC,
 * compositing, drawing).
 */

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

/** One line of the summary. */
export interface TraceRow {
  where: string;
  busyMs: number;
}

/** What {@link summariseTrace} found. */
export interface TraceSummary {
  seconds: number;
  threads: TraceRow[];
  slices: { name: string; totalMs: number; count: number }[];
}

/** Slice names worth naming in the summary, matched as prefixes. */
const SUSPECTS = [
  'UpdateLayoutTree',
  'Layout',
  'Paint',
  'PrePaint',
  'Layerize',
  'RasterTask',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'EvaluateScript',
  'V8.GC',
  'MinorGC',
  'MajorGC',
  'ProxyMain::BeginMainFrame',
  'LayerTreeHost::UpdateLayers',
  'Commit',
  'ActivateLayerTree',
  'Graphics.Pipeline',
  'DrawFrame',
  'Display::DrawAndSwap',
  'SkiaRenderer::',
  'SoftwareRenderer::',
];

/** Summarises the trace's complete ('X') slices between its first and last timestamps. */
export function summariseTrace(json: string): TraceSummary {
  const parsed = JSON.parse(json) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const processNames = new Map<number, string>();
  const threadNames = new Map<string, string>();
  for (const event of events) {
    if (event.ph !== 'M') continue;
    if (event.name === 'process_name') processNames.set(event.pid, event.args?.name ?? `pid ${event.pid}`);
    if (event.name === 'thread_name') threadNames.set(`${event.pid}:${event.tid}`, event.args?.name ?? '');
  }
  const slices = events.filter((event) => event.ph === 'X' && typeof event.dur === 'number');
  const byThread = new Map<string, TraceEvent[]>();
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const slice of slices) {
    const key = `${slice.pid}:${slice.tid}`;
    const list = byThread.get(key) ?? [];
    list.push(slice);
    byThread.set(key, list);
    first = Math.min(first, slice.ts);
    last = Math.max(last, slice.ts + slice.dur!);
  }
  const threads: TraceRow[] = [];
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts);
    let busy = 0;
    let coveredUntil = 0;
    for (const slice of list) {
      const end = slice.ts + slice.dur!;
      if (end <= coveredUntil) continue;
      busy += end - Math.max(slice.ts, coveredUntil);
      coveredUntil = end;
    }
    const pid = Number(key.split(':')[0]);
    threads.push({
      where: `${processNames.get(pid) ?? `pid ${pid}`} / ${threadNames.get(key) || key}`,
      busyMs: busy / 1000,
    });
  }
  threads.sort((a, b) => b.busyMs - a.busyMs);
  const totals = new Map<string, { totalMs: number; count: number }>();
  for (const slice of slices) {
    const suspect = SUSPECTS.find((prefix) => slice.name.startsWith(prefix));
    if (!suspect) continue;
    const total = totals.get(slice.name) ?? { totalMs: 0, count: 0 };
    total.totalMs += slice.dur! / 1000;
    total.count += 1;
    totals.set(slice.name, total);
  }
  return {
    seconds: slices.length === 0 ? 0 : (last - first) / 1e6,
    threads: threads.filter((row) => row.busyMs >= 1),
    slices: [...totals.entries()]
      .map(([name, total]) => ({ name, ...total }))
      .sort((a, b) => b.totalMs - a.totalMs)
      .slice(0, 25),
  };
}

/** The summary as a Markdown section, for docs/performance.md. */
export function traceMarkdown(summary: TraceSummary, what: string): string {
  const ms = (value: number) => value.toFixed(0);
  return [
    `Trace of ${what}: ${summary.seconds.toFixed(0)} s.`,
    '',
    '| process / thread | busy ms | ms per s |',
    '|---|---|---|',
    ...summary.threads.map(
      (row) => `| ${row.where} | ${ms(row.busyMs)} | ${(row.busyMs / Math.max(1, summary.seconds)).toFixed(2)} |`,
    ),
    '',
    '| slice | total ms | count |',
    '|---|---|---|',
    ...summary.slices.map((row) => `| ${row.name} | ${ms(row.totalMs)} | ${row.count} |`),
    '',
  ].join('\n');
}
