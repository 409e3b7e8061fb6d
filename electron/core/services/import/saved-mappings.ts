/** The column mappings a room saved, by the signature of the header line they were made for. */
import type { MethodParsedInput } from '@shared/contract';
import type { ImportMapping, SavedImportMapping } from '@shared/import-types';
import { createHash } from 'node:crypto';
import type { CoreContext } from '../../context';
import { getSetting, setSetting } from '../../db/repositories/settings-repository';
import { runCommand } from '../support/activity-recorder';
import { headerKey } from './detect-format';

/** The setting that holds the saved column mappings. */
export const MAPPINGS_SETTING = 'import.mappings';

/** Saved mappings kept (the oldest go first). */
const MAX_SAVED_MAPPINGS = 50;

/** The saved column mappings, newest first. */
export function listImportMappings(ctx: CoreContext): SavedImportMapping[] {
  return Object.values(readMappings(ctx)).sort((a, b) => b.savedAt - a.savedAt);
}

/** Saves a mapping for a header signature (one transaction, recorded and undoable like any setting). */
export function saveImportMapping(
  ctx: CoreContext,
  input: MethodParsedInput<'import.saveMapping'>,
): SavedImportMapping {
  return runCommand(ctx, (record) => {
    const saved = storeMapping(ctx, input.headers, input.mapping);
    record({
      type: 'import.mapping_saved',
      entity: 'import',
      entityId: saved.signature,
      payload: { headers: saved.headers.length, target: saved.mapping.target },
    });
    return saved;
  });
}

/** The signature of a header line: its names without case or punctuation, hashed. */
export function headerSignature(headers: readonly string[]): string {
  return createHash('sha256').update(headers.map(headerKey).join('\u001f')).digest('hex').slice(0, 32);
}

/** The saved mappings by header signature. */
export function readMappings(ctx: CoreContext): Record<string, SavedImportMapping> {
  return getSetting<Record<string, SavedImportMapping>>(ctx.db, MAPPINGS_SETTING) ?? {};
}

/** Writes a mapping under its header signature; runs inside the caller's transaction. */
export function storeMapping(ctx: CoreContext, headers: readonly string[], mapping: ImportMapping): SavedImportMapping {
  const saved: SavedImportMapping = {
    signature: headerSignature(headers),
    headers: [...headers],
    mapping,
    savedAt: ctx.clock.now(),
  };
  const all = { ...readMappings(ctx), [saved.signature]: saved };
  const kept = Object.values(all)
    .sort((a, b) => b.savedAt - a.savedAt)
    .slice(0, MAX_SAVED_MAPPINGS);
  setSetting(
    ctx.db,
    MAPPINGS_SETTING,
    Object.fromEntries(kept.map((entry) => [entry.signature, entry])),
    saved.savedAt,
  );
  return saved;
}
