/**
 * From demo to the room's own data: removing the generated demo quarter (after a backup of it).
 */
import type { BackupInfo } from './backups-methods';
import { none, write } from './define';

/** What removing the demo data did. */
export interface DemoRemovalResult {
  /** the backup taken first; restoring it brings the demo back */
  backup: BackupInfo;
  /** rows removed, all tables together */
  removedRows: number;
}

/** Demo data methods: name (domain.verb) → kind, input schema, result type. */
export const demoMethods = {
  /** takes a backup, then removes every row of the demo data; refused when there is none */
  'demo.remove': write<DemoRemovalResult>('admin')(none),
} as const;
