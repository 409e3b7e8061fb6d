/**
 * The figures on the wall are the figures in the database: over the
 * seeded demo data, the shared KPI, the funnel and the SLA shown in Chromium equal what a direct SQL query
 * on the database file gives (month boundaries computed here, independently, in the room's zone); every
 * other slide shows what the services answer over the HTTP API.
 *
 * Figures move with the clock (an MQL becomes overdue, a meeting starts), so each comparison is taken
 * between two readings of the expectation, before and after the page is read; when they differ a
 * boundary was crossed meanwhile and the reading is repeated.
 */
import { isDeepStrictEqual } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLA_BREACH_LOOKBACK_DAYS } from '../../electron/core/services/reads/sla-service';
import { foldSources } from '../../src/lib/fold-sources';
import { addBusinessHoursRef, memoisedBusinessMinute } from '../fixtures/business-hours-reference';
import type { MethodName, MethodResult } from '@shared/contract';
import { LIFECYCLE_STAGES, type LifecycleStage } from '@shared/domain';
import { launchChromium, SCREENS } from './support/browser';
import { expectedPace, monthOf, samePointLastMonth, workingDaysOfMonth } from './support/calendar';
import { startServedApp, type ServedApp } from './support/server-process';
import { callApi, DAYTIME_ALWAYS, ROOM_ZONE, seedSettings, showSlide } from './support/wall';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const KPI_ID = 'new_paying_customers';

let app: ServedApp;
let browser: Browser;
let page: Page;
let dataDir: string;
let db: Database.Database;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'alignboard-figures-'));
  seedSettings(dataDir, { night: DAYTIME_ALWAYS });
  app = await startServedApp({ dataDir });
  db = new Database(app.dbFile, { readonly: true, fileMustExist: true });
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: SCREENS.hd,
    reducedMotion: 'reduce',
    timezoneId: ROOM_ZONE,
    locale: 'en-GB',
  });
});

afterAll(async () => {
  db?.close();
  await browser?.close();
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Reads the page and the expectation at the same moment: the expectation is computed just before and
 * just after the page is read, and only a reading where both agree counts.
 */
async function together<Expected, Shown>(
  expectation: (now: number) => Expected | Promise<Expected>,
  readPage: () => Promise<Shown>,
): Promise<{ expected: Expected; shown: Shown }> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await expectation(Date.now());
    const shown = await readPage();
    const after = await expectation(Date.now());
    if (isDeepStrictEqual(before, after)) return { expected: before, shown };
  }
  throw new Error('the figures kept changing while the page was read');
}

/** A service's answer without its computation time, which differs on every call. */
async function answer<M extends MethodName>(method: M): Promise<Omit<MethodResult<M>, 'freshness'>> {
  const result: MethodResult<M> & { freshness?: unknown } = { ...(await callApi(app.url, method)) };
  delete result.freshness;
  return result as Omit<MethodResult<M>, 'freshness'>;
}

/** Every data-* value of the elements with a test id, in page order. */
function attributes(testid: string, ...names: string[]): Promise<Record<string, string | null>[]> {
  return page.locator(`[data-testid="${testid}"]`).evaluateAll(
    (elements, wanted) =>
      elements.map((element) => {
        const values: Record<string, string | null> = { text: (element as HTMLElement).innerText };
        for (const name of wanted) {
          const holder = element.hasAttribute(`data-${name}`) ? element : element.querySelector(`[data-${name}]`);
          values[name] = holder?.getAttribute(`data-${name}`) ?? null;
        }
        return values;
      }),
    names,
  );
}

async function one(testid: string, ...names: string[]): Promise<Record<string, string | null>> {
  const found = await attributes(testid, ...names);
  expect(found, `one element with data-testid="${testid}"`).toHaveLength(1);
  return found[0]!;
}

/**
 * Every number in display text as the page's en-GB locale writes it: "1,204 leads" → 1204, "91.5 %" → 91.5.
 */
