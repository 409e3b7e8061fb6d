/**
 * A fake api client for component tests: methods answer from handlers the test gives, events and
 * connection changes are pushed by the test. It implements the same interface as the real client.
 */
import { ApiError, type MethodInput, type MethodName, type MethodResult, type ServerEvent } from '@shared/contract';
import type {
  ApiClient,
  CallErrorListener,
  ConnectionListener,
  ConnectionState,
  EventListener,
} from '../../../src/api';

export type FakeHandlers = {
  [M in MethodName]?: (input: MethodInput<M>) => MethodResult<M> | Promise<MethodResult<M>>;
};

export interface FakeApi extends ApiClient {
  calls: { method: MethodName; input: unknown }[];
  callsOf(method: MethodName): unknown[];
  emit(event: ServerEvent): void;
  setConnection(state: ConnectionState): void;
}

export function createFakeApi(handlers: FakeHandlers, transport: 'ipc' | 'http' = 'http'): FakeApi {
  const listeners = new Set<EventListener>();
  const connectionListeners = new Set<ConnectionListener>();
  const callErrorListeners = new Set<CallErrorListener>();
  let connection: ConnectionState = 'online';
  const calls: { method: MethodName; input: unknown }[] = [];
  return {
    transport,
    calls,
    callsOf: (method) => calls.filter((call) => call.method === method).map((call) => call.input),
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
      calls.push({ method, input: JSON.parse(JSON.stringify(input ?? {})) });
      const handler = handlers[method] as ((input: MethodInput<M>) => MethodResult<M>) | undefined;
      try {
        if (!handler) throw new ApiError('unknown_method', `fake api has no ${method}`);
        return await handler(input);
      } catch (error) {
        // as the real clients do: every ApiError is heard by onCallError before the caller gets it
        if (error instanceof ApiError) for (const listener of [...callErrorListeners]) listener(error, method);
        throw error;
      }
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get connection() {
      return connection;
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    onCallError(listener) {
      callErrorListeners.add(listener);
      return () => callErrorListeners.delete(listener);
    },
    close() {
      listeners.clear();
    },
    emit(event) {
      for (const listener of [...listeners]) listener(event);
    },
    setConnection(state) {
      connection = state;
      for (const listener of [...connectionListeners]) listener(state);
    },
  };
}

/** The event every write records, as the server pushes it: what live stores refetch on. */
export function writeEvent(at: number): ServerEvent {
  return {
    name: 'activity.recorded',
    data: {
      seq: 1,
      id: 'e-1',
      type: 'deal.created',
      entity: 'deal',
      entityId: 'd-1',
      actorId: null,
      at,
      machineId: 'm-1',
      payload: {},
    },
  };
}
