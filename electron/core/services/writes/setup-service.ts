/**
 * The first-run setup: a new machine's empty database waits for someone to choose demo data or
 * an empty start, set the admin PIN, name the two teams, set the shared KPI's target and pick the slides.
 * The same input from a config file sets up an unattended install (config-setup.ts).
 *
 * Everything setup writes is one command: the demo data, the PIN, the settings, the KPI target and the
 * `setup.completedAt` mark commit together or not at all, and the one 'setup.completed' event makes every
 * open wall refetch its settings.
 */
import { uuidv7 } from 'uuidv7';
import type { ActivityEventType } from '@shared/activity-events';
import { ApiError, type MethodParsedInput } from '@shared/contract';
import type { PlaylistEntry } from '@shared/domain';
import type { SetupStatus } from '@shared/methods/setup-methods';
import { SLIDE_IDS } from '@shared/slides';
import type { CoreContext } from '../../context';
import { withoutJournal } from '../../db/repositories/change-journal';
import { getKpiTarget, NEW_PAYING_CUSTOMERS_KPI, upsertKpiTarget } from '../../db/repositories/kpi-repository';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import { holdsRoomData } from '../../db/repositories/setup-repository';
import { runCommand } from '../support/activity-recorder';
import { SECRET_NAMES } from '../../secrets/machine-secrets';
import { getPinStatus, hashPin, storePinHash, verifyPin } from './admin-pin-service';
import { generateDemoData } from '../demo/demo-data';
import { localDate, periodContaining } from '@shared/calendar';
import { getDisplaySettings, SETTING_KEYS } from '../support/settings-service';

/** What setup receives once validated (defaults filled in). */
export type SetupInput = MethodParsedInput<'setup.complete'>;

/** The event setup records. */
export const SETUP_COMPLETED_EVENT = 'setup.completed' satisfies ActivityEventType;

/** Seconds per slide when a slide has no entry in the current playlist. */
const DEFAULT_SLIDE_SECONDS = 20;

/**
 * Whether this database still waits for its first-run setup: only when the core was started to wait for it
 * (`ctx.awaitsSetup`), setup was never completed, the database holds none of the room's data (a database
 * filled before this screen existed, demo data included, counts as set up), and the file is not damaged
 * (the wall must say that instead).
 */
export function getSetupStatus(ctx: Pick<CoreContext, 'db' | 'corrupt' | 'awaitsSetup'>): SetupStatus {
  // A damaged file may not even be readable; the damage is what the wall must show then.
  if (ctx.corrupt) return { needed: false, completedAt: null };
  const completedAt = getSetting<number>(ctx.db, SETTING_KEYS.setupCompletedAt) ?? null;
  if (completedAt !== null) return { needed: false, completedAt };
  return { needed: ctx.awaitsSetup === true && !holdsRoomData(ctx.db), completedAt: null };
}

/**
 * Completes the first-run setup with what the setup screen sends. Refused with `conflict` once setup is
 * done (or was never needed); otherwise see {@link applySetup}.
 */
export function completeSetup(ctx: CoreContext, input: SetupInput): SetupStatus {
  if (!getSetupStatus(ctx).needed) throw alreadySetUp();
  return applySetup(ctx, input);
}

/**
 * Whether setup may still be applied to this database, whatever mode the core was started in: it was never
 * set up, holds none of the room's data and is not damaged. A config file's `setup` applies then.
 */
export function isUnsetDatabase(ctx: Pick<CoreContext, 'db' | 'corrupt'>): boolean {
  return !ctx.corrupt && getSetting(ctx.db, SETTING_KEYS.setupCompletedAt) === undefined && !holdsRoomData(ctx.db);
}

/**
 * Applies a setup in one command: the demo quarter (when `data` is 'demo'), the admin PIN, the team names,
 * the period kind, the KPI target of the current period (in the room's zone), the playlist (the chosen
 * slides on, in that order, then the others off) and `setup.completedAt`. If any step fails, nothing is
 * stored. Refused with `conflict` when the database is not an unset one ({@link isUnsetDatabase}).
 *
 * A PIN set before setup (through the admin) is not replaced by whoever reaches the setup screen: the
 * given PIN must then be that one (`forbidden` on 'adminPin', counting towards the lockout).
 *
 * Event: 'setup.completed' with what was chosen (never the PIN). Its changes list the settings and the KPI
 * target, so undo puts those back; the PIN (whose hash must not travel in the log) and the completion mark
 * are left out, so an undo never brings the setup screen back.
 */
