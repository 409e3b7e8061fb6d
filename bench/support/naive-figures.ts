/**
 * The naive way to compute the funnel, KPI and SLA figures: read the rows into JavaScript and count, sum,
 * sort there, straight from the definitions in METRICS.md. It is what the services are compared against in
 * `refresh_vs_naive`, and the benchmark asserts that both give the same numbers, so the comparison is fair.
 * Rows are streamed (iterate) rather than collected, which is the kinder variant of naive: the ratio would
 * only grow with `.all()`. Nothing here calls a service's figure code (the like-for-like stretch included):
 * an equal result then means two readings of METRICS agree.
 */
import type Database from 'better-sqlite3';
import { LIFECYCLE_STAGES, type LifecycleStage, type Period, type PeriodKind } from '@shared/domain';
import { localDate, periodContaining, previousPeriod } from '@shared/calendar';
import { getDisplaySettings } from '../../electron/core/services/support/settings-service';
import { startOfLocalDay } from '../../tests/e2e/support/calendar';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ENTRY: Record<LifecycleStage, 'lead_at' | 'mql_at' | 'sql_at' | 'opportunity_at' | 'customer_at'> = {
  lead: 'lead_at',
  mql: 'mql_at',
  sql: 'sql_at',
  opportunity: 'opportunity_at',
  customer: 'customer_at',
};
const FUNNEL_WINDOW_DAYS = 90;
const KPI_TREND_PERIODS = 6;
const SLA_LIST_LIMIT = 20;
const SLA_BREACH_LOOKBACK_DAYS = 30;

interface LeadRow {
  id: string;
  name: string;
  company: string | null;
  stage: string;
  source_team: 'sales' | 'marketing';
  owner_id: string | null;
  lead_at: number;
  mql_at: number | null;
  sql_at: number | null;
  opportunity_at: number | null;
  customer_at: number | null;
  disqualified_at: number | null;
  first_follow_up_at: number | null;
  deleted_at: number | null;
}

/** The parts of each figure that are numbers computed from rows (labels, freshness and the like left out). */
export type ComparableFigures = Record<string, unknown>;

/** Picks from a service result the figures the naive implementation recomputes. */
export function pickComparableFigures(method: string, result: unknown): ComparableFigures {
  // The results are the contract's types; only their figure fields are compared.
  const r = result as Record<string, unknown>;
  switch (method) {
    case 'funnel.get': {
      const lifecycle = r.lifecycle as Record<string, unknown>[];
      const pipeline = r.pipeline as Record<string, unknown>[];
      return {
        lifecycle: lifecycle.map((row) => ({
          stage: row.stage,
          inStage: row.inStage,
          enteredInPeriod: row.enteredInPeriod,
          enteredPreviousPeriod: row.enteredPreviousPeriod,
          lostInPeriod: row.lostInPeriod,
          lostPreviousPeriod: row.lostPreviousPeriod,
          cohortSize: row.cohortSize,
          conversionToNext: row.conversionToNext,
          medianHoursInStage: row.medianHoursInStage,
        })),
        pipeline: pipeline.map((row) => ({ stageId: row.stageId, openCount: row.openCount, amounts: row.amounts })),
      };
    }
    case 'kpi.get': {
      const figure = r.figure as Record<string, unknown>;
      const trend = r.trend as { period: { start: number }; actual: number; target: number | null }[];
      return {
        actual: figure.actual,
        target: figure.target,
        split: r.split,
        trend: trend.map((point) => ({ start: point.period.start, actual: point.actual, target: point.target })),
      };
    }
    case 'sla.get': {
      const marketing = r.marketing as Record<string, unknown>;
      type Listed = { leadId: string; dueAt: number; ownerName: string | null }[];
      const list = (rows: Listed) =>
        rows.map((row) => ({ leadId: row.leadId, dueAt: row.dueAt, ownerName: row.ownerName }));
      return {
        delivered: marketing.actual,
        target: marketing.target,
        sales: r.sales,
        waiting: list(r.waiting as Listed),
        breaches: list(r.breaches as Listed),
      };
    }
    default:
      throw new Error(`no naive implementation of ${method}`);
  }
}

