/**
 * What the planning sections of the admin view edit: sprints and goals, retrospectives and action items,
 * SLA terms, the shared KPI's targets, recurring meetings, the glossary and the wall's settings. Each area
 * loads on first use (a section asks only for what it shows) and then follows every write, like the
 * wall's stores; every write refreshes its area at once so a form sees its own change without waiting.
 */
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { MethodInput, MethodName, MethodResult } from '@shared/contract';
import type { DisplaySettings, Person } from '@shared/domain';
import type { GlossaryEntry, KpiResult } from '@shared/figures';
import type {
  GlossaryVersionRecord,
  KpiTargetRecord,
  MeetingRecord,
  RetrospectiveRecord,
  SlaTermsRecord,
  SprintRecord,
} from '@shared/records';
import { useApi } from '../api';
import { createLiveLoader, errorMessage, type LiveLoader } from './live';

/** The parts of the admin data a section can ask for. */
export type PlanningArea = 'people' | 'settings' | 'sprints' | 'retros' | 'sla' | 'kpi' | 'meetings' | 'glossary';

export const usePlanningStore = defineStore('planning', () => {
  const api = useApi();
  const call = <M extends MethodName>(method: M, input: MethodInput<M>) => api.call(method, input);

  const people = ref<Person[]>([]);
  const settings = ref<DisplaySettings | null>(null);
  const sprints = ref<SprintRecord[]>([]);
  const retros = ref<RetrospectiveRecord[]>([]);
  /** every SLA version, newest first */
  const slaTerms = ref<SlaTermsRecord[]>([]);
  const kpi = ref<KpiResult['kpi'] | null>(null);
  const kpiTargets = ref<KpiTargetRecord[]>([]);
  const meetings = ref<MeetingRecord[]>([]);
  /** the current definition of every term */
  const glossary = ref<GlossaryEntry[]>([]);
  /** a failed load, by area; null once the area loaded */
  const errors = reactive<Record<PlanningArea, string | null>>({
    people: null,
    settings: null,
    sprints: null,
    retros: null,
    sla: null,
    kpi: null,
    meetings: null,
    glossary: null,
  });

  const loads: Record<PlanningArea, () => Promise<void>> = {
    people: async () => {
      people.value = [...(await call('people.list', {}))].sort((a, b) => a.name.localeCompare(b.name));
    },
    settings: async () => {
      settings.value = await call('settings.display', {});
    },
    sprints: async () => {
      sprints.value = [...(await call('sprints.list', {}))].sort((a, b) => b.startsOn.localeCompare(a.startsOn));
    },
    retros: async () => {
      retros.value = [...(await call('retros.list', {}))].sort((a, b) => b.heldOn.localeCompare(a.heldOn));
    },
    sla: async () => {
      slaTerms.value = [...(await call('sla.terms', {}))].sort((a, b) => b.validFrom - a.validFrom);
    },
    kpi: async () => {
      const [result, targets] = await Promise.all([call('kpi.get', {}), call('kpi.targets', {})]);
      kpi.value = result.kpi;
      kpiTargets.value = targets;
    },
    meetings: async () => {
      meetings.value = [...(await call('meetings.list', {}))].sort(
        (a, b) => a.startTime.localeCompare(b.startTime) || a.title.localeCompare(b.title),
      );
    },
    glossary: async () => {
      glossary.value = [...(await call('glossary.list', {})).terms].sort((a, b) => a.term.localeCompare(b.term));
    },
  };

  const loaders = new Map<PlanningArea, LiveLoader>();
  function loaderOf(area: PlanningArea): LiveLoader {
    let loader = loaders.get(area);
    if (!loader) {
      loader = createLiveLoader(api, async () => {
        try {
          await loads[area]();
          errors[area] = null;
        } catch (cause) {
          errors[area] = errorMessage(cause);
        }
      });
      loaders.set(area, loader);
    }
    return loader;
  }

  /** Loads the areas a section shows (once), then keeps them current. */
  async function ensure(...areas: PlanningArea[]): Promise<void> {
    await Promise.all(areas.map((area) => loaderOf(area).ensureLoaded()));
  }

  /** Calls a write, then reloads the areas it changes; rejects with the server's ApiError. */
  async function write<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    ...areas: PlanningArea[]
  ): Promise<MethodResult<M>> {
    const result = await call(method, input);
    await Promise.all(areas.map((area) => loaderOf(area).refresh()));
    return result;
  }

  return {
    people,
    settings,
    sprints,
    retros,
    slaTerms,
    kpi,
    kpiTargets,
    meetings,
    glossary,
    errors,
    ensure,
    saveSprint: (input: MethodInput<'sprints.save'>) => write('sprints.save', input, 'sprints'),
    deleteSprint: (id: string) => write('sprints.delete', { id }, 'sprints'),
    saveGoal: (input: MethodInput<'sprintGoals.save'>) => write('sprintGoals.save', input, 'sprints'),
    updateGoalProgress: (goalId: string, current: number) =>
      write('sprintGoals.updateProgress', { goalId, current }, 'sprints'),
    deleteGoal: (id: string) => write('sprintGoals.delete', { id }, 'sprints'),
    saveRetro: (input: MethodInput<'retros.save'>) => write('retros.save', input, 'retros'),
    saveActionItem: (input: MethodInput<'actionItems.save'>) => write('actionItems.save', input, 'retros'),
    setActionItemDone: (id: string, done: boolean) => write('actionItems.setDone', { id, done }, 'retros'),
    deleteActionItem: (id: string) => write('actionItems.delete', { id }, 'retros'),
    saveSlaTerms: (input: MethodInput<'sla.saveTerms'>) => write('sla.saveTerms', input, 'sla'),
    setKpiTarget: (input: MethodInput<'kpi.setTarget'>) => write('kpi.setTarget', input, 'kpi'),
    saveMeeting: (input: MethodInput<'meetings.save'>) => write('meetings.save', input, 'meetings'),
    deleteMeeting: (id: string) => write('meetings.delete', { id }, 'meetings'),
    /** Every version of a term, newest first. */
    glossaryHistory: async (term: string): Promise<GlossaryVersionRecord[]> =>
      [...(await call('glossary.history', { term }))].sort((a, b) => b.version - a.version),
    saveGlossary: (input: MethodInput<'glossary.save'>) => write('glossary.save', input, 'glossary'),
    saveSettings: (input: MethodInput<'settings.save'>) => write('settings.save', input, 'settings'),
  };
});
