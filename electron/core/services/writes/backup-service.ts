/**
 * Backups and restore. Backups are taken with SQLite's online backup (better-sqlite3's
 * `db.backup`), page by page while the wall keeps reading and writing, into a `backups/` folder beside the
 * database file, named `alignboard-YYYYMMDD-HHmmss-<kind>.db` (UTC, so names sort by time and never repeat
 * at a DST change; the UI shows local times).
 *
 * A restore never writes into the live file: the chosen backup is copied to a staging file next to the
 * database, checked (`integrity_check`), migrated, and only then — after a 'before-restore' backup of the
 * live data — renamed over the closed live file in one atomic step and reopened. `ctx.db` then points at
 * the new connection (statement caches are per connection, see statements.ts), and a 'data.restored'
 * activity event is recorded in the restored database: every wall refetches on `activity.recorded`, and
 * the feed says what happened.
 *
 * Only one backup or restore runs at a time per database file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TZDate } from '@date-fns/tz';
import Database from 'better-sqlite3';
import { format } from 'date-fns';
import { ApiError } from '@shared/api-error';
import { localDate } from '@shared/calendar';
import { formatInstant, roomFormat } from '@shared/format';
import {
  BACKUP_KINDS,
  type BackupInfo,
  type BackupKind,
  type BackupRetention,
  type RestoreResult,
} from '@shared/methods/backups-methods';
import type { CoreContext } from '../../context';
import { openDatabase, openLiveDatabase } from '../../db/open-database';
import { schemaDifferences } from '../../db/schema-check';
import { deleteSetting, getSetting, setSetting } from '../../db/repositories/settings-repository';
import { runCommand } from '../support/activity-recorder';
import { getDisplaySettings, MACHINE_SETTING_KEYS, SETTING_KEYS } from '../support/settings-service';

/** The folder, beside the database file, that holds the backups. */
export const BACKUPS_FOLDER = 'backups';
/** How many daily backups are kept when the `backups.keepDaily` setting was never set. */
export const DEFAULT_KEEP_DAILY = 14;

const HOUR_MS = 3_600_000;
const NAME_PATTERN =
  /^alignboard-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})-(daily|manual|before-restore)(?:-(\d{1,4}))?\.db$/;
/** Pages copied per step of an online backup (4 MB at SQLite's default page size). */
const PAGES_PER_STEP = 1000;
/**
 * A write by another connection restarts an online backup; after this many restarts the rest is copied
 * in one step, so that a busy writer cannot keep a backup from ever finishing.
 */
const MAX_RESTARTS = 3;
/**
 * What the restored database keeps from the live one (they belong to this machine, not to the data); a
 * secret an older backup still holds in its settings is dropped, since the live database holds none.
 */
const MACHINE_SETTINGS = MACHINE_SETTING_KEYS;

/** The backups folder of a database file. */
export function backupsFolder(dbFile: string): string {
  return path.join(path.dirname(path.resolve(dbFile)), BACKUPS_FOLDER);
}

/** When a backup file was taken and why, read from its name; null for any other file name. */
export function parseBackupFileName(fileName: string): { createdAt: number; kind: BackupKind } | null {
  const match = NAME_PATTERN.exec(fileName);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const createdAt = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 2026-02-31 over into March; a name that does not round-trip was not written by us.
  const back = new Date(createdAt);
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return null;
  }
  return { createdAt, kind: match[7] as BackupKind };
}

/** The file name for a backup taken at `at`: `alignboard-YYYYMMDD-HHmmss-<kind>.db`, in UTC. */
export function backupFileName(at: number, kind: BackupKind, sequence = 1): string {
  const iso = new Date(at).toISOString();
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
  return `alignboard-${stamp}-${kind}${sequence > 1 ? `-${sequence}` : ''}.db`;
}

