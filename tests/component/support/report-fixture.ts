/**
 * A weekly report for the components that show one (the "Last week" slide): the week 16–22 Nov 2026 in
 * Berlin, made of the slide fixtures' figures with the week's own values where the slide shows them.
 */
import type { WeeklyReport } from '@shared/report';
import * as data from './fixtures';

/** Mon 16 Nov 2026 00:00 in Berlin (UTC+1). */
const WEEK_START = Date.UTC(2026, 10, 15, 23);
const WEEK = { kind: 'week' as const, start: WEEK_START, end: WEEK_START + 7 * 86_400_000, label: 'Week 47, 2026' };

export function weeklyReport(overrides: Partial<WeeklyReport> = {}): WeeklyReport {
  const funnel = data.funnel();
  return {
    week: { id: '2026-W47', period: WEEK, previousId: '2026-W46', nextId: '2026-W48', complete: true },
    generatedAt: data.NOW,
    timezone: 'Europe/Berlin',
    locale: 'en-GB',
    clock: 'locale',
    currency: 'EUR',
    teamNames: { sales: 'Sales', marketing: 'Marketing' },
    kpiWeek: {
      ...data.kpi(
        { actual: 4, target: 5, pace: 5, elapsedShare: 1, status: 'behind', behindBy: 1 },
        { marketing: 3, sales: 1 },
      ),
      period: WEEK,
    },
    kpiPeriod: data.kpi(),
    funnel: {
      ...funnel,
      period: WEEK,
      lifecycle: funnel.lifecycle.map((row, index) => ({ ...row, enteredInPeriod: [48, 21, 9, 6, 4][index]! })),
    },
    sla: {
      ...data.sla(),
      period: WEEK,
      marketing: data.pace({ actual: 17, target: null, pace: null, status: 'no_target', behindBy: null }),
      sales: { met: 14, late: 2, breached: 1, waiting: 0, compliance: 14 / 17 },
    },
    slaPeriod: data.sla(),
    breachesByOwner: [{ ownerName: 'Ben Ode', breached: 1 }],
    sprint: data.sprint(),
    leadQuality: {
      window: { days: 90, from: WEEK.end - 90 * 86_400_000, to: WEEK.end },
      sources: [],
      winReasons: [],
      lossReasons: [],
      freshness: data.freshness,
    },
    wonDeals: {
      count: 5,
      totals: [
        { currency: 'EUR', amountMinor: 9_650_000 },
        { currency: 'USD', amountMinor: 1_200_000 },
      ],
      deals: [
        {
          id: 'd-1',
          title: 'Globex – Platform',
          amount: { currency: 'EUR', amountMinor: 4_800_000 },
          closedAt: WEEK_START + 86_400_000,
          repName: 'Ben Ode',
          campaignName: 'Spring webinar',
          marketerName: 'Mia Sol',
          sourceTeam: 'marketing',
        },
        {
          id: 'd-2',
          title: 'Initech – Renewal',
          amount: { currency: 'EUR', amountMinor: 2_900_000 },
          closedAt: WEEK_START + 2 * 86_400_000,
          repName: 'Ana Lima',
          campaignName: null,
          marketerName: null,
          sourceTeam: 'sales',
        },
        {
          id: 'd-3',
          title: 'Umbrella – Pilot',
          amount: { currency: 'USD', amountMinor: 1_200_000 },
          closedAt: WEEK_START + 3 * 86_400_000,
          repName: 'Ana Lima',
          campaignName: 'Google Ads',
          marketerName: 'Tom Berg',
          sourceTeam: 'marketing',
        },
      ],
    },
    actions: { items: [], open: 0, overdue: 0 },
    glossaryChanges: [],
    changes: [],
    ...overrides,
  };
}
