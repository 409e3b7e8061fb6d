/**
 * The slides the kiosk can show, by the ids the playlist uses (src/shared/slides.ts). Each entry names
 * its title, its default duration, its component, the options it understands with their defaults
 * (documented next to them, like MagicMirror² modules' `defaults`), and how to load its data ahead of
 * time so that a slide never rotates in empty.
 */
import type { Component } from 'vue';
import type { DisplaySettings } from '@shared/domain';
import { DEFAULT_LAST_WEEK_SLIDE, type SlideId } from '@shared/slides';
import { inWeeklyMorning } from '../lib/wall-schedule';
import { prefetch, type LiveLoader } from '../stores/live';
import { useActivityStore } from '../stores/activity';
import { useFunnelStore } from '../stores/funnel';
import { useKpiStore } from '../stores/kpi';
import { useLastWeekStore } from '../stores/last-week';
import { useGlossaryStore } from '../stores/glossary';
import { useJointCreditStore } from '../stores/joint-credit';
import { useLeadQualityStore } from '../stores/lead-quality';
import { useMeetingsStore } from '../stores/meetings';
import { useSlaStore } from '../stores/sla';
import { useSprintStore } from '../stores/sprint';
import ActivitySlide from './ActivitySlide.vue';
import FunnelSlide from './FunnelSlide.vue';
import GlossarySlide from './GlossarySlide.vue';
import JointCreditSlide from './JointCreditSlide.vue';
import KpiSlide from './KpiSlide.vue';
import LastWeekSlide from './LastWeekSlide.vue';
import LeadQualitySlide from './LeadQualitySlide.vue';
import MeetingsSlide from './MeetingsSlide.vue';
import SlaSlide from './SlaSlide.vue';
import SprintSlide from './SprintSlide.vue';

export interface FunnelSlideOptions {
  /** show the open deal pipeline (count and value per stage) beside the lifecycle funnel */
  showPipeline: boolean;
  /** show the stage-to-stage conversion between the lifecycle bars */
  showConversion: boolean;
  /** show the median time in each stage under its name ("~2.5 d in stage") */
  showMedian: boolean;
  /** show how many entered each stage this period against the previous one ("+12 vs Oct") */
  showChange: boolean;
  /** draw the SLA's follow-up target on the hand-over from MQL to sales, when an SLA is agreed */
  showSla: boolean;
}

export interface KpiSlideOptions {
  /** how many periods the trend shows, ending with the current one (at least 2) */
  trendPeriods: number;
  /** show the trend chart beside (or, on a portrait screen, under) the number */
  showTrend: boolean;
  /** show the split between marketing-sourced and sales-sourced customers */
  showSplit: boolean;
}

export interface SlaSlideOptions {
  /** MQLs without a follow-up listed at most on a landscape screen (breaches first); the rest are counted */
  maxLeads: number;
  /** the same on a portrait screen */
  maxLeadsPortrait: number;
}

export interface SprintSlideOptions {
  /** goals shown at most on a landscape screen; the rest are summed up as "+N more goals" */
  maxGoals: number;
  /** goals shown at most on a portrait screen, where each goal needs more height */
  maxGoalsPortrait: number;
  /** show the burn-up chart (combined progress per day beside the ideal line) */
  showBurnUp: boolean;
}

export interface ActivitySlideOptions {
  /** events shown at most on a landscape screen, newest at the top */
  maxItems: number;
  /** events shown at most on a portrait screen, where headlines wrap */
  maxItemsPortrait: number;
  /** how long a newly arrived event stays highlighted, in seconds */
  highlightSec: number;
}

export interface LeadQualitySlideOptions {
  /**
   * sources shown at most on a landscape screen (fewer when they do not fit), judged ones first; the rest
   * are summed up as "+N more"
   */
  maxSources: number;
  /** sources shown at most on a portrait screen, where the reasons sit below them */
  maxSourcesPortrait: number;
  /** win reasons and loss reasons shown at most, each */
  maxReasons: number;
  /** the same on a portrait screen, where the two lists sit side by side below the sources */
  maxReasonsPortrait: number;
}

