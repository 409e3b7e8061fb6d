/** Small, readable data for component tests. Times are fixed; tests pin the clock to NOW. */
import type {
  ActivityEvent,
  ActivityItem,
  AppInfo,
  Campaign,
  DisplaySettings,
  Freshness,
  FunnelResult,
  Person,
  PipelineStage,
  PlaylistEntry,
  SprintResult,
} from '@shared/domain';

export const NOW = Date.UTC(2026, 10, 24, 9, 30); // Tue 24 Nov 2026, 10:30 in Berlin

export const freshness: Freshness = { computedAt: NOW, latestChangeAt: NOW - 2 * 60_000, source: 'Demo data' };

export function settings(playlist: PlaylistEntry[]): DisplaySettings {
  return { playlist, timezone: 'Europe/Berlin', currency: 'EUR', periodKind: 'month', theme: 'dark' };
}

export const appInfo: AppInfo = {
  name: 'Alignboard',
  version: '0.1.0',
  bootId: 'boot-1',
  machineId: 'm-1',
  demo: true,
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
    window: { days: 90, from: NOW - 90 * 86_400_000, to: NOW },
    currency: 'EUR',
    lifecycle: stagesInOrder.map(([stage, label, ownerTeam], index) => ({
      stage,
      label,
      ownerTeam,
      inStage: inStage[index]!,
      enteredInPeriod: 0,
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
      })),
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
