import { mount } from '@vue/test-utils';
import { Chart } from 'chart.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { drawnChart } from '../../support/drawn-chart';
import TargetBarChart from '../../../../src/components/charts/TargetBarChart.vue';

const props = {
  labels: ['Oct', 'Nov'],
  values: [10, 4],
  targets: [12, null],
  fills: ['#d6dce4', '#8ec5ff'],
  targetColour: '#ffd166',
  backgroundColour: '#161d26',
  label: 'Customers per month',
};

function liveCharts(): Chart[] {
  return Object.values(Chart.instances) as Chart[];
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('TargetBarChart', () => {
  it('creates one chart on mount, updates it in place, and destroys it on unmount', async () => {
    const update = vi.spyOn(Chart.prototype, 'update');
    const destroy = vi.spyOn(Chart.prototype, 'destroy');
    const before = liveCharts().length;

    const wrapper = mount(TargetBarChart, { props });
    const canvas = wrapper.find('canvas').element;
    const chart = await drawnChart(canvas);
    expect(chart).toBeDefined();
    expect(liveCharts()).toHaveLength(before + 1);
    const [markers, bars] = chart.data.datasets;
    expect(bars!.data).toEqual([10, 4]);
    // a target becomes a thin floating bar around it; no target, no marker
    const marker = markers!.data[0] as [number, number];
    expect((marker[0] + marker[1]) / 2).toBeCloseTo(12);
    expect(markers!.data[1]).toBeNull();
    update.mockClear();

    await wrapper.setProps({ labels: ['Oct', 'Nov', 'Dec'], values: [10, 14, 3], targets: [12, 15, 20] });

    // The same instance and the same dataset objects, fed the new figures, redrawn without animation.
    expect(Chart.getChart(canvas)).toBe(chart);
    expect(liveCharts()).toHaveLength(before + 1);
    expect(chart.data.datasets[1]).toBe(bars);
    expect(chart.data.labels).toEqual(['Oct', 'Nov', 'Dec']);
    expect(bars!.data).toEqual([10, 14, 3]);
    expect(markers!.data.every((point) => Array.isArray(point))).toBe(true);
    expect(update).toHaveBeenCalledTimes(1);
    expect(update).toHaveBeenCalledWith('none');
    // the scale leaves headroom above the highest target so that its marker is whole
    expect(chart.options.scales!.y!.max).toBeGreaterThan(20);
    // today's pace: a marker on the current bar only
    await wrapper.setProps({ paces: [null, null, 9] });
    const paces = chart.data.datasets[2]!;
    expect(paces.data.slice(0, 2)).toEqual([null, null]);
    const pace = paces.data[2] as [number, number];
    expect((pace[0] + pace[1]) / 2).toBeCloseTo(9);

    wrapper.unmount();
    expect(destroy).toHaveBeenCalledTimes(1);
    expect(Chart.getChart(canvas)).toBeUndefined();
    expect(liveCharts()).toHaveLength(before);
  });

  it('describes itself for screen readers', () => {
    const wrapper = mount(TargetBarChart, { props });
    expect(wrapper.find('canvas').attributes('aria-label')).toBe('Customers per month');
    expect(wrapper.find('canvas').attributes('role')).toBe('img');
    wrapper.unmount();
  });
});
