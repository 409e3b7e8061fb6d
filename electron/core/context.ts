import type Database from 'better-sqlite3';
import { createDatabaseHandle, type DatabaseHandle } from './db/database-handle';
import type { DatabaseDamage } from './db/open-database';
import type { Clock } from './services/support/clock';
import type { EventBus } from './services/support/event-bus';
import type { PinAttemptMemory } from './services/support/pin-attempts';
import type { SharingController } from './services/support/sharing-controller';
import type { SecretStore } from './secrets/secret-store';
import type { ReportPrinter } from './services/report/report-printer';
import type { ConnectionScheduler } from './connections/connection-scheduler';

/** What every service needs: the one writer connection, the time, who we are, and where events go. */
export interface CoreContext {
  /**
   * The live database, which a restore swaps (backup-service.ts). `db` and `corrupt` read through it, so
   * a context built by {@link coreContext} always names the connection in use.
   */
  readonly database: DatabaseHandle;
  /**
   * The handle's connection: read `ctx.db` where it is used rather than keeping the connection across an
   * await or in a long-lived closure, since a restore replaces it.
   */
  readonly db: Database.Database;
  clock: Clock;
  /** id of this machine, stamped on every activity event it writes */
  machineId: string;
  bus: EventBus;
  /** machine-local secrets, kept outside the database file (secrets/secret-store.ts) */
  secrets: SecretStore;
  /** the database file, or ':memory:' */
  dbFile: string;
  /**
   * Set when the file failed `quick_check` at start: `db` is then read-only and every write is refused,
   * until a backup is restored (which clears it). Null: the database is fine. Read through `database`.
   */
  readonly corrupt: DatabaseDamage | null;
  /**
   * The LAN server's owner, attached once the core runs: the app's share controller (electron/core/http/
   * lan-share.ts) or `npm run serve`'s fixed server. Absent: this core serves no other screens.
   */
  sharing?: SharingController | null;
  /** wrong admin PINs of this process, kept also when the database cannot record them (admin-pin-service.ts) */
  pinAttempts?: PinAttemptMemory;
  /**
   * True when the core was started to let an empty database wait for the first-run setup (createCore's
   * `demo: 'setup'`); otherwise an empty database simply stays empty (`--no-demo`) and no setup is asked.
   */
  awaitsSetup?: boolean;
  /**
   * Prints the weekly report page to PDF and PNGs, attached by the shell that runs the core (Electron's
   * printToPDF in the app, the system Chromium under `npm run serve`). Absent: no PDF can be made here.
   */
  reportPrinter?: ReportPrinter | null;
  /** the CRM sync scheduler (connections/connection-runtime.ts); created on first use, started by createCore */
  connections?: ConnectionScheduler;
}

/** What a core context is built from: its fields, with the connection just opened instead of a handle. */
export type CoreContextInit = Omit<CoreContext, 'database' | 'db' | 'corrupt'> & {
  db: Database.Database;
  corrupt?: DatabaseDamage | null;
};

/**
 * A core context over a new database handle: its `db` and `corrupt` read the handle, so a restore that
 * swaps the handle's connection reaches every view of this context (also the handlers').
 */
export function coreContext(init: CoreContextInit): CoreContext {
  const { db, corrupt = null, ...fields } = init;
  const database = createDatabaseHandle(db, corrupt);
  return {
    ...fields,
    database,
    get db() {
      return database.db;
    },
    get corrupt() {
      return database.corrupt;
    },
  };
}
