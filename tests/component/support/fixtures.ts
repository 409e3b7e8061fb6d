/** Small, readable data for component tests. Times are fixed; tests pin the clock to NOW. */
import type {
  ActivityEvent,
  ActivityItem,
  AppInfo,
  Campaign,
  DisplaySettings,
  Freshness,
  FunnelResult,
  Period,
  Person,
  PipelineStage,
  PlaylistEntry,
  SprintResult,
} from '@shared/domain';
import type { KpiResult, PaceFigure, SlaResult } from '@shared/figures';

export const NOW = Date.UTC(2026, 10, 24, 9, 30); // Tue 24 Nov 2026, 10:30 in Berlin

export const freshness: Freshness = { computedAt: NOW, latestChangeAt: NOW - 2 * 60_000, source: 'Demo data' };

export function settings(playlist: PlaylistEntry[]): DisplaySettings {
  return {
    playlist,
    timezone: 'Europe/Berlin',
    locale: 'en-GB',
    clock: 'locale',
    currency: 'EUR',
    periodKind: 'month',
    theme: 'dark',
    skipEmptySlides: false,
    night: { enabled: false, workday: { start: '07:00', end: '19:00' }, weekends: true },
    burnIn: { enabled: false, maxShiftPx: 6, everyMinutes: 3 },
    privacySchedule: null,
    lastWeekSlide: { weekday: 1, until: '12:00' },
    celebrations: { enabled: true, durationSec: 12, batchWindowSec: 60, quietHours: null },
    meetingBannerMinutes: 5,
    standupSecondsPerSpeaker: 90,
    staleAfterHours: 24,
    teamNames: { sales: 'Sales', marketing: 'Marketing' },
    slaComplianceTarget: 0.9,
  };
}

export const appInfo: AppInfo = {
  name: 'Alignboard',
  version: '0.1.0',
  bootId: 'boot-1',
  machineId: 'm-1',
  demo: true,
  corrupt: null,
};

export const people: Person[] = [
  { id: 'p-ana', name: 'Ana Lima', team: 'sales' },
  { id: 'p-ben', name: 'Ben Ode', team: 'sales' },
  { id: 'p-tom', name: 'Tom Berg', team: 'marketing' },
];

export const campaigns: Campaign[] = [
  { id: 'c-web', name: 'Webinar Q4', channel: 'webinar', sourceTeam: 'marketing', ownerId: 'p-tom' },
];

export const stages: PipelineStage[] = [
  { id: 'discovery', name: 'Discovery', position: 1, kind: 'open' },
  { id: 'proposal', name: 'Proposal', position: 3, kind: 'open' },
  { id: 'won', name: 'Won', position: 5, kind: 'won' },
  { id: 'lost', name: 'Lost', position: 6, kind: 'lost' },
];

export function funnel(inStage: [number, number, number, number, number] = [120, 60, 25, 12, 40]): FunnelResult {
  const stagesInOrder = [
    ['lead', 'Lead', 'marketing'],
    ['mql', 'MQL', 'marketing'],
    ['sql', 'SQL', 'sales'],
    ['opportunity', 'Opportunity', 'sales'],
    ['customer', 'Customer', 'sales'],
  ] as const;
  return {
    period: {
      kind: 'month',
      start: Date.UTC(2026, 9, 31, 23),
      end: Date.UTC(2026, 10, 30, 23),
      label: 'November 2026',
    },
    previousPeriod: {
      kind: 'month',
      start: Date.UTC(2026, 8, 30, 22),
      end: Date.UTC(2026, 9, 31, 23),
      label: 'October 2026',
    },
    comparison: { start: Date.UTC(2026, 8, 30, 22), end: Date.UTC(2026, 9, 20, 22) },
    slaFollowUpHours: 24,
    slaBusinessHoursOnly: false,
    window: { days: 90, from: NOW - 90 * 86_400_000, to: NOW },
    currency: 'EUR',
    lifecycle: stagesInOrder.map(([stage, label, ownerTeam], index) => ({
      stage,
      label,
      ownerTeam,
      inStage: inStage[index]!,
      measure: stage === 'customer' ? ('new_in_period' as const) : ('now' as const),
      enteredInPeriod: 0,
      enteredPreviousPeriod: 0,
      lostInPeriod: stage === 'opportunity' ? 2 : null,
      lostPreviousPeriod: stage === 'opportunity' ? 3 : null,
      conversionToNext: index === 4 ? null : 0.5,
      cohortSize: 10,
      medianHoursInStage: null,
    })),
    pipeline: [
      {
        stageId: 'discovery',
        name: 'Discovery',
        position: 1,
        openCount: 7,
        amounts: [{ currency: 'EUR', amountMinor: 4_200_000 }],
      },
      {
        stageId: 'proposal',
        name: 'Proposal',
        position: 3,
        openCount: 3,
        amounts: [
          { currency: 'EUR', amountMinor: 1_500_000 },
          { currency: 'USD', amountMinor: 800_000 },
        ],
      },
    ],
    freshness,
  };
}

