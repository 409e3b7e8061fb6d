/**
 * Backups, restore and the admin PIN (issue 4). The result types live here too, so that the admin view
 * imports them as types only (no zod in the bundle for that).
 */
import { z } from 'zod';
import { none, read, write } from './define';

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

/** Whether an admin PIN has been set on this machine. */
export interface PinStatus {
  set: boolean;
}

/**
 * The answer to a PIN: `ok`, or not, with how many tries are left before a lockout, or how long the
 * lockout still lasts (while locked out, no PIN is checked at all, not even the right one).
 */
export interface PinCheck {
  ok: boolean;
  attemptsLeft?: number;
  retryAfterSeconds?: number;
}

/** An admin PIN: 4 to 12 digits. */
export const pin = z.string().regex(/^\d{4,12}$/, 'must be 4 to 12 digits');

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

/** Input of `admin.setPin`: the new PIN, and the current one once a PIN is set. */
export const pinSetInput = z.object({ pin, currentPin: pin.optional() }).strict();

/** Input of `admin.verifyPin`. Any string up to 64 characters: a malformed PIN is simply a wrong one. */
export const pinVerifyInput = z.object({ pin: z.string().max(64, 'is too long') }).strict();

/** How many daily backups are kept; manual and safety backups stay while there are at most twice as many. */
export interface BackupRetention {
  keepDaily: number;
  /** true while nobody chose a number: the default is in force */
  isDefault: boolean;
}

/** Input of `backups.setRetention`. */
export const backupRetentionInput = z
  .object({
    keepDaily: z
      .number({ error: 'must be a number' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1')
      .max(365, 'must be at most 365'),
  })
  .strict();

/** PIN tries one caller may make in a minute, apart from the lockout after wrong ones in a row. */
export const PIN_TRY_RATE = { calls: 20, perMs: 60_000 } as const;

/** Backup, restore and PIN methods: name (domain.verb) → kind, input schema, result type. */
export const backupMethods = {
  'backups.list': read<BackupInfo[]>('viewer')(none),
  /** "back up now": an online backup of the live database, checked before it is listed */
  'backups.create': write<BackupInfo>('admin')(none),
  /** checks the backup, takes a safety backup, then makes the backup's data live */
  'backups.restore': write<RestoreResult>('admin', { whileDamaged: true })(backupRestoreInput),
  'backups.retention': read<BackupRetention>('viewer')(none),
  /** a new count of daily backups to keep; older ones go at the next daily backup, not now */
  'backups.setRetention': write<BackupRetention>('admin')(backupRetentionInput),
  'admin.pinStatus': read<PinStatus>('viewer')(none),
  /** the first PIN needs no unlock (there is none yet); a change asks for the current PIN */
  'admin.setPin': write<PinStatus>('kiosk')(pinSetInput),
  /**
   * A write: a wrong PIN counts towards the lockout. Only the app's own window (and the admin token) may
   * try, never a viewer, so that the wall's QR code can neither guess the PIN nor lock the admin out.
   */
  'admin.verifyPin': write<PinCheck>('kiosk', { rate: PIN_TRY_RATE, whileDamaged: true })(pinVerifyInput),
} as const;
