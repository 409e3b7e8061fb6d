import { memorySecretStore } from '../../../electron/core/secrets/secret-store';
import type Database from 'better-sqlite3';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { afterEach, describe, expect, test } from 'vitest';
import { insertPerson } from '../../../electron/core/db/repositories/people-repository';
import { listPipelineStages } from '../../../electron/core/db/repositories/pipeline-repository';
import {
  DEFAULT_DEMO_DEALS,
  ensureDemoData,
  generateDemoData,
  type DemoSummary,
} from '../../../electron/core/services/demo/demo-data';
import { isDemoData } from '../../../electron/core/services/support/settings-service';
import { getSla } from '../../../electron/core/services/reads/sla-service';
import { coreContext } from '../../../electron/core/context';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { EventBus } from '../../../electron/core/services/support/event-bus';
import { openTempDatabase, tempContext, type TempDatabase } from '../db/temp-database';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** a Wednesday morning in Berlin */
const NOW = Date.UTC(2026, 2, 18, 9, 30);
const TZ = 'Europe/Berlin';

const temps: TempDatabase[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.cleanup();
});

function generate(options: { seed?: number; now?: number; timezone?: string; deals?: number } = {}) {
  const temp = openTempDatabase();
  temps.push(temp);
  const summary = generateDemoData(temp.db, {
    now: options.now ?? NOW,
    timezone: options.timezone ?? TZ,
    machineId: 'demo-machine',
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.deals === undefined ? {} : { deals: options.deals }),
  });
  return { db: temp.db, summary };
}

