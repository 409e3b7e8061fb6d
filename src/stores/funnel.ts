/** The lifecycle funnel and the open deal pipeline (METRICS: lifecycle funnel, deal pipeline). */
import { defineFigureStore } from './figure-store';

export const useFunnelStore = defineFigureStore('funnel', 'funnel.get');
