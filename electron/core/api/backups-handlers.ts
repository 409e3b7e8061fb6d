/** Handlers of the backup and restore methods (src/shared/methods/backups-methods.ts). */
import type { backupsMethods } from '@shared/methods/backups-methods';
import {
  createBackup,
  getBackupRetention,
  listBackups,
  restoreBackup,
  setBackupRetention,
} from '../services/writes/backup-service';
import type { HandlerGroup } from './handler-types';

/** Backups and restore. */
export const backupsHandlers = {
  'backups.list': (ctx) => listBackups(ctx),
  'backups.create': (ctx) => createBackup(ctx, 'manual'),
  'backups.restore': (ctx, input) => restoreBackup(ctx, input.fileName),
  'backups.retention': (ctx) => getBackupRetention(ctx),
  'backups.setRetention': (ctx, input) => setBackupRetention(ctx, input),
} satisfies HandlerGroup<typeof backupsMethods>;
