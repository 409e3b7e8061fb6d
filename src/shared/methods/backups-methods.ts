/**
 * Backups and restore. The result types live here too, so that the admin view
 * imports them as types only (no zod in the bundle for that).
 */
import { z } from 'zod';
import { none, read, wholeNumber, write } from './define';

/** Why a backup was taken: the daily schedule, "back up now", or the safety copy before a restore. */
export const BACKUP_KINDS = ['daily', 'manual', 'before-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** One backup file in the `backups/` folder beside the database. */
export interface BackupInfo {
  /** the file's name inside the backups folder, e.g. `alignboard-20261117-090000-daily.db` */
  fileName: string;
  /** when it was taken (epoch ms) */
  createdAt: number;
  sizeBytes: number;
  kind: BackupKind;
  /**
   * The result of the integrity check, when one was just run: 'ok', or SQLite's first complaint.
   * Absent in `backups.list`, which does not open every file.
   */
  integrity?: string;
}

/** What `backups.restore` did. */
export interface RestoreResult {
  /** the backup whose data is now live */
  restoredFrom: string;
  /** the backup of the data as it was just before the restore (to go back to) */
  safetyBackup: string;
}

/**
 * A backup's file name. Only the shape is checked here; the server also makes sure it names a file
 * inside the backups folder (no path).
 */
export const backupFileName = z
  .string()
  .min(1, 'is required')
  .max(255, 'is too long')
  .regex(/^[^/\\]+$/, 'must be a file name without a folder');

/** Input of `backups.restore`. */
export const backupRestoreInput = z.object({ fileName: backupFileName }).strict();

/** How many daily backups are kept; manual and safety backups stay while there are at most twice as many. */
export interface BackupRetention {
  keepDaily: number;
  /** true while nobody chose a number: the default is in force */
  isDefault: boolean;
}

/** Input of `backups.setRetention`. */
export const backupRetentionInput = z
  .object({
    keepDaily: wholeNumber('must be a whole number of days')
      .min(1, 'must be at least 1')
      .max(365, 'must be at most 365'),
  })
  .strict();
/** The backups domain: name (domain.verb) → kind, input schema, result type. */
export const backupsMethods = {
  'backups.list': read<BackupInfo[]>('viewer')(none),
  /** "back up now": an online backup of the live database, checked before it is listed */
  'backups.create': write<BackupInfo>('admin')(none),
  /** checks the backup, takes a safety backup, then makes the backup's data live */
  'backups.restore': write<RestoreResult>('admin', { whileDamaged: true })(backupRestoreInput),
  'backups.retention': read<BackupRetention>('viewer')(none),
  /** a new count of daily backups to keep; older ones go at the next daily backup, not now */
  'backups.setRetention': write<BackupRetention>('admin')(backupRetentionInput),
} as const;
