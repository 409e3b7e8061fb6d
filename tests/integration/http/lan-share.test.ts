// "Share to other screens": the share controller runs the real HTTP server on 127.0.0.1 as the `lan.share`
// setting says, restarts it on another port, stops it, takes rotated tokens at once, and reports a port in
// use as a problem instead of failing. The `sharing.*` methods keep the admin links from viewers.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SharingStatus } from '@shared/methods/sharing-methods';
import { createCore, type Core } from '../../../electron/core/create-core';
import { setSetting } from '../../../electron/core/db/repositories/settings-repository';
import { attachLanShare, fixedShare, type LanShare } from '../../../electron/core/http/lan-share';
import { createHttpServer, type HttpServerHandle } from '../../../electron/core/http/server';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { SETTING_KEYS } from '../../../electron/core/services/support/settings-service';
import { openEventStream } from './sse-client';

const NOW = Date.UTC(2026, 10, 27, 9, 0);
const ADMIN = { role: 'admin' } as const;
const LAN_INTERFACES = () => ({
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true } as never],
  eth0: [
    { address: '192.0.2.10', family: 'IPv4', internal: false } as never,
    { address: 'fe80::1', family: 'IPv6', internal: false } as never,
  ],
  wlan0: [{ address: '198.51.100.7', family: 'IPv4', internal: false } as never],
});

let root: string;
let staticDir: string;
let core: Core;
let share: LanShare | undefined;
const blockers: Server[] = [];
const handles: HttpServerHandle[] = [];

/** A port that was free a moment ago (the setting needs a real number, not 0). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Holds a port so that the share server cannot have it. */
async function occupy(): Promise<number> {
  const blocker = createServer();
  blockers.push(blocker);
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as AddressInfo).port;
}

