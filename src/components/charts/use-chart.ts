/**
 * The life of a Chart.js chart inside a Vue component, in one place: created once when the canvas is
 * mounted, updated in place (`update('none')`: no animation) when the watched props change, destroyed
 * on unmount. Re-creating a chart on every refetch would leak canvases and flicker on a wall that runs
 * all day. Chart.js itself is loaded when the first chart mounts (`chart-kit.ts`), not before the page's
 * first paint.
 */
import { onBeforeUnmount, onMounted, watch, type Ref, type WatchSource } from 'vue';
import type { Chart, ChartConfiguration, ChartType, DefaultDataPoint } from 'chart.js';

let chartKit: Promise<typeof import('./chart-kit')> | null = null;

/** Loads Chart.js with the wall's pieces registered (once); resolves when charts can be created. */
export function loadChartKit(): Promise<typeof import('./chart-kit')> {
  chartKit ??= import('./chart-kit');
  return chartKit;
}

/**
 * Runs a chart on `canvas`: `configure` builds the first configuration, `refresh` writes the current
 * props into the existing chart whenever `source` changes. Returns a getter for tests and callers.
 */
export function useChart<T extends ChartType, D = DefaultDataPoint<T>, L = unknown>(
  canvas: Readonly<Ref<HTMLCanvasElement | null>>,
  configure: () => ChartConfiguration<T, D, L>,
  refresh: (chart: Chart<T, D, L>) => void,
  source: WatchSource<unknown>,
): () => Chart<T, D, L> | null {
  // Not reactive on purpose: Vue's proxies around a Chart instance cost work on every draw.
  let chart: Chart<T, D, L> | null = null;
  let unmounted = false;

  onMounted(async () => {
    const { Chart } = await loadChartKit();
    // Created with the props of the moment it is created, so a change while Chart.js loaded is not lost.
    if (unmounted || !canvas.value) return;
    chart = new Chart(canvas.value, configure());
    // For whoever waits for the page to be complete (screenshots, tests): this canvas has its chart.
    canvas.value.dataset.chart = 'drawn';
  });

  watch(
    source,
    () => {
      if (!chart) return;
      refresh(chart);
      chart.update('none');
    },
    { deep: true },
  );

  onBeforeUnmount(() => {
    unmounted = true;
    chart?.destroy();
    chart = null;
  });

  return () => chart;
}

/**
 * The options every chart on the wall shares: it fills its box, and has nothing to hover and no
 * animation (idle CPU, reduced motion).
 */
export function wallChartOptions(): {
  responsive: true;
  maintainAspectRatio: false;
  animation: false;
  events: [];
} {
  return { responsive: true, maintainAspectRatio: false, animation: false, events: [] };
}

/**
 * A stroke width that reads from across the room at any screen size: a share of the chart's height,
 * never thinner than 2 CSS pixels.
 */
export function strokeWidth(chartHeight: number, share: number): number {
  return Math.max(2, Math.round(chartHeight * share));
}

/** One line of a LineChart. */
export interface LineSeries {
  values: (number | null)[];
  colour: string;
  /** dashed, e.g. for an ideal or target line */
  dashed?: boolean;
  /** stroke width as a share of the chart's height */
  weight?: number;
  /** mark the last non-null value with a dot (e.g. "today") */
  markLast?: boolean;
}
