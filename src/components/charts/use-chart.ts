/**
 * The life of a Chart.js chart inside a Vue component, in one place: created once when the canvas is
 * mounted, updated in place (`update('none')`: no animation) when the watched props change, destroyed
 * on unmount. Re-creating a chart on every refetch would leak canvases and flicker on a wall that runs
 * all day. Chart.js itself is loaded when the first chart mounts (`chart-kit.ts`), not before the page's
 * first paint.
 *
 * The chart follows its box through an observer of our own, not Chart.js's `responsive` mode: that mode
 * shrinks the canvas to nothing when a kept slide leaves the page and draws it anew, at full size, when
 * the slide shows again, inside the slide change (a 4K chart drawn in software made its frames late). A
 * box that reports no size (off the page) is ignored, so a slide shown again shows the chart it kept.
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
  let box: ResizeObserver | null = null;

  onMounted(async () => {
    const { Chart } = await loadChartKit();
    // Created with the props of the moment it is created, so a change while Chart.js loaded is not lost.
    const element = canvas.value;
    if (unmounted || !element) return;
    const parent = element.parentElement;
    // Chart.js takes a canvas's width and height attributes as its size in CSS pixels.
    if (parent) {
      element.width = parent.clientWidth;
      element.height = parent.clientHeight;
    }
    const created = new Chart(element, configure());
    chart = created;
    if (parent && typeof ResizeObserver !== 'undefined') {
      box = new ResizeObserver(() => followBox(created, parent));
      box.observe(parent);
    }
    // For whoever waits for the page to be complete (screenshots, tests): this canvas has its chart.
    element.dataset.chart = 'drawn';
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
    box?.disconnect();
    chart?.destroy();
    chart = null;
  });

  return () => chart;
}

/** Resizes `chart` to its box when the box has a size and it differs from the chart's (or the screen's scale changed). */
function followBox(
  chart: Pick<Chart, 'width' | 'height' | 'currentDevicePixelRatio' | 'resize'>,
  parent: HTMLElement,
): void {
  const width = parent.clientWidth;
  const height = parent.clientHeight;
  if (!parent.isConnected || width === 0 || height === 0) return;
  const sameScale = chart.currentDevicePixelRatio === window.devicePixelRatio;
  if (sameScale && chart.width === width && chart.height === height) return;
  chart.resize(width, height);
}

/**
 * The options every chart on the wall shares: it is sized by `useChart` to fill its box, and has nothing
 * to hover and no animation (idle CPU, reduced motion).
 */
export function wallChartOptions(): {
  responsive: false;
  maintainAspectRatio: false;
  animation: false;
  events: [];
} {
  return { responsive: false, maintainAspectRatio: false, animation: false, events: [] };
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
