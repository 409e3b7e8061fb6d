/** The shared KPI both teams own, its target, pace, split and trend (METRICS: shared KPI). */
import { defineFigureStore } from './figure-store';

export const useKpiStore = defineFigureStore('kpi', 'kpi.get');
