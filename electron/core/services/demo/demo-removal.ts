/**
 * "Start with our own data": removes the generated demo data, after a backup of it, so that the room's own
 * people, leads and deals start from an empty wall. The reference tables the migrations seed (stages,
 * reason codes, the KPI definition) and the settings stay; the demo flag goes, and the database counts as
 * set up, so that no demo quarter is generated again at the next start.
 */
import { ApiError } from '@shared/api-error';
import { EXPORT_TABLES, type ExportTable } from '@shared/import-types';
import type { BackupInfo } from '@shared/methods/backups-methods';
import type { CoreContext } from '../../context';
import { clearDemoActivityLog } from '../../db/repositories/activity-repository';
import { withFigureAggregatesDeferred } from '../../db/repositories/figure-aggregates-repository';
import { clearTable, countTableRows } from '../../db/repositories/import-repository';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import { runCommand } from '../support/activity-recorder';
import { createBackup } from '../writes/backup-service';
import { leadExitAnchorAt } from '../support/figure-maintenance';
import { isDemoData, SETTING_KEYS } from '../support/settings-service';

/** What {@link removeDemoData} did. */
export interface DemoRemoval {
  /** the backup taken first: restoring it (Admin → Backups) brings the demo back */
  backup: BackupInfo;
  /** rows removed, all tables together */
  removedRows: number;
}

/** Tables the migrations fill with reference rows: they are the wall's vocabulary, not demo data. */
const SEEDED: readonly ExportTable[] = ['lifecycle_stages', 'pipeline_stages', 'reason_codes', 'kpis'];
/** Every table of the room's data, the activity log included (its events tell the demo's story). */
const DEMO_TABLES = EXPORT_TABLES.filter(
  (table) => table !== 'settings' && table !== 'activity_events' && !SEEDED.includes(table),
);

/**
 * Takes a backup of the database, then removes every row of the room's data in one transaction and clears
 * the demo flag; the figure aggregates are rebuilt from what is left (nothing). The activity log starts
 * again with one 'data.demo_removed' event naming the backup (no row changes: it is undone by restoring the
 * backup, not row by row).
 *
 * @throws ApiError `conflict` when the database holds no demo data (nothing of the room's own is removed
 *   here, ever).
 */
export async function removeDemoData(ctx: CoreContext): Promise<DemoRemoval> {
  if (!isDemoData(ctx.db)) {
    throw new ApiError('conflict', 'This wall holds no demo data: there is nothing to remove.');
  }
  const backup = await createBackup(ctx, 'manual');
  // Not undone row by row: the backup taken just before brings the demo data back.
  const removedRows = runCommand(
    ctx,
    (record) => {
      const { db } = ctx;
      // Checked again inside the transaction: the backup took a while, and demo data may have gone meanwhile.
      if (!isDemoData(db)) throw new ApiError('conflict', 'The demo data was removed meanwhile.');
      const now = ctx.clock.now();
      // Rows go table by table; references are checked once, at commit.
      db.pragma('defer_foreign_keys = ON');
      let removed = clearDemoActivityLog(db);
      withFigureAggregatesDeferred(
        db,
        () => {
          for (const table of [...DEMO_TABLES].reverse()) {
            removed += countTableRows(db, table);
            clearTable(db, table);
          }
        },
        { anchorAt: leadExitAnchorAt(now) },
      );
      setSetting(db, SETTING_KEYS.demo, false, now);
      if (getSetting(db, SETTING_KEYS.setupCompletedAt) === undefined) {
        setSetting(db, SETTING_KEYS.setupCompletedAt, now, now);
      }
      record({
        type: 'data.demo_removed',
        entity: 'backup',
        entityId: backup.fileName,
        payload: { fileName: backup.fileName, removedRows: removed, changes: [] },
      });
      return removed;
    },
    { undoable: false },
  );
  return { backup, removedRows };
}
