/**
 * Handlers of the planning methods (issue 4): sprints and goals, retrospectives and action items, SLA terms,
 * KPI targets, meetings, the glossary and the display settings. One-liners into the services.
 */
import type { planningMethods } from '@shared/methods/planning-methods';
import type { HandlerGroup } from './handler-types';
import { glossaryHistory, saveGlossaryTerm } from '../services/glossary-commands';
import { listKpiTargetRecords, setKpiTarget } from '../services/kpi-commands';
import { deleteMeeting, listMeetingRecords, saveMeeting } from '../services/meeting-commands';
import {
  deleteActionItem,
  listRetrospectiveRecords,
  saveActionItem,
  saveRetrospective,
  setActionItemDoneCommand,
} from '../services/retro-commands';
import { saveSettings } from '../services/settings-commands';
import { listSlaTermsHistory, saveSlaTerms } from '../services/sla-commands';
import {
  deleteSprint,
  deleteSprintGoal,
  listSprintRecords,
  saveSprint,
  saveSprintGoal,
  updateGoalProgress,
} from '../services/sprint-commands';

/** Handlers of `planningMethods`. */
export const planningHandlers = {
  'sprints.list': (ctx) => listSprintRecords(ctx),
  'sprints.save': (ctx, input) => saveSprint(ctx, input),
  'sprints.delete': (ctx, input) => deleteSprint(ctx, input),
  'sprintGoals.save': (ctx, input) => saveSprintGoal(ctx, input),
  'sprintGoals.updateProgress': (ctx, input) => updateGoalProgress(ctx, input),
  'sprintGoals.delete': (ctx, input) => deleteSprintGoal(ctx, input),
  'retros.list': (ctx) => listRetrospectiveRecords(ctx),
  'retros.save': (ctx, input) => saveRetrospective(ctx, input),
  'actionItems.save': (ctx, input) => saveActionItem(ctx, input),
  'actionItems.setDone': (ctx, input) => setActionItemDoneCommand(ctx, input),
  'actionItems.delete': (ctx, input) => deleteActionItem(ctx, input),
  'sla.terms': (ctx) => listSlaTermsHistory(ctx),
  'sla.saveTerms': (ctx, input) => saveSlaTerms(ctx, input),
  'kpi.targets': (ctx) => listKpiTargetRecords(ctx),
  'kpi.setTarget': (ctx, input) => setKpiTarget(ctx, input),
  'meetings.list': (ctx) => listMeetingRecords(ctx),
  'meetings.save': (ctx, input) => saveMeeting(ctx, input),
  'meetings.delete': (ctx, input) => deleteMeeting(ctx, input),
  'glossary.history': (ctx, input) => glossaryHistory(ctx, input),
  'glossary.save': (ctx, input) => saveGlossaryTerm(ctx, input),
  'settings.save': (ctx, input) => saveSettings(ctx, input),
} satisfies HandlerGroup<typeof planningMethods>;
