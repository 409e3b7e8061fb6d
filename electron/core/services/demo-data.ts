/**
 * The demo generator: a believable quarter for a 6-person sales team and a 4-person marketing team,
 * ending at `now`. Deterministic: every choice comes from one seeded PRNG and every time from `now`, so the
 * same seed and `now` give identical rows (ids included), which tests and benchmarks rely on. Rows are
 * written through the repositories' reused prepared statements in one transaction, and leads are streamed
 * (each lead is written together with its deals, nothing big is kept in memory), so the `deals` option can
 * go to a million.
 */
import type Database from 'better-sqlite3';
import { TZDate } from '@date-fns/tz';
import { addDays, format, getDaysInMonth, getISODay, getISOWeek, startOfDay, startOfMonth, subMonths } from 'date-fns';
import { UUID } from 'uuidv7';
import type { DealStatus, LeadStage, Person, Team } from '@shared/domain';
import { SLIDE_IDS } from '@shared/slides';
import type { CoreContext } from '../context';
import { appendActivityEvent } from '../db/repositories/activity-repository';
import { withIndexesDeferred } from '../db/repositories/bulk-load';
import { withFigureAggregatesDeferred } from '../db/repositories/figure-aggregates-repository';
import { insertCampaign } from '../db/repositories/campaigns-repository';
import { countDeals, insertDeal } from '../db/repositories/deals-repository';
import { addGlossaryTermVersion } from '../db/repositories/glossary-repository';
import { NEW_PAYING_CUSTOMERS_KPI, upsertKpiTarget } from '../db/repositories/kpi-repository';
import { insertLeadReview } from '../db/repositories/lead-reviews-repository';
import { insertLead, insertLeadTransition } from '../db/repositories/leads-repository';
import { insertMeeting, insertMeetingRun } from '../db/repositories/meetings-repository';
import { countPeople, insertPerson } from '../db/repositories/people-repository';
import { listPipelineStages, listReasonCodes } from '../db/repositories/pipeline-repository';
import { insertActionItem, insertRetrospective } from '../db/repositories/retrospectives-repository';
import { setSetting } from '../db/repositories/settings-repository';
import { insertSlaTerms } from '../db/repositories/sla-repository';
import {
  addSprintGoalOwner,
  insertSprint,
  insertSprintGoal,
  recordSprintGoalProgress,
  setSprintGoalCurrent,
} from '../db/repositories/sprints-repository';
import { customerEventPayload, dealEventPayload, type DealEventNames } from './writes/deal-commands';
import { leadExitAnchorAt } from './support/figure-maintenance';
import { SETTING_KEYS } from './support/settings-service';

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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/**
 * How far back leads arrive: the quarter plus the month before it, so that the quarter opens with a
 * pipeline already going instead of an empty one that fills up (which would make the first month's
 * customer count look like a collapse).
 */
const HISTORY_DAYS = 120;
/** deal events kept in the activity log at the default size; shrinks as the size grows so the log stays small */
const EVENT_WINDOW_DAYS = 14;
/** the tables that grow with the `deals` option: their indexes are built once, after the rows */
const BULK_TABLES = ['leads', 'lead_transitions', 'deals', 'lead_reviews'] as const;
/** page cache while generating, in KiB */
const DEMO_CACHE_KIB = 256 * 1024;

/** mulberry32: small, fast and good enough for believable data; never used for anything secret. */
class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** uniform in [0, 1) */
  next(): number {
    return this.uint32() / 4_294_967_296;
  }

  between(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1]!;
  }

  /** exponential with the given mean */
  expo(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** a UUIDv7 for something that happened at `ms`, drawn from this PRNG so that ids are reproducible too */
  id(ms: number): string {
    return UUID.fromFieldsV7(ms0(ms), this.uint32() & 0xfff, this.uint32() & 0x3fffffff, this.uint32()).toString();
  }
}

function ms0(at: number): number {
  return Math.max(0, Math.floor(at));
}

/**
 * UUIDv7 ids for the generated rows, stamped with the moment of generation (`now`) like rows a CRM import
 * creates, and made strictly increasing by a counter in the 42 bits after the timestamp (RFC 9562,
 * method 1), with a random tail from the PRNG. Increasing ids append to the primary-key B-trees instead
 * of landing all over them: about twice as fast at 100,000 deals, and more as the tables outgrow the cache.
 */
class ImportIds {
  private counter = 0;

  constructor(
    private readonly at: number,
    private readonly rng: Rng,
  ) {}

  next(): string {
    const n = this.counter++;
    return UUID.fromFieldsV7(
      ms0(this.at),
      Math.floor(n / 0x40000000) & 0xfff,
      n % 0x40000000,
      this.rng.uint32(),
    ).toString();
  }
}

/** One calendar day in the room's zone. */
interface Day {
  start: number;
  date: string;
  /** ISO weekday, 1 = Monday */
  weekday: number;
}

