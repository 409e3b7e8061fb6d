/**
 * Assembles the part of Alignboard that runs the same under Electron and under plain Node: the database
 * connection, the context every service receives, and the dispatch both transports call.
 */
import { uuidv7 } from 'uuidv7';
import { createDispatcher, type Dispatch } from './api/dispatch';
import type { AppIdentity } from './api/handler-types';
import type { CoreContext } from './context';
import { openDatabase } from './db/open-database';
import { startBackupSchedule, type BackupSchedule, type BackupScheduleOptions } from './services/backup-service';
import { systemClock, type Clock } from './services/clock';
import { ensureDemoData } from './services/demo-data';
import { EventBus } from './services/event-bus';
import { ensureMachineId, getDisplaySettings } from './services/settings-service';

/** Options for {@link createCore}. */
export interface CoreOptions {
  /** the database file (created if missing), or ':memory:' */
  dbFile: string;
  clock?: Clock;
  /** the app's version (from package.json, read once by the caller) */
  version: string;
  /** 'if-empty' (default) fills an empty database with the demo quarter; 'never' leaves it empty */
  demo?: 'if-empty' | 'never';
  /** the room's zone for the demo data; defaults to the display settings' zone */
  timezone?: string;
  /**
   * Daily backups into `backups/` beside the database file (on by default for a file; an in-memory
   * database has none); `false` turns them off, an object tunes the schedule (tests).
   */
  backups?: false | BackupScheduleOptions;
}

/** A running core: what the Electron main and the Node server both build on. */
export interface Core {
  ctx: CoreContext;
  dispatch: Dispatch;
  appInfo: AppIdentity;
  /** stops the backup schedule and closes the database; safe to call twice */
  close(): void;
}

/**
 * Opens the database (migrating it), makes sure this machine has an id, fills demo data into an empty
 * database if asked, and builds the dispatcher. Each call gets a fresh bootId, which tells browsers that
 * the server restarted.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const db = openDatabase(options.dbFile);
  try {
    const machineId = ensureMachineId(db, clock.now());
    const ctx: CoreContext = { db, clock, machineId, bus: new EventBus(), dbFile: options.dbFile };
    if ((options.demo ?? 'if-empty') === 'if-empty') {
      ensureDemoData(ctx, options.timezone ?? getDisplaySettings(ctx).timezone);
    }
    const appInfo: AppIdentity = { name: 'Alignboard', version: options.version, bootId: uuidv7() };
    const schedule: BackupSchedule | null =
      options.dbFile === ':memory:' || options.backups === false
        ? null
        : startBackupSchedule(ctx, options.backups ?? {});
    let closed = false;
    return {
      ctx,
      appInfo,
      dispatch: createDispatcher(ctx, appInfo),
      close() {
        if (closed) return;
        closed = true;
        schedule?.stop();
        // ctx.db, not the first connection: a restore may have replaced it.
        if (ctx.db.open) ctx.db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
