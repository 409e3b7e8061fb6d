/** Handlers of the backup, restore and admin PIN methods (src/shared/methods/backup-methods.ts). */
import type { backupMethods } from '@shared/methods/backup-methods';
import { getPinStatus, setPin, verifyPin } from '../services/admin-pin-service';
import {
  createBackup,
  getBackupRetention,
  listBackups,
  restoreBackup,
  setBackupRetention,
} from '../services/backup-service';
import type { HandlerGroup } from './handler-types';

/** Backups, restore and the admin PIN. */
export const backupHandlers = {
  'backups.list': (ctx) => listBackups(ctx),
  'backups.create': (ctx) => createBackup(ctx, 'manual'),
  'backups.restore': (ctx, input) => restoreBackup(ctx, input.fileName),
  'backups.retention': (ctx) => getBackupRetention(ctx),
  'backups.setRetention': (ctx, input) => setBackupRetention(ctx, input),
  'admin.pinStatus': (ctx) => getPinStatus(ctx),
  'admin.setPin': (ctx, input) => setPin(ctx, input),
  'admin.verifyPin': (ctx, input) => verifyPin(ctx, input.pin),
} satisfies HandlerGroup<typeof backupMethods>;
