import { uuidv7 } from 'uuidv7';
import type { DisplaySettings } from '@shared/domain';
import { DEFAULT_PLAYLIST } from '@shared/slides';
import type { CoreContext } from '../context';
import type Database from 'better-sqlite3';
import { getSetting, setSetting } from '../db/repositories/settings-repository';

/** Setting keys, in one place so that nobody misspells one. */
export const SETTING_KEYS = {
  playlist: 'display.playlist',
  timezone: 'room.timezone',
  currency: 'room.currency',
  periodKind: 'room.periodKind',
  theme: 'display.theme',
  demo: 'data.demo',
  machineId: 'machine.id',
} as const;

/** The machine's zone, the default room time zone (METRICS: "default: the machine's zone"). */
function machineTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The display settings with defaults filled in for anything never set. */
export function getDisplaySettings(ctx: Pick<CoreContext, 'db'>): DisplaySettings {
  const { db } = ctx;
  return {
    playlist: getSetting(db, SETTING_KEYS.playlist) ?? DEFAULT_PLAYLIST,
    timezone: getSetting(db, SETTING_KEYS.timezone) ?? machineTimezone(),
    currency: getSetting(db, SETTING_KEYS.currency) ?? 'EUR',
    periodKind: getSetting(db, SETTING_KEYS.periodKind) ?? 'month',
    theme: getSetting(db, SETTING_KEYS.theme) ?? 'dark',
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

/** Whether the database holds generated demo data. */
export function isDemoData(db: Database.Database): boolean {
  return getSetting<boolean>(db, SETTING_KEYS.demo) === true;
}
