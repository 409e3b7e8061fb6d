/**
 * The display settings form's copy of the settings (the draft), how it is made from the saved settings and
 * turned back into `settings.save`'s input, and what changed between the two.
 */
import type { DisplaySettings, PeriodKind, TimeWindow } from '@shared/domain';
import type { ClockSetting } from '@shared/format';
import { ALL_SLIDE_IDS } from '@shared/slides';
import { SLIDES } from '../../../slides/registry';

/** The title of a slide of the playlist, as the wall's registry names it. */
export const slideTitle = (id: string) => SLIDES[id as keyof typeof SLIDES]?.title ?? id;
const DEFAULT_DURATION_SEC = 20;

/** A number box's value: a number, or '' while empty (the schema then says "is required"). */
export type NumberBox = number | '';

export interface OptionalWindow {
  enabled: boolean;
  start: string;
  end: string;
}

/** The form's copy of the settings; optional windows get an on/off switch of their own. */
export interface Draft {
  playlist: { slideId: string; enabled: boolean; durationSec: NumberBox }[];
  timezone: string;
  locale: string;
  clock: ClockSetting;
  currency: string;
  periodKind: PeriodKind;
  theme: 'dark' | 'light';
  skipEmptySlides: boolean;
  night: { enabled: boolean; workday: { start: string; end: string }; weekends: boolean };
  burnIn: { enabled: boolean; maxShiftPx: NumberBox; everyMinutes: NumberBox };
  privacySchedule: OptionalWindow;
  lastWeekSlide: { weekday: number; until: string };
  celebrations: { enabled: boolean; durationSec: NumberBox; batchWindowSec: NumberBox; quietHours: OptionalWindow };
  meetingBannerMinutes: NumberBox;
  standupSecondsPerSpeaker: NumberBox;
  staleAfterHours: NumberBox;
  teamNames: { sales: string; marketing: string };
  /** edited under SLA, carried through unchanged here */
  slaComplianceTarget: number;
}

function optionalWindow(window: TimeWindow | null, fallback: TimeWindow): OptionalWindow {
  return { enabled: window !== null, ...(window ?? fallback) };
}

/** The form's copy of the saved settings: every slide listed, optional windows with a switch. */
export function toDraft(settings: DisplaySettings): Draft {
  // Every slide of the wall appears, those missing from the stored playlist at the end and switched off.
  const listed = new Set(settings.playlist.map((entry) => entry.slideId));
  const playlist = [
    ...settings.playlist.map((entry) => ({ ...entry })),
    ...ALL_SLIDE_IDS.filter((id) => !listed.has(id)).map((slideId) => ({
      slideId,
      enabled: false,
      durationSec: DEFAULT_DURATION_SEC as NumberBox,
    })),
  ];
  return {
    playlist,
    timezone: settings.timezone,
    locale: settings.locale,
    clock: settings.clock,
    currency: settings.currency,
    periodKind: settings.periodKind,
    theme: settings.theme,
    skipEmptySlides: settings.skipEmptySlides,
    night: {
      enabled: settings.night.enabled,
      workday: { ...settings.night.workday },
      weekends: settings.night.weekends,
    },
    burnIn: { ...settings.burnIn },
    privacySchedule: optionalWindow(settings.privacySchedule, { start: '12:00', end: '13:00' }),
    lastWeekSlide: { ...settings.lastWeekSlide },
    celebrations: {
      enabled: settings.celebrations.enabled,
      durationSec: settings.celebrations.durationSec,
      batchWindowSec: settings.celebrations.batchWindowSec,
      quietHours: optionalWindow(settings.celebrations.quietHours, { start: '12:00', end: '13:00' }),
    },
    meetingBannerMinutes: settings.meetingBannerMinutes,
    standupSecondsPerSpeaker: settings.standupSecondsPerSpeaker,
    staleAfterHours: settings.staleAfterHours,
    teamNames: { ...settings.teamNames },
    slaComplianceTarget: settings.slaComplianceTarget,
  };
}

function windowOf(window: OptionalWindow): TimeWindow | null {
  return window.enabled ? { start: window.start, end: window.end } : null;
}