async function ok<T>(method: string, input: unknown = {}, caller: { role: 'viewer' | 'admin' } = ADMIN): Promise<T> {
  const outcome = await core.dispatch(method, input, caller);
  if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.message}`);
  return outcome.result as T;
}

function tokenOf(url: string): string {
  return new URL(url).searchParams.get('token')!;
}

function post(port: number, method: string, token: string, body: unknown = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

function attach(options: Partial<Parameters<typeof attachLanShare>[1]> = {}): LanShare {
  share = attachLanShare(core, {
    staticDir,
    networkInterfaces: LAN_INTERFACES,
    listenOn: { lan: '127.0.0.1' },
    log: () => {},
    ...options,
  });
  return share;
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'alignboard-share-'));
  staticDir = join(root, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Alignboard</title>');
  core = createCore({
    dbFile: join(root, 'alignboard.db'),
    clock: fixedClock(NOW),
    version: '0',
    demo: 'never',
    backups: false,
  });
});

afterEach(async () => {
  await share?.stop();
  share = undefined;
  for (const handle of handles.splice(0)) await handle.close();
  for (const blocker of blockers.splice(0)) await new Promise<void>((resolve) => blocker.close(() => resolve()));
  core.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the share controller', () => {
  it('is off by default and starts the server when sharing is switched on', async () => {
    attach();
    await share!.settled();
    const off = await ok<SharingStatus>('sharing.status');
    expect(off).toMatchObject({ configurable: true, enabled: false, host: 'loopback', running: false, problem: null });
    expect(off.viewer).toEqual([]);

    const port = await freePort();
    const on = await ok<SharingStatus>('sharing.save', { enabled: true, host: 'loopback', port });
    expect(on).toMatchObject({ enabled: true, host: 'loopback', port, running: true, problem: null });
    expect(on.viewer.map((link) => new URL(link.url).host)).toEqual([`127.0.0.1:${port}`]);
    expect(on.viewer[0]!.svg).toContain('<svg');
    expect(on.admin!.map((link) => new URL(link.url).pathname)).toEqual(['/admin']);

    const viewerToken = tokenOf(on.viewer[0]!.url);
    const served = await post(port, 'app.info', viewerToken);
    expect(served.status).toBe(200);
    expect((await post(port, 'app.info', 'not-the-token-not-the-token-not-the-token')).status).toBe(401);
    // The setting is stored, so the next start shares again.
    expect(core.ctx.db.prepare(`SELECT value FROM settings WHERE key = 'lan.share'`).get()).toEqual({
      value: JSON.stringify({ enabled: true, host: 'loopback', port }),
    });
  });

  it('moves to another port (the old one refuses connections) and closes when switched off', async () => {
    attach();
    const first = await freePort();
    const on = await ok<SharingStatus>('sharing.save', { enabled: true, host: 'loopback', port: first });
    const token = tokenOf(on.viewer[0]!.url);
    expect((await post(first, 'app.info', token)).status).toBe(200);

    const second = await freePort();
    const moved = await ok<SharingStatus>('sharing.save', { enabled: true, host: 'loopback', port: second });
    expect(moved).toMatchObject({ port: second, running: true });
    await expect(post(first, 'app.info', token)).rejects.toThrow();
    expect((await post(second, 'app.info', token)).status).toBe(200);

    const off = await ok<SharingStatus>('sharing.save', { enabled: false, host: 'loopback', port: second });
    expect(off).toMatchObject({ enabled: false, running: false, viewer: [], admin: [] });
    await expect(post(second, 'app.info', token)).rejects.toThrow();
  });

  it('replaces both tokens at once: old ones get 401, open streams end, the admin gets the new links', async () => {
    attach();
    const port = await freePort();
    const on = await ok<SharingStatus>('sharing.save', { enabled: true, host: 'loopback', port });
    const oldViewer = tokenOf(on.viewer[0]!.url);
    const oldAdmin = tokenOf(on.admin![0]!.url);
    const stream = await openEventStream(`http://127.0.0.1:${port}/api/events?token=${oldViewer}`);

    // Over HTTP, as the admin page in a browser does it.
    const reply = await post(port, 'sharing.rotateTokens', oldAdmin);
    expect(reply.status).toBe(200);
    const rotated = ((await reply.json()) as { result: SharingStatus }).result;
    const newViewer = tokenOf(rotated.viewer[0]!.url);
    const newAdmin = tokenOf(rotated.admin![0]!.url);
    expect([newViewer, newAdmin]).not.toContain(oldViewer);
    expect([newViewer, newAdmin]).not.toContain(oldAdmin);
    expect(rotated.tokensRotatedAt).toBe(NOW);

    expect((await post(port, 'app.info', oldViewer)).status).toBe(401);
    expect((await post(port, 'app.info', oldAdmin)).status).toBe(401);
    expect((await post(port, 'app.info', newViewer)).status).toBe(200);
    expect((await post(port, 'sharing.status', newAdmin)).status).toBe(200);
    await stream.ended;
    // The activity log says that it happened, never what the tokens are.
    const logged = core.ctx.db
      .prepare(`SELECT type, payload FROM activity_events WHERE type LIKE 'sharing.%'`)
      .all() as { type: string; payload: string }[];
    expect(logged.map((row) => row.type)).toEqual(['sharing.changed', 'sharing.tokensRotated']);
    for (const row of logged) expect(row.payload).not.toContain(newAdmin);
  });

  it('reports a port in use as a problem, keeps running the core, and starts once the port is free', async () => {
    attach();
    const port = await occupy();
    const blocked = await ok<SharingStatus>('sharing.save', { enabled: true, host: 'loopback', port });
    expect(blocked).toMatchObject({ enabled: true, running: false, viewer: [] });
    expect(blocked.problem).toBe(`Port ${port} is in use by another program; choose another port.`);
    expect(await ok('app.info')).toMatchObject({ name: 'Alignboard' });

    await new Promise<void>((resolve) => blockers.pop()!.close(() => resolve()));
    const retried = await ok<SharingStatus>('sharing.save', { enabled: true, host: 'loopback', port });
    expect(retried).toMatchObject({ running: true, problem: null });
  });

  it('keeps sharing changes and rotations from a viewer, and the admin links from its status', async () => {
    attach();
    const port = await freePort();
    const on = await ok<SharingStatus>('sharing.save', { enabled: true, host: 'loopback', port });
    const viewer = tokenOf(on.viewer[0]!.url);
    const admin = tokenOf(on.admin![0]!.url);

    const save = await post(port, 'sharing.save', viewer, { enabled: true, host: 'lan', port });
    expect(save.status).toBe(403);
    expect((await post(port, 'sharing.rotateTokens', viewer)).status).toBe(403);
    const seen = ((await (await post(port, 'sharing.status', viewer)).json()) as { result: SharingStatus }).result;
    expect(seen.admin).toBeNull();
    expect(JSON.stringify(seen)).not.toContain(admin);
    // Nothing changed: the same tokens still work and the setting is the same.
    expect((await post(port, 'app.info', admin)).status).toBe(200);
    expect(await ok<SharingStatus>('sharing.status')).toMatchObject({ host: 'loopback', running: true });
    // Without a caller the dispatch treats the call as a viewer's.
    expect(((await core.dispatch('sharing.status', {})) as { result: SharingStatus }).result.admin).toBeNull();
  });

  it('lists a link for every IPv4 address on the network when shared with everyone', async () => {
    attach();
    const port = await freePort();
    const lan = await ok<SharingStatus>('sharing.save', { enabled: true, host: 'lan', port });
    expect(lan).toMatchObject({ host: 'lan', running: true });
    expect(lan.viewer.map((link) => new URL(link.url).host)).toEqual([`192.0.2.10:${port}`, `198.51.100.7:${port}`]);
    expect(lan.admin!.map((link) => new URL(link.url).host)).toEqual([`192.0.2.10:${port}`, `198.51.100.7:${port}`]);
  });

  it('starts with the setting stored before (an unattended install writes it)', async () => {
    const port = await freePort();
    setSetting(core.ctx.db, SETTING_KEYS.lanShare, { enabled: true, host: 'loopback', port }, NOW);
    attach();
    await share!.settled();
    const status = await ok<SharingStatus>('sharing.status');
    expect(status).toMatchObject({ running: true, port });
    expect((await post(port, 'app.info', tokenOf(status.viewer[0]!.url))).status).toBe(200);
    await share!.stop();
    await expect(post(port, 'app.info', tokenOf(status.viewer[0]!.url))).rejects.toThrow();
  });
});

