/**
 * The one entry point both transports call. It checks the method name, validates the input against the
 * contract's zod schema (types vanish at runtime), runs the handler, and turns every failure into an
 * {@link ApiErrorBody}, so a bad call from a browser or a window can never crash the process.
 */
import type { z } from 'zod';
import { ApiError, apiMethods, isMethodName, mayCall, type ApiErrorBody } from '@shared/contract';
import type { CoreContext } from '../context';
import { describeIssue, plainWords } from '@shared/issue-words';
import type { ApiContext, AppIdentity, Caller, HandlerMap } from './handler-types';
import { CallRates } from './call-rates';
import { handlers } from './handlers';

/** What a call returns: the result, or an error the caller can show or act on. */
export type DispatchResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorBody };

/**
 * Calls one method of the contract by name with untrusted input. `caller` defaults to a viewer, so that a
 * transport that forgot to say who calls never receives an admin's secrets.
 */
export type Dispatch = (method: string, rawInput: unknown, caller?: Caller) => Promise<DispatchResult>;

/** Options for {@link createDispatcher}; tests replace handlers to reach failure paths. */
export interface DispatcherOptions {
  handlers?: Partial<HandlerMap>;
  /** where unexpected errors are reported; defaults to console.error */
  logError?: (message: string, error: unknown) => void;
  /** the per-caller counters of methods that declare a rate; one per core by default */
  rates?: CallRates;
}

/**
 * Builds the dispatch function over a core context. Validation runs before the handler, so a call that
 * fails validation reaches no service and writes nothing.
 */
export function createDispatcher(ctx: CoreContext, app: AppIdentity, options: DispatcherOptions = {}): Dispatch {
  // The handlers see the core's own context through its prototype, plus who this server is: what the
  // shell attaches later (the share controller, the report printer) and the connection a restore swaps in
  // behind ctx.database are seen at once, with no copy to keep in step.
  const apiCtx: ApiContext = Object.assign(Object.create(ctx) as CoreContext, { app });
  const table: HandlerMap = { ...handlers, ...options.handlers } as HandlerMap;
  const logError = options.logError ?? ((message, error) => console.error(message, error));
  const rates = options.rates ?? new CallRates({ now: () => ctx.clock.now() });

  return async (method, rawInput, caller = { role: 'viewer' }) => {
    if (!isMethodName(method)) {
      return fail(new ApiError('unknown_method', `There is no method called "${method}".`));
    }
    const access = apiMethods[method].access;
    // The transports check this too, before reading a body; here it holds for any caller of the core.
    if (!mayCall(access, caller.role)) {
      return fail(
        new ApiError(
          'forbidden',
          `${method} needs ${access.caller === 'admin' ? 'the admin' : 'Alignboard’s own window'}.`,
        ),
      );
    }
    if (access.rate) {
      const retryAfter = rates.take(method, caller.key ?? caller.role, access.rate);
      if (retryAfter > 0) {
        return fail(new ApiError('conflict', `Too many ${method} calls; try again in ${retryAfter} s.`));
      }
    }
    const input = rawInput === undefined ? {} : rawInput;
    const parsed = apiMethods[method].input.safeParse(input, { error: plainWords });
    if (!parsed.success) return fail(inputError(parsed.error.issues, input));
    // A damaged database is open read-only: say so before a write gets anywhere near it. The methods that
    // are the way out (restoring a backup, the PIN that unlocks the window to do it) declare so.
    if (ctx.corrupt && access.writes && !access.whileDamaged) {
      return fail(readOnlyError(ctx.corrupt.reason));
    }

    // The map is indexed by a union of names here, so TypeScript cannot pair handler and input itself;
    // the schema of this very method has just produced the input.
    const handler = table[method] as (ctx: ApiContext, input: unknown, caller: Caller) => unknown;
    try {
      return {
        ok: true,
        result: await handler(apiCtx, parsed.data, {
          role: caller.role,
          ...(caller.http ? { http: caller.http } : {}),
        }),
      };
    } catch (error) {
      if (error instanceof ApiError) return fail(error);
      const storage = storageError(error, ctx);
      if (storage) return fail(storage);
      logError(`${method} failed:`, error);
      return fail(new ApiError('internal', 'Something went wrong on the server; the change was not made.'));
    }
  };
}

function fail(error: ApiError): DispatchResult {
  return { ok: false, error: error.toBody() };
}

const RESTORE_HINT = 'Restore the last good backup in Admin → Backups.';

function readOnlyError(reason: string): ApiError {
  return new ApiError(
    'conflict',
    `The database is damaged (${reason}) and open read-only, so nothing can be changed. ${RESTORE_HINT}`,
  );
}

/**
 * SQLite errors that are about the storage, not about the call, turned into words a person can act on.
 * The command ran in one transaction, which SQLite rolled back, so nothing of it was written.
 */
function storageError(error: unknown, ctx: CoreContext): ApiError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code === 'SQLITE_FULL') {
    return new ApiError(
      'conflict',
      'The database is full: there is no room left on the disk (or the database reached its size limit), so the change was not saved. Free some space and try again.',
    );
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return ctx.corrupt
      ? readOnlyError(ctx.corrupt.reason)
      : new ApiError('conflict', 'The database can only be read right now, so the change was not saved.');
  }
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    return new ApiError('conflict', `The database is damaged: ${(error as Error).message}. ${RESTORE_HINT}`);
  }
  return null;
}

/**
 * Turns the first validation issue into an error that names the field by its dot path and says what is
 * wrong in plain words, e.g. `amountMinor must not be negative`.
 */
function inputError(issues: readonly z.core.$ZodIssue[], input: unknown): ApiError {
  const issue = issues[0];
  if (!issue) return new ApiError('invalid_input', 'The input is not valid.');
  const { path, words } = describeIssue(issue, input);
  if (path.length === 0) return new ApiError('invalid_input', `The input ${words}.`);
  const field = path.join('.');
  return new ApiError('invalid_input', `${field} ${words}`, field);
}
