/**
 * What the benchmarks measure and how results travel: each benchmark file records its measurements into a
 * directory the global setup made; the global teardown merges them into one table and `bench-results.json`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** where the benchmark files leave their results for the global teardown */
    benchResultsDir: string;
  }
}

/** A budget: the value must be at most or at least the limit. */
export interface Budget {
  op: '<=' | '>=';
  limit: number;
}

/**
 * Every key with its unit and budget. The `_vs_floor` keys divide a display figure by the same figure for
 * a static page measured in the same run (floor-page.ts); their budgets are the ones that hold on any
 * machine. The absolute keys stay for the record. The business-hours refresh is held to the refresh budget.
 */
export const METRICS = {
  refresh_p95_ms: { unit: 'ms', budget: { op: '<=', limit: 20 } },
  refresh_business_hours_p95_ms: { unit: 'ms', budget: { op: '<=', limit: 20 } },
  refresh_vs_naive: { unit: '×', budget: { op: '>=', limit: 50 } },
  event_apply_ms: { unit: 'ms', budget: { op: '<=', limit: 5 } },
  first_slide_ms: { unit: 'ms', budget: { op: '<=', limit: 500 } },
  first_slide_vs_floor_fcp: { unit: '×', budget: { op: '<=', limit: 3 } },
  renderer_js_gzip_kb: { unit: 'KiB', budget: { op: '<=', limit: 150 } },
  idle_busy_ms_per_s: { unit: 'ms/s', budget: { op: '<=', limit: 2 } },
  idle_busy_vs_floor: { unit: '×', budget: { op: '<=', limit: 1 } },
  rotation_cpu_pct: { unit: '%', budget: { op: '<=', limit: 2.5 } },
  rotation_cpu_vs_floor: { unit: '×', budget: { op: '<=', limit: 1.5 } },
  heap_growth_mb_per_1000_cycles: { unit: 'MB', budget: { op: '<=', limit: 1 } },
  transition_fps_median: { unit: 'fps', budget: { op: '>=', limit: 58 } },
  transition_longest_gap_ms: { unit: 'ms', budget: { op: '<=', limit: 50 } },
  live_latency_p95_ms: { unit: 'ms', budget: { op: '<=', limit: 100 } },
  import_100k_rows_s: { unit: 's', budget: { op: '<=', limit: 3 } },
  report_render_s: { unit: 's', budget: { op: '<=', limit: 2 } },
  crm_initial_sync_share_of_rate_limit: { unit: '×', budget: { op: '>=', limit: 0.9 } },
  crm_idle_poll_cpu_ms: { unit: 'ms', budget: { op: '<=', limit: 20 } },
  // measured with a 15 s poll interval: the budget is that interval + 1 s
  crm_change_to_wall_p95_s: { unit: 's', budget: { op: '<=', limit: 16 } },
} as const satisfies Record<string, { unit: string; budget: Budget }>;

export type MetricKey = keyof typeof METRICS;

/** One measured (or not measurable) figure. */
export interface MetricResult {
  /** null when it could not be measured; then `reason` says why */
  value: number | null;
  reason?: string;
  /** how it was measured, in a few words (sample count, what the median was, ...) */
  notes?: string;
  /** supporting numbers: medians, per-method timings, raw samples */
  details?: Record<string, unknown>;
}

/** Everything one benchmark file contributes. */
export interface PartialResults {
  metrics?: Partial<Record<MetricKey, MetricResult>>;
  /** facts about the run (dataset, browser version), merged into the JSON */
  context?: Record<string, unknown>;
}

/** Saves one benchmark file's results under `group` for the global teardown. */
export function recordResults(group: string, results: PartialResults): void {
  const dir = inject('benchResultsDir');
  const file = path.join(dir, `${group}.json`);
  const previous = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as PartialResults) : {};
  const merged: PartialResults = {
    metrics: { ...previous.metrics, ...results.metrics },
    context: { ...previous.context, ...results.context },
  };
  fs.writeFileSync(file, JSON.stringify(merged, null, 2));
}

/** The value at quantile `q` (0–1) of `samples`, by the nearest-rank method. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new RangeError('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** The median (mean of the two middle values for an even count). */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds for the report: enough digits to compare runs, not more. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
