/**
 * Assembles the part of Alignboard that runs the same under Electron and under plain Node: the database
 * connection, the context every service receives, and the dispatch both transports call.
 */
import { uuidv7 } from 'uuidv7';
import { createDispatcher, type Dispatch } from './api/dispatch';
import type { AppIdentity } from './api/handler-types';
import type { AlignboardConfig } from './config-file';
import { coreContext, type CoreContext } from './context';
import { openLiveDatabase } from './db/open-database';
import { getSetting } from './db/repositories/settings-repository';
import { startBackupSchedule, type BackupSchedule, type BackupScheduleOptions } from './services/writes/backup-service';
import { systemClock, type Clock } from './services/support/clock';
import { applyConfig, type ConfigApplied } from './services/writes/config-setup';
import { ensureDemoData } from './services/demo/demo-data';
import { startDemoTrickle, type DemoTrickle, type DemoTrickleOptions } from './services/demo/demo-trickle';
import { EventBus } from './services/support/event-bus';
import { PinAttemptMemory } from './services/support/pin-attempts';
import { ensureMachineId, getDisplaySettings, isDemoData, SETTING_KEYS } from './services/support/settings-service';
import { isUnsetDatabase } from './services/writes/setup-service';
import { fileSecretStore, secretFileFor } from './secrets/file-secret-store';
import { moveSecretsOutOfDatabase } from './secrets/machine-secrets';
import { memorySecretStore, type SecretStore } from './secrets/secret-store';
import { ConnectionRuntime, type ConnectionRuntimeOptions } from './connections/connection-runtime';
import { wireStatusEvents } from './connections/connection-service';

/** Options for {@link createCore}. */
export interface CoreOptions {
  /** the database file (created if missing), or ':memory:' */
  dbFile: string;
  clock?: Clock;
  /** the app's version (from package.json, read once by the caller) */
  version: string;
  /**
   * What an empty database (never set up) becomes: 'if-empty' (default) fills it with the demo quarter;
   * 'never' leaves it empty; 'setup' leaves it empty and waiting for the first-run setup screen.
   */
  demo?: 'if-empty' | 'never' | 'setup';
  /** an unattended install's config file, already read and checked (config-file.ts); applied first */
  config?: AlignboardConfig | null;
  /** the room's zone for the demo data; defaults to the display settings' zone */
  timezone?: string;
  /**
   * Daily backups into `backups/` beside the database file (on by default for a file; an in-memory
   * database has none); `false` turns them off, an object tunes the schedule (tests).
   */
  backups?: false | BackupScheduleOptions;
  /**
   * where machine-local secrets live; defaults to an unencrypted owner-only file beside a database file
   * (file-secret-store.ts), and to memory for ':memory:'
   */
  secrets?: SecretStore;
  /**
   * The demo's trickle of simulated events (demo-trickle.ts), on demo data only: on by default for a file
   * unless the environment says ALIGNBOARD_DEMO_TRICKLE=off (the test suites, whose figures must hold
   * still); `false` turns it off, an object tunes it.
   */
  demoTrickle?: false | DemoTrickleOptions;
  /**
   * The CRM sync scheduler: on by default (each saved connection polls at its interval); `false` leaves
   * it stopped (a sync runs only when asked), an object tunes its waits (tests).
   */
  connections?: false | ConnectionRuntimeOptions;
}

/** A running core: what the Electron main and the Node server both build on. */
export interface Core {
  ctx: CoreContext;
  dispatch: Dispatch;
  appInfo: AppIdentity;
  /** what the config file changed at this start */
  configApplied: ConfigApplied;
  /** stops the backup schedule and closes the database; safe to call twice */
  close(): void;
}

/**
 * Opens the database (checking it with `quick_check`, then migrating it), makes sure this machine has an
 * id, applies the config file if given (config-setup.ts), fills demo data into an empty database if asked,
 * starts the CRM sync scheduler, and builds the dispatcher. Each call gets a fresh
 * bootId, which tells browsers that the server restarted.
 *
 * A database that fails the check is opened read-only and `ctx.corrupt` says why: nothing is migrated,
 * no demo data is added, no daily backup is taken (it would fail its own check, and retention must not
 * push good backups out), and the dispatcher refuses writes until a backup is restored.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const secrets =
    options.secrets ??
    (options.dbFile === ':memory:' ? memorySecretStore() : fileSecretStore(secretFileFor(options.dbFile)));
  const { db, corrupt } = openLiveDatabase(options.dbFile);
  try {
    // An install from before the secret store kept its tokens and PIN hash in the settings table.
    moveSecretsOutOfDatabase(db, secrets, corrupt !== null);
    const machineId = corrupt ? readMachineId(db) : ensureMachineId(db, clock.now());
    const ctx = coreContext({
      db,
      clock,
      machineId,
      bus: new EventBus(),
      secrets,
      dbFile: options.dbFile,
      corrupt,
      pinAttempts: new PinAttemptMemory(),
      awaitsSetup: options.demo === 'setup',
    });
    // The config first: its setup decides what an empty database holds, demo data or nothing.
    const configApplied = options.config ? applyConfig(ctx, options.config) : { setup: false, share: false };
    // A database set up empty on its first run stays empty: only one never set up gets the demo quarter.
    if ((options.demo ?? 'if-empty') === 'if-empty' && isUnsetDatabase(ctx)) {
      ensureDemoData(ctx, options.timezone ?? getDisplaySettings(ctx).timezone);
    }
    const appInfo: AppIdentity = { name: 'Alignboard', version: options.version, bootId: uuidv7() };
    const schedule: BackupSchedule | null =
      options.dbFile === ':memory:' || options.backups === false || corrupt
        ? null
        : startBackupSchedule(ctx, options.backups ?? {});
    const trickleOff =
      options.demoTrickle === false ||
      (options.demoTrickle === undefined && process.env.ALIGNBOARD_DEMO_TRICKLE === 'off');
    const trickle: DemoTrickle | null =
      options.dbFile === ':memory:' || trickleOff || corrupt || !(isDemoData(ctx.db) || ctx.awaitsSetup)
        ? null
        : startDemoTrickle(ctx, options.demoTrickle || {});
    const connections = options.connections === false ? { autoStart: false } : (options.connections ?? {});
    ctx.connections = new ConnectionRuntime(ctx, connections);
    wireStatusEvents(ctx, ctx.connections);
    if (connections.autoStart !== false && !corrupt) ctx.connections.start();
    let closed = false;
    return {
      ctx,
      appInfo,
      configApplied,
      dispatch: createDispatcher(ctx, appInfo),
      close() {
        if (closed) return;
        closed = true;
        schedule?.stop();
        trickle?.stop();
        ctx.connections?.stop();
        // ctx.db, not the first connection: a restore may have replaced it.
        if (ctx.db.open) ctx.db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** This machine's id from a damaged, read-only database, if it can still be read; never written there. */
function readMachineId(db: Core['ctx']['db']): string {
  try {
    return getSetting<string>(db, SETTING_KEYS.machineId) ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
