/**
 * A small in-memory stand-in for the planning methods, for the planning sections' component tests: writes
 * change the state and the next list call returns it, as the real server does, so a test can follow a
 * form from typing to what the list shows afterwards. `fail` makes one method throw (e.g. a server field
 * error) until cleared. With `transport: 'ipc'` it plays Alignboard's own window, whose admin PIN
 * {@link PLANNING_PIN} is set.
 */
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import type { Component } from 'vue';
import { ApiError, type MethodInput, type MethodName, type MethodResult } from '@shared/contract';
import type {
  GlossaryVersionRecord,
  KpiTargetRecord,
  MeetingRecord,
  RetrospectiveRecord,
  SlaTermsRecord,
  SprintGoalRecord,
  SprintRecord,
} from '@shared/records';
import type { DisplaySettings } from '@shared/domain';
import { setApi } from '../../../src/api';
import { createFakeApi, type FakeApi, type FakeHandlers } from './fake-api';
import { appInfo, kpi as kpiFixture, NOW, people, settings as settingsFixture } from './fixtures';

export interface PlanningState {
  sprints: SprintRecord[];
  retros: RetrospectiveRecord[];
  slaTerms: SlaTermsRecord[];
  kpiTargets: KpiTargetRecord[];
  meetings: MeetingRecord[];
  glossary: GlossaryVersionRecord[];
  settings: DisplaySettings;
}

export function planningState(): PlanningState {
  return {
    sprints: [
      {
        id: 's-48',
        name: 'Sprint 48',
        startsOn: '2026-11-16',
        endsOn: '2026-11-27',
        goals: [
          {
            id: 'g-demos',
            sprintId: 's-48',
            title: 'Qualified demos booked',
            ownerTeam: 'joint',
            target: 40,
            current: 12,
            unit: 'demos',
            ownerIds: ['p-ana', 'p-tom'],
            figure: null,
            awaiting: false,
          },
          {
            id: 'g-webinar',
            sprintId: 's-48',
            title: 'Webinar sign-ups',
            ownerTeam: 'marketing',
            target: 150,
            current: 37,
            unit: 'sign-ups',
            ownerIds: ['p-tom'],
            figure: null,
            awaiting: false,
          },
        ],
      },
      { id: 's-47', name: 'Sprint 47', startsOn: '2026-11-02', endsOn: '2026-11-13', goals: [] },
    ],
    retros: [
      {
        id: 'r-47',
        sprintId: 's-47',
        heldOn: '2026-11-13',
        wentWell: 'Demo requests reached a rep within the hour.',
        toImprove: 'MQLs are still counted differently.',
        actionItems: [
          {
            id: 'a-1',
            retrospectiveId: 'r-47',
            title: 'Agree one MQL definition',
            ownerId: 'p-tom',
            dueOn: '2026-11-20',
            doneAt: null,
          },
        ],
      },
    ],
    slaTerms: [
      {
        id: 'sla-1',
        validFrom: NOW - 60 * 86_400_000,
        mqlsPerPeriod: 100,
        periodKind: 'month',
        followUpHours: 24,
        businessHoursOnly: false,
      },
    ],
    kpiTargets: [
      { kpiId: 'k-1', periodKind: 'month', periodStart: '2026-11-01', target: 39 },
      { kpiId: 'k-1', periodKind: 'month', periodStart: '2026-10-01', target: 31 },
    ],
    meetings: [
      {
        id: 'm-standup',
        kind: 'standup',
        title: 'Daily stand-up',
        weekdays: [1, 2, 3, 4, 5],
        startTime: '09:30',
        durationMin: 15,
        slideIds: ['kpi', 'funnel'],
      },
    ],
    glossary: [
      {
        term: 'MQL',
        version: 1,
        definition: 'A lead marketing hands over.',
        stageKey: 'mql',
        changedAt: NOW - 30 * 86_400_000,
        changedBy: 'p-tom',
      },
      {
        term: 'SQL',
        version: 1,
        definition: 'A lead a rep has confirmed.',
        stageKey: 'sql',
        changedAt: NOW - 30 * 86_400_000,
        changedBy: 'p-ana',
      },
    ],
    settings: settingsFixture(
      ['kpi', 'funnel', 'sprint', 'activity', 'sla', 'lead-quality', 'meetings', 'glossary'].map((slideId) => ({
        slideId,
        enabled: true,
        durationSec: 20,
      })),
    ),
  };
}

export interface PlanningBackend {
  api: FakeApi;
  state: PlanningState;
  /** makes a method throw this error until `fail(method, null)` */
  fail(method: MethodName, error: Error | null): void;
  /** the inputs a method was called with */
  inputs<M extends MethodName>(method: M): MethodInput<M>[];
}

let nextId = 1;