export interface MeetingsSlideOptions {
  /** today's meetings shown at most (fewer when they do not fit); done ones make room for the ones to come */
  maxMeetings: number;
  /** open action items shown at most on a landscape screen (fewer when they do not fit), overdue first */
  maxActions: number;
  /** open action items shown at most on a portrait screen */
  maxActionsPortrait: number;
}

export interface GlossarySlideOptions {
  /** terms per page at most on a landscape screen (two columns); fewer when they do not fit */
  maxTerms: number;
  /** terms per page at most on a portrait screen (one column) */
  maxTermsPortrait: number;
  /** a screen that stays on the glossary turns to the next page after this many seconds */
  pageSec: number;
  /** a term changed within this many days is tagged "Updated" */
  recentDays: number;
}

export interface JointCreditSlideOptions {
  /** newest wins listed with their credit on a landscape screen; the rest are counted */
  maxWins: number;
  /** the same on a portrait screen */
  maxWinsPortrait: number;
}

export interface LastWeekSlideOptions {
  /** the week's largest won deals listed with their credit on a landscape screen; the rest are counted */
  maxWins: number;
  /** the same on a portrait screen */
  maxWinsPortrait: number;
}

export interface SlideDefinition<Options extends object = object> {
  id: SlideId;
  title: string;
  defaultDurationSec: number;
  component: Component;
  defaults: Options;
  /** loads the slide's data; called for every enabled slide when the kiosk starts */
  preload(): Promise<void>;
  /**
   * Whether the slide has nothing to show right now (it would only say so). With the setting
   * `skipEmptySlides` the rotation passes over it. False while the data is not loaded yet (unknown).
   */
  isEmpty?(): boolean;
  /**
   * Whether the figures come from deals and leads, which a connected CRM feeds: the freshness line then
   * names the CRM and the age of its last sync ("HubSpot · 40 s ago").
   */
  readsPipeline?: boolean;
  /**
   * Whether the slide belongs in the rotation at `now` (a slide for certain hours); outside them the
   * rotation leaves it out, as if it were switched off. Absent: always.
   */
  showsAt?(settings: DisplaySettings, now: number): boolean;
}

/**
 * A slide that draws one store's figures: it loads them ahead of time, and is empty when they are there
 * and `empty` says they leave nothing to draw.
 */
function figuresOf<D>(
  useStore: () => Pick<LiveLoader, 'follow' | 'ensureLoaded'> & { data: D | null },
  empty: (data: D) => boolean,
): Pick<SlideDefinition<object>, 'preload' | 'isEmpty'> {
  return {
    preload: () => prefetch(useStore()),
    isEmpty: () => {
      const data = useStore().data;
      return data !== null && empty(data);
    },
  };
}

const kpi: SlideDefinition<KpiSlideOptions> = {
  id: 'kpi',
  title: 'Shared KPI',
  defaultDurationSec: 20,
  component: KpiSlide,
  defaults: {
    trendPeriods: 6,
    showTrend: true,
    showSplit: true,
  },
  preload: () => prefetch(useKpiStore()),
  readsPipeline: true,
};

const funnel: SlideDefinition<FunnelSlideOptions> = {
  id: 'funnel',
  title: 'Pipeline funnel',
  defaultDurationSec: 20,
  component: FunnelSlide,
  defaults: {
    showPipeline: true,
    showConversion: true,
    showMedian: true,
    showChange: true,
    showSla: true,
  },
  ...figuresOf(
    useFunnelStore,
    (data) =>
      !data.lifecycle.some((row) => row.inStage > 0 || row.cohortSize > 0) &&
      !data.pipeline.some((row) => row.openCount > 0),
  ),
  readsPipeline: true,
};

const sprint: SlideDefinition<SprintSlideOptions> = {
  id: 'sprint',
  title: 'Sprint goals',
  defaultDurationSec: 20,
  component: SprintSlide,
  defaults: {
    maxGoals: 6,
    maxGoalsPortrait: 4,
    showBurnUp: true,
  },
  ...figuresOf(useSprintStore, (data) => data.sprint === null || data.sprint.goals.length === 0),
};

