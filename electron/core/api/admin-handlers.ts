/** Handlers of the admin PIN methods (src/shared/methods/admin-methods.ts). */
import type { adminMethods } from '@shared/methods/admin-methods';
import { getPinStatus, setPin, verifyPin } from '../services/writes/admin-pin-service';
import type { HandlerGroup } from './handler-types';

/** Whether a PIN is set, setting it, and checking one (which counts towards the lockout). */
export const adminHandlers = {
  'admin.pinStatus': (ctx) => getPinStatus(ctx),
  'admin.setPin': (ctx, input) => setPin(ctx, input),
  'admin.verifyPin': (ctx, input) => verifyPin(ctx, input.pin),
} satisfies HandlerGroup<typeof adminMethods>;
