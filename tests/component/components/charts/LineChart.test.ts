import { mount } from '@vue/test-utils';
import { Chart } from 'chart.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import LineChart from '../../../../src/components/charts/LineChart.vue';

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
    const chart = Chart.getChart(canvas) as unknown as Chart<'line', (number | null)[], string>;
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

  it('registers only the line pieces: no bar controller comes with it', () => {
    const wrapper = mount(LineChart, { props });
    expect(Chart.registry.getController('line')).toBeDefined();
    // test files run isolated, and nothing else here registers bars
    expect(() => Chart.registry.getController('bar')).toThrow();
    expect(wrapper.find('canvas').attributes('aria-label')).toBe('Burn-up');
    wrapper.unmount();
  });
});