/** The backups in the folder, newest first. An in-memory database has none. */
export function listBackups(ctx: Pick<CoreContext, 'dbFile'>): BackupInfo[] {
  if (ctx.dbFile === ':memory:') return [];
  const folder = backupsFolder(ctx.dbFile);
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const backups: BackupInfo[] = [];
  for (const fileName of names) {
    const parsed = parseBackupFileName(fileName);
    if (!parsed) continue;
    const stat = fs.lstatSync(path.join(folder, fileName), { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    backups.push({ fileName, createdAt: parsed.createdAt, sizeBytes: stat.size, kind: parsed.kind });
  }
  return backups.sort((a, b) => b.createdAt - a.createdAt || b.fileName.localeCompare(a.fileName));
}

/** How many daily backups to keep: the `backups.keepDaily` setting, default {@link DEFAULT_KEEP_DAILY}. */
export function keepDailyCount(ctx: Pick<CoreContext, 'db'>): number {
  return getBackupRetention(ctx).keepDaily;
}

/** The retention in force, and whether it is the default. */
export function getBackupRetention(ctx: Pick<CoreContext, 'db'>): BackupRetention {
  const value = getSetting<unknown>(ctx.db, SETTING_KEYS.backupsKeepDaily);
  const valid = typeof value === 'number' && Number.isInteger(value) && value >= 1;
  return valid ? { keepDaily: value, isDefault: false } : { keepDaily: DEFAULT_KEEP_DAILY, isDefault: true };
}

/**
 * Sets how many daily backups to keep, as one logged command (undo puts the previous count back). Nothing
 * is deleted now: a lower count takes effect at the next daily backup, so a slip of the finger can still
 * be undone before any file goes. Event: 'settings.changed' with the key, as `settings.save` writes it.
 */
export function setBackupRetention(ctx: CoreContext, input: { keepDaily: number }): BackupRetention {
  return runCommand(ctx, (record) => {
    if (getBackupRetention(ctx).keepDaily === input.keepDaily) return getBackupRetention(ctx);
    setSetting(ctx.db, SETTING_KEYS.backupsKeepDaily, input.keepDaily, ctx.clock.now());
    record({
      type: 'settings.changed',
      entity: 'settings',
      entityId: 'backups',
      payload: { keys: ['backupsKeepDaily'], values: { backupsKeepDaily: input.keepDaily } },
    });
    return getBackupRetention(ctx);
  });
}

/**
 * Rolling retention: the newest N daily backups stay (N = {@link keepDailyCount}); manual and
 * before-restore backups stay while there are at most 2N backups in all, the oldest going first.
 * Returns the names of the files removed.
 */
export function pruneBackups(ctx: Pick<CoreContext, 'db' | 'dbFile'>): string[] {
  const keep = keepDailyCount(ctx);
  const backups = listBackups(ctx);
  const doomed = new Set(backups.filter((backup) => backup.kind === 'daily').slice(keep));
  let total = backups.length - doomed.size;
  const others = backups.filter((backup) => backup.kind !== 'daily').reverse();
  for (const backup of others) {
    if (total <= keep * 2) break;
    doomed.add(backup);
    total -= 1;
  }
  const folder = backupsFolder(ctx.dbFile);
  for (const backup of doomed) fs.rmSync(path.join(folder, backup.fileName), { force: true });
  return [...doomed].map((backup) => backup.fileName);
}

/** Options of {@link createBackup}. */
export interface BackupOptions {
  /** stops the backup between two steps (the schedule's stop); the partial file is removed */
  signal?: AbortSignal;
  /** called after each step with SQLite's progress (tests interleave writes here) */
  onStep?: (progress: { totalPages: number; remainingPages: number }) => void;
  /** pages per step; smaller steps let other work in between */
  pagesPerStep?: number;
}

/**
 * Takes an online backup of the live database ("back up now", or the daily one), checks it with
 * `quick_check` before it appears in the folder, and applies the retention rule. Writes may go on while it
 * runs: those from our own connection are carried into the backup as it goes, and a write from another
 * connection restarts it.
 */
export async function createBackup(
  ctx: CoreContext,
  kind: BackupKind = 'manual',
  options: BackupOptions = {},
): Promise<BackupInfo> {
  requireFile(ctx);
  return exclusive(ctx.dbFile, async () => {
    const backup = await takeBackup(ctx, kind, options);
    pruneBackups(ctx);
    return backup;
  });
}

/**
 * Takes today's daily backup unless there is one already ("today" in the room's time zone); returns it,
 * or null when today's exists.
 */
export async function ensureDailyBackup(ctx: CoreContext, options: BackupOptions = {}): Promise<BackupInfo | null> {
  requireFile(ctx);
  return exclusive(ctx.dbFile, async () => {
    const { timezone } = getDisplaySettings(ctx);
    const today = localDate(ctx.clock.now(), timezone);
    const done = listBackups(ctx).some(
      (backup) => backup.kind === 'daily' && localDate(backup.createdAt, timezone) === today,
    );
    if (done) return null;
    const backup = await takeBackup(ctx, 'daily', options);
    pruneBackups(ctx);
    return backup;
  });
}

/**
 * Runs SQLite's `integrity_check` on a database file opened read-only, and makes sure it holds an
 * Alignboard schema (an empty file is a valid, empty SQLite database). Returns 'ok' or what is wrong.
 */
export function checkIntegrity(file: string): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    if (problems.length > 0) return problems.slice(0, 3).join('; ');
    if ((db.pragma('user_version', { simple: true }) as number) < 1) return 'it holds no Alignboard data';
    return 'ok';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    db?.close();
  }
}