function numbersIn(text: string | null | undefined): number[] {
  return [...(text ?? '').matchAll(/\d+(?:[,\u202f\u00a0]\d{3})*(?:\.\d+)?/g)].map((m) =>
    Number(m[0].replace(/[,\u202f\u00a0]/g, '')),
  );
}

/** A figure as the sprint slide writes it: at most one decimal. */
function oneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}

function count(sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

const ENTRY_COLUMN: Record<LifecycleStage, string> = {
  lead: 'lead_at',
  mql: 'mql_at',
  sql: 'sql_at',
  opportunity: 'opportunity_at',
  customer: 'customer_at',
};

describe('the shared KPI', () => {
  it('shows new paying customers, target, pace, split and trend as SQL counts them', async () => {
    const { expected, shown } = await together(
      (now) => {
        const month = monthOf(now, ROOM_ZONE);
        const customers = db
          .prepare(
            `SELECT source_team AS team, count(*) AS n FROM leads
             WHERE deleted_at IS NULL AND customer_at >= ? AND customer_at < ? GROUP BY source_team`,
          )
          .all(month.start, month.end) as { team: string; n: number }[];
        const split = {
          marketing: customers.find((row) => row.team === 'marketing')?.n ?? 0,
          sales: customers.find((row) => row.team === 'sales')?.n ?? 0,
        };
        const actual = split.marketing + split.sales;
        const target = (
          db
            .prepare(`SELECT target FROM kpi_targets WHERE kpi_id = ? AND period_kind = 'month' AND period_start = ?`)
            .get(KPI_ID, month.firstDay) as { target: number } | undefined
        )?.target;
        // Up to six months, none before the month the data begins in (the first live lead or customer).
        const first = count(
          'SELECT min(min(lead_at, coalesce(customer_at, lead_at))) AS n FROM leads WHERE deleted_at IS NULL',
        );
        const trend = [5, 4, 3, 2, 1, 0]
          .filter((back) => back === 0 || monthOf(now, ROOM_ZONE, back).end > first)
          .map((back) => {
            const m = monthOf(now, ROOM_ZONE, back);
            return count(
              'SELECT count(*) AS n FROM leads WHERE deleted_at IS NULL AND customer_at >= ? AND customer_at < ?',
              m.start,
              m.end,
            );
          });
        return {
          actual,
          target: target ?? null,
          pace: target === undefined ? null : expectedPace(actual, target, workingDaysOfMonth(now, ROOM_ZONE)),
          split,
          trend,
        };
      },
      async () => {
        await showSlide(page, app.url, 'kpi');
        const status = await one('kpi-status', 'status', 'value');
        return {
          actual: await one('kpi-actual', 'value'),
          target: await one('kpi-target', 'value'),
          status,
          marketing: await one('kpi-split-marketing', 'value'),
          sales: await one('kpi-split-sales', 'value'),
          trend: await attributes('kpi-trend-period', 'value'),
        };
      },
    );

    expect(Math.max(...expected.trend), 'the demo quarter has customers').toBeGreaterThan(0);
    expect(Number(shown.actual.value)).toBe(expected.actual);
    expect(numbersIn(shown.actual.text)).toContain(expected.actual);
    expect(expected.target, 'the demo data sets this month’s target').not.toBeNull();
    expect(Number(shown.target.value)).toBe(expected.target);
    expect(numbersIn(shown.target.text)).toContain(expected.target);
    expect({ status: shown.status.status, behindBy: Number(shown.status.value) }).toEqual(expected.pace);
    if (expected.pace!.status === 'behind') expect(numbersIn(shown.status.text)).toContain(expected.pace!.behindBy);
    expect(Number(shown.marketing.value)).toBe(expected.split.marketing);
    expect(Number(shown.sales.value)).toBe(expected.split.sales);
    expect(numbersIn(shown.marketing.text)).toContain(expected.split.marketing);
    expect(numbersIn(shown.sales.text)).toContain(expected.split.sales);
    expect(shown.trend.map((column) => Number(column.value))).toEqual(expected.trend);
  });
});

describe('the pipeline funnel', () => {
  it('shows each stage’s leads now and its change against the same point of last month as SQL counts them', async () => {
    const { expected, shown } = await together(
      (now) => {
        const month = monthOf(now, ROOM_ZONE);
        const previous = monthOf(now, ROOM_ZONE, 1);
        const stages = LIFECYCLE_STAGES.map((stage) => {
          const column = ENTRY_COLUMN[stage];
          const entered = (m: { start: number; end: number }) =>
            count(
              `SELECT count(*) AS n FROM leads WHERE deleted_at IS NULL AND ${column} >= ? AND ${column} < ?`,
              m.start,
              m.end,
            );
          // Opportunities now: only those with an open deal; customers: the new ones of this month.
          const inStage =
            stage === 'customer'
              ? entered(month)
              : stage === 'opportunity'
                ? count(
                    `SELECT count(*) AS n FROM leads l WHERE l.stage = 'opportunity' AND l.deleted_at IS NULL
                       AND EXISTS (SELECT 1 FROM deals d WHERE d.lead_id = l.id AND d.status = 'open'
                                     AND d.deleted_at IS NULL)`,
                  )
                : count('SELECT count(*) AS n FROM leads WHERE stage = ? AND deleted_at IS NULL', stage);
          return {
            stage,
            inStage,
            // like for like: last month only up to the same point
            change: entered(month) - entered({ start: previous.start, end: samePointLastMonth(now, ROOM_ZONE) }),
          };
        });
        const slaHours = (
          db
            .prepare('SELECT follow_up_hours AS h FROM sla_terms WHERE valid_from <= ? ORDER BY valid_from DESC')
            .get(now) as { h: number } | undefined
        )?.h;
        const openDeals = db
          .prepare(
            `SELECT stage_id AS stageId, count(*) AS n FROM deals
             WHERE status = 'open' AND deleted_at IS NULL GROUP BY stage_id ORDER BY stage_id`,
          )
          .all() as { stageId: string; n: number }[];
        return { stages, slaHours: slaHours ?? null, openDeals };
      },
      async () => {
        await showSlide(page, app.url, 'funnel');
        const stages = [];
        for (const stage of LIFECYCLE_STAGES) {
          stages.push({
            stage,
            row: await one(`funnel-stage-${stage}`, 'count'),
            change: await attributes(`funnel-change-${stage}`, 'value'),
          });
        }
        const pipeline = await page.locator('[data-testid^="pipeline-stage-"]').evaluateAll((rows) =>
          rows.map((row) => ({
            stageId: row.getAttribute('data-testid')!.replace('pipeline-stage-', ''),
            count: row.querySelector('[data-count]')?.getAttribute('data-count') ?? null,
          })),
        );
        return { stages, sla: await attributes('funnel-sla', 'value'), pipeline };
      },
    );

    for (const { stage, inStage, change } of expected.stages) {
      const row = shown.stages.find((s) => s.stage === stage)!;
      expect(Number(row.row.count), `${stage} in stage`).toBe(inStage);
      expect(numbersIn(row.row.text), `${stage}: "${row.row.text}"`).toContain(inStage);
      expect(row.change, `${stage} shows its change against last month`).toHaveLength(1);
      expect(Number(row.change[0]!.value), `${stage} change`).toBe(change);
      expect(numbersIn(row.change[0]!.text)).toContain(Math.abs(change));
      expect(row.change[0]!.text, `${stage}: the change's sign`).toMatch(change > 0 ? /\+/ : change < 0 ? /[−-]/ : /±/);
    }
    expect(expected.slaHours, 'the demo data agrees an SLA').not.toBeNull();
    expect(shown.sla.map((s) => Number(s.value))).toEqual([expected.slaHours]);
    expect(expected.openDeals.length).toBeGreaterThan(0);
    expect(
      shown.pipeline
        .filter((row) => Number(row.count) > 0)
        .map((row) => ({ stageId: row.stageId, n: Number(row.count) }))
        .sort((a, b) => a.stageId.localeCompare(b.stageId)),
    ).toEqual(expected.openDeals);
  });
});

describe('the two-way SLA', () => {
  interface Mql {
    id: string;
    dueAt: number;
    followUpAt: number | null;
    ownerName: string | null;
  }

  /**
   * The SLA by its definition in METRICS, over rows read with plain SQL and judged here. Due = `mql_at` + H
   * wall-clock, or by the minute-stepping business-hours reference when the terms count business hours.
   */
  function slaAt(now: number, businessDue?: (mqlAt: number, hours: number) => number) {
    const terms = db
      .prepare(
        `SELECT mqls_per_period AS committed, period_kind AS kind, follow_up_hours AS hours FROM sla_terms
         WHERE valid_from = (SELECT max(valid_from) FROM sla_terms WHERE valid_from <= ?)`,
      )
      .get(now) as { committed: number; kind: string; hours: number } | undefined;
    if (!terms) throw new Error('the demo data agrees an SLA');
    // The only kind the demo data uses; another would need its own boundaries here.
    expect(terms.kind).toBe('month');
    const month = monthOf(now, ROOM_ZONE);
    const delivered = count(
      'SELECT count(*) AS n FROM leads WHERE mql_at >= ? AND mql_at < ? AND deleted_at IS NULL',
      month.start,
      month.end,
    );
    const rows = db
      .prepare(
        `SELECT l.id, l.mql_at AS mqlAt, l.first_follow_up_at AS followUp, l.disqualified_at AS disqualified,
                p.name AS ownerName
         FROM leads l LEFT JOIN people p ON p.id = l.owner_id
         WHERE l.mql_at IS NOT NULL AND l.deleted_at IS NULL`,
      )
      .all() as {
      id: string;
      mqlAt: number;
      followUp: number | null;
      disqualified: number | null;
      ownerName: string | null;
    }[];
    // Disqualifying an MQL counts as its follow-up, at the time it was disqualified.
    const mqls: Mql[] = rows.map((row) => {
      const times = [row.followUp, row.disqualified].filter((t): t is number => t !== null);
      return {
        id: row.id,
        dueAt: businessDue ? businessDue(row.mqlAt, terms.hours) : row.mqlAt + terms.hours * HOUR,
        followUpAt: times.length === 0 ? null : Math.min(...times),
        ownerName: row.ownerName,
      };
    });
    const inPeriod = mqls.filter((m) => m.dueAt >= month.start && m.dueAt < month.end);
    const met = inPeriod.filter((m) => m.followUpAt !== null && m.followUpAt <= m.dueAt).length;
    const late = inPeriod.filter((m) => m.followUpAt !== null && m.followUpAt > m.dueAt).length;
    const breached = inPeriod.filter((m) => m.followUpAt === null && now >= m.dueAt).length;
    const byDue = (a: Mql, b: Mql) => a.dueAt - b.dueAt || a.id.localeCompare(b.id);
    const unfollowed = mqls.filter((m) => m.followUpAt === null);
    const listedFrom = Math.min(month.start, now - SLA_BREACH_LOOKBACK_DAYS * DAY);
    return {
      committed: terms.committed,
      delivered,
      pace: expectedPace(delivered, terms.committed, workingDaysOfMonth(now, ROOM_ZONE)),
      met,
      late,
      breached,
      compliance: met + late + breached === 0 ? null : met / (met + late + breached),
      waiting: unfollowed.filter((m) => now < m.dueAt).sort(byDue),
      breaches: unfollowed.filter((m) => now >= m.dueAt && m.dueAt >= listedFrom).sort(byDue),
    };
  }

  it('shows MQLs delivered, follow-up compliance, waiting leads and breaches as SQL gives them', async () => {
    await expectSlaAsSqlGivesIt((now) => slaAt(now));
  });

  it('in business-hours mode judges every MQL by the business-hours due time and says so', async () => {
    const terms = db
      .prepare('SELECT mqls_per_period AS n, follow_up_hours AS h FROM sla_terms ORDER BY valid_from DESC LIMIT 1')
      .get() as { n: number; h: number };
    // The working day counts although the night screen is off (DAYTIME_ALWAYS).
    const isBusiness = memoisedBusinessMinute(DAYTIME_ALWAYS.workday, ROOM_ZONE);
    const businessDue = (mqlAt: number, hours: number) =>
      addBusinessHoursRef(mqlAt, hours, DAYTIME_ALWAYS.workday, ROOM_ZONE, isBusiness);
    // Only a test that tells the two clocks apart can show the wall uses the right one.
    const dues = (figures: ReturnType<typeof slaAt>) => [...figures.breaches, ...figures.waiting].map((m) => m.dueAt);
    const now = Date.now();
    expect(dues(slaAt(now, businessDue))).not.toEqual(dues(slaAt(now)));
    await callApi(app.url, 'sla.saveTerms', {
      mqlsPerPeriod: terms.n,
      periodKind: 'month',
      followUpHours: terms.h,
      businessHoursOnly: true,
    });
    try {
      await expectSlaAsSqlGivesIt((now) => slaAt(now, businessDue));
      expect(await page.locator('#sla-sales-title').innerText()).toContain(`within ${terms.h} business hours`);
      await showSlide(page, app.url, 'funnel');
      expect(await page.locator('[data-testid="funnel-sla"]').innerText()).toContain(`${terms.h} business hours`);
    } finally {
      await callApi(app.url, 'sla.saveTerms', {
        mqlsPerPeriod: terms.n,
        periodKind: 'month',
        followUpHours: terms.h,
        businessHoursOnly: false,
      });
    }
  });

  async function expectSlaAsSqlGivesIt(expectation: (now: number) => ReturnType<typeof slaAt>): Promise<void> {
    const { expected, shown } = await together(expectation, async () => {
      await showSlide(page, app.url, 'sla');
      return {
        delivered: await one('sla-delivered', 'value'),
        committed: await one('sla-committed', 'value'),
        pace: await one('sla-pace', 'status', 'value'),
        compliance: await one('sla-compliance', 'value'),
        met: await one('sla-met', 'value'),
        late: await one('sla-late', 'value'),
        breached: await one('sla-breached', 'value'),
        breachItems: await attributes('sla-breach-item', 'value'),
        ownerItems: await attributes('sla-owner-item', 'count'),
        otherOwnersItems: await attributes('sla-other-owners-item', 'count'),
        waitingItems: await attributes('sla-waiting-item', 'value'),
      };
    });

    expect(Number(shown.delivered.value)).toBe(expected.delivered);
    expect(numbersIn(shown.delivered.text)).toContain(expected.delivered);
    expect(Number(shown.committed.value)).toBe(expected.committed);
    expect({ status: shown.pace.status, behindBy: Number(shown.pace.value) }).toEqual(expected.pace);
    expect(Number(shown.met.value)).toBe(expected.met);
    expect(Number(shown.late.value)).toBe(expected.late);
    expect(Number(shown.breached.value)).toBe(expected.breached);
    for (const [key, value] of [
      ['met', expected.met],
      ['late', expected.late],
      ['breached', expected.breached],
    ] as const) {
      expect(numbersIn(shown[key].text), key).toContain(value);
    }
    if (expected.compliance === null) {
      // Nothing was due yet this month (its first hours): nothing to judge, and the slide says so.
      expect(shown.compliance.value).toBe('');
    } else {
      expect(Number(shown.compliance.value)).toBeCloseTo(expected.compliance, 12);
      expect(numbersIn(shown.compliance.text)).toContain(Math.round(expected.compliance * 100));
    }

    // Every breach is on screen: one line each, longest overdue first, naming the owner (or, when they do
    // not all fit, one line per owner, and when even those do not fit a last line for the owners left
    // over, which together count them all); then the soonest due waiting ones. Which it is depends on the
    // hour: a waiting lead's long company name takes two lines.
    expect(expected.breaches.length, 'the demo data has a forgotten MQL').toBeGreaterThan(0);
    const grouped = [...shown.ownerItems, ...shown.otherOwnersItems];
    if (grouped.length > 0) {
      expect(shown.breachItems).toEqual([]);
      expect(grouped.reduce((sum, item) => sum + Number(item.count), 0)).toBe(expected.breaches.length);
    } else {
      expect(shown.breachItems.map((item) => Number(item.value))).toEqual(expected.breaches.map((m) => m.dueAt));
    }
    expect(shown.waitingItems.map((item) => Number(item.value))).toEqual(
      expected.waiting.slice(0, shown.waitingItems.length).map((m) => m.dueAt),
    );
    shown.breachItems.forEach((item, i) => {
      const owner = expected.breaches[i]!.ownerName;
      if (owner) expect(item.text, 'a breach names its owner').toContain(owner);
    });
  }
});

describe('the other slides show what the services compute', () => {
  it('lead quality: ratings by source and the top win and loss reasons', async () => {
    const { expected, shown } = await together(
      // The window's ends move with every call; its figures do not (reviews come in days apart).
      async () => {
        const { sources, winReasons, lossReasons } = await answer('leadQuality.get');
        return { sources, winReasons, lossReasons };
      },
      async () => {
        await showSlide(page, app.url, 'lead-quality');
        return {
          sources: await attributes('quality-source', 'campaign-id', 'average', 'reviews'),
          wins: await attributes('win-reason', 'code', 'count'),
          losses: await attributes('loss-reason', 'code', 'count'),
        };
      },
    );
    expect(expected.sources.length).toBeGreaterThan(0);
    expect(shown.sources.length).toBeGreaterThan(0);
    // What fits: every source, or the best and the worst judged ones around a fold (foldSources).
    const places = shown.sources.length;
    const lines = expected.sources.length <= places ? places : places + 1;
    const kept = foldSources(expected.sources, lines).lines.flatMap((line) =>
      line.kind === 'fold' ? [] : [line.source],
    );
    expect(
      shown.sources.map((s) => ({
        campaignId: s['campaign-id'] || null,
        average: Number(s.average),
        reviews: Number(s.reviews),
      })),
    ).toEqual(kept.map((s) => ({ campaignId: s.campaignId, average: s.averageRating, reviews: s.reviews })));
    shown.sources.forEach((s, i) => {
      expect(s.text).toContain(kept[i]!.campaignName);
      expect(numbersIn(s.text)).toContain(kept[i]!.reviews);
    });
    for (const [list, all] of [
      [shown.wins, expected.winReasons],
      [shown.losses, expected.lossReasons],
    ] as const) {
      expect(list.length).toBeGreaterThan(0);
      expect(list.map((r) => ({ code: r.code, count: Number(r.count) }))).toEqual(
        all.slice(0, list.length).map((r) => ({ code: r.code, count: r.count })),
      );
      list.forEach((r, i) => expect(r.text).toContain(all[i]!.label));
    }
  });

  it('meetings: today’s meetings, the next stand-up and the open action items', async () => {
    const { expected, shown } = await together(
      () => answer('meetings.today'),
      async () => {
        await showSlide(page, app.url, 'meetings');
        return {
          meetings: await attributes('meeting-item', 'meeting-id'),
          next: await attributes('next-standup', 'starts-at'),
          actions: await attributes('action-item', 'overdue'),
        };
      },
    );
    expect(shown.meetings.map((m) => m['meeting-id'])).toEqual(
      expected.meetings.slice(0, shown.meetings.length).map((m) => m.meetingId),
    );
    expect(shown.meetings.length > 0, 'today’s meetings are listed when there are some').toBe(
      expected.meetings.length > 0,
    );
    shown.meetings.forEach((m, i) => expect(m.text).toContain(expected.meetings[i]!.title));
    expect(expected.nextStandup, 'the demo data has a daily stand-up').not.toBeNull();
    expect(shown.next.map((n) => Number(n['starts-at']))).toEqual([expected.nextStandup!.startsAt]);
    expect(expected.actionItems.length).toBeGreaterThan(0);
    expect(shown.actions.length).toBeGreaterThan(0);
    expect(shown.actions.map((a) => a.overdue === 'true')).toEqual(
      expected.actionItems.slice(0, shown.actions.length).map((a) => a.overdue),
    );
    shown.actions.forEach((a, i) => {
      expect(a.text).toContain(expected.actionItems[i]!.title);
      if (expected.actionItems[i]!.ownerName) expect(a.text).toContain(expected.actionItems[i]!.ownerName);
    });
  });

  it('glossary: the agreed definitions in order', async () => {
    const { expected, shown } = await together(
      () => answer('glossary.list'),
      async () => {
        await showSlide(page, app.url, 'glossary');
        return attributes('glossary-term', 'term');
      },
    );
    expect(expected.terms.length).toBeGreaterThan(0);
    const first = expected.terms.findIndex((t) => t.term === shown[0]?.term);
    expect(first, 'the first term shown is an agreed one').toBeGreaterThanOrEqual(0);
    const onPage = expected.terms.slice(first, first + shown.length);
    expect(shown.map((t) => t.term)).toEqual(onPage.map((t) => t.term));
    shown.forEach((t, i) => expect(t.text).toContain(onPage[i]!.definition));
  });

  it('sprint: days left, every goal shown with its figures, the burn-up', async () => {
    const { expected, shown } = await together(
      () => answer('sprints.current'),
      async () => {
        await showSlide(page, app.url, 'sprint');
        return {
          days: await one('sprint-days-left'),
          burnUp: await attributes('sprint-burnup', 'value'),
          goals: await page
            .locator('[data-testid^="sprint-goal-"]')
            .evaluateAll((goals) =>
              goals.map((g) => ({ id: g.getAttribute('data-testid')!.slice(12), text: (g as HTMLElement).innerText })),
            ),
        };
      },
    );
    const sprint = expected.sprint!;
    expect(sprint, 'the demo data runs a sprint').not.toBeNull();
    expect(numbersIn(shown.days.text)).toContain(sprint.daysLeft);
    expect(shown.goals.length).toBeGreaterThan(0);
    expect(shown.goals.map((g) => g.id)).toEqual(sprint.goals.slice(0, shown.goals.length).map((g) => g.id));
    shown.goals.forEach((g, i) => {
      const goal = sprint.goals[i]!;
      expect(g.text).toContain(goal.title);
      expect(numbersIn(g.text)).toEqual(expect.arrayContaining([goal.current, goal.target].map(oneDecimal)));
      for (const owner of goal.owners) expect(g.text).toContain(owner.name);
    });
    const latest = [...sprint.burnUp].reverse().find((point) => point.actual !== null);
    expect(shown.burnUp.map((b) => Number(b.value))).toEqual([latest?.actual ?? 0]);
  });

  it('activity: the newest events first, in the services’ words', async () => {
    const { expected, shown } = await together(
      async () => (await callApi(app.url, 'activity.list', { limit: 30 })).items,
      async () => {
        await showSlide(page, app.url, 'activity');
        return attributes('activity-item');
      },
    );
    expect(shown.length).toBeGreaterThan(0);
    shown.forEach((item, i) => {
      expect(item.text).toContain(expected[i]!.headline);
      expect(item.text).toContain(expected[i]!.detail);
    });
  });
});
