/**
 * The live database behind one door: its writer connection and whether its file is damaged. A restore
 * swaps both at once through {@link DatabaseHandle.swap}; everyone who reads through the handle (the core's
 * context, and so every handler and service) sees the new connection from then on.
 */
import type Database from 'better-sqlite3';
import type { DatabaseDamage } from './open-database';

/** The live database of one core. */
export interface DatabaseHandle {
  /** the one writer connection now; read it where it is used, never keep it across an await */
  readonly db: Database.Database;
  /** why the file is open read-only, or null when it is fine */
  readonly corrupt: DatabaseDamage | null;
  /** Makes `db` the live connection (a restore); `corrupt` says whether its file is damaged. */
  swap(db: Database.Database, corrupt?: DatabaseDamage | null): void;
}

/** A handle over a connection that was just opened. */
export function createDatabaseHandle(db: Database.Database, corrupt: DatabaseDamage | null = null): DatabaseHandle {
  let live = db;
  let damage = corrupt;
  return {
    get db() {
      return live;
    },
    get corrupt() {
      return damage;
    },
    swap(next, nextDamage = null) {
      live = next;
      damage = nextDamage;
    },
  };
}
