/**
 * Every method of the contract, through both transports and the core's dispatch, with each role: the
 * HTTP server (viewer and admin tokens), the IPC handler (a locked and an unlocked window) and the
 * dispatch itself all allow exactly what the method's own declaration says, and nothing else.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebContents } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { apiMethods, IPC_INVOKE_CHANNEL, mayCall, type CallerRole, type MethodName } from '@shared/contract';
import { none, read, type MethodSpec } from '@shared/methods/define';
import { createDispatcher } from '../../../electron/core/api/dispatch';
import type { HandlerMap } from '../../../electron/core/api/handler-types';
import { createCore, type Core } from '../../../electron/core/create-core';
import { createHttpServer, type HttpServerHandle } from '../../../electron/core/http/server';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { EventBus } from '../../../electron/core/services/support/event-bus';
import { setupIpc, type Dispatch as IpcDispatch } from '../../../electron/main/ipc';
import { rendererUrlPrefix } from '../../../electron/main/renderer-url';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const fake = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => void fake.handlers.set(channel, handler),
    removeHandler: (channel: string) => void fake.handlers.delete(channel),
  },
}));

const NOW = Date.UTC(2026, 10, 17, 9, 0);
const METHODS = Object.keys(apiMethods) as MethodName[];
const TOKENS = { viewer: 'v'.repeat(43), admin: 'a'.repeat(43) };

let root: string;
let core: Core;
let http: HttpServerHandle;
/** the methods the HTTP server handed to the core */
const reachedOverHttp: MethodName[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'alignboard-access-'));
  mkdirSync(join(root, 'renderer'));
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>Alignboard</title>');
  core = createCore({ dbFile: join(root, 'alignboard.db'), clock: fixedClock(NOW), version: '1.0.0', demo: 'never' });
  // The server's own gate decides; a core that answers every call it is handed shows what got through.
  const recording: Core = {
    ...core,
    dispatch: async (method) => {
      reachedOverHttp.push(method as MethodName);
      return { ok: true, result: null };
    },
  };
  http = await createHttpServer(recording, { staticDir: join(root, 'renderer'), port: 0, tokens: TOKENS });
});

afterAll(async () => {
  await http?.close();
  core?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Whether the HTTP server lets a call of `method` with this token (from our own page) reach the core. */
async function httpAllows(method: MethodName, token: string): Promise<boolean> {
  const before = reachedOverHttp.length;
  const res = await fetch(`${http.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: http.url },
    body: '{}',
  });
  await res.arrayBuffer();
  const reached = reachedOverHttp.length > before;
  // Refused means refused as forbidden, not for some other reason.
  if (!reached) expect(res.status, method).toBe(403);
  return reached;
}

/** Whether a window's IPC call of `method` reaches the core, locked or unlocked with the PIN. */
async function ipcAllows(method: MethodName, unlocked: boolean): Promise<boolean> {
  const reached: string[] = [];
  const dispatch = vi.fn<IpcDispatch>(async (name) => {
    reached.push(name);
    // The window unlocks on a right PIN, as the core would answer it.
    return { ok: true, result: name === 'admin.verifyPin' ? { ok: true } : null };
  });
  const prefix = rendererUrlPrefix('/app/out/renderer');
  const windows = [{ id: 1, isDestroyed: () => false, send: () => undefined }];
  const teardown = setupIpc(dispatch, new EventBus(), () => windows as unknown as WebContents[], prefix);
  try {
    const invoke = fake.handlers.get(IPC_INVOKE_CHANNEL)!;
    const sender = { sender: { id: 1 }, senderFrame: { url: `${pathToFileURL('/app/out/renderer/index.html').href}` } };
    if (unlocked) await invoke(sender, 'admin.verifyPin', { pin: '2468' });
    reached.length = 0;
    const reply = (await invoke(sender, method, {})) as { ok: boolean; error?: { code: string } };
    if (reached.length === 0) expect(reply.error?.code, method).toBe('forbidden');
    return reached.includes(method);
  } finally {
    teardown();
  }
}

/** Whether the core's dispatch itself lets a caller of `role` get past the access check. */
async function dispatchAllows(method: MethodName, role: CallerRole): Promise<boolean> {
  const stubs = Object.fromEntries(METHODS.map((name) => [name, () => null])) as unknown as HandlerMap;
  const dispatch = createDispatcher(core.ctx, core.appInfo, { handlers: stubs });
  const reply = await dispatch(method, {}, { role, key: `test-${role}` });
  return reply.ok || reply.error.code !== 'forbidden';
}

describe('the access declared on each method', () => {
  it('is there for every method, with a caller level, whether it writes and an input cap', () => {
    for (const method of METHODS) {
      const { access } = apiMethods[method];
      expect(['viewer', 'kiosk', 'admin'], method).toContain(access.caller);
      expect(typeof access.writes, method).toBe('boolean');
      expect(access.maxInputBytes, method).toBeGreaterThan(0);
    }
  });

  it('is applied the same by HTTP, IPC and the dispatch, for every method and every role', async () => {
    const table: string[] = [];
    for (const method of METHODS) {
      const { access } = apiMethods[method];
      const row = {
        httpViewer: await httpAllows(method, TOKENS.viewer),
        httpAdmin: await httpAllows(method, TOKENS.admin),
        ipcLocked: await ipcAllows(method, false),
        ipcUnlocked: await ipcAllows(method, true),
        dispatchViewer: await dispatchAllows(method, 'viewer'),
        dispatchKiosk: await dispatchAllows(method, 'kiosk'),
        dispatchAdmin: await dispatchAllows(method, 'admin'),
      };
      expect(row, method).toEqual({
        httpViewer: mayCall(access, 'viewer'),
        httpAdmin: true,
        ipcLocked: mayCall(access, 'kiosk'),
        ipcUnlocked: true,
        dispatchViewer: mayCall(access, 'viewer'),
        dispatchKiosk: mayCall(access, 'kiosk'),
        dispatchAdmin: true,
      });
      // The two transports agree wherever they have the same caller: a viewer over HTTP gets no more than
      // a locked window, and the admin gets the same on both.
      if (row.httpViewer) expect(row.ipcLocked, method).toBe(true);
      expect(row.httpAdmin, method).toBe(row.ipcUnlocked);
      table.push(`${method}:${access.caller}`);
    }
    expect(table).toHaveLength(METHODS.length);
  });

  it('keeps the PIN check and every import or export away from viewers', () => {
    for (const method of ['admin.verifyPin', 'admin.setPin', 'setup.complete'] as const) {
      expect(mayCall(apiMethods[method].access, 'viewer'), method).toBe(false);
      expect(mayCall(apiMethods[method].access, 'kiosk'), method).toBe(true);
    }
    expect(apiMethods['admin.verifyPin'].access.writes).toBe(true);
    for (const method of METHODS.filter((name) => name.startsWith('import.') || name.startsWith('export.'))) {
      expect(apiMethods[method].access.caller, method).toBe('admin');
    }
  });

  it('is required: a method without one does not type-check', () => {
    // @ts-expect-error: the builder needs the least trusted caller
    const undeclared = read<number>()(none);
    // @ts-expect-error: a spec written by hand needs its access too
    const handWritten: MethodSpec<typeof none, number> = { kind: 'read', input: none };
    expect(undeclared.access.caller).toBeUndefined();
    expect(handWritten).not.toHaveProperty('access');
  });
});
