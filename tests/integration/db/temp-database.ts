import { memorySecretStore } from '../../../electron/core/secrets/secret-store';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase, type OpenDatabaseOptions } from '../../../electron/core/db/open-database';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { EventBus } from '../../../electron/core/services/support/event-bus';
import { coreContext, type CoreContext } from '../../../electron/core/context';

/** A real database file in a fresh temp dir; `cleanup` closes it and removes the dir. */
export interface TempDatabase {
  db: Database.Database;
  file: string;
  dir: string;
  cleanup(): void;
}

/** Opens a new database file in its own temp dir (migrated unless told otherwise). */
export function openTempDatabase(options: OpenDatabaseOptions = {}): TempDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'alignboard-test-'));
  const file = path.join(dir, 'alignboard.db');
  const db = openDatabase(file, options);
  return {
    db,
    file,
    dir,
    cleanup() {
      if (db.open) db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A core context over a temp database with a pinned clock. */
export function tempContext(at: number): {
  ctx: CoreContext;
  clock: ReturnType<typeof fixedClock>;
  temp: TempDatabase;
} {
  const temp = openTempDatabase();
  const clock = fixedClock(at);
  return { ctx: contextOver(temp, clock), clock, temp };
}

/** A core context over an open temp database, with its own event bus and secret store. */
export function contextOver(temp: Pick<TempDatabase, 'db' | 'file'>, clock: CoreContext['clock']): CoreContext {
  return coreContext({
    db: temp.db,
    clock,
    machineId: 'test-machine',
    bus: new EventBus(),
    secrets: memorySecretStore(),
    dbFile: temp.file,
  });
}
