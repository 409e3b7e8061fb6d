/**
 * Applying an unattended install's config file (config-file.ts) at start: its `setup` completes the
 * first-run setup of an empty database, exactly as the setup screen would, and its `share` becomes the
 * `lan.share` setting the first time (the app's LAN server follows it; under `npm run serve` the command
 * line's --host and --port decide instead). Both in one command, so a config is applied whole or not at all.
 */
import type { AlignboardConfig } from '../../config-file';
import type { CoreContext } from '../../context';
import { withoutJournal } from '../../db/repositories/change-journal';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import { runCommand } from '../support/activity-recorder';
import { SETTING_KEYS } from '../support/settings-service';
import { applySetup, isUnsetDatabase } from './setup-service';

/** What applying a config did. */
export interface ConfigApplied {
  /** the first-run setup was completed from the file's `setup` */
  setup: boolean;
  /** the file's `share` was stored as the `lan.share` setting */
  share: boolean;
}

/**
 * Applies `config` to the database: `setup` when the database was never set up and holds no data (a
 * database set up already keeps its settings: the file is for the first start), `share` when no
 * `lan.share` setting is stored yet (so a later choice in the admin is not undone at every start).
 * Nothing on a damaged database. Throws what setup throws (an `ApiError`); nothing is stored then.
 */
export function applyConfig(ctx: CoreContext, config: AlignboardConfig): ConfigApplied {
  if (ctx.corrupt) return { setup: false, share: false };
  const { setup, share } = config;
  const applied: ConfigApplied = {
    setup: setup !== undefined && isUnsetDatabase(ctx),
    share: share !== undefined && getSetting(ctx.db, SETTING_KEYS.lanShare) === undefined,
  };
  if (!applied.setup && !applied.share) return applied;
  runCommand(ctx, (record) => {
    if (applied.setup && setup !== undefined) applySetup(ctx, setup);
    if (applied.share && share !== undefined) {
      // As `sharing.save` records it (sharing-service.ts), without rows to undo: the running server follows
      // the setting only when it is saved, so an undo could not stop or start it.
      withoutJournal(ctx.db, () => setSetting(ctx.db, SETTING_KEYS.lanShare, share, ctx.clock.now()));
      record({ type: 'sharing.changed', entity: 'settings', entityId: SETTING_KEYS.lanShare, payload: { ...share } });
    }
  });
  return applied;
}