/**
 * Makes a backup's data live. The backup must be a file of the backups folder and pass `integrity_check`
 * (else a 'conflict' error and nothing changes); the live data is first saved as a 'before-restore'
 * backup; then the live connection is closed, a checked and migrated copy of the backup is renamed over
 * the live file (stale `-wal`/`-shm` removed), and `ctx.db` is replaced by a new connection. A backup
 * whose schema is not exactly what the migrations make (a trigger, a view, an extra table or index) is
 * refused with 'conflict' before anything in it runs. This machine's settings (its id, LAN sharing, backup
 * retention) stay as they were, and its secrets are not in the database at all (secrets/).
 *
 * Over a DAMAGED database (`ctx.corrupt`, opened read-only at start) there is no safety backup to take (it
 * would fail its own check): the damaged file is instead renamed aside, byte for byte as it was, to
 * `<db>.damaged-<UTC time>` (with its `-wal`, if any), and `safetyBackup` names that file. It is never
 * overwritten or deleted.
 */
export async function restoreBackup(ctx: CoreContext, fileName: string): Promise<RestoreResult> {
  requireFile(ctx);
  const source = resolveBackupFile(ctx.dbFile, fileName);
  return exclusive(ctx.dbFile, async () => {
    if (!fs.lstatSync(source, { throwIfNoEntry: false })?.isFile()) {
      throw new ApiError('not_found', `There is no backup called ${fileName}.`, 'fileName');
    }
    const staged = `${ctx.dbFile}.restoring`;
    removeDatabaseFiles(staged);
    let safety: BackupInfo | undefined;
    try {
      // The copy is what goes live, so the copy is what gets checked: the backup itself is only read.
      fs.copyFileSync(source, staged, fs.constants.COPYFILE_EXCL);
      const integrity = checkIntegrity(staged);
      if (integrity !== 'ok') {
        throw new ApiError('conflict', `The backup ${fileName} is damaged: ${integrity}. Nothing was changed.`);
      }
      // Before the copy is opened for writing (a migration or the machine settings below would already run
      // a foreign trigger): only the schema Alignboard's own migrations make may go live.
      const foreign = foreignSchema(staged);
      if (foreign.length > 0) {
        throw new ApiError(
          'conflict',
          `The backup ${fileName} was not made by Alignboard: it holds ${foreign.slice(0, 3).join('; ')}${foreign.length > 3 ? ` and ${foreign.length - 3} more differences` : ''}. Nothing was changed.`,
        );
      }
      prepareStaged(staged, ctx, fileName);
      if (!ctx.corrupt) safety = await takeBackup(ctx, 'before-restore');
      if (!ctx.db.open) throw new ApiError('conflict', 'Alignboard is shutting down; nothing was restored.');
    } catch (error) {
      removeDatabaseFiles(staged);
      throw error;
    }
    if (ctx.corrupt) {
      const damaged = damagedFileName(ctx.dbFile, ctx.clock.now());
      // The restored file is sound: the swap clears the damage with the connection.
      swapIn(ctx, staged, null, damaged);
      recordRestored(ctx, fileName, path.basename(damaged));
      pruneBackups(ctx);
      return { restoredFrom: fileName, safetyBackup: path.basename(damaged) };
    }
    swapIn(ctx, staged, path.join(backupsFolder(ctx.dbFile), safety!.fileName));
    recordRestored(ctx, fileName, safety!.fileName);
    pruneBackups(ctx);
    return { restoredFrom: fileName, safetyBackup: safety!.fileName };
  });
}