/** The naive figures for `methods` (a subset of funnel.get, kpi.get, sla.get) at `now`. */
export function computeNaiveFigures(
  db: Database.Database,
  now: number,
  methods: readonly string[],
): Record<string, ComparableFigures> {
  const settings = getDisplaySettings({ db });
  const tz = settings.timezone;
  const leads = db
    .prepare(
      `SELECT id, name, company, stage, source_team, owner_id, lead_at, mql_at, sql_at, opportunity_at, customer_at,
              disqualified_at, first_follow_up_at, deleted_at FROM leads`,
    )
    .iterate() as IterableIterator<LeadRow>;

  const wantFunnel = methods.includes('funnel.get');
  const wantKpi = methods.includes('kpi.get');
  const wantSla = methods.includes('sla.get');

  // Funnel set-up. "Against the previous period" is like for like: the previous period up to the same point.
  const period = periodContaining(now, settings.periodKind, tz);
  const before = { start: previousPeriod(period, tz).start, end: sameShareEnd(period, now, tz) };
  const opportunityDeals = wantFunnel ? dealsByLead(db) : new Map<string, LeadDeals>();
  const windowFrom = now - FUNNEL_WINDOW_DAYS * DAY;
  const inStage = zero();
  const entered = zero();
  const enteredBefore = zero();
  const lost = { inPeriod: 0, before: 0 };
  const cohort = zero();
  const converted = zero();
  const durations: Record<LifecycleStage, number[]> = { lead: [], mql: [], sql: [], opportunity: [], customer: [] };

  // KPI: every customer, and the earliest trace of a lead (the trend starts no earlier than its period).
  const customers: { at: number; team: 'sales' | 'marketing' }[] = [];
  let earliest: number | null = null;

  // SLA set-up.
  const terms = db
    .prepare('SELECT * FROM sla_terms WHERE valid_from <= ? ORDER BY valid_from DESC, id DESC')
    .all(now)[0] as { mqls_per_period: number; period_kind: PeriodKind; follow_up_hours: number } | undefined;
  const slaPeriod = periodContaining(now, terms?.period_kind ?? settings.periodKind, tz);
  const followUpMs = Math.round((terms?.follow_up_hours ?? 0) * HOUR);
  const breachFrom = Math.max(slaPeriod.start, now - SLA_BREACH_LOOKBACK_DAYS * DAY);
  const sla = { delivered: 0, met: 0, late: 0, breached: 0, waiting: 0 };
  const waitingLeads: LeadRow[] = [];
  const breachedLeads: LeadRow[] = [];

  for (const lead of leads) {
    if (lead.deleted_at !== null) continue;
    if (wantFunnel) {
      // Opportunity "now" counts open opportunities only; one whose deals are all lost is a lost opportunity
      // in the period of its last loss.
      const deals = lead.stage === 'opportunity' ? opportunityDeals.get(lead.id) : undefined;
      if (lead.stage === 'opportunity') {
        if (deals?.open) inStage.opportunity += 1;
        else if (deals !== undefined && !deals.notLost && deals.lastLoss !== null) {
          if (deals.lastLoss >= period.start && deals.lastLoss < period.end) lost.inPeriod += 1;
          if (deals.lastLoss >= before.start && deals.lastLoss < before.end) lost.before += 1;
        }
      } else if (lead.stage !== 'disqualified') inStage[lead.stage as LifecycleStage] += 1;
      LIFECYCLE_STAGES.forEach((stage, index) => {
        const at = lead[ENTRY[stage]];
        if (at === null) return;
        if (at >= period.start && at < period.end) entered[stage] += 1;
        if (at >= before.start && at < before.end) enteredBefore[stage] += 1;
        const later = LIFECYCLE_STAGES.slice(index + 1).map((next) => lead[ENTRY[next]]);
        if (at >= windowFrom && at <= now) {
          cohort[stage] += 1;
          if (later.some((value) => value !== null)) converted[stage] += 1;
        }
        const next = later.find((value) => value !== null);
        if (next !== undefined && next !== null && next >= windowFrom && next <= now) durations[stage].push(next - at);
      });
    }
    if (wantKpi) {
      const first = lead.customer_at === null ? lead.lead_at : Math.min(lead.lead_at, lead.customer_at);
      earliest = earliest === null ? first : Math.min(earliest, first);
      if (lead.customer_at !== null) customers.push({ at: lead.customer_at, team: lead.source_team });
    }
    if (wantSla && terms !== undefined && lead.mql_at !== null) {
      if (lead.mql_at >= slaPeriod.start && lead.mql_at < slaPeriod.end) sla.delivered += 1;
      const due = lead.mql_at + followUpMs;
      const followUps = [lead.first_follow_up_at, lead.disqualified_at].filter((at): at is number => at !== null);
      const followUp = followUps.length === 0 ? null : Math.min(...followUps);
      if (due >= slaPeriod.start && due < slaPeriod.end) {
        if (followUp !== null) sla[followUp <= due ? 'met' : 'late'] += 1;
        else sla[now >= due ? 'breached' : 'waiting'] += 1;
      }
      if (followUp === null && now < due) waitingLeads.push(lead);
      if (followUp === null && now >= due && due >= breachFrom) breachedLeads.push(lead);
    }
  }

  const out: Record<string, ComparableFigures> = {};
  if (wantFunnel) {
    out['funnel.get'] = {
      lifecycle: LIFECYCLE_STAGES.map((stage, index) => ({
        stage,
        // Customers on a funnel are the new ones of the period, not all customers ever.
        inStage: stage === 'customer' ? entered.customer : inStage[stage],
        enteredInPeriod: entered[stage],
        enteredPreviousPeriod: enteredBefore[stage],
        lostInPeriod: stage === 'opportunity' ? lost.inPeriod : null,
        lostPreviousPeriod: stage === 'opportunity' ? lost.before : null,
        cohortSize: cohort[stage],
        conversionToNext:
          index === LIFECYCLE_STAGES.length - 1 || cohort[stage] === 0 ? null : converted[stage] / cohort[stage],
        medianHoursInStage: medianOf(durations[stage]) === null ? null : medianOf(durations[stage])! / HOUR,
      })),
      pipeline: naivePipeline(db, settings.currency),
    };
  }
  if (wantKpi) {
    const kpiPeriods = [period];
    while (kpiPeriods.length < KPI_TREND_PERIODS && earliest !== null && earliest < kpiPeriods[0]!.start) {
      kpiPeriods.unshift(previousPeriod(kpiPeriods[0]!, tz));
    }
    const kpiCounts = kpiPeriods.map(() => ({ marketing: 0, sales: 0 }));
    for (const customer of customers) {
      const i = kpiPeriods.findIndex((p) => customer.at >= p.start && customer.at < p.end);
      if (i >= 0) kpiCounts[i]![customer.team] += 1;
    }
    const targets = db
      .prepare(`SELECT period_start, target FROM kpi_targets WHERE kpi_id = 'new_paying_customers' AND period_kind = ?`)
      .all(settings.periodKind) as { period_start: string; target: number }[];
    const targetOf = (start: number) => targets.find((t) => t.period_start === localDate(start, tz))?.target ?? null;
    const current = kpiCounts.at(-1)!;
    out['kpi.get'] = {
      actual: current.marketing + current.sales,
      target: targetOf(period.start),
      split: current,
      trend: kpiPeriods.map((p, i) => ({
        start: p.start,
        actual: kpiCounts[i]!.marketing + kpiCounts[i]!.sales,
        target: targetOf(p.start),
      })),
    };
  }
  if (wantSla) {
    const people = new Map(
      (db.prepare('SELECT id, name FROM people').all() as { id: string; name: string }[]).map((p) => [p.id, p.name]),
    );
    const byMqlThenId = (a: LeadRow, b: LeadRow) => a.mql_at! - b.mql_at! || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const list = (rows: LeadRow[]) =>
      rows
        .sort(byMqlThenId)
        .slice(0, SLA_LIST_LIMIT)
        .map((lead) => ({
          leadId: lead.id,
          dueAt: lead.mql_at! + followUpMs,
          ownerName: lead.owner_id === null ? null : (people.get(lead.owner_id) ?? null),
        }));
    const judged = sla.met + sla.late + sla.breached;
    out['sla.get'] = {
      delivered: terms === undefined ? 0 : sla.delivered,
      target: terms?.mqls_per_period ?? null,
      sales: {
        met: sla.met,
        late: sla.late,
        breached: sla.breached,
        waiting: sla.waiting,
        compliance: judged === 0 ? null : sla.met / judged,
      },
      waiting: list(waitingLeads),
      breaches: list(breachedLeads),
    };
  }
  return out;
}