/** Every row of every table, in a stable order. */
function dump(db: Database.Database): Record<string, unknown[]> {
  const tables = db
    .prepare(
      `SELECT name, wr FROM pragma_table_list
        WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all() as { name: string; wr: number }[];
  // A WITHOUT ROWID table (the figure aggregates) has no rowid; a plain scan of it is in primary-key order.
  return Object.fromEntries(
    tables.map(({ name, wr }) => [
      name,
      db.prepare(`SELECT * FROM "${name}"${wr === 1 ? '' : ' ORDER BY rowid'}`).all(),
    ]),
  );
}

function all<T>(db: Database.Database, sql: string, ...params: unknown[]): T[] {
  return db.prepare(sql).all(...params) as T[];
}

function one<T>(db: Database.Database, sql: string, ...params: unknown[]): T {
  return db.prepare(sql).get(...params) as T;
}

interface LeadRow {
  id: string;
  stage: string;
  lead_at: number;
  mql_at: number | null;
  sql_at: number | null;
  opportunity_at: number | null;
  customer_at: number | null;
  disqualified_at: number | null;
  first_follow_up_at: number | null;
  owner_id: string | null;
}

/** What must hold for generated data at any `now` in any zone. */
function expectConsistent(db: Database.Database, summary: DemoSummary, now: number, timezone: string): void {
  // Times are whole milliseconds and none lies in the future.
  for (const [table, columns] of Object.entries({
    leads: ['lead_at', 'mql_at', 'sql_at', 'opportunity_at', 'customer_at', 'disqualified_at', 'first_follow_up_at'],
    deals: ['created_at', 'stage_entered_at', 'closed_at', 'updated_at'],
    lead_transitions: ['at'],
    activity_events: ['at'],
    lead_reviews: ['reviewed_at'],
  })) {
    for (const column of columns) {
      const bad = one<{ n: number }>(
        db,
        `SELECT count(*) AS n FROM ${table} WHERE ${column} IS NOT NULL AND (typeof(${column}) <> 'integer' OR ${column} > ?)`,
        now,
      );
      expect(bad.n, `${table}.${column}`).toBe(0);
    }
  }

  // Lifecycle: stage times in funnel order; the stage is the latest reached one, or disqualified.
  const leads = all<LeadRow>(db, 'SELECT * FROM leads');
  expect(leads).toHaveLength(summary.leads);
  for (const lead of leads) {
    const reached = [lead.lead_at, lead.mql_at, lead.sql_at, lead.opportunity_at, lead.customer_at].filter(
      (at): at is number => at !== null,
    );
    expect(reached).toEqual([...reached].sort((a, b) => a - b));
    const latest = (['customer', 'opportunity', 'sql', 'mql', 'lead'] as const).find(
      (stage) => lead[`${stage}_at` as keyof LeadRow] !== null,
    );
    expect(lead.stage).toBe(lead.disqualified_at !== null ? 'disqualified' : latest);
    if (lead.mql_at !== null && lead.first_follow_up_at !== null) {
      expect(lead.first_follow_up_at).toBeGreaterThanOrEqual(lead.mql_at);
    }
    if (lead.mql_at !== null) expect(lead.owner_id).not.toBeNull();
  }

  // METRICS: a lead becomes a customer when its first deal is won, at that deal's close time.
  const customerMismatch = one<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM leads l
     WHERE customer_at IS NOT (SELECT min(closed_at) FROM deals d WHERE d.lead_id = l.id AND d.status = 'won')`,
  );
  expect(customerMismatch.n).toBe(0);

  // Deals: status follows the stage kind, close reasons match the outcome, times in order.
  const badDeals = one<{ n: number }>(
    db,
    `SELECT count(*) AS n FROM deals d
     JOIN pipeline_stages s ON s.id = d.stage_id
     LEFT JOIN reason_codes r ON r.code = d.close_reason
     LEFT JOIN leads l ON l.id = d.lead_id
     WHERE s.kind <> d.status
        OR (d.close_reason IS NOT NULL AND r.kind <> d.status)
        OR d.stage_entered_at < d.created_at
        OR (d.closed_at IS NOT NULL AND d.closed_at < d.created_at)
        OR (l.id IS NOT NULL AND (l.opportunity_at IS NULL OR l.opportunity_at > d.created_at))`,
  );
  expect(badDeals.n).toBe(0);
  expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM deals').n).toBe(summary.deals);

  // Sprints: the previous one finished, the current one contains today.
  const today = format(new TZDate(now, timezone), 'yyyy-MM-dd');
  const sprints = all<{ id: string; starts_on: string; ends_on: string }>(
    db,
    'SELECT * FROM sprints ORDER BY starts_on',
  );
  expect(sprints).toHaveLength(2);
  const [previous, current] = sprints as [(typeof sprints)[0], (typeof sprints)[0]];
  expect(previous.ends_on < today).toBe(true);
  expect(current.starts_on <= today && today <= current.ends_on).toBe(true);
  for (const sprint of sprints) {
    const goals = all<{ id: string; current: number; owner_team: string }>(
      db,
      'SELECT * FROM sprint_goals WHERE sprint_id = ?',
      sprint.id,
    );
    expect(goals.length).toBeGreaterThanOrEqual(3);
    expect(goals.length).toBeLessThanOrEqual(5);
    for (const goal of goals) {
      expect(goal.owner_team).toBe('joint');
      const teams = all<{ team: string }>(
        db,
        `SELECT DISTINCT p.team FROM sprint_goal_owners o JOIN people p ON p.id = o.person_id WHERE o.goal_id = ? ORDER BY p.team`,
        goal.id,
      ).map((row) => row.team);
      expect(teams).toEqual(['marketing', 'sales']);
      const progress = all<{ on_date: string; value: number }>(
        db,
        'SELECT on_date, value FROM sprint_goal_progress WHERE goal_id = ? ORDER BY on_date',
        goal.id,
      );
      expect(progress[0]!.on_date).toBe(sprint.starts_on);
      expect(progress.at(-1)!.on_date).toBe(sprint === previous ? sprint.ends_on : today);
      expect(progress.at(-1)!.value).toBe(goal.current);
    }
  }

  // The feed: ordered by time, each deal event renderable from its payload alone.
  const events = all<{ seq: number; at: number; type: string; entity: string; entity_id: string; payload: string }>(
    db,
    'SELECT * FROM activity_events ORDER BY seq',
  );
  expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort((a, b) => a - b));
  for (const event of events) {
    const payload = JSON.parse(event.payload) as Record<string, unknown>;
    expect(typeof payload.title).toBe('string');
    expect(typeof payload.toStageName).toBe('string');
    expect(typeof payload.amountMinor).toBe('number');
    if (event.type === 'lead.became_customer') {
      expect(
        one<{ customer_at: number }>(db, 'SELECT customer_at FROM leads WHERE id = ?', event.entity_id).customer_at,
      ).toBe(event.at);
    }
  }
}

