/** Handlers of the settings methods (src/shared/methods/settings-methods.ts). */
import type { settingsMethods } from '@shared/methods/settings-methods';
import { saveSettings } from '../services/writes/settings-commands';
import { getDisplaySettings, isDemoData } from '../services/support/settings-service';
import type { HandlerGroup } from './handler-types';

/** Who this wall is, and its display settings. */
export const settingsHandlers = {
  'app.info': (ctx) => ({
    ...ctx.app,
    machineId: ctx.machineId,
    // A damaged file may not even let the demo flag be read; the damage is what the wall must say then.
    demo: ctx.corrupt ? false : isDemoData(ctx.db),
    corrupt: ctx.corrupt ? { reason: ctx.corrupt.reason } : null,
  }),
  'settings.display': (ctx) => getDisplaySettings(ctx),
  'settings.save': (ctx, input) => saveSettings(ctx, input),
} satisfies HandlerGroup<typeof settingsMethods>;
