/**
 * One generation run of the demo data: the state the generators share (the PRNG, the calendar, the people,
 * campaigns and pipeline written so far, the events kept for the log, the running summary). Each generator
 * (people.ts, campaigns.ts, leads.ts ...) is a function of the run.
 */
import type Database from 'better-sqlite3';
import type { Person, Team } from '@shared/domain';
import { listPipelineStages, listReasonCodes } from '../../db/repositories/pipeline-repository';
import { DAY, DemoCalendar, HISTORY_DAYS, HOUR } from './calendar';
import { ImportIds, Rng } from './random';

/** Deals the generator makes when no size is given (about 600 leads go with them). */
export const DEFAULT_DEMO_DEALS = 300;
/** The seed used when none is given. */
export const DEFAULT_DEMO_SEED = 20_240_917;

/** Options of {@link generateDemoData}. */
export interface DemoOptions {
  /** PRNG seed; the same seed and `now` give identical data */
  seed?: number;
  /** the end of the generated quarter, epoch ms */
  now: number;
  /** the room's IANA zone: days, meeting times, sprints and months are laid out in it */
  timezone: string;
  /** how many deals (leads scale with them, about two per deal); default {@link DEFAULT_DEMO_DEALS} */
  deals?: number;
  /** stamped on the generated activity events */
  machineId: string;
  /**
   * The slides the room chose (first-run setup). The demo meetings' own slide sets keep only these, so a
   * meeting never brings back a slide the room left out; a meeting left with none shows the playlist.
   * Default: every slide.
   */
  slides?: readonly string[];
}

/** What the generator wrote. */
export interface DemoSummary {
  seed: number;
  people: number;
  campaigns: number;
  leads: number;
  mqls: number;
  disqualified: number;
  customers: number;
  deals: number;
  /** deals per pipeline stage id */
  dealsByStage: Record<string, number>;
  sprints: number;
  sprintGoals: number;
  meetings: number;
  leadReviews: number;
  actionItems: number;
  activityEvents: number;
}

/** deal events kept in the activity log at the default size; shrinks as the size grows so the log stays small */
const EVENT_WINDOW_DAYS = 14;

/** A campaign of the demo. */
export interface DemoCampaign {
  id: string;
  name: string;
  channel: string;
  sourceTeam: Team;
  ownerId: string;
  /** share of all leads */
  weight: number;
  /** 0–1: how often its leads turn out to be good (drives qualification and review ratings) */
  quality: number;
  /** index into the day list of a one-off date (event, webinar) around which its leads arrive */
  burstDay: number | null;
}

/** A deal event kept for the activity log; written after all rows, in time order. */
export interface PendingEvent {
  at: number;
  type: string;
  entity: string;
  entityId: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

/** One generation run; holds the state the generators share. */
export class DemoRun {
  readonly rng: Rng;
  readonly ids: ImportIds;
  readonly now: number;
  readonly tz: string;
  /** local days from HISTORY_DAYS + 30 days ago up to today */
  readonly calendar: DemoCalendar;
  readonly setupAt: number;
  readonly sales: Person[] = [];
  readonly marketing: Person[] = [];
  readonly names = new Map<string, string>();
  campaigns: DemoCampaign[] = [];
  readonly stageNames = new Map<string, string>();
  openStageIds: string[] = [];
  wonStageId = 'won';
  lostStageId = 'lost';
  readonly reasonLabels = new Map<string, string>();
  readonly eventsFrom: number;
  readonly events: PendingEvent[] = [];
  /** new paying customers per day index */
  readonly customersByDay: number[];
  readonly summary: DemoSummary;
  /** cumulative lead-arrival weights over the history days (weekends are quiet) */
  readonly arrivalWeights: number[] = [];

  constructor(
    readonly db: Database.Database,
    readonly options: DemoOptions,
    seed: number,
    readonly targetDeals: number,
  ) {
    this.rng = new Rng(seed);
    this.ids = new ImportIds(options.now, this.rng);
    this.now = options.now;
    this.tz = options.timezone;
    this.calendar = new DemoCalendar(this.now, this.tz, HISTORY_DAYS + 30);
    this.setupAt = this.calendar.days[0]!.start + 9 * HOUR;
    this.customersByDay = new Array<number>(this.calendar.days.length).fill(0);
    const scale = targetDeals <= DEFAULT_DEMO_DEALS ? 1 : DEFAULT_DEMO_DEALS / targetDeals;
    // At large sizes the window shrinks (the log stays small) but never below a few hours (the feed stays full).
    this.eventsFrom = this.now - Math.max(6 * HOUR, EVENT_WINDOW_DAYS * DAY * scale);
    this.summary = {
      seed,
      people: 0,
      campaigns: 0,
      leads: 0,
      mqls: 0,
      disqualified: 0,
      customers: 0,
      deals: 0,
      dealsByStage: {},
      sprints: 0,
      sprintGoals: 0,
      meetings: 0,
      leadReviews: 0,
      actionItems: 0,
      activityEvents: 0,
    };
  }

  /** Reads the pipeline stages and reason codes the migrations seeded. */
  loadPipeline(): void {
    const stages = listPipelineStages(this.db);
    for (const stage of stages) this.stageNames.set(stage.id, stage.name);
    this.openStageIds = stages.filter((stage) => stage.kind === 'open').map((stage) => stage.id);
    this.wonStageId = stages.find((stage) => stage.kind === 'won')?.id ?? 'won';
    this.lostStageId = stages.find((stage) => stage.kind === 'lost')?.id ?? 'lost';
    if (this.openStageIds.length === 0) throw new Error('the pipeline has no open stage');
    for (const stage of stages) this.summary.dealsByStage[stage.id] = 0;
    for (const reason of listReasonCodes(this.db)) this.reasonLabels.set(reason.code, reason.label);
  }
}
