/** Joint credit of the period: win rate, sourced revenue and each win's credit (METRICS: deal pipeline). */
import { defineFigureStore } from './figure-store';

export const useJointCreditStore = defineFigureStore('joint-credit', 'credit.get');