/** Options of {@link startBackupSchedule}. */
export interface BackupScheduleOptions {
  /** the first check waits this long, so that it does not compete with the wall's first paint */
  startDelayMs?: number;
  /** how often to check whether today's backup is due */
  everyMs?: number;
  /** where a failed daily backup is reported; defaults to console.error */
  onError?: (error: unknown) => void;
}

/** A running backup schedule. */
export interface BackupSchedule {
  /** stops the timers and aborts a backup in progress; safe to call twice */
  stop(): void;
  /** resolves when the check in progress (if any) is over */
  idle(): Promise<void>;
}

/**
 * Keeps daily backups: shortly after start, and then every hour, a backup is taken unless today already
 * has one — one a day, also after the machine slept through the planned time. Timers are unref'd, so the
 * schedule never keeps a process alive.
 */
export function startBackupSchedule(ctx: CoreContext, options: BackupScheduleOptions = {}): BackupSchedule {
  const abort = new AbortController();
  const onError = options.onError ?? ((error) => console.error('the daily backup failed:', error));
  let running: Promise<void> = Promise.resolve();
  let interval: ReturnType<typeof setInterval> | undefined;

  const check = (): void => {
    if (abort.signal.aborted) return;
    running = running.then(() =>
      ensureDailyBackup(ctx, { signal: abort.signal }).then(
        () => undefined,
        (error: unknown) => {
          if (!abort.signal.aborted) onError(error);
        },
      ),
    );
  };
  const first = setTimeout(() => {
    check();
    interval = setInterval(check, options.everyMs ?? HOUR_MS);
    interval.unref();
  }, options.startDelayMs ?? 10_000);
  first.unref();

  return {
    stop() {
      abort.abort();
      clearTimeout(first);
      if (interval) clearInterval(interval);
    },
    idle: () => running,
  };
}

// ---------------------------------------------------------------------------------------------------------

const queues = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier backup or restore of the same database file has finished. */
function exclusive<T>(dbFile: string, work: () => Promise<T>): Promise<T> {
  const key = path.resolve(dbFile);
  const previous = queues.get(key) ?? Promise.resolve();
  const result = previous.then(work, work);
  const tail = result.then(
    () => undefined,
    () => undefined,
  );
  queues.set(key, tail);
  void tail.then(() => {
    if (queues.get(key) === tail) queues.delete(key);
  });
  return result;
}

function requireFile(ctx: Pick<CoreContext, 'dbFile'>): void {
  if (ctx.dbFile === ':memory:') throw new ApiError('conflict', 'A database kept in memory has no backups.');
}

/**
 * The path of a backup named by a caller. Only a name of our own pattern, directly inside the backups
 * folder, is accepted: no folders, no `..`, nothing that resolves elsewhere.
 */
function resolveBackupFile(dbFile: string, fileName: string): string {
  const folder = backupsFolder(dbFile);
  const file = path.resolve(folder, fileName);
  if (!parseBackupFileName(fileName) || path.dirname(file) !== folder || path.basename(file) !== fileName) {
    throw new ApiError('invalid_input', 'fileName must be the name of a backup in the backups folder', 'fileName');
  }
  return file;
}

