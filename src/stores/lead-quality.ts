/** Lead quality from lead reviews per source/campaign, and the top win and loss reasons (METRICS: lead quality). */
import { defineFigureStore } from './figure-store';

export const useLeadQualityStore = defineFigureStore('lead-quality', 'leadQuality.get');
