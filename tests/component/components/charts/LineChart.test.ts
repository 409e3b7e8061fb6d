import { flushPromises, mount } from '@vue/test-utils';
import { Chart } from 'chart.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawnChart } from '../../support/drawn-chart';
import LineChart from '../../../../src/components/charts/LineChart.vue';
import { loadChartKit } from '../../../../src/components/charts/use-chart';

const props = {
  labels: ['Mon', 'Tue', 'Wed'],
  series: [
    { values: [0, 0.5, 1], colour: '#b9c3ce', dashed: true },
    { values: [0, 0.3, null], colour: '#8ec5ff', markLast: true },
  ],
  min: 0,
  max: 1,
  label: 'Burn-up',
};

function liveCharts(): Chart[] {
  return Object.values(Chart.instances) as Chart[];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('LineChart', () => {
  it('creates one chart on mount, updates it in place, and destroys it on unmount', async () => {
    const update = vi.spyOn(Chart.prototype, 'update');
    const destroy = vi.spyOn(Chart.prototype, 'destroy');
    const before = liveCharts().length;

    const wrapper = mount(LineChart, { props });
    const canvas = wrapper.find('canvas').element;
    // the wrapper draws line charts only; the cast lets the test read line options
    const chart = (await drawnChart(canvas)) as unknown as Chart<'line', (number | null)[], string>;
    expect((chart.config as { type?: string }).type).toBe('line');
    expect(liveCharts()).toHaveLength(before + 1);
    const [ideal, actual] = chart.data.datasets;
    expect(actual!.data).toEqual([0, 0.3, null]);
    expect(ideal!.borderDash).not.toEqual([]);
    // only the last known point of the marked series gets a dot
    const radii = actual!.pointRadius as number[];
    expect(radii[0]).toBe(0);
    expect(radii[1]).toBeGreaterThan(0);
    expect(radii[2]).toBe(0);
    update.mockClear();

    await wrapper.setProps({
      series: [
        { values: [0, 0.5, 1], colour: '#b9c3ce', dashed: true },
        { values: [0, 0.3, 0.8], colour: '#8ec5ff', markLast: true },
      ],
    });

    expect(Chart.getChart(canvas)).toBe(chart);
    expect(liveCharts()).toHaveLength(before + 1);
    expect(chart.data.datasets[1]).toBe(actual);
    expect(actual!.data).toEqual([0, 0.3, 0.8]);
    expect((actual!.pointRadius as number[])[2]).toBeGreaterThan(0);
    expect(update).toHaveBeenCalledTimes(1);
    expect(update).toHaveBeenCalledWith('none');
    expect(chart.options.scales!.y!.max).toBe(1);

    wrapper.unmount();
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(Chart.getChart(canvas)).toBeUndefined();
    expect(liveCharts()).toHaveLength(before);
  });

  it('registers only the pieces the wall draws once Chart.js has loaded, and no chart for a canvas gone meanwhile', async () => {
    const before = Object.keys(Chart.instances).length;
    // Unmounted in the same tick: the chart would be created after Chart.js loads, on a canvas no longer shown.
    const gone = mount(LineChart, { props });
    const canvas = gone.find('canvas').element;
    gone.unmount();
    await loadChartKit();
    await flushPromises();
    expect(Chart.getChart(canvas)).toBeUndefined();
    expect(Object.keys(Chart.instances)).toHaveLength(before);
    expect(Chart.registry.getController('line')).toBeDefined();
    expect(Chart.registry.getController('bar')).toBeDefined();
    // nothing else: no other chart types, so none of their code is bundled either
    expect(() => Chart.registry.getController('doughnut')).toThrow();
    expect(() => Chart.registry.getController('radar')).toThrow();
  });
});
