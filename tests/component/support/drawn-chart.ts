import { Chart } from 'chart.js';
import { vi } from 'vitest';

/** The chart on `canvas` once it exists: charts are created when Chart.js has loaded, after the mount. */
export function drawnChart(canvas: HTMLCanvasElement): Promise<Chart> {
  return vi.waitFor(() => {
    const chart = Chart.getChart(canvas);
    if (!chart) throw new Error('no chart on the canvas yet');
    return chart;
  });
}
