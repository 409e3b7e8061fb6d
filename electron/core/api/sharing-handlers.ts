/** Handlers of "share to other screens" (src/shared/methods/sharing-methods.ts). */
import type { sharingMethods } from '@shared/methods/sharing-methods';
import { getSharingStatus, rotateSharingTokens, saveShareSettings } from '../services/writes/sharing-service';
import type { HandlerGroup } from './handler-types';

/** The LAN server's setting, status and tokens; the caller's role decides whether admin links are listed. */
export const sharingHandlers = {
  'sharing.status': (ctx, _input, caller) => getSharingStatus(ctx, caller.role),
  'sharing.save': (ctx, input, caller) => saveShareSettings(ctx, input, caller.role, caller.http),
  'sharing.rotateTokens': (ctx, _input, caller) => rotateSharingTokens(ctx, caller.role),
} satisfies HandlerGroup<typeof sharingMethods>;
