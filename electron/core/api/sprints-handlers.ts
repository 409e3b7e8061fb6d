/** Handlers of the sprint methods (src/shared/methods/sprints-methods.ts). */
import type { sprintsMethods } from '@shared/methods/sprints-methods';
import {
  deleteSprint,
  deleteSprintGoal,
  listSprintRecords,
  saveSprint,
  saveSprintGoal,
  updateGoalProgress,
} from '../services/writes/sprint-commands';
import { getCurrentSprint } from '../services/reads/sprint-service';
import type { HandlerGroup } from './handler-types';

/** The current sprint, and the sprints and goals the admin keeps. */
export const sprintsHandlers = {
  'sprints.current': (ctx) => getCurrentSprint(ctx),
  'sprints.list': (ctx) => listSprintRecords(ctx),
  'sprints.save': (ctx, input) => saveSprint(ctx, input),
  'sprints.delete': (ctx, input) => deleteSprint(ctx, input),
  'sprintGoals.save': (ctx, input) => saveSprintGoal(ctx, input),
  'sprintGoals.updateProgress': (ctx, input) => updateGoalProgress(ctx, input),
  'sprintGoals.delete': (ctx, input) => deleteSprintGoal(ctx, input),
} satisfies HandlerGroup<typeof sprintsMethods>;