describe('generateDemoData', () => {
  test('is deterministic: the same seed and time give identical rows, ids included', () => {
    const a = generate({ seed: 7 });
    const b = generate({ seed: 7 });
    const c = generate({ seed: 8 });
    expect(a.summary).toEqual(b.summary);
    expect(dump(a.db)).toEqual(dump(b.db));
    expect(dump(c.db).deals).not.toEqual(dump(a.db).deals);
  });

  test('makes a believable quarter at the default size', () => {
    const { db, summary } = generate();
    expectConsistent(db, summary, NOW, TZ);

    // The team: 6 in sales, 4 in marketing.
    expect(all(db, 'SELECT team, count(*) AS n FROM people GROUP BY team ORDER BY team')).toEqual([
      { team: 'marketing', n: 4 },
      { team: 'sales', n: 6 },
    ]);
    // About ten campaigns; marketing channels and sales-sourced ones.
    const channels = all<{ channel: string; source_team: string }>(db, 'SELECT channel, source_team FROM campaigns');
    expect(channels.length).toBeGreaterThanOrEqual(8);
    expect(channels.length).toBeLessThanOrEqual(12);
    for (const channel of ['webinar', 'paid', 'content', 'event', 'email']) {
      expect(channels).toContainEqual({ channel, source_team: 'marketing' });
    }
    for (const channel of ['outbound', 'referral']) expect(channels).toContainEqual({ channel, source_team: 'sales' });

    // Several hundred leads over about a quarter, roughly 15 % disqualified, through every stage.
    expect(summary.leads).toBeGreaterThanOrEqual(450);
    expect(summary.leads).toBeLessThanOrEqual(800);
    const span = one<{ first: number; last: number }>(
      db,
      'SELECT min(lead_at) AS first, max(lead_at) AS last FROM leads',
    );
    expect(NOW - span.first).toBeGreaterThan(85 * DAY);
    expect(NOW - span.first).toBeLessThan(130 * DAY);
    expect(NOW - span.last).toBeLessThan(2 * DAY);
    expect(summary.disqualified / summary.leads).toBeGreaterThan(0.1);
    expect(summary.disqualified / summary.leads).toBeLessThan(0.2);
    for (const stage of ['lead', 'mql', 'sql', 'opportunity', 'customer', 'disqualified']) {
      expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM leads WHERE stage = ?', stage).n, stage).toBeGreaterThan(
        10,
      );
    }
    // Some leads skip a stage (sales-sourced ones go straight to SQL or opportunity).
    expect(
      one<{ n: number }>(db, 'SELECT count(*) AS n FROM leads WHERE sql_at IS NOT NULL AND mql_at IS NULL').n,
    ).toBeGreaterThan(0);
    expect(
      one<{ n: number }>(db, 'SELECT count(*) AS n FROM leads WHERE opportunity_at IS NOT NULL AND sql_at IS NULL').n,
    ).toBeGreaterThan(0);

    // SLA: follow-ups mostly within 24 h, some late, and a few MQLs waiting or breached right now.
    const sla = one<{ met: number; late: number; waiting: number; breached: number }>(
      db,
      `SELECT sum(first_follow_up_at <= mql_at + 86400000) AS met,
              sum(first_follow_up_at > mql_at + 86400000) AS late,
              sum(first_follow_up_at IS NULL AND disqualified_at IS NULL AND mql_at + 86400000 > ?) AS waiting,
              sum(first_follow_up_at IS NULL AND disqualified_at IS NULL AND mql_at + 86400000 <= ? AND mql_at > ?) AS breached
       FROM leads WHERE mql_at IS NOT NULL`,
      NOW,
      NOW,
      NOW - 7 * DAY,
    );
    expect(sla.met / (sla.met + sla.late)).toBeGreaterThan(0.7);
    expect(sla.late).toBeGreaterThan(0);
    expect(sla.waiting).toBeGreaterThanOrEqual(2);
    expect(sla.breached).toBeGreaterThanOrEqual(2);

    // Deals: exactly the size asked for, dozens in every pipeline stage, EUR with a few USD.
    expect(summary.deals).toBe(DEFAULT_DEMO_DEALS);
    for (const stage of listPipelineStages(db)) {
      const n = one<{ n: number }>(db, 'SELECT count(*) AS n FROM deals WHERE stage_id = ?', stage.id).n;
      expect(n, stage.id).toBeGreaterThanOrEqual(24);
      expect(summary.dealsByStage[stage.id]).toBe(n);
    }
    const currencies = Object.fromEntries(
      all<{ currency: string; n: number }>(db, 'SELECT currency, count(*) AS n FROM deals GROUP BY currency').map(
        (r) => [r.currency, r.n],
      ),
    );
    expect(Object.keys(currencies).sort()).toEqual(['EUR', 'USD']);
    expect(currencies.USD!).toBeLessThan(currencies.EUR! / 5);
    expect(
      one<{ n: number }>(db, `SELECT count(*) AS n FROM deals WHERE status <> 'open' AND close_reason IS NOT NULL`).n,
    ).toBeGreaterThan(summary.dealsByStage.won! / 2);
    expect(summary.customers).toBe(
      one<{ n: number }>(db, 'SELECT count(*) AS n FROM leads WHERE customer_at IS NOT NULL').n,
    );

    // Meetings (weekdays as ISO numbers), SLA terms, KPI targets for this and the previous two months.
    const meetings = all<{ kind: string; weekdays: string; start_time: string; duration_min: number }>(
      db,
      'SELECT kind, weekdays, start_time, duration_min FROM meetings',
    );
    expect(meetings).toContainEqual({ kind: 'standup', weekdays: '1,2,3,4,5', start_time: '09:30', duration_min: 15 });
    expect(meetings.map((m) => m.kind)).toEqual(expect.arrayContaining(['lead_review', 'retro']));
    expect(meetings.find((m) => m.kind === 'retro')!.weekdays).toBe('5');
    expect(all(db, 'SELECT period_kind, follow_up_hours FROM sla_terms')).toEqual([
      { period_kind: 'month', follow_up_hours: 24 },
    ]);
    expect(one<{ m: number }>(db, 'SELECT mqls_per_period AS m FROM sla_terms').m).toBeGreaterThan(0);
    expect(
      all<{ period_start: string }>(db, 'SELECT period_start FROM kpi_targets ORDER BY period_start').map(
        (r) => r.period_start,
      ),
    ).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);

    // Glossary: the six agreed terms, one of them changed once.
    expect(
      all<{ term: string }>(db, 'SELECT DISTINCT term FROM glossary_terms ORDER BY term').map((r) => r.term),
    ).toEqual(['Follow-up', 'Lead', 'MQL', 'Opportunity', 'Paying customer', 'SQL']);
    expect(all(db, 'SELECT term, max(version) AS v FROM glossary_terms GROUP BY term HAVING v > 1')).toEqual([
      { term: 'MQL', v: 2 },
    ]);

    // Lead reviews with reason codes; a retrospective with overdue and done action items.
    expect(summary.leadReviews).toBeGreaterThan(10);
    expect(one<{ n: number }>(db, 'SELECT count(DISTINCT review_id) AS n FROM lead_review_reasons').n).toBe(
      summary.leadReviews,
    );
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM retrospectives').n).toBe(1);
    const today = format(new TZDate(NOW, TZ), 'yyyy-MM-dd');
    const items = all<{ due_on: string; done_at: number | null }>(db, 'SELECT due_on, done_at FROM action_items');
    expect(items.filter((i) => i.done_at !== null).length).toBeGreaterThan(0);
    expect(items.filter((i) => i.done_at === null && i.due_on < today).length).toBeGreaterThan(0);

    // A live feed that is not empty: deal events of the last days.
    const recent = all<{ type: string }>(
      db,
      'SELECT DISTINCT type FROM activity_events WHERE at > ?',
      NOW - 3 * DAY,
    ).map((r) => r.type);
    expect(recent).toEqual(expect.arrayContaining(['deal.created', 'deal.stage_changed']));
    expect(one<{ n: number }>(db, 'SELECT count(*) AS n FROM activity_events').n).toBe(summary.activityEvents);
    expect(all(db, 'SELECT DISTINCT machine_id FROM activity_events')).toEqual([{ machine_id: 'demo-machine' }]);

    expect(isDemoData(db)).toBe(true);
  });

  test.each([
    ['a Monday just after midnight', Date.UTC(2026, 2, 15, 23, 30), 'Europe/Berlin'],
    ['the day clocks go forward', Date.UTC(2026, 2, 29, 10, 0), 'Europe/Berlin'],
    ['a Sunday evening in New York', Date.UTC(2026, 10, 2, 1, 0), 'America/New_York'],
  ])('stays consistent on %s', (_name, now, timezone) => {
    const { db, summary } = generate({ now, timezone, deals: 120 });
    expectConsistent(db, summary, now, timezone);
  });

  // The wall's SLA slide is part of the demo: it must show a lead waiting and a breach whenever the demo is
  // made, also when the terms count business hours only (Monday to Friday, 07:00 to 19:00 by default).
  test.each([
    ['a Saturday just before midnight', Date.UTC(2026, 11, 5, 22, 50)],
    ['a Monday before the working day starts', Date.UTC(2026, 11, 7, 5, 59)],
    ['the first minutes of a month', Date.UTC(2026, 10, 30, 23, 10)],
    ['a Friday evening after work', Date.UTC(2026, 11, 4, 18, 30)],
  ])('leaves the SLA slide a waiting MQL and a breach on %s, by wall clock and by business hours', (_name, now) => {
    const { db } = generate({ now });
    const ctx = coreContext({
      db,
      clock: fixedClock(now),
      machineId: 'test-machine',
      bus: new EventBus(),
      secrets: memorySecretStore(),
      dbFile: ':temp:',
    });
    for (const businessHoursOnly of [0, 1]) {
      db.prepare('UPDATE sla_terms SET business_hours_only = ?').run(businessHoursOnly);
      const sla = getSla(ctx);
      expect(sla.terms?.businessHoursOnly, 'the mode in force').toBe(businessHoursOnly === 1);
      expect(sla.waiting.length, `waiting (business hours: ${businessHoursOnly})`).toBeGreaterThan(0);
      expect(sla.breaches.length, `breaches (business hours: ${businessHoursOnly})`).toBeGreaterThan(0);
    }
  });

  test('the deals option scales deals exactly and leads with them', () => {
    const small = generate({ deals: 40 });
    const large = generate({ deals: 600 });
    expect(small.summary.deals).toBe(40);
    expect(large.summary.deals).toBe(600);
    // Leads scale in proportion (about two per deal), within a generous band.
    for (const { summary } of [small, large]) {
      expect(summary.leads / summary.deals).toBeGreaterThan(1.3);
      expect(summary.leads / summary.deals).toBeLessThan(3.5);
    }
    expectConsistent(large.db, large.summary, NOW, TZ);
  });

  test('refuses a size that is not a whole number', () => {
    const temp = openTempDatabase();
    temps.push(temp);
    expect(() => generateDemoData(temp.db, { now: NOW, timezone: TZ, machineId: 'm', deals: -1 })).toThrow(RangeError);
    expect(() => generateDemoData(temp.db, { now: NOW, timezone: TZ, machineId: 'm', deals: 1.5 })).toThrow(RangeError);
    expect(one<{ n: number }>(temp.db, 'SELECT count(*) AS n FROM people').n).toBe(0);
  });
});

describe('ensureDemoData', () => {
  test('fills an empty database once, then leaves it alone', () => {
    const { ctx, temp } = tempContext(NOW);
    temps.push(temp);

    expect(ensureDemoData(ctx, TZ)).toBe(true);
    const filled = dump(ctx.db);
    expect(filled.deals!.length).toBe(DEFAULT_DEMO_DEALS);
    expect(isDemoData(ctx.db)).toBe(true);

    expect(ensureDemoData(ctx, TZ)).toBe(false);
    expect(dump(ctx.db)).toEqual(filled);
  });

  test('does nothing on a database that already has people', () => {
    const { ctx, temp } = tempContext(NOW);
    temps.push(temp);
    insertPerson(ctx.db, { name: 'Ana Lima', team: 'sales' }, NOW);
    const before = dump(ctx.db);

    expect(ensureDemoData(ctx, TZ)).toBe(false);
    expect(dump(ctx.db)).toEqual(before);
    expect(isDemoData(ctx.db)).toBe(false);
  });
});