/** the admin PIN of an `ipc` planning backend */
export const PLANNING_PIN = '2468';

export function createPlanningBackend(
  state: PlanningState = planningState(),
  options: { transport?: 'ipc' | 'http' } = {},
): PlanningBackend {
  const failures = new Map<MethodName, Error>();
  const guard =
    <M extends MethodName>(method: M, handler: (input: MethodInput<M>) => MethodResult<M>) =>
    (input: MethodInput<M>): MethodResult<M> => {
      const failure = failures.get(method);
      if (failure) throw failure;
      return handler(input);
    };
  const clone = <T>(value: T): T => structuredClone(value);
  const latest = (term: string) =>
    state.glossary.filter((version) => version.term === term).sort((a, b) => b.version - a.version)[0];

  const handlers: FakeHandlers = {
    'admin.pinStatus': () => ({ set: true }),
    'admin.verifyPin': (input) => ({ ok: input.pin === PLANNING_PIN }),
    'people.list': () => clone(people),
    'app.info': () => clone(appInfo),
    'settings.display': () => clone(state.settings),
    'sprints.list': () => clone(state.sprints),
    'sprints.save': guard('sprints.save', (input) => {
      const existing = state.sprints.find((sprint) => sprint.id === input.id);
      if (existing) {
        Object.assign(existing, { name: input.name, startsOn: input.startsOn, endsOn: input.endsOn });
        return clone(existing);
      }
      const created: SprintRecord = {
        id: `s-new-${nextId++}`,
        name: input.name,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        goals: [],
      };
      state.sprints.unshift(created);
      return clone(created);
    }),
    'sprints.delete': guard('sprints.delete', (input) => {
      state.sprints = state.sprints.filter((sprint) => sprint.id !== input.id);
      return { id: input.id };
    }),
    'sprintGoals.save': guard('sprintGoals.save', (input) => {
      const sprint = state.sprints.find((s) => s.id === input.sprintId);
      if (!sprint) throw new ApiError('not_found', `sprintId "${input.sprintId}" is not a sprint`, 'sprintId');
      const saved = sprint.goals.find((other) => other.id === input.id);
      const figure = input.figure === undefined ? (saved?.figure ?? null) : input.figure;
      if (figure !== null && input.current !== undefined) {
        throw new ApiError('invalid_input', 'a tied goal takes no progress by hand', 'current');
      }
      const goal: SprintGoalRecord = {
        id: input.id ?? `g-new-${nextId++}`,
        sprintId: sprint.id,
        title: input.title.trim(),
        ownerTeam: input.ownerTeam,
        target: input.target,
        // A tied goal's value comes from the figure; this fake counts 7 of each.
        current: figure === null ? (input.current ?? 0) : 7,
        unit: input.unit ?? '',
        ownerIds: input.ownerIds ?? [],
        figure,
        awaiting: false,
      };
      const index = sprint.goals.findIndex((other) => other.id === goal.id);
      if (index >= 0) sprint.goals[index] = goal;
      else sprint.goals.push(goal);
      return clone(goal);
    }),
    'sprintGoals.updateProgress': guard('sprintGoals.updateProgress', (input) => {
      const goal = state.sprints.flatMap((sprint) => sprint.goals).find((g) => g.id === input.goalId);
      if (!goal) throw new ApiError('not_found', 'goalId is not a goal', 'goalId');
      goal.current = input.current;
      return clone(goal);
    }),
    'sprintGoals.delete': guard('sprintGoals.delete', (input) => {
      for (const sprint of state.sprints) sprint.goals = sprint.goals.filter((goal) => goal.id !== input.id);
      return { id: input.id };
    }),
    'retros.list': () => clone(state.retros),
    'retros.save': guard('retros.save', (input) => {
      const existing = state.retros.find((retro) => retro.id === input.id);
      const fields = {
        sprintId: input.sprintId ?? null,
        heldOn: input.heldOn,
        wentWell: input.wentWell,
        toImprove: input.toImprove,
      };
      if (existing) {
        Object.assign(existing, fields);
        return clone(existing);
      }
      const created: RetrospectiveRecord = { id: `r-new-${nextId++}`, ...fields, actionItems: [] };
      state.retros.unshift(created);
      return clone(created);
    }),
    'actionItems.save': guard('actionItems.save', (input) => {
      const retro = state.retros.find((r) => r.id === input.retrospectiveId)!;
      const item = {
        id: input.id ?? `a-new-${nextId++}`,
        retrospectiveId: retro.id,
        title: input.title.trim(),
        ownerId: input.ownerId ?? null,
        dueOn: input.dueOn ?? null,
        doneAt: null,
      };
      const index = retro.actionItems.findIndex((other) => other.id === item.id);
      if (index >= 0) retro.actionItems[index] = { ...item, doneAt: retro.actionItems[index]!.doneAt };
      else retro.actionItems.push(item);
      return clone(item);
    }),
    'actionItems.setDone': guard('actionItems.setDone', (input) => {
      const item = state.retros.flatMap((retro) => retro.actionItems).find((i) => i.id === input.id)!;
      item.doneAt = input.done ? NOW : null;
      return clone(item);
    }),
    'actionItems.delete': guard('actionItems.delete', (input) => {
      for (const retro of state.retros) retro.actionItems = retro.actionItems.filter((item) => item.id !== input.id);
      return { id: input.id };
    }),
    'sla.terms': () => clone(state.slaTerms),
    'sla.saveTerms': guard('sla.saveTerms', (input) => {
      const saved: SlaTermsRecord = {
        id: `sla-${nextId++}`,
        validFrom: NOW,
        mqlsPerPeriod: input.mqlsPerPeriod,
        periodKind: input.periodKind,
        followUpHours: input.followUpHours,
        businessHoursOnly: input.businessHoursOnly ?? false,
      };
      state.slaTerms.unshift(saved);
      return clone(saved);
    }),
    'kpi.get': () => kpiFixture(),
    'kpi.targets': () => clone(state.kpiTargets),
    'kpi.setTarget': guard('kpi.setTarget', (input) => {
      const saved: KpiTargetRecord = { kpiId: 'k-1', ...input };
      state.kpiTargets = [
        ...state.kpiTargets.filter((t) => t.periodKind !== input.periodKind || t.periodStart !== input.periodStart),
        saved,
      ];
      return clone(saved);
    }),
    'meetings.list': () => clone(state.meetings),
    'meetings.save': guard('meetings.save', (input) => {
      const saved: MeetingRecord = {
        id: input.id ?? `m-new-${nextId++}`,
        kind: input.kind,
        title: input.title.trim(),
        weekdays: input.weekdays,
        startTime: input.startTime,
        durationMin: input.durationMin,
        slideIds: input.slideIds ?? [],
      };
      state.meetings = [...state.meetings.filter((m) => m.id !== saved.id), saved];
      return clone(saved);
    }),
    'meetings.delete': guard('meetings.delete', (input) => {
      state.meetings = state.meetings.filter((meeting) => meeting.id !== input.id);
      return { id: input.id };
    }),
    'glossary.list': () => ({
      terms: [...new Set(state.glossary.map((version) => version.term))].map((term) => {
        const version = latest(term)!;
        return {
          term,
          definition: version.definition,
          version: version.version,
          changedAt: version.changedAt,
          changedByName: people.find((person) => person.id === version.changedBy)?.name ?? null,
        };
      }),
      freshness: { computedAt: NOW, latestChangeAt: NOW, source: 'Local database' },
    }),
    'glossary.history': (input) =>
      clone(state.glossary.filter((version) => version.term === input.term).sort((a, b) => a.version - b.version)),
    'glossary.save': guard('glossary.save', (input) => {
      const current = latest(input.term);
      const saved: GlossaryVersionRecord = {
        term: input.term.trim(),
        version: (current?.version ?? 0) + 1,
        definition: input.definition,
        stageKey: input.stageKey === undefined ? (current?.stageKey ?? null) : input.stageKey,
        changedAt: NOW,
        changedBy: null,
      };
      state.glossary.push(saved);
      return clone(saved);
    }),
    'settings.save': guard('settings.save', (input) => {
      state.settings = { ...state.settings, ...input } as DisplaySettings;
      return clone(state.settings);
    }),
  };
  const api = createFakeApi(handlers, options.transport);
  return {
    api,
    state,
    fail(method, error) {
      if (error) failures.set(method, error);
      else failures.delete(method);
    },
    inputs: <M extends MethodName>(method: M) => api.callsOf(method) as MethodInput<M>[],
  };
}

/** Mounts a planning section over the backend with a fresh pinia, attached so that focus can be checked. */
export async function mountSection(component: Component, backend: PlanningBackend): Promise<VueWrapper> {
  setApi(backend.api);
  const pinia = createPinia();
  setActivePinia(pinia);
  const wrapper = mount(component, { global: { plugins: [pinia] }, attachTo: document.body });
  await flushPromises();
  return wrapper;
}

/** Submits the form a control sits in, as Enter in a text box does in a browser. */
export async function submitFrom(wrapper: VueWrapper, selector: string): Promise<void> {
  const form = wrapper.get(selector).element.closest('form');
  if (!form) throw new Error(`${selector} is not in a form`);
  form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  await flushPromises();
}

/** The element that has the focus, by its data-testid or id. */
export function focused(): string | null {
  const element = document.activeElement as HTMLElement | null;
  return element?.dataset.testid ?? element?.id ?? null;
}
