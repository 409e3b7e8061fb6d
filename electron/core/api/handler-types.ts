import type { CallerRole, MethodName, MethodParsedInput, MethodResult } from '@shared/contract';
import type { AppInfo } from '@shared/domain';
import type { CoreContext } from '../context';
import type { HttpCall } from '../services/support/sharing-controller';

/** What stays the same while this process runs: reported by `app.info` and the SSE greeting. */
export type AppIdentity = Pick<AppInfo, 'name' | 'version' | 'bootId'>;

/** The context handlers run in: the core's, plus who this running server is. */
export interface ApiContext extends CoreContext {
  app: AppIdentity;
}

/**
 * Who makes a call, as the transport established it: an HTTP token's role, or over IPC whether the window
 * is unlocked with the PIN (kiosk while locked). A result that holds secrets (the admin link) depends on it.
 */
export interface Caller {
  role: CallerRole;
  /** who this caller is for per-caller rate limits: a client address, or an app window */
  key?: string;
  /** the HTTP request the call came with; absent over IPC */
  http?: HttpCall;
}

/** One handler: validated input in, the contract's result out (sync or async). */
export type Handler<M extends MethodName> = (
  ctx: ApiContext,
  input: MethodParsedInput<M>,
  caller: Caller,
) => MethodResult<M> | Promise<MethodResult<M>>;

/** A handler for every method of the contract; a missing or mistyped one fails the type check. */
export type HandlerMap = { [M in MethodName]: Handler<M> };

/** The handlers of one method group of the contract (e.g. `dealsMethods`). */
export type HandlerGroup<Group> = { [M in keyof Group & MethodName]: Handler<M> };