/** The draft in the contract's shape (what `settings.save` takes). */
export function toInput(draft: Draft): Record<keyof DisplaySettings, unknown> {
  return {
    playlist: draft.playlist.map((entry) => ({ ...entry })),
    timezone: draft.timezone.trim(),
    locale: draft.locale,
    clock: draft.clock,
    currency: draft.currency.trim().toUpperCase(),
    periodKind: draft.periodKind,
    theme: draft.theme,
    skipEmptySlides: draft.skipEmptySlides,
    night: { enabled: draft.night.enabled, workday: { ...draft.night.workday }, weekends: draft.night.weekends },
    burnIn: { ...draft.burnIn },
    privacySchedule: windowOf(draft.privacySchedule),
    lastWeekSlide: { weekday: draft.lastWeekSlide.weekday, until: draft.lastWeekSlide.until },
    celebrations: {
      enabled: draft.celebrations.enabled,
      durationSec: draft.celebrations.durationSec,
      batchWindowSec: draft.celebrations.batchWindowSec,
      quietHours: windowOf(draft.celebrations.quietHours),
    },
    meetingBannerMinutes: draft.meetingBannerMinutes,
    standupSecondsPerSpeaker: draft.standupSecondsPerSpeaker,
    staleAfterHours: draft.staleAfterHours,
    teamNames: { sales: draft.teamNames.sales, marketing: draft.teamNames.marketing },
    slaComplianceTarget: draft.slaComplianceTarget,
  };
}

/** The settings whose value in the form differs from the saved one. */
export function changedKeys(draft: Draft, settings: DisplaySettings): (keyof DisplaySettings)[] {
  const input = toInput(draft);
  const saved = toInput(toDraft(settings));
  return (Object.keys(input) as (keyof DisplaySettings)[]).filter(
    (key) => JSON.stringify(input[key]) !== JSON.stringify(saved[key]),
  );
}

export const KEY_WORDS: Record<keyof DisplaySettings, string> = {
  playlist: 'playlist',
  timezone: 'time zone',
  locale: 'locale',
  clock: 'clock',
  currency: 'currency',
  periodKind: 'period',
  theme: 'theme',
  skipEmptySlides: 'empty slides',
  night: 'night schedule',
  burnIn: 'burn-in protection',
  privacySchedule: 'privacy schedule',
  lastWeekSlide: 'hours of "Last week"',
  celebrations: 'celebrations',
  meetingBannerMinutes: 'meeting banner',
  standupSecondsPerSpeaker: 'stand-up time',
  staleAfterHours: 'stale data',
  teamNames: 'team names',
  slaComplianceTarget: 'SLA compliance target',
};

/** The fields' names in messages, by the contract's field path (the playlist's rows are added per slide). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  timezone: 'Time zone',
  locale: 'Locale',
  clock: 'Clock',
  currency: 'Currency',
  periodKind: 'Period',
  theme: 'Theme',
  'night.workday.start': 'Working day starts',
  'night.workday.end': 'Working day ends',
  'burnIn.maxShiftPx': 'Largest shift',
  'burnIn.everyMinutes': 'Shift every',
  'privacySchedule.start': 'Privacy from',
  'privacySchedule.end': 'Privacy until',
  'lastWeekSlide.weekday': '"Last week" shows on',
  'lastWeekSlide.until': '"Last week" shows until',
  'celebrations.durationSec': 'Celebration length',
  'celebrations.batchWindowSec': 'Batch window',
  'celebrations.quietHours.start': 'Quiet from',
  'celebrations.quietHours.end': 'Quiet until',
  meetingBannerMinutes: 'Meeting banner',
  standupSecondsPerSpeaker: 'Time per speaker',
  staleAfterHours: 'Stale after',
  'teamNames.sales': 'Sales team',
  'teamNames.marketing': 'Marketing team',
  slaComplianceTarget: 'SLA compliance target',
};

/** The id of a playlist row's control: rows are keyed by their slide, so that the focus can move with a row. */
export const rowControlId = (slideId: string, control: string) => `display-playlist-${slideId}-${control}`;