export function applySetup(ctx: CoreContext, input: SetupInput): SetupStatus {
  if (!isUnsetDatabase(ctx)) throw alreadySetUp();
  const hadPin = getPinStatus(ctx).set;
  if (hadPin) checkExistingPin(ctx, input.adminPin);
  // The PIN lives in the secret store, outside the transaction: stored first (the same PIN again when one
  // was set, as just checked), and taken back if the setup's transaction fails.
  storePinHash(ctx, hashPin(input.adminPin));
  try {
    return recordSetup(ctx, input);
  } catch (error) {
    if (!hadPin) ctx.secrets.delete(SECRET_NAMES.adminPin);
    throw error;
  }
}

function recordSetup(ctx: CoreContext, input: SetupInput): SetupStatus {
  return runCommand(ctx, (record) => {
    const { db } = ctx;
    const now = ctx.clock.now();
    const settings = getDisplaySettings(ctx);
    const timezone = settings.timezone;
    if (input.data === 'demo') {
      // The demo's generated history is removed with the demo data, not undone row by row.
      withoutJournal(db, () => generateDemoData(db, { now, timezone, machineId: ctx.machineId, slides: input.slides }));
    }

    const playlist = setupPlaylist(input.slides, settings.playlist);
    const values = { teamNames: input.teamNames, periodKind: input.kpi.periodKind, playlist };
    for (const [key, value] of Object.entries(values) as [keyof typeof values, unknown][]) {
      setSetting(db, SETTING_KEYS[key], value, now);
    }

    const period = periodContaining(now, input.kpi.periodKind, timezone);
    const periodStart = localDate(period.start, timezone);
    const kpiId = NEW_PAYING_CUSTOMERS_KPI;
    const targetId = getKpiTarget(db, kpiId, input.kpi.periodKind, periodStart)?.id ?? uuidv7();
    upsertKpiTarget(
      db,
      { id: targetId, kpiId, periodKind: input.kpi.periodKind, periodStart, target: input.kpi.target },
      now,
    );

    // Undoing the setup takes back its choices, not the fact that it was done: the wall stays set up.
    withoutJournal(db, () => setSetting(db, SETTING_KEYS.setupCompletedAt, now, now));
    record({
      type: SETUP_COMPLETED_EVENT,
      entity: 'setup',
      entityId: 'setup',
      payload: {
        data: input.data,
        teamNames: input.teamNames,
        periodKind: input.kpi.periodKind,
        periodStart,
        periodLabel: period.label,
        target: input.kpi.target,
        slides: input.slides,
      },
    });
    return { needed: false, completedAt: now };
  });
}

/**
 * The playlist setup stores: the chosen slides enabled in the chosen order, then every other slide of the
 * wall disabled (so the admin can switch them on later), each keeping its current seconds.
 */
export function setupPlaylist(slides: readonly string[], current: readonly PlaylistEntry[]): PlaylistEntry[] {
  const seconds = (slideId: string): number =>
    current.find((entry) => entry.slideId === slideId)?.durationSec ?? DEFAULT_SLIDE_SECONDS;
  const rest = SLIDE_IDS.filter((slideId) => !slides.includes(slideId));
  return [
    ...slides.map((slideId) => ({ slideId, enabled: true, durationSec: seconds(slideId) })),
    ...rest.map((slideId) => ({ slideId, enabled: false, durationSec: seconds(slideId) })),
  ];
}

function checkExistingPin(ctx: CoreContext, pin: string): void {
  const check = verifyPin(ctx, pin);
  if (check.retryAfterSeconds !== undefined) {
    throw new ApiError(
      'forbidden',
      `Too many wrong PINs; try again in ${check.retryAfterSeconds} seconds.`,
      'adminPin',
    );
  }
  if (!check.ok) {
    throw new ApiError('forbidden', 'adminPin is not the admin PIN already set on this machine', 'adminPin');
  }
}

function alreadySetUp(): ApiError {
  return new ApiError('conflict', 'This wall is already set up; change its settings in the admin instead.');
}