/** What the deals of one lead say about its opportunity: any open, any not lost, the latest loss. */
interface LeadDeals {
  open: boolean;
  notLost: boolean;
  lastLoss: number | null;
}

/** Every deal row (deleted ones left out), folded per lead. */
function dealsByLead(db: Database.Database): Map<string, LeadDeals> {
  const byLead = new Map<string, LeadDeals>();
  const deals = db.prepare('SELECT lead_id, status, closed_at, deleted_at FROM deals').iterate() as IterableIterator<{
    lead_id: string | null;
    status: string;
    closed_at: number | null;
    deleted_at: number | null;
  }>;
  for (const deal of deals) {
    if (deal.lead_id === null || deal.deleted_at !== null) continue;
    const folded = byLead.get(deal.lead_id) ?? { open: false, notLost: false, lastLoss: null };
    if (deal.status === 'open') folded.open = true;
    if (deal.status !== 'lost') folded.notLost = true;
    else if (deal.closed_at !== null) folded.lastLoss = Math.max(folded.lastLoss ?? deal.closed_at, deal.closed_at);
    byLead.set(deal.lead_id, folded);
  }
  return byLead;
}

/**
 * Where the previous period's like-for-like stretch ends (METRICS: against the previous period): with e of
 * the current period's w working days elapsed (today counted), the previous period's round(e ÷ w × its
 * working days)-th working day is the same point. On a working day the stretch ends on that day at the
 * time of day it is now; on a weekend day, where the next working day after it begins.
 */