export function sprint(goals = 2): SprintResult {
  return {
    sprint: {
      id: 's-1',
      name: 'Sprint 48',
      startsOn: '2026-11-16',
      endsOn: '2026-11-27',
      daysLeft: 4,
      goals: Array.from({ length: goals }, (_, i) => ({
        id: `g-${i}`,
        title: `Goal ${i + 1}`,
        ownerTeam: 'joint' as const,
        owners: [people[0]!, people[2]!],
        target: 50,
        current: 30,
        unit: 'demos',
        progress: 0.6,
        figure: null,
        awaiting: false,
      })),
      burnUp: [
        { date: '2026-11-16', actual: 0, ideal: 0 },
        { date: '2026-11-17', actual: 0.1, ideal: 0.1 },
        { date: '2026-11-18', actual: 0.25, ideal: 0.2 },
        { date: '2026-11-19', actual: 0.3, ideal: 0.3 },
        { date: '2026-11-20', actual: 0.35, ideal: 0.4 },
        { date: '2026-11-23', actual: 0.5, ideal: 0.5 },
        { date: '2026-11-24', actual: 0.6, ideal: 0.6 },
        { date: '2026-11-25', actual: null, ideal: 0.7 },
        { date: '2026-11-26', actual: null, ideal: 0.8 },
        { date: '2026-11-27', actual: null, ideal: 1 },
      ],
    },
    freshness,
  };
}

export function activityEvent(seq: number, at = NOW - (100 - seq) * 60_000): ActivityEvent {
  return {
    seq,
    id: `e-${seq}`,
    at,
    machineId: 'm-1',
    type: 'deal.created',
    entity: 'deal',
    entityId: `d-${seq}`,
    actorId: null,
    payload: {},
  };
}

export function activityItem(seq: number, headline: string, at?: number): ActivityItem {
  return { ...activityEvent(seq, at), headline, detail: 'rep Ana Lima' };
}

/** A month of the room's zone (Berlin), `offset` months from November 2026. */
export function month(offset = 0): Period {
  const names = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  const index = 10 + offset;
  const year = 2026 + Math.floor(index / 12);
  const m = ((index % 12) + 12) % 12;
  // Berlin is UTC+1 in winter and UTC+2 in summer; the exact instants do not matter to the slides.
  return {
    kind: 'month',
    start: Date.UTC(year, m, 1) - 3_600_000,
    end: Date.UTC(year, m + 1, 1) - 3_600_000,
    label: `${names[m]} ${year}`,
  };
}

/** A pace figure: 14 of 23 with 60 % of the month gone (pace 13.8) is on track unless overridden. */
export function pace(overrides: Partial<PaceFigure> = {}): PaceFigure {
  return { actual: 14, target: 23, pace: 13.8, elapsedShare: 0.6, status: 'on_track', behindBy: null, ...overrides };
}

export function kpi(figure: Partial<PaceFigure> = {}, split = { marketing: 8, sales: 6 }): KpiResult {
  const current = pace(figure);
  return {
    kpi: { id: 'k-1', name: 'New paying customers', description: 'Leads whose first deal was won', unit: 'customers' },
    period: month(0),
    figure: current,
    split,
    trend: [
      ...[-6, -5, -4, -3, -2, -1].map((offset, i) => ({ period: month(offset), actual: 10 + i, target: 20 })),
      { period: month(0), actual: current.actual, target: current.target },
    ],
    freshness,
  };
}

export function sla(): SlaResult {
  return {
    terms: {
      mqlsPerPeriod: 60,
      periodKind: 'month',
      followUpHours: 24,
      businessHoursOnly: false,
      complianceTarget: 0.9,
    },
    period: month(0),
    marketing: pace({ actual: 30, target: 60, pace: 36, status: 'behind', behindBy: 6 }),
    sales: { met: 40, late: 4, breached: 1, waiting: 1, compliance: 40 / 45 },
    waiting: [
      {
        leadId: 'l-wait',
        leadName: 'Kim Park',
        company: 'Parkworks',
        ownerId: 'p-ana',
        ownerName: 'Ana Lima',
        mqlAt: NOW - 20 * 3_600_000,
        dueAt: NOW + (3 * 60 + 12) * 60_000,
      },
    ],
    breaches: [
      {
        leadId: 'l-late',
        leadName: 'Lee Chan',
        company: null,
        ownerId: 'p-ben',
        ownerName: 'Ben Ode',
        mqlAt: NOW - 26 * 3_600_000,
        dueAt: NOW - (2 * 60 + 5) * 60_000,
      },
    ],
    breachesByOwner: [{ ownerId: 'p-ben', ownerName: 'Ben Ode', count: 1, oldestDueAt: NOW - (2 * 60 + 5) * 60_000 }],
    open: { breached: 1, waiting: 1 },
    freshness,
  };
}