interface DemoCampaign {
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

const SALES_PEOPLE = ['Ana Lima', 'Jonas Weber', 'Priya Nair', 'Mateo García', 'Sophie Martin', 'Lukas Novak'];
const MARKETING_PEOPLE = ['Tom Berg', 'Elena Rossi', 'Mia Schneider', 'Daniel Okafor'];

// prettier-ignore
const FIRST_NAMES = [
  'Anna', 'Ben', 'Clara', 'David', 'Eva', 'Felix', 'Greta', 'Hugo', 'Ines', 'Jan', 'Katrin', 'Leon', 'Marta',
  'Nils', 'Olivia', 'Paul', 'Rosa', 'Simon', 'Tara', 'Umar', 'Vera', 'Wim', 'Yara', 'Zoe', 'Amir', 'Bianca',
  'Carlos', 'Dana', 'Emil', 'Fatima', 'Georg', 'Hanna', 'Ivan', 'Julia', 'Karl', 'Lena', 'Marco', 'Nora',
];
// prettier-ignore
const LAST_NAMES = [
  'Adler', 'Bauer', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Gomez', 'Hansen', 'Ivanova', 'Jansen', 'Keller',
  'Larsen', 'Moreau', 'Nowak', 'Olsen', 'Peters', 'Quinn', 'Richter', 'Silva', 'Torres', 'Ullrich', 'Vogel',
  'Wagner', 'Young', 'Zimmermann', 'Brandt', 'Conti', 'Dahl', 'Engel', 'Fontaine',
];
// prettier-ignore
const COMPANY_HEADS = [
  'Nordwind', 'Bluefield', 'Kestrel', 'Alpenrose', 'Harbor', 'Lumen', 'Vektor', 'Quarzwerk', 'Brightline',
  'Tidewater', 'Falkner', 'Oakridge', 'Silberberg', 'Northstar', 'Pinecrest', 'Rheinblick', 'Copperleaf',
  'Westhaven', 'Sundial', 'Granite', 'Elbe', 'Meridian', 'Atlas', 'Corvid', 'Linden', 'Ostwind',
];
// prettier-ignore
const COMPANY_TAILS = [
  'Logistics', 'Software', 'Health', 'Energy', 'Foods', 'Analytics', 'Robotics', 'Media', 'Retail', 'Labs',
  'Finance', 'Mobility', 'Systems', 'Textiles', 'Builders', 'Travel',
];
const LEGAL_FORMS = ['GmbH', 'AG', 'Ltd', 'BV', 'SAS', 'Inc.', 'AB', 'GmbH & Co. KG'];
const PRODUCTS = ['Team plan', 'Business plan', 'Enterprise pilot', 'Business plan, 2 years', 'Starter plan'];

const OPEN_STAGE_WEIGHTS = [0.2, 0.24, 0.27, 0.29];
const WON_REASONS: [string, number][] = [
  ['won_product_fit', 40],
  ['won_relationship', 25],
  ['won_speed', 20],
  ['won_price', 15],
];
const LOST_REASONS: [string, number][] = [
  ['lost_price', 30],
  ['lost_competitor', 30],
  ['lost_no_decision', 20],
  ['lost_features', 12],
  ['lost_timing', 8],
];
const LOW_REVIEW_REASONS = ['no_budget', 'wrong_size', 'student_or_job', 'competitor', 'no_authority', 'bad_timing'];

/** A deal event kept for the activity log; written after all rows, in time order. */
interface PendingEvent {
  at: number;
  type: string;
  entity: string;
  entityId: string;
  actorId: string | null;
  payload: Record<string, unknown>;
}

/**
 * Fills `db` with a generated quarter ending at `options.now` and marks it as demo data (setting
 * 'data.demo' = true). Runs in one transaction: it either writes everything or nothing. Does not check
 * that the database is empty (see {@link ensureDemoData}); ids are deterministic, so running it twice on
 * the same file fails on the first duplicate id rather than doubling the data.
 */
export function generateDemoData(db: Database.Database, options: DemoOptions): DemoSummary {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const targetDeals = options.deals ?? DEFAULT_DEMO_DEALS;
  if (!Number.isInteger(targetDeals) || targetDeals < 0) throw new RangeError('deals must be a whole number ≥ 0');
  if (!Number.isFinite(options.now)) throw new RangeError('now must be a time in epoch milliseconds');
  // A bigger page cache for the run keeps the growing B-trees in memory instead of spilling and re-reading
  // pages; the connection's own setting is restored afterwards.
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${Math.trunc(DEMO_CACHE_KIB) * -1}`);
  try {
    // Indexes and figure aggregates are both built once over the loaded rows rather than row by row.
    return db.transaction(() =>
      withIndexesDeferred(db, BULK_TABLES, () =>
        withFigureAggregatesDeferred(db, () => new DemoWriter(db, options, seed, targetDeals).run(), {
          anchorAt: leadExitAnchorAt(options.now),
        }),
      ),
    )();
  } finally {
    db.pragma(`cache_size = ${Math.trunc(cacheSize)}`);
  }
}

/**
 * Fills the database with demo data when it is empty (no people and no deals) and returns whether it did.
 * The time is the context's clock; the zone is the room's.
 */
export function ensureDemoData(ctx: CoreContext, timezone: string): boolean {
  if (countPeople(ctx.db) > 0 || countDeals(ctx.db) > 0) return false;
  generateDemoData(ctx.db, { now: ctx.clock.now(), timezone, machineId: ctx.machineId });
  return true;
}

/** One generation run; holds the state the steps share. */
class DemoWriter {
  private readonly rng: Rng;
  private readonly ids: ImportIds;
  private readonly now: number;
  private readonly tz: string;
  /** local days from HISTORY_DAYS + 30 days ago up to today, oldest first */
  private readonly days: Day[];
  private readonly today: Day;
  private readonly setupAt: number;
  private readonly sales: Person[] = [];
  private readonly marketing: Person[] = [];
  private readonly names = new Map<string, string>();
  private campaigns: DemoCampaign[] = [];
  private readonly stageNames = new Map<string, string>();
  private openStageIds: string[] = [];
  private wonStageId = 'won';
  private lostStageId = 'lost';
  private readonly reasonLabels = new Map<string, string>();
  private readonly eventsFrom: number;
  private readonly events: PendingEvent[] = [];
  /** new paying customers per day index */
  private readonly customersByDay: number[];
  private readonly summary: DemoSummary;
  /** cumulative lead-arrival weights over the history days (weekends are quiet) */
  private readonly arrivalWeights: number[] = [];

  constructor(
    private readonly db: Database.Database,
    private readonly options: DemoOptions,
    seed: number,
    private readonly targetDeals: number,
  ) {
    this.rng = new Rng(seed);
    this.ids = new ImportIds(options.now, this.rng);
    this.now = options.now;
    this.tz = options.timezone;
    this.days = this.buildDays(HISTORY_DAYS + 30);
    this.today = this.days[this.days.length - 1]!;
    this.setupAt = this.days[0]!.start + 9 * HOUR;
    this.customersByDay = new Array<number>(this.days.length).fill(0);
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

  run(): DemoSummary {
    this.loadPipeline();
    this.writePeople();
    this.writeCampaigns();
    this.writeLeadsAndDeals();
    this.writeScenarioLeads();
    this.writeSlaTerms();
    this.writeKpiTargets();
    this.writeSprints();
    this.writeMeetings();
    this.writeGlossary();
    this.writeActivity();
    setSetting(this.db, SETTING_KEYS.demo, true, this.now);
    return this.summary;
  }

  // ---- calendar -------------------------------------------------------------------------------------

  private buildDays(count: number): Day[] {
    const todayStart = startOfDay(new TZDate(this.now, this.tz));
    const days: Day[] = [];
    for (let i = count; i >= 0; i--) {
      const day = addDays(todayStart, -i);
      days.push({ start: day.getTime(), date: format(day, 'yyyy-MM-dd'), weekday: getISODay(day) });
    }
    return days;
  }

  /** index of the local day that contains `at` */
  private dayIndex(at: number): number {
    let lo = 0;
    let hi = this.days.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.days[mid]!.start <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private dayAt(index: number): Day {
    return this.days[Math.max(0, Math.min(this.days.length - 1, index))]!;
  }

  /** 'YYYY-MM-DD' `offset` days from today */
  private dateFromToday(offset: number): string {
    return format(addDays(new TZDate(this.today.start, this.tz), offset), 'yyyy-MM-dd');
  }

  // ---- reference data -------------------------------------------------------------------------------

  private loadPipeline(): void {
    const stages = listPipelineStages(this.db);
    for (const stage of stages) this.stageNames.set(stage.id, stage.name);
    this.openStageIds = stages.filter((stage) => stage.kind === 'open').map((stage) => stage.id);
    this.wonStageId = stages.find((stage) => stage.kind === 'won')?.id ?? 'won';
    this.lostStageId = stages.find((stage) => stage.kind === 'lost')?.id ?? 'lost';
    if (this.openStageIds.length === 0) throw new Error('the pipeline has no open stage');
    for (const stage of stages) this.summary.dealsByStage[stage.id] = 0;
    for (const reason of listReasonCodes(this.db)) this.reasonLabels.set(reason.code, reason.label);
  }

  private writePeople(): void {
    const add = (name: string, team: Team) => {
      const email = `${name
        .toLowerCase()
        .normalize('NFD')
        .replace(/[^a-z ]/g, '')
        .replace(' ', '.')}@example.com`;
      const person = insertPerson(this.db, { id: this.ids.next(), name, team, email }, this.setupAt);
      this.names.set(person.id, person.name);
      (team === 'sales' ? this.sales : this.marketing).push(person);
    };
    SALES_PEOPLE.forEach((name) => add(name, 'sales'));
    MARKETING_PEOPLE.forEach((name) => add(name, 'marketing'));
    this.summary.people = this.sales.length + this.marketing.length;
  }

  private writeCampaigns(): void {
    const [tom, elena, mia, daniel] = this.marketing as [Person, Person, Person, Person];
    const [ana, jonas] = this.sales as [Person, Person];
    const todayIndex = this.days.length - 1;
    const specs: Omit<DemoCampaign, 'id'>[] = [
      {
        name: 'Webinar: Forecasts without spreadsheets',
        channel: 'webinar',
        sourceTeam: 'marketing',
        ownerId: tom.id,
        weight: 11,
        quality: 0.7,
        burstDay: todayIndex - 33,
      },
      {
        name: 'Google Ads – brand search',
        channel: 'paid',
        sourceTeam: 'marketing',
        ownerId: elena.id,
        weight: 15,
        quality: 0.6,
        burstDay: null,
      },
      {
        name: 'LinkedIn Ads – operations leaders',
        channel: 'paid',
        sourceTeam: 'marketing',
        ownerId: elena.id,
        weight: 10,
        quality: 0.35,
        burstDay: null,
      },
      {
        name: 'Blog & guides',
        channel: 'content',
        sourceTeam: 'marketing',
        ownerId: mia.id,
        weight: 13,
        quality: 0.45,
        burstDay: null,
      },
      {
        name: 'SaaS Summit Berlin',
        channel: 'event',
        sourceTeam: 'marketing',
        ownerId: daniel.id,
        weight: 7,
        quality: 0.55,
        burstDay: todayIndex - 52,
      },
      {
        name: 'Newsletter nurture',
        channel: 'email',
        sourceTeam: 'marketing',
        ownerId: mia.id,
        weight: 8,
        quality: 0.5,
        burstDay: null,
      },
      {
        name: 'Website demo requests',
        channel: 'inbound',
        sourceTeam: 'marketing',
        ownerId: tom.id,
        weight: 10,
        quality: 0.8,
        burstDay: null,
      },
      {
        name: 'Partner co-marketing',
        channel: 'partner',
        sourceTeam: 'marketing',
        ownerId: daniel.id,
        weight: 4,
        quality: 0.65,
        burstDay: null,
      },
      {
        name: 'Outbound – mid-market',
        channel: 'outbound',
        sourceTeam: 'sales',
        ownerId: ana.id,
        weight: 15,
        quality: 0.5,
        burstDay: null,
      },
      {
        name: 'Customer referrals',
        channel: 'referral',
        sourceTeam: 'sales',
        ownerId: jonas.id,
        weight: 7,
        quality: 0.9,
        burstDay: null,
      },
    ];
    this.campaigns = specs.map((spec) => {
      const startedOn = spec.burstDay === null ? this.days[0]!.date : this.dayAt(spec.burstDay - 21).date;
      const endedOn = spec.burstDay === null ? null : this.dayAt(spec.burstDay + 3).date;
      const campaign = insertCampaign(
        this.db,
        {
          id: this.ids.next(),
          name: spec.name,
          channel: spec.channel,
          sourceTeam: spec.sourceTeam,
          ownerId: spec.ownerId,
          startedOn,
          endedOn,
        },
        this.setupAt,
      );
      this.names.set(campaign.id, campaign.name);
      return { ...spec, id: campaign.id };
    });
    this.summary.campaigns = this.campaigns.length;

    const first = this.days.length - 1 - HISTORY_DAYS;
    let total = 0;
    for (let i = first; i < this.days.length; i++) {
      total += this.days[i]!.weekday >= 6 ? 0.25 : 1;
      this.arrivalWeights.push(total);
    }
  }

  // ---- leads and deals ------------------------------------------------------------------------------

  /** a time of arrival for a new lead of `campaign`, before now */
  private arrivalTime(campaign: DemoCampaign): number {
    let index: number;
    if (campaign.burstDay !== null && this.rng.chance(0.85)) {
      index = campaign.burstDay + this.rng.int(-6, 2);
    } else {
      const total = this.arrivalWeights[this.arrivalWeights.length - 1]!;
      const r = this.rng.next() * total;
      let lo = 0;
      let hi = this.arrivalWeights.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.arrivalWeights[mid]! > r) hi = mid;
        else lo = mid + 1;
      }
      index = this.days.length - 1 - HISTORY_DAYS + lo;
    }
    const day = this.dayAt(index);
    const at = day.start + this.rng.between(7 * HOUR, 20 * HOUR);
    return ms(at < this.now ? at : day.start + this.rng.next() * Math.max(MINUTE, this.now - day.start - MINUTE));
  }

  private pickRep(): Person {
    // The team lead takes fewer leads than the reps.
    return this.rng.weighted(this.sales, (person) => (person === this.sales[0] ? 0.5 : 1));
  }

  private writeLeadsAndDeals(): void {
    let guard = 0;
    while (this.summary.deals < this.targetDeals) {
      this.writeOneLead();
      // A pipeline without open stages or a broken weight table must not spin forever.
      if (++guard > this.targetDeals * 50 + 1000) throw new Error('demo generator made no progress');
    }
  }

  private writeOneLead(): void {
    const rng = this.rng;
    const now = this.now;
    const campaign = rng.weighted(this.campaigns, (c) => c.weight);
    const leadAt = this.arrivalTime(campaign);
    const marketing = campaign.sourceTeam === 'marketing';
    const q = campaign.quality;
    const transitions: { from: LeadStage | null; to: LeadStage; at: number; actorId: string | null }[] = [];
    const marketerId = marketing ? campaign.ownerId : null;
    let ownerId: string | null = marketing ? null : this.pickRep().id;
    transitions.push({ from: null, to: 'lead', at: leadAt, actorId: marketing ? marketerId : ownerId });

    // `enter` changes it from closures, so it must not be narrowed to 'lead' here.
    let stage = 'lead' as LeadStage;
    let mqlAt: number | null = null;
    let sqlAt: number | null = null;
    let opportunityAt: number | null = null;
    let disqualifiedAt: number | null = null;
    let disqualifiedReason: string | null = null;
    let firstFollowUpAt: number | null = null;
    let review: { at: number; rating: number; reasons: string[] } | null = null;
    const enter = (to: LeadStage, at: number, actorId: string | null) => {
      transitions.push({ from: stage, to, at, actorId });
      stage = to;
    };
    const disqualify = (at: number, reason: string, actorId: string | null) => {
      disqualifiedAt = at;
      disqualifiedReason = reason;
      enter('disqualified', at, actorId);
    };

    if (marketing) {
      const directToSales = campaign.channel === 'inbound' && rng.chance(0.3);
      if (directToSales) {
        // A demo request goes straight to a rep: the lead skips MQL.
        const at = ms(leadAt + rng.between(20 * MINUTE, 6 * HOUR));
        if (at < now) {
          ownerId = this.pickRep().id;
          firstFollowUpAt = at;
          enter('sql', at, ownerId);
          sqlAt = at;
        }
      } else if (rng.chance(0.06)) {
        const at = ms(leadAt + rng.expo(1.5 * DAY));
        if (at < now)
          disqualify(
            at,
            rng.pick(['Spam or fake contact', 'Student', 'Competitor', 'Outside our markets']),
            marketerId,
          );
      } else if (rng.chance(0.75)) {
        const at = ms(leadAt + Math.max(10 * MINUTE, rng.expo(2 * DAY)));
        if (at < now) {
          mqlAt = at;
          ownerId = this.pickRep().id;
          enter('mql', at, marketerId);
        }
      }
    } else {
      firstFollowUpAt = leadAt;
      if (rng.chance(0.05)) {
        const at = ms(leadAt + rng.between(1 * DAY, 10 * DAY));
        if (at < now) disqualify(at, 'No interest', ownerId);
      } else if (campaign.channel === 'referral' && rng.chance(0.25)) {
        // A warm referral goes straight to an opportunity.
        const at = ms(leadAt + rng.between(1 * DAY, 5 * DAY));
        if (at < now) {
          opportunityAt = at;
          enter('opportunity', at, ownerId);
        }
      } else if (rng.chance(0.78)) {
        const at = ms(leadAt + rng.between(2 * HOUR, 4 * DAY));
        if (at < now) {
          sqlAt = at;
          enter('sql', at, ownerId);
        }
      }
    }

    if (mqlAt !== null) {
      this.summary.mqls++;
      const forgotten = mqlAt > now - 6 * DAY && mqlAt < now - 26 * HOUR && rng.chance(0.06);
      const followUp = ms(
        mqlAt + (rng.chance(0.84) ? rng.between(20 * MINUTE, 22 * HOUR) : rng.between(25 * HOUR, 80 * HOUR)),
      );
      if (!forgotten && followUp < now) {
        firstFollowUpAt = followUp;
        const good = rng.next() < 0.5 + 0.4 * q;
        if (!good && rng.chance(0.4)) {
          // Disqualifying counts as the follow-up (METRICS), so it happens at the follow-up time.
          const reasons = [rng.pick(LOW_REVIEW_REASONS)];
          disqualify(followUp, this.reasonLabels.get(reasons[0]!) ?? reasons[0]!, ownerId);
          if (rng.chance(0.35)) review = { at: followUp, rating: rng.int(1, 2), reasons };
        } else {
          const at = ms(followUp + rng.between(0, good ? 3 * DAY : 8 * DAY));
          const qualifies = good || rng.chance(0.25);
          if (qualifies && at < now) {
            sqlAt = at;
            enter('sql', at, ownerId);
          }
          if (rng.chance(0.3)) {
            review = qualifies
              ? { at: followUp, rating: rng.int(4, 5), reasons: ['good_fit'] }
              : { at: followUp, rating: 3, reasons: [rng.pick(['bad_timing', 'no_authority', 'no_budget'])] };
          }
        }
      }
    }

    if (sqlAt !== null && opportunityAt === null && stage === 'sql') {
      if (rng.chance(0.05)) {
        const at = ms(sqlAt + rng.between(1 * DAY, 8 * DAY));
        if (at < now) disqualify(at, 'No budget this year', ownerId);
      } else if (rng.chance(0.6 + 0.3 * q)) {
        const at = ms(sqlAt + rng.between(1 * DAY, 10 * DAY));
        if (at < now) {
          opportunityAt = at;
          enter('opportunity', at, ownerId);
        }
      }
    }

    const leadId = this.ids.next();
    const name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const company = `${rng.pick(COMPANY_HEADS)} ${rng.pick(COMPANY_TAILS)} ${rng.pick(LEGAL_FORMS)}`;
    const deals = opportunityAt === null ? [] : this.planDeals(opportunityAt, campaign);
    const firstWin = deals
      .filter((deal) => deal.status === 'won')
      .reduce<number | null>((min, deal) => (min === null || deal.closedAt! < min ? deal.closedAt! : min), null);
    if (firstWin !== null) {
      enter('customer', firstWin, ownerId);
      this.summary.customers++;
      this.customersByDay[this.dayIndex(firstWin)]!++;
    }
    if (disqualifiedAt !== null) this.summary.disqualified++;

    insertLead(
      this.db,
      {
        id: leadId,
        name,
        company,
        stage,
        sourceTeam: campaign.sourceTeam,
        campaignId: campaign.id,
        marketerId,
        ownerId,
        leadAt,
        mqlAt,
        sqlAt,
        opportunityAt,
        customerAt: firstWin,
        disqualifiedAt,
        disqualifiedReason,
        firstFollowUpAt,
      },
      leadAt,
    );
    this.summary.leads++;
    for (const t of transitions) {
      insertLeadTransition(this.db, {
        id: this.ids.next(),
        leadId,
        fromStage: t.from,
        toStage: t.to,
        at: t.at,
        actorId: t.actorId,
      });
    }
    if (review !== null) {
      const { at, rating, reasons } = review;
      insertLeadReview(this.db, {
        id: this.ids.next(),
        leadId,
        reviewerId: ownerId,
        rating,
        reviewedAt: at,
        reasonCodes: reasons,
        notes: '',
      });
      this.summary.leadReviews++;
    }
    for (const deal of deals)
      this.writeDeal(deal, { id: leadId, name, company, ownerId, marketerId, campaign, firstWin });
  }

  /** Decides a lead's deals: outcome, stage path and times. */
  private planDeals(opportunityAt: number, campaign: DemoCampaign): PlannedDeal[] {
    const rng = this.rng;
    const remaining = this.targetDeals - this.summary.deals;
    const count = Math.min(remaining, rng.chance(0.2) ? 2 : 1);
    const planned: PlannedDeal[] = [];
    for (let i = 0; i < count; i++) {
      const createdAt = i === 0 ? opportunityAt : ms(opportunityAt + rng.between(5 * DAY, 30 * DAY));
      if (createdAt >= this.now) break;
      const age = this.now - createdAt;
      const usd = rng.chance(0.08);
      const big = campaign.channel === 'referral' || campaign.channel === 'event' ? 1.6 : 1;
      const amountMajor = Math.round((Math.exp(rng.between(Math.log(3000), Math.log(60000))) * big) / 100) * 100;
      const product = i === 0 ? rng.pick(PRODUCTS) : 'Expansion';
      const closable = age > 4 * DAY + HOUR;
      const closed = closable && rng.chance(Math.min(0.65, age / (50 * DAY)));
      const path: { stageId: string; at: number }[] = [];
      let status: DealStatus = 'open';
      let closedAt: number | null = null;
      let closeReason: string | null = null;
      if (closed) {
        const won = rng.chance(campaign.channel === 'referral' ? 0.7 : 0.55);
        status = won ? 'won' : 'lost';
        closedAt = ms(createdAt + rng.between(4 * DAY, Math.min(age - HOUR, 45 * DAY)));
        // Won deals usually went through proposal or negotiation; lost ones fell out anywhere.
        const reached = won
          ? Math.min(this.openStageIds.length - 1, rng.chance(0.7) ? 3 : 2)
          : rng.int(0, this.openStageIds.length - 1);
        this.openPath(path, createdAt, closedAt, reached);
        path.push({ stageId: won ? this.wonStageId : this.lostStageId, at: closedAt });
        if (rng.chance(0.9)) {
          const table = won ? WON_REASONS : LOST_REASONS;
          closeReason = rng.weighted(table, ([, weight]) => weight)[0];
        }
      } else {
        let stageIndex = this.openStageIds.indexOf(
          rng.weighted(this.openStageIds, (id) => OPEN_STAGE_WEIGHTS[this.openStageIds.indexOf(id)] ?? 0.2),
        );
        const maxIndex = age < 2 * DAY ? 0 : age < 5 * DAY ? 1 : age < 9 * DAY ? 2 : this.openStageIds.length - 1;
        stageIndex = Math.min(stageIndex, maxIndex);
        this.openPath(path, createdAt, createdAt + age * rng.between(0.3, 0.95), stageIndex);
      }
      planned.push({
        id: this.ids.next(),
        title: `${product}`,
        amountMinor: amountMajor * 100,
        currency: usd ? 'USD' : 'EUR',
        createdAt,
        status,
        closedAt,
        closeReason,
        path,
      });
    }
    return planned;
  }

  /** Appends the open stages up to `reachedIndex`, the first at `from`, the last at or before `until`. */
  private openPath(path: { stageId: string; at: number }[], from: number, until: number, reachedIndex: number): void {
    path.push({ stageId: this.openStageIds[0]!, at: from });
    const steps: number[] = [];
    for (let i = 1; i <= reachedIndex; i++) {
      // Now and then a stage is skipped (a demo that turns straight into a proposal).
      if (i < reachedIndex && this.rng.chance(0.12)) continue;
      steps.push(i);
    }
    const span = Math.max(0, until - from);
    steps.forEach((index, n) => {
      const at =
        from + (span * (n + 1)) / (steps.length + 1) + this.rng.between(-0.3, 0.3) * (span / (steps.length + 1));
      path.push({ stageId: this.openStageIds[index]!, at: Math.min(until, Math.max(from, Math.round(at))) });
    });
  }

  private writeDeal(
    deal: PlannedDeal,
    lead: {
      id: string;
      name: string;
      company: string;
      ownerId: string | null;
      marketerId: string | null;
      campaign: DemoCampaign;
      firstWin: number | null;
    },
  ): void {
    const last = deal.path[deal.path.length - 1]!;
    const record = insertDeal(this.db, {
      id: deal.id,
      title: `${lead.company} – ${deal.title}`,
      leadId: lead.id,
      amountMinor: deal.amountMinor,
      currency: deal.currency,
      stageId: last.stageId,
      status: deal.status,
      closingRepId: lead.ownerId,
      sourcingMarketerId: lead.marketerId,
      campaignId: lead.campaign.id,
      createdAt: deal.createdAt,
      stageEnteredAt: last.at,
      closedAt: deal.closedAt,
      closeReason: deal.closeReason,
      updatedAt: last.at,
    });
    this.summary.deals++;
    this.summary.dealsByStage[last.stageId] = (this.summary.dealsByStage[last.stageId] ?? 0) + 1;
    if (last.at < this.eventsFrom) return;

    // The deal's recent history, told the way the commands tell it.
    const names = (from: string | null, to: string, closeReason: string | null): DealEventNames => ({
      fromStage: from === null ? null : { id: from, name: this.stageNames.get(from) ?? from },
      toStage: { id: to, name: this.stageNames.get(to) ?? to },
      closingRepName: lead.ownerId === null ? null : (this.names.get(lead.ownerId) ?? null),
      sourcingMarketerName: lead.marketerId === null ? null : (this.names.get(lead.marketerId) ?? null),
      campaignName: lead.campaign.name,
      leadName: lead.name,
      closeReasonLabel: closeReason === null ? null : (this.reasonLabels.get(closeReason) ?? null),
    });
    let state = {
      stageId: deal.path[0]!.stageId,
      status: 'open' as DealStatus,
      stageEnteredAt: deal.createdAt,
      closedAt: null as number | null,
      closeReason: null as string | null,
    };
    deal.path.forEach((step, index) => {
      const snapshot = { ...record, status: state.status, closeReason: state.closeReason };
      if (index === 0) {
        if (step.at >= this.eventsFrom) {
          this.events.push({
            at: step.at,
            type: 'deal.created',
            entity: 'deal',
            entityId: deal.id,
            actorId: lead.ownerId,
            payload: dealEventPayload(snapshot, names(null, step.stageId, null)),
          });
        }
        return;
      }
      const isClose = index === deal.path.length - 1 && deal.status !== 'open';
      const next = {
        stageId: step.stageId,
        status: isClose ? deal.status : ('open' as DealStatus),
        stageEnteredAt: step.at,
        closedAt: isClose ? deal.closedAt : null,
        closeReason: isClose ? deal.closeReason : null,
      };
      if (step.at >= this.eventsFrom) {
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const key of Object.keys(next) as (keyof typeof next)[]) {
          if (state[key] !== next[key]) {
            before[key] = state[key];
            after[key] = next[key];
          }
        }
        const payload = dealEventPayload(
          { ...record, status: next.status, closeReason: next.closeReason },
          names(state.stageId, step.stageId, next.closeReason),
          { before, after },
        );
        const type = isClose ? `deal.${deal.status}` : 'deal.stage_changed';
        this.events.push({ at: step.at, type, entity: 'deal', entityId: deal.id, actorId: lead.ownerId, payload });
        if (isClose && deal.status === 'won' && lead.firstWin === deal.closedAt) {
          this.events.push({
            at: step.at,
            type: 'lead.became_customer',
            entity: 'lead',
            entityId: lead.id,
            actorId: lead.ownerId,
            payload: customerEventPayload(
              { id: lead.id, name: lead.name, stage: 'opportunity', customerAt: null },
              step.at,
              payload,
            ),
          });
        }
      }
      state = next;
    });
  }

  /**
   * A few MQLs right at `now` so that the SLA slide always has some waiting and some breached. The oldest
   * is breached even when the SLA counts business hours: six days hold at least four working days.
   */
  private writeScenarioLeads(): void {
    const inbound = this.campaigns.filter(
      (campaign) => campaign.sourceTeam === 'marketing' && campaign.burstDay === null,
    );
    const ages = [2 * HOUR, 7 * HOUR, 19 * HOUR, 31 * HOUR, 55 * HOUR, 6 * DAY];
    for (const age of ages) {
      const campaign = this.rng.pick(inbound);
      const mqlAt = ms(this.now - age - this.rng.between(0, 40 * MINUTE));
      const leadAt = ms(mqlAt - this.rng.between(2 * HOUR, 3 * DAY));
      const owner = this.pickRep();
      const lead = insertLead(
        this.db,
        {
          id: this.ids.next(),
          name: `${this.rng.pick(FIRST_NAMES)} ${this.rng.pick(LAST_NAMES)}`,
          company: `${this.rng.pick(COMPANY_HEADS)} ${this.rng.pick(COMPANY_TAILS)} ${this.rng.pick(LEGAL_FORMS)}`,
          stage: 'mql',
          sourceTeam: 'marketing',
          campaignId: campaign.id,
          marketerId: campaign.ownerId,
          ownerId: owner.id,
          leadAt,
          mqlAt,
        },
        leadAt,
      );
      insertLeadTransition(this.db, {
        id: this.ids.next(),
        leadId: lead.id,
        fromStage: null,
        toStage: 'lead',
        at: leadAt,
        actorId: campaign.ownerId,
      });
      insertLeadTransition(this.db, {
        id: this.ids.next(),
        leadId: lead.id,
        fromStage: 'lead',
        toStage: 'mql',
        at: mqlAt,
        actorId: campaign.ownerId,
      });
      this.summary.leads++;
      this.summary.mqls++;
    }
  }

  // ---- agreements, targets, rituals -----------------------------------------------------------------

  private writeSlaTerms(): void {
    // Marketing commits a little more than it has been delivering, so the slide shows a real gap.
    const perMonth = (this.summary.mqls / (HISTORY_DAYS / 30)) * 1.1;
    const mqlsPerPeriod = Math.max(10, Math.round(perMonth / 10) * 10);
    insertSlaTerms(
      this.db,
      { id: this.ids.next(), validFrom: this.days[0]!.start, mqlsPerPeriod, periodKind: 'month', followUpHours: 24 },
      this.setupAt,
    );
  }

  private writeKpiTargets(): void {
    const thisMonth = startOfMonth(new TZDate(this.now, this.tz));
    // Two months ago the team beat its target, last month it missed it, this month is open.
    const factors = [0.9, 1.15];
    const perDay = this.customersInRange(this.now - 60 * DAY, this.now) / 60;
    for (let back = 2; back >= 0; back--) {
      const start = subMonths(thisMonth, back);
      const end = subMonths(thisMonth, back - 1);
      const actual = this.customersInRange(start.getTime(), end.getTime());
      const target =
        back === 0
          ? Math.max(1, Math.round(perDay * getDaysInMonth(start) * 1.08))
          : Math.max(1, Math.round(actual * factors[2 - back]!));
      upsertKpiTarget(
        this.db,
        {
          id: this.ids.next(),
          kpiId: NEW_PAYING_CUSTOMERS_KPI,
          periodKind: 'month',
          periodStart: format(start, 'yyyy-MM-dd'),
          target,
        },
        Math.min(this.now, start.getTime() + 2 * DAY),
      );
    }
  }

  /** new paying customers with customer_at in [from, to) by whole local days */
  private customersInRange(from: number, to: number): number {
    let sum = 0;
    this.days.forEach((day, index) => {
      if (day.start >= from && day.start < to) sum += this.customersByDay[index]!;
    });
    return sum;
  }

  private writeSprints(): void {
    const todayDate = new TZDate(this.today.start, this.tz);
    // Sprints start on Mondays of even ISO weeks and last two weeks (Monday to Sunday, inclusive).
    const monday = addDays(todayDate, 1 - getISODay(todayDate));
    const currentStart = getISOWeek(monday) % 2 === 0 ? monday : addDays(monday, -7);
    const previousStart = addDays(currentStart, -14);
    const [ana, jonas, priya, mateo, sophie, lukas] = this.sales as [Person, Person, Person, Person, Person, Person];
    const [tom, elena, mia, daniel] = this.marketing as [Person, Person, Person, Person];
    const customersGoal = (start: Date) =>
      Math.max(4, Math.round((this.customersInRange(start.getTime() - 28 * DAY, start.getTime()) / 2) * 1.1));

    const previous = this.writeSprint(previousStart, [
      {
        title: 'New paying customers',
        unit: 'customers',
        target: customersGoal(previousStart),
        owners: [ana, tom],
        actual: 'customers',
      },
      { title: 'Qualified demos booked', unit: 'demos', target: 30, owners: [priya, elena], finalShare: 1.1 },
      {
        title: 'MQLs followed up within 24 h',
        unit: '%',
        target: 100,
        owners: [mateo, mia],
        finalShare: 0.92,
        level: true,
      },
      { title: 'Customer stories published', unit: 'stories', target: 3, owners: [sophie, daniel], finalShare: 0.67 },
    ]);
    this.writeSprint(currentStart, [
      {
        title: 'New paying customers',
        unit: 'customers',
        target: customersGoal(currentStart),
        owners: [ana, tom],
        actual: 'customers',
      },
      { title: 'Webinar sign-ups', unit: 'sign-ups', target: 150, owners: [jonas, tom], finalShare: 0.8 },
      { title: 'MQLs reviewed together', unit: 'reviews', target: 40, owners: [lukas, mia], finalShare: 0.95 },
      {
        title: 'Demo requests answered within 2 h',
        unit: '%',
        target: 100,
        owners: [priya, elena],
        finalShare: 0.88,
        level: true,
      },
      { title: 'Stale opportunities cleaned up', unit: 'deals', target: 60, owners: [mateo, daniel], finalShare: 1.05 },
    ]);

    const heldOn = format(addDays(previousStart, 11), 'yyyy-MM-dd');
    const retroAt = this.localTime(heldOn, 17);
    const retro = insertRetrospective(
      this.db,
      {
        id: this.ids.next(),
        sprintId: previous,
        heldOn,
        wentWell: 'Demo requests reached a rep within the hour. The webinar brought our best MQLs this quarter.',
        toImprove:
          'Sales and marketing still count MQLs differently. Leads from LinkedIn Ads waited too long for a first call.',
      },
      retroAt,
    );
    const items: { title: string; owner: Person; dueOffset: number; done: boolean }[] = [
      { title: 'Agree one MQL definition and put it in the glossary', owner: tom, dueOffset: -5, done: true },
      { title: 'Route website demo requests to the rep on duty', owner: ana, dueOffset: -4, done: false },
      { title: 'Add a reason code to every lost deal', owner: jonas, dueOffset: -1, done: false },
      { title: 'Share the LinkedIn Ads lead list with sales every Monday', owner: elena, dueOffset: -2, done: true },
      { title: 'Review the follow-up SLA after two sprints', owner: sophie, dueOffset: 4, done: false },
    ];
    for (const item of items) {
      // Never due before the retro that created it.
      const dueOn = this.maxDate(
        this.dateFromToday(item.dueOffset),
        this.dateFromToday(this.dayIndex(retroAt) + 1 - (this.days.length - 1)),
      );
      const doneAt = item.done
        ? Math.min(this.now - HOUR, Math.max(retroAt + DAY, this.localTime(dueOn, 11) - DAY))
        : null;
      insertActionItem(
        this.db,
        { id: this.ids.next(), retrospectiveId: retro.id, title: item.title, ownerId: item.owner.id, dueOn, doneAt },
        retroAt,
      );
      this.summary.actionItems++;
    }
  }

  private maxDate(a: string, b: string): string {
    return a > b ? a : b;
  }

  /** epoch ms of `hour`:00 on a local date 'YYYY-MM-DD' */
  private localTime(date: string, hour: number): number {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return new TZDate(y, m - 1, d, hour, 0, this.tz).getTime();
  }

  /** Writes one two-week sprint with its goals and daily progress; returns its id. */
  private writeSprint(
    start: Date,
    goals: {
      title: string;
      unit: string;
      target: number;
      owners: Person[];
      finalShare?: number;
      level?: boolean;
      actual?: 'customers';
    }[],
  ): string {
    const startsOn = format(start, 'yyyy-MM-dd');
    const endsOn = format(addDays(start, 13), 'yyyy-MM-dd');
    const createdAt = start.getTime() - 3 * DAY;
    const number = Math.ceil(getISOWeek(start) / 2);
    const sprint = insertSprint(
      this.db,
      { id: this.ids.next(), name: `Sprint ${number}`, startsOn, endsOn },
      createdAt,
    );
    this.summary.sprints++;
    const lastDay = Math.min(13, Math.floor((this.today.start - start.getTime()) / DAY + 0.5));
    goals.forEach((spec, position) => {
      // The value at the end of each day so far: cumulative goals grow, level goals (a rate) move around.
      const progress: { onDate: string; value: number }[] = [];
      let value = 0;
      for (let d = 0; d <= lastDay; d++) {
        const day = addDays(start, d);
        const share = (d + 1) / 14;
        if (spec.actual === 'customers') {
          value += this.customersByDay[this.dayIndex(day.getTime())] ?? 0;
        } else if (spec.level) {
          value = Math.max(
            0,
            Math.min(spec.target, Math.round(spec.target * (spec.finalShare ?? 1) + this.rng.between(-6, 6))),
          );
        } else {
          const planned = spec.target * (spec.finalShare ?? 1) * share ** this.rng.between(0.9, 1.2);
          value = Math.max(value, Math.round(planned));
        }
        progress.push({ onDate: format(day, 'yyyy-MM-dd'), value });
      }
      const goal = insertSprintGoal(
        this.db,
        {
          id: this.ids.next(),
          sprintId: sprint.id,
          title: spec.title,
          ownerTeam: 'joint',
          target: spec.target,
          current: value,
          unit: spec.unit,
          position,
        },
        createdAt,
      );
      this.summary.sprintGoals++;
      for (const owner of spec.owners) addSprintGoalOwner(this.db, goal.id, owner.id);
      for (const day of progress) recordSprintGoalProgress(this.db, { goalId: goal.id, ...day });
      // The goal was last updated when its last progress was recorded, not when it was set up.
      const lastUpdate = Math.min(this.now - HOUR, addDays(start, lastDay).getTime() + 17 * HOUR);
      if (lastDay >= 0 && lastUpdate > createdAt) setSprintGoalCurrent(this.db, goal.id, value, lastUpdate);
    });
    return sprint.id;
  }

  private writeMeetings(): void {
    // A meeting repeats on its weekdays every week (there is no every-other-week), so the sprint meetings
    // are named without a rhythm the wall could not keep.
    const meetings = [
      {
        kind: 'standup' as const,
        title: 'Daily stand-up',
        weekdays: [1, 2, 3, 4, 5],
        startTime: '09:30',
        durationMin: 15,
        slideIds: [...SLIDE_IDS],
      },
      {
        kind: 'lead_review' as const,
        title: 'Weekly lead review',
        weekdays: [2],
        startTime: '14:00',
        durationMin: 45,
        slideIds: ['funnel'],
      },
      {
        kind: 'retro' as const,
        title: 'Sprint retro',
        weekdays: [5],
        startTime: '16:00',
        durationMin: 60,
        slideIds: ['sprint'],
      },
      {
        kind: 'planning' as const,
        title: 'Sprint planning',
        weekdays: [1],
        startTime: '10:00',
        durationMin: 60,
        slideIds: ['sprint', 'funnel'],
      },
    ];
    const chosen = this.options.slides;
    for (const meeting of meetings) {
      const slideIds = chosen ? meeting.slideIds.filter((slideId) => chosen.includes(slideId)) : meeting.slideIds;
      const id = this.ids.next();
      insertMeeting(this.db, { ...meeting, slideIds, id }, this.setupAt);
      this.summary.meetings++;
      if (meeting.kind === 'standup') this.writeStandupRuns(id);
    }
  }

  /**
   * The stand-ups of the last two working weeks as held, so that the Meetings slide's trend of their length
   * has something to show: lengths from a fixed pattern around the planned 15 minutes (no draw from the
   * generator, which would change every figure after it).
   */
  private writeStandupRuns(meetingId: string): void {
    const minutes = [14, 12, 17, 13, 11, 16, 12, 19, 13, 12];
    const held = this.days.filter((day) => day.start < this.today.start && day.weekday <= 5).slice(-minutes.length);
    held.forEach((day, index) => {
      const startedAt = day.start + 9.5 * HOUR + (index % 3) * 60_000;
      insertMeetingRun(this.db, {
        id: this.ids.next(),
        meetingId,
        startedAt,
        endedAt: startedAt + minutes[index]! * 60_000,
      });
    });
  }

  private writeGlossary(): void {
    const [ana] = this.sales as [Person];
    const [tom, elena] = this.marketing as [Person, Person];
    const agreedAt = this.days[0]!.start + 10 * HOUR;
    const terms: { term: string; definition: string; stageKey: string | null; by: Person; at: number }[] = [
      {
        term: 'Lead',
        stageKey: 'lead',
        by: tom,
        at: agreedAt,
        definition:
          'Anyone who gave us contact details through a campaign or an inbound channel, or whom a rep sourced.',
      },
      {
        term: 'MQL',
        stageKey: 'mql',
        by: tom,
        at: agreedAt,
        definition: 'A lead who downloaded content or attended a webinar.',
      },
      {
        term: 'SQL',
        stageKey: 'sql',
        by: ana,
        at: agreedAt,
        definition:
          'A lead a sales rep has spoken to and confirmed need, budget and timing; the rep owns it from here.',
      },
      {
        term: 'Opportunity',
        stageKey: 'opportunity',
        by: ana,
        at: agreedAt,
        definition: 'A qualified lead with at least one deal in the pipeline.',
      },
      {
        term: 'Paying customer',
        stageKey: 'customer',
        by: ana,
        at: agreedAt,
        definition: 'A lead whose first deal was won; counted once, on the day that deal closed.',
      },
      {
        term: 'Follow-up',
        stageKey: null,
        by: ana,
        at: agreedAt,
        definition:
          "A rep's first personal contact with an MQL (call, email or meeting), or its disqualification; due within the SLA's hours of the MQL time.",
      },
      {
        term: 'MQL',
        stageKey: 'mql',
        by: elena,
        at: this.now - 9 * DAY,
        definition:
          'A lead from a company of 20–2,000 people in our markets who asked for a demo, attended a webinar or scored 60 points; handed to sales with a named owner.',
      },
    ];
    for (const term of terms) {
      addGlossaryTermVersion(
        this.db,
        {
          id: this.ids.next(),
          term: term.term,
          definition: term.definition,
          stageKey: term.stageKey,
          changedBy: term.by.id,
        },
        term.at,
      );
    }
  }

  private writeActivity(): void {
    // Stable sort: events at the same moment keep the order they happened in (won, then became customer).
    const events = this.events.map((event, index) => ({ event, index }));
    events.sort((a, b) => a.event.at - b.event.at || a.index - b.index);
    for (const { event } of events) {
      appendActivityEvent(this.db, {
        id: this.rng.id(event.at),
        machineId: this.options.machineId,
        ...event,
        at: Math.round(event.at),
      });
      this.summary.activityEvents++;
    }
  }
}

/** Times are whole milliseconds (INTEGER columns would otherwise store a REAL). */
function ms(at: number): number {
  return Math.round(at);
}

interface PlannedDeal {
  id: string;
  title: string;
  amountMinor: number;
  currency: string;
  createdAt: number;
  status: DealStatus;
  closedAt: number | null;
  closeReason: string | null;
  /** stages in the order the deal went through them, the last being where it is now */
  path: { stageId: string; at: number }[];
}