/** The online backup itself, into `<name>.partial`, renamed once complete, checked and on disk. */
async function takeBackup(ctx: CoreContext, kind: BackupKind, options: BackupOptions = {}): Promise<BackupInfo> {
  if (!BACKUP_KINDS.includes(kind)) throw new TypeError(`unknown backup kind ${kind}`);
  const folder = backupsFolder(ctx.dbFile);
  fs.mkdirSync(folder, { recursive: true });
  const at = ctx.clock.now();
  let sequence = 1;
  let fileName = backupFileName(at, kind);
  while (fs.existsSync(path.join(folder, fileName)) || fs.existsSync(path.join(folder, `${fileName}.partial`))) {
    sequence += 1;
    fileName = backupFileName(at, kind, sequence);
  }
  const file = path.join(folder, fileName);
  const partial = `${file}.partial`;
  const step = options.pagesPerStep ?? PAGES_PER_STEP;
  let lastRemaining = Number.POSITIVE_INFINITY;
  let restarts = 0;
  try {
    await ctx.db.backup(partial, {
      progress: (progress) => {
        if (options.signal?.aborted) throw new Error('the backup was stopped');
        options.onStep?.(progress);
        if (progress.remainingPages > lastRemaining) restarts += 1;
        lastRemaining = progress.remainingPages;
        return restarts >= MAX_RESTARTS ? 0x7fffffff : step;
      },
    });
    const integrity = finishBackupFile(partial);
    if (integrity !== 'ok') throw new ApiError('conflict', `The new backup did not pass its check: ${integrity}.`);
    fs.renameSync(partial, file);
    syncFolder(folder);
  } catch (error) {
    removeDatabaseFiles(partial);
    throw error;
  }
  // The name holds whole seconds; the listing reads the time from it, so this answer does too.
  const createdAt = Math.floor(at / 1000) * 1000;
  return { fileName, createdAt, sizeBytes: fs.statSync(file).size, kind, integrity: 'ok' };
}

/**
 * Turns a fresh backup into one self-contained file: the online backup copies the live database's WAL
 * mode, which would make every later reader create `-wal`/`-shm` files beside it. Returns `quick_check`.
 */
function finishBackupFile(file: string): string {
  const db = new Database(file, { fileMustExist: true });
  let result: unknown;
  try {
    db.pragma('journal_mode = DELETE');
    result = db.pragma('quick_check', { simple: true });
  } finally {
    db.close();
  }
  // The file's bytes reach the disk before the rename makes the backup visible.
  fsyncFile(file);
  return String(result);
}

/** How the schema of a file differs from the migrations' (read-only: nothing in the file runs). */
function foreignSchema(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return schemaDifferences(db);
  } finally {
    db.close();
  }
}

/**
 * Brings the staged copy up to this version's schema (an older backup is migrated here, before anything
 * live is touched), carries this machine's own settings over, and leaves it self-contained.
 */
