import { mount } from '@vue/test-utils';
import { Chart } from 'chart.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawnChart } from '../../support/drawn-chart';
import BarChart from '../../../../src/components/charts/BarChart.vue';

const props = {
  labels: ['Lead', 'MQL'],
  values: [10, 4],
  fills: ['#f2b35b', '#3d7fd9'],
  label: 'Leads by stage',
};

function liveCharts(): Chart[] {
  return Object.values(Chart.instances) as Chart[];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('BarChart', () => {
  it('creates one chart on mount, updates it in place, and destroys it on unmount', async () => {
    const update = vi.spyOn(Chart.prototype, 'update');
    const destroy = vi.spyOn(Chart.prototype, 'destroy');
    const before = liveCharts().length;

    const wrapper = mount(BarChart, { props });
    const canvas = wrapper.find('canvas').element;
    const chart = await drawnChart(canvas);
    expect(chart).toBeDefined();
    // what screenshots and end-to-end tests wait for
    expect(canvas.dataset.chart).toBe('drawn');
    expect(liveCharts()).toHaveLength(before + 1);
    expect(chart!.data.datasets[0]!.data).toEqual([10, 4]);
    update.mockClear();

    await wrapper.setProps({
      labels: ['Lead', 'MQL', 'SQL'],
      values: [12, 5, 2],
      fills: ['#f2b35b', '#f2b35b', '#3d7fd9'],
    });

    // The same instance, fed the new figures, redrawn without animation.
    expect(Chart.getChart(canvas)).toBe(chart);
    expect(liveCharts()).toHaveLength(before + 1);
    expect(chart!.data.labels).toEqual(['Lead', 'MQL', 'SQL']);
    expect(chart!.data.datasets[0]!.data).toEqual([12, 5, 2]);
    expect(update).toHaveBeenCalledTimes(1);
    expect(update).toHaveBeenCalledWith('none');
    expect(chart!.options.scales!.x!.max).toBe(12);

    wrapper.unmount();
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(Chart.getChart(canvas)).toBeUndefined();
    expect(liveCharts()).toHaveLength(before);
  });

  it('scales bars to the given maximum and describes itself for screen readers', async () => {
    const wrapper = mount(BarChart, { props: { ...props, max: 100 } });
    const chart = await drawnChart(wrapper.find('canvas').element);
    expect(chart.options.scales!.x!.max).toBe(100);
    expect(wrapper.find('canvas').attributes('aria-label')).toBe('Leads by stage');
    expect(wrapper.find('canvas').attributes('role')).toBe('img');
    wrapper.unmount();
  });
});