/** Calls a method over HTTP as the admin page in a browser does, and reads the whole answer. */
async function postJson<T>(
  port: number,
  method: string,
  token: string,
  body: unknown = {},
): Promise<{ status: number; result: T }> {
  const reply = await post(port, method, token, body);
  const text = await reply.text();
  expect(Number(reply.headers.get('content-length'))).toBe(Buffer.byteLength(text));
  return { status: reply.status, result: (JSON.parse(text) as { result: T }).result };
}

describe('a browser admin page that changes the server it came from', () => {
  async function sharedOn(port: number, host: 'loopback' | 'lan' = 'loopback') {
    attach();
    const on = await ok<SharingStatus>('sharing.save', { enabled: true, host, port });
    return { viewer: tokenOf(on.viewer[0]!.url), admin: tokenOf(on.admin![0]!.url) };
  }

  it('gets its whole answer with the new links when it moves the port; then the old port refuses', async () => {
    const first = await freePort();
    const tokens = await sharedOn(first);
    const second = await freePort();

    const { status, result } = await postJson<SharingStatus>(first, 'sharing.save', tokens.admin, {
      enabled: true,
      host: 'loopback',
      port: second,
    });
    expect(status).toBe(200);
    expect(result).toMatchObject({ enabled: true, port: second, running: true, problem: null });
    expect(result.admin!.map((link) => link.url)).toEqual([`http://127.0.0.1:${second}/admin?token=${tokens.admin}`]);

    await share!.settled();
    await expect(post(first, 'app.info', tokens.viewer)).rejects.toThrow();
    expect((await post(second, 'app.info', tokens.viewer)).status).toBe(200);
    expect(await ok<SharingStatus>('sharing.status')).toMatchObject({ port: second, running: true });
  });

  it('gets its answer when it switches sharing off; then the server closes', async () => {
    const port = await freePort();
    const tokens = await sharedOn(port);

    const { status, result } = await postJson<SharingStatus>(port, 'sharing.save', tokens.admin, {
      enabled: false,
      host: 'loopback',
      port,
    });
    expect(status).toBe(200);
    expect(result).toMatchObject({ enabled: false, running: false, viewer: [], admin: [] });

    await share!.settled();
    await expect(post(port, 'app.info', tokens.viewer)).rejects.toThrow();
    expect(await ok<SharingStatus>('sharing.status')).toMatchObject({ enabled: false, running: false });
  });

  it('gets its answer when other screens change on the same port; the restarted server serves it again', async () => {
    const port = await freePort();
    const tokens = await sharedOn(port, 'lan');

    const { status, result } = await postJson<SharingStatus>(port, 'sharing.save', tokens.admin, {
      enabled: true,
      host: 'loopback',
      port,
    });
    expect(status).toBe(200);
    expect(result).toMatchObject({ host: 'loopback', port, running: true });
    expect(result.admin!.map((link) => link.url)).toEqual([`http://127.0.0.1:${port}/admin?token=${tokens.admin}`]);

    await share!.settled();
    expect(await ok<SharingStatus>('sharing.status')).toMatchObject({ host: 'loopback', running: true, problem: null });
    expect((await post(port, 'app.info', tokens.viewer)).status).toBe(200);
  });

  it('keeps sharing on the old port when the new one is in use, so the page is not cut off', async () => {
    const first = await freePort();
    const tokens = await sharedOn(first);
    const taken = await occupy();

    const { status, result } = await postJson<SharingStatus>(first, 'sharing.save', tokens.admin, {
      enabled: true,
      host: 'loopback',
      port: taken,
    });
    expect(status).toBe(200);
    expect(result).toMatchObject({ port: taken, running: true });
    expect(result.problem).toBe(
      `Port ${taken} is in use by another program; choose another port. Still shared on port ${first}.`,
    );
    expect(result.admin!.map((link) => new URL(link.url).port)).toEqual([String(first)]);

    await share!.settled();
    expect((await post(first, 'app.info', tokens.viewer)).status).toBe(200);
  });
});