function sameShareEnd(current: Period, now: number, tz: string): number {
  const previous = previousPeriod(current, tz);
  const working = (period: Period) => localDates(period, tz).filter(isWorkday);
  const today = localDate(now, tz);
  const currentWorking = working(current);
  const elapsed = currentWorking.filter((date) => date <= today).length;
  const previousWorking = working(previous);
  const j = Math.round((elapsed / currentWorking.length) * previousWorking.length);
  let end: number;
  if (isWorkday(today) && j >= 1) {
    end = localInstant(previousWorking[j - 1]!, msSinceLocalMidnight(now, tz), tz);
  } else if (j < previousWorking.length) {
    end = localInstant(previousWorking[j]!, 0, tz);
  } else {
    end = previous.end;
  }
  return Math.min(Math.max(end, previous.start), previous.end);
}

/** The calendar dates of a period in the zone, first to last. */
function localDates(period: Period, tz: string): string[] {
  const dates: string[] = [];
  // Noon of each day steps safely over DST changes (a local day is 23 to 25 hours long).
  for (let at = period.start + 12 * HOUR; at < period.end + 12 * HOUR; at += DAY) {
    const date = localDate(Math.min(at, period.end - 1), tz);
    if (dates.at(-1) !== date) dates.push(date);
  }
  return dates;
}

function isWorkday(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** A 'YYYY-MM-DD' date's local midnight in the zone. */
function localMidnight(date: string, tz: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return startOfLocalDay({ year, month, day }, tz);
}

/** The instant at which the zone's clock reads `date` plus `msOfDay` (no DST change falls on a working day). */
function localInstant(date: string, msOfDay: number, tz: string): number {
  return localMidnight(date, tz) + msOfDay;
}

function msSinceLocalMidnight(at: number, tz: string): number {
  return at - localMidnight(localDate(at, tz), tz);
}

/** Open deals per open pipeline stage and currency, from every deal row. */
function naivePipeline(db: Database.Database, roomCurrency: string): ComparableFigures[] {
  const stages = db
    .prepare(`SELECT id, archived_at FROM pipeline_stages WHERE kind = 'open' ORDER BY position, id`)
    .all() as { id: string; archived_at: number | null }[];
  const totals = new Map<string, Map<string, { count: number; amount: number }>>();
  const deals = db
    .prepare('SELECT stage_id, status, currency, amount_minor, deleted_at FROM deals')
    .iterate() as IterableIterator<{
    stage_id: string;
    status: string;
    currency: string;
    amount_minor: number;
    deleted_at: number | null;
  }>;
  for (const deal of deals) {
    if (deal.status !== 'open' || deal.deleted_at !== null) continue;
    const byCurrency = totals.get(deal.stage_id) ?? new Map();
    totals.set(deal.stage_id, byCurrency);
    const total = byCurrency.get(deal.currency) ?? { count: 0, amount: 0 };
    total.count += 1;
    total.amount += deal.amount_minor;
    byCurrency.set(deal.currency, total);
  }
  return stages
    .filter((stage) => stage.archived_at === null || totals.has(stage.id))
    .map((stage) => {
      const byCurrency = totals.get(stage.id) ?? new Map<string, { count: number; amount: number }>();
      const others = [...byCurrency.keys()].filter((c) => c !== roomCurrency).sort();
      return {
        stageId: stage.id,
        openCount: [...byCurrency.values()].reduce((sum, t) => sum + t.count, 0),
        amounts: [
          { currency: roomCurrency, amountMinor: byCurrency.get(roomCurrency)?.amount ?? 0 },
          ...others.map((currency) => ({ currency, amountMinor: byCurrency.get(currency)!.amount })),
        ],
      };
    });
}

function zero(): Record<LifecycleStage, number> {
  return { lead: 0, mql: 0, sql: 0, opportunity: 0, customer: 0 };
}

function medianOf(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
