/**
 * "Share to other screens": the `lan.share` setting, the status the admin page shows (with the
 * pairing links and their QR codes), and new tokens. The server itself belongs to the share controller
 * (`ctx.sharing`, see services/support/sharing-controller.ts): these commands store the choice in one
 * transaction and then ask the controller to follow it.
 *
 * Neither event carries a token, and neither is undoable: undo would change the setting behind the
 * running server's back, and old tokens must never come back.
 */
import { ApiError } from '@shared/api-error';
import {
  shareSettingsInput,
  type SharingLink,
  type SharingStatus,
  type ShareSettings,
} from '@shared/methods/sharing-methods';
import type Database from 'better-sqlite3';
import type { HttpCall } from '../support/sharing-controller';
import type { CoreContext } from '../../context';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import type { CallerRole } from '@shared/contract';
import { SECRET_NAMES } from '../../secrets/machine-secrets';
import { accessTokensRotatedAt, rotateAccessTokens } from '../../secrets/access-tokens';
import { pairingSvg, pairingUrlsAt } from '../support/pairing';
import { runCommand } from '../support/activity-recorder';
import { SETTING_KEYS } from '../support/settings-service';

/** Sharing before anyone chose: off, and when switched on, this computer only on port 4173. */
export const SHARE_DEFAULTS: ShareSettings = { enabled: false, host: 'loopback', port: 4173 };

/** The stored `lan.share` setting with defaults; a damaged value counts as not shared. */
export function readShareSettings(db: Database.Database): ShareSettings {
  const stored = getSetting<unknown>(db, SETTING_KEYS.lanShare);
  if (stored === undefined) return SHARE_DEFAULTS;
  const parsed = shareSettingsInput.safeParse(stored);
  return parsed.success ? parsed.data : SHARE_DEFAULTS;
}

/** Who asks: the admin link is an admin's secret, so anyone else's status lists it as null. */
type Role = CallerRole;

const NO_SERVER = 'This Alignboard runs no server for other screens.';

/**
 * The sharing setting, what the server does now, and its links with QR codes for every address another
 * screen can use (the admin links for admins only).
 */
export async function getSharingStatus(ctx: CoreContext, role: Role): Promise<SharingStatus> {
  const controller = ctx.sharing ?? null;
  const state = controller?.state() ?? null;
  let settings = SHARE_DEFAULTS;
  const rotatedAt = accessTokensRotatedAt(ctx.secrets);
  try {
    settings = readShareSettings(ctx.db);
  } catch (error) {
    // A damaged database may not let the settings be read; the running server is still worth showing.
    if (!ctx.corrupt) throw error;
  }
  const configurable = controller?.configurable ?? false;
  const tokens = state?.running ? state.tokens : null;
  const bases = tokens ? state!.addresses.map((address) => `http://${address}:${state!.port}`) : [];
  const links = bases.map((base) => pairingUrlsAt(base, tokens!));
  return {
    configurable,
    enabled: configurable ? settings.enabled : (state?.running ?? false),
    host: configurable ? settings.host : (state?.host ?? SHARE_DEFAULTS.host),
    port: configurable ? settings.port : (state?.port ?? SHARE_DEFAULTS.port),
    running: state?.running ?? false,
    problem: controller ? (state?.problem ?? null) : NO_SERVER,
    viewer: await Promise.all(links.map((urls) => withCode(urls.viewerUrl))),
    admin: role === 'admin' ? await Promise.all(links.map((urls) => withCode(urls.adminUrl))) : null,
    tokensRotatedAt: rotatedAt,
  };
}

async function withCode(url: string): Promise<SharingLink> {
  return { url, svg: await pairingSvg(url) };
}

/**
 * Stores the sharing setting and (re)starts or stops the server to match; answers the status afterwards,
 * with a problem when the server could not start (a port in use). Asked over HTTP (`http`), a change that
 * closes the server answering it waits for the answer, which lists the links of the server to come (see
 * `SharingController.apply`). Refused with `conflict` when the command line decides instead
 * (`npm run serve`) or when this core runs no server. Event: 'sharing.changed' with the new setting, when
 * it changed.
 */
export async function saveShareSettings(
  ctx: CoreContext,
  input: ShareSettings,
  role: Role,
  http?: HttpCall,
): Promise<SharingStatus> {
  const controller = ctx.sharing;
  if (!controller) throw new ApiError('conflict', `${NO_SERVER} Sharing is set in the Alignboard app.`);
  if (!controller.configurable) {
    throw new ApiError(
      'conflict',
      'This Alignboard was started with `npm run serve`: its --host and --port options decide how it is shared. Restart it with other options to change that.',
    );
  }
  const settings: ShareSettings = { enabled: input.enabled, host: input.host, port: input.port };
  // Not undoable: the running server follows the setting only when it is saved, so an undo could not move it.
  runCommand(
    ctx,
    (record) => {
      if (JSON.stringify(readShareSettings(ctx.db)) === JSON.stringify(settings)) return;
      setSetting(ctx.db, SETTING_KEYS.lanShare, settings, ctx.clock.now());
      record({
        type: 'sharing.changed',
        entity: 'settings',
        entityId: SETTING_KEYS.lanShare,
        payload: { ...settings },
      });
    },
    { undoable: false },
  );
  // Also when unchanged: a server that could not start (port in use) gets another try.
  await controller.apply(settings, http);
  return getSharingStatus(ctx, role);
}

/**
 * Replaces the viewer and the admin token: every paired screen must pair again. The running server takes
 * the new ones at once; the answer carries the new links, so the admin who asked can switch to the new
 * admin token and pair the others. Event: 'sharing.tokensRotated' (without the tokens).
 */
export async function rotateSharingTokens(ctx: CoreContext, role: Role): Promise<SharingStatus> {
  // The secret store is not the database: the tokens change first, and the running server takes them at
  // once, so that a failure to log the change never leaves the old tokens valid.
  const tokens = rotateAccessTokens(ctx.secrets, ctx.clock.now());
  ctx.sharing?.useTokens(tokens);
  runCommand(ctx, (record) => {
    record({ type: 'sharing.tokensRotated', entity: 'settings', entityId: SECRET_NAMES.httpTokens, payload: {} });
  });
  return getSharingStatus(ctx, role);
}