const activity: SlideDefinition<ActivitySlideOptions> = {
  id: 'activity',
  title: 'Live activity',
  defaultDurationSec: 20,
  component: ActivitySlide,
  defaults: {
    maxItems: 6,
    maxItemsPortrait: 5,
    highlightSec: 30,
  },
  preload: () => prefetch(useActivityStore()),
  readsPipeline: true,
  isEmpty: () => {
    const store = useActivityStore();
    return store.loaded && store.items.length === 0;
  },
};

const sla: SlideDefinition<SlaSlideOptions> = {
  id: 'sla',
  title: 'Two-way SLA',
  defaultDurationSec: 20,
  component: SlaSlide,
  defaults: {
    maxLeads: 4,
    maxLeadsPortrait: 5,
  },
  ...figuresOf(useSlaStore, (data) => data.terms === null),
  readsPipeline: true,
};

const leadQuality: SlideDefinition<LeadQualitySlideOptions> = {
  id: 'lead-quality',
  title: 'Lead quality',
  defaultDurationSec: 20,
  component: LeadQualitySlide,
  defaults: {
    maxSources: 8,
    maxSourcesPortrait: 6,
    maxReasons: 4,
    maxReasonsPortrait: 3,
  },
  ...figuresOf(
    useLeadQualityStore,
    (data) => data.sources.length === 0 && data.winReasons.length === 0 && data.lossReasons.length === 0,
  ),
  readsPipeline: true,
};

const meetings: SlideDefinition<MeetingsSlideOptions> = {
  id: 'meetings',
  title: 'Meetings and actions',
  defaultDurationSec: 20,
  component: MeetingsSlide,
  defaults: {
    maxMeetings: 4,
    maxActions: 5,
    maxActionsPortrait: 4,
  },
  preload: () => prefetch(useMeetingsStore()),
  isEmpty: () => {
    const store = useMeetingsStore();
    return store.data !== null && store.meetings.length === 0 && store.actionItems.length === 0 && !store.nextStandup;
  },
};

const glossary: SlideDefinition<GlossarySlideOptions> = {
  id: 'glossary',
  title: 'Glossary',
  defaultDurationSec: 20,
  component: GlossarySlide,
  defaults: {
    maxTerms: 6,
    maxTermsPortrait: 5,
    pageSec: 30,
    recentDays: 14,
  },
  ...figuresOf(useGlossaryStore, (data) => data.terms.length === 0),
};

const credit: SlideDefinition<JointCreditSlideOptions> = {
  id: 'credit',
  title: 'Wins together',
  defaultDurationSec: 20,
  component: JointCreditSlide,
  defaults: {
    maxWins: 4,
    maxWinsPortrait: 5,
  },
  ...figuresOf(useJointCreditStore, (data) => data.winRate.won + data.winRate.lost === 0),
};

/**
 * The weekly report of the last complete week, for a Monday morning. Off until switched on in the
 * playlist; then in the rotation only during the room's setting `lastWeekSlide` (default: Monday from
 * midnight until 12:00 in the room's zone).
 */
const lastWeek: SlideDefinition<LastWeekSlideOptions> = {
  id: 'last-week',
  title: 'Last week',
  defaultDurationSec: 30,
  component: LastWeekSlide,
  defaults: {
    maxWins: 3,
    maxWinsPortrait: 4,
  },
  preload: () => prefetch(useLastWeekStore()),
  readsPipeline: true,
  // A server from before this setting sends none: its default then.
  showsAt: (settings, now) =>
    inWeeklyMorning(settings.lastWeekSlide ?? DEFAULT_LAST_WEEK_SLIDE, now, settings.timezone),
};

export const SLIDES: Readonly<Record<SlideId, SlideDefinition>> = {
  kpi,
  funnel,
  sprint,
  activity,
  sla,
  'lead-quality': leadQuality,
  meetings,
  glossary,
  credit,
  'last-week': lastWeek,
};

/** The slide with this id, or undefined for an id this version does not know (a newer server's). */
export function findSlide(id: string): SlideDefinition | undefined {
  return Object.prototype.hasOwnProperty.call(SLIDES, id) ? SLIDES[id as SlideId] : undefined;
}