function prepareStaged(staged: string, ctx: CoreContext, fileName: string): void {
  let db: Database.Database;
  try {
    db = openDatabase(staged);
  } catch (error) {
    throw new ApiError(
      'conflict',
      `The backup ${fileName} cannot be used: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`,
    );
  }
  try {
    const now = ctx.clock.now();
    db.transaction(() => {
      for (const key of MACHINE_SETTINGS) {
        let value: unknown;
        try {
          value = getSetting<unknown>(ctx.db, key);
        } catch (error) {
          // A damaged live file may not give its settings back: the backup's own values stay then.
          if (ctx.corrupt) continue;
          throw error;
        }
        if (value === undefined) deleteSetting(db, key);
        else setSetting(db, key, value, now);
      }
    })();
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
  fsyncFile(staged);
}

/**
 * The swap: close the live connection, drop its stale `-wal`/`-shm` (they belong to the old file and must
 * never be replayed into the restored one), rename the staged file over the live one (atomic on the same
 * file system) and reopen. If anything fails, the data as it was before comes back from the safety backup.
 * With `keepAside` (a damaged live file) the live file and its `-wal` are first renamed to that name
 * instead, so that nothing of them is lost.
 */
function swapIn(ctx: CoreContext, staged: string, safetyFile: string | null, keepAside?: string): void {
  const live = ctx.dbFile;
  ctx.db.close();
  try {
    if (keepAside) {
      fs.renameSync(live, keepAside);
      if (fs.existsSync(`${live}-wal`)) fs.renameSync(`${live}-wal`, `${keepAside}-wal`);
      syncFolder(path.dirname(live));
    }
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${live}${suffix}`, { force: true });
    fs.renameSync(staged, live);
    syncFolder(path.dirname(live));
    ctx.database.swap(openDatabase(live));
  } catch (error) {
    if (keepAside) recoverDamaged(ctx, staged, keepAside);
    else recoverLive(ctx, staged, safetyFile!);
    throw new ApiError(
      'internal',
      `The restore failed (${error instanceof Error ? error.message : String(error)}); the data is as it was before.`,
    );
  }
}

/** After a failed swap: reopen the untouched live file, or bring the safety backup back in its place. */
function recoverLive(ctx: CoreContext, staged: string, safetyFile: string): void {
  const live = ctx.dbFile;
  if (fs.existsSync(staged)) {
    // The rename never happened: the live file is the old one.
    removeDatabaseFiles(staged);
  } else {
    // The restored file is in place but would not open; keep it for a look, never delete it.
    if (fs.existsSync(live)) fs.renameSync(live, `${live}.failed-restore-${Date.now()}`);
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${live}${suffix}`, { force: true });
    const back = `${live}.recovering`;
    fs.copyFileSync(safetyFile, back);
    fs.renameSync(back, live);
  }
  ctx.database.swap(openDatabase(live));
}

/**
 * After a failed swap over a damaged file: put the damaged file back in place (by rename: the restored
 * file, if it got there, is moved aside first, never deleted) and reopen it read-only, as at start.
 */
function recoverDamaged(ctx: CoreContext, staged: string, keptAside: string): void {
  const live = ctx.dbFile;
  removeDatabaseFiles(staged);
  if (fs.existsSync(keptAside)) {
    if (fs.existsSync(live)) fs.renameSync(live, `${live}.failed-restore-${Date.now()}`);
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${live}${suffix}`, { force: true });
    if (fs.existsSync(`${keptAside}-wal`)) fs.renameSync(`${keptAside}-wal`, `${live}-wal`);
    fs.renameSync(keptAside, live);
  }
  const reopened = openLiveDatabase(live);
  ctx.database.swap(reopened.db, reopened.corrupt);
}

/** Where a damaged live file is kept: `<db>.damaged-YYYYMMDD-HHmmss` (UTC), never an existing name. */
function damagedFileName(dbFile: string, at: number): string {
  const stamp = backupFileName(at, 'manual').slice('alignboard-'.length, -'-manual.db'.length);
  let candidate = `${dbFile}.damaged-${stamp}`;
  for (let sequence = 2; fs.existsSync(candidate); sequence += 1) candidate = `${dbFile}.damaged-${stamp}-${sequence}`;
  return candidate;
}

/** The 'data.restored' event, in the restored database: walls refetch, the feed says what happened. */
function recordRestored(ctx: CoreContext, fileName: string, safetyBackup: string): void {
  const parsed = parseBackupFileName(fileName);
  const settings = getDisplaySettings(ctx);
  const { timezone } = settings;
  const when = parsed ? formatInstant(parsed.createdAt, roomFormat(settings)) : fileName;
  // The feed's words take the time as the room reads it ('2026-11-27 09:00'); the file name is in UTC.
  const backupTakenAt = parsed ? format(new TZDate(parsed.createdAt, timezone), 'yyyy-MM-dd HH:mm') : null;
  runCommand(ctx, (record) => {
    record({
      type: 'data.restored',
      entity: 'backup',
      entityId: fileName,
      // No row changes: a restore replaces the whole database and is not undone row by row (the safety
      // backup is the way back).
      payload: { title: `backup of ${when}`, fileName, backupTakenAt, safetyBackup, changes: [] },
    });
  });
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable. Windows cannot open a folder for that, and needs no such step. */
function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
