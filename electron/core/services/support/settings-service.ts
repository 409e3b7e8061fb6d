import { uuidv7 } from 'uuidv7';
import type { DisplaySettings } from '@shared/domain';
import { DEFAULT_LOCALE } from '@shared/format';
import { DEFAULT_LAST_WEEK_SLIDE, DEFAULT_PLAYLIST } from '@shared/slides';
import type { CoreContext } from '../../context';
import type Database from 'better-sqlite3';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import { SECRET_NAMES } from '../../secrets/machine-secrets';
import { holdsRoomData } from '../../db/repositories/setup-repository';

/** Setting keys, in one place so that nobody misspells one. */
export const SETTING_KEYS = {
  playlist: 'display.playlist',
  timezone: 'room.timezone',
  locale: 'room.locale',
  clock: 'room.clock',
  currency: 'room.currency',
  periodKind: 'room.periodKind',
  theme: 'display.theme',
  demo: 'data.demo',
  machineId: 'machine.id',
  skipEmptySlides: 'display.skipEmptySlides',
  night: 'display.night',
  burnIn: 'display.burnIn',
  privacySchedule: 'display.privacySchedule',
  lastWeekSlide: 'display.lastWeekSlide',
  celebrations: 'display.celebrations',
  meetingBannerMinutes: 'display.meetingBannerMinutes',
  standupSecondsPerSpeaker: 'standup.secondsPerSpeaker',
  staleAfterHours: 'display.staleAfterHours',
  backupsKeepDaily: 'backups.keepDaily',
  /** "share to other screens": whether the app runs the LAN server, on which addresses and port */
  lanShare: 'lan.share',
  teamNames: 'room.teamNames',
  /** the SLA follow-up compliance the room aims for (0…1) */
  slaComplianceTarget: 'sla.complianceTarget',
  /** when the first-run setup was completed (ms); absent on a database set up before that screen existed */
  setupCompletedAt: 'setup.completedAt',
} as const;

/**
 * Settings of this machine rather than of the data: never taken from a restored backup or a JSON import,
 * never exported. The secret store's names are here too, for files from versions that kept secrets in
 * the settings table: such rows are dropped, never brought in.
 */
export const MACHINE_SETTING_KEYS: readonly string[] = [
  SETTING_KEYS.machineId,
  SETTING_KEYS.backupsKeepDaily,
  SETTING_KEYS.lanShare,
  ...Object.values(SECRET_NAMES),
];

/** What a wall shows before anyone changes a setting. */
export const DISPLAY_DEFAULTS: Omit<DisplaySettings, 'timezone'> = {
  playlist: DEFAULT_PLAYLIST,
  locale: DEFAULT_LOCALE,
  clock: 'locale',
  currency: 'EUR',
  periodKind: 'month',
  theme: 'dark',
  skipEmptySlides: false,
  night: { enabled: true, workday: { start: '07:00', end: '19:00' }, weekends: true },
  burnIn: { enabled: true, maxShiftPx: 6, everyMinutes: 3 },
  privacySchedule: null,
  lastWeekSlide: DEFAULT_LAST_WEEK_SLIDE,
  celebrations: { enabled: true, durationSec: 12, batchWindowSec: 60, quietHours: { start: '19:00', end: '07:00' } },
  meetingBannerMinutes: 5,
  standupSecondsPerSpeaker: 90,
  staleAfterHours: 24,
  slaComplianceTarget: 0.9,
  teamNames: { sales: 'Sales', marketing: 'Marketing' },
};

/** The machine's zone, the default room time zone (METRICS: "default: the machine's zone"). */
function machineTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The display settings with defaults filled in for anything never set. */
export function getDisplaySettings(ctx: Pick<CoreContext, 'db'>): DisplaySettings {
  const { db } = ctx;
  const read = <K extends keyof typeof DISPLAY_DEFAULTS>(key: K): DisplaySettings[K] =>
    getSetting<DisplaySettings[K]>(db, SETTING_KEYS[key]) ?? (DISPLAY_DEFAULTS[key] as DisplaySettings[K]);
  return {
    playlist: read('playlist'),
    timezone: getSetting(db, SETTING_KEYS.timezone) ?? machineTimezone(),
    locale: read('locale'),
    clock: read('clock'),
    currency: read('currency'),
    periodKind: read('periodKind'),
    theme: read('theme'),
    skipEmptySlides: read('skipEmptySlides'),
    night: read('night'),
    burnIn: read('burnIn'),
    privacySchedule: read('privacySchedule'),
    lastWeekSlide: read('lastWeekSlide'),
    celebrations: read('celebrations'),
    meetingBannerMinutes: read('meetingBannerMinutes'),
    standupSecondsPerSpeaker: read('standupSecondsPerSpeaker'),
    staleAfterHours: read('staleAfterHours'),
    teamNames: read('teamNames'),
    slaComplianceTarget: read('slaComplianceTarget'),
  };
}

/** This machine's id, created and stored on first use; stamped on every activity event. */
export function ensureMachineId(db: Database.Database, now: number): string {
  const existing = getSetting<string>(db, SETTING_KEYS.machineId);
  if (existing) return existing;
  const id = uuidv7();
  setSetting(db, SETTING_KEYS.machineId, id, now);
  return id;
}

/**
 * Whether the database holds generated demo data: it was filled with the demo quarter and demo rows are
 * still there (a room that deleted them all by hand is not labelled "demo data" any more).
 */
export function isDemoData(db: Database.Database): boolean {
  return getSetting<boolean>(db, SETTING_KEYS.demo) === true && holdsRoomData(db);
}
