/** The current sprint and its joint goals. */
import { defineFigureStore } from './figure-store';

export const useSprintStore = defineFigureStore('sprint', 'sprints.current');