describe('sharing without the app controller', () => {
  it('refuses a save and writes nothing when the core runs no server', async () => {
    const before = core.ctx.db.prepare('SELECT count(*) AS n FROM settings').get();
    const outcome = await core.dispatch('sharing.save', { enabled: true, host: 'lan', port: 5000 }, ADMIN);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(core.ctx.db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual(before);
    expect(await ok<SharingStatus>('sharing.status')).toMatchObject({
      configurable: false,
      running: false,
      problem: 'This Alignboard runs no server for other screens.',
    });
  });

  it('under `npm run serve` shows its server and refuses to change it, but rotates its tokens', async () => {
    const handle = await createHttpServer(core, { staticDir, host: '127.0.0.1', port: 0 });
    handles.push(handle);
    core.ctx.sharing = fixedShare(handle, '127.0.0.1');
    const port = Number(new URL(handle.url).port);
    const status = await ok<SharingStatus>('sharing.status');
    expect(status).toMatchObject({ configurable: false, enabled: true, host: 'loopback', port, running: true });
    expect(status.viewer[0]!.url).toBe(`http://127.0.0.1:${port}/?token=${handle.tokens.viewer}`);

    const refused = await core.dispatch('sharing.save', { enabled: false }, ADMIN);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(refused.ok || refused.error.message).toContain('npm run serve');
    expect(handle.server.listening).toBe(true);

    const oldViewer = handle.tokens.viewer;
    const rotated = await ok<SharingStatus>('sharing.rotateTokens');
    expect((await post(port, 'app.info', oldViewer)).status).toBe(401);
    expect((await post(port, 'app.info', tokenOf(rotated.viewer[0]!.url))).status).toBe(200);
  });
});
