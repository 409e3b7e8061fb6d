/**
 * Who may use the LAN server, against the real server on 127.0.0.1:0: tokens before routing and parsing,
 * viewer versus admin, the rate limit on wrong tokens, the Host allowlist, same-origin writes, the event
 * stream, the pairing links, and the timeouts. Loopback gets no exception, so every test here runs from
 * the machine itself and is still refused.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../electron/core/create-core';
import { loadOrCreateAccessTokens, newToken, rotateAccessTokens } from '../../../electron/core/secrets/access-tokens';
import { createBackup, restoreBackup } from '../../../electron/core/services/writes/backup-service';
import { createHttpServer, type HttpServerHandle } from '../../../electron/core/http/server';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { openEventStream } from './sse-client';

const NOW = Date.UTC(2026, 10, 17, 9, 0);

let root: string;
let staticDir: string;
let core: Core;
let http: HttpServerHandle;
let origin: string;
let salesRepId: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'alignboard-auth-'));
  staticDir = join(root, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Alignboard</title>');
  core = createCore({
    dbFile: join(root, 'alignboard.db'),
    clock: fixedClock(NOW),
    version: '1.0.0-test',
    demo: 'if-empty',
    timezone: 'Europe/Berlin',
  });
  salesRepId = (core.ctx.db.prepare(`SELECT id FROM people WHERE team = 'sales' LIMIT 1`).get() as { id: string }).id;
  http = await createHttpServer(core, { staticDir, port: 0, sse: { heartbeatMs: 1_000 } });
  origin = http.url;
});

afterAll(async () => {
  await http?.close();
  core?.close();
  rmSync(root, { recursive: true, force: true });
});

const dealCount = () =>
  (core.ctx.db.prepare('SELECT count(*) AS n FROM deals').get() as { n: number }).n +
  (core.ctx.db.prepare('SELECT count(*) AS n FROM activity_events').get() as { n: number }).n;
const newDeal = (title: string) =>
  JSON.stringify({ title, amountMinor: 10_000, currency: 'EUR', stageId: 'demo', closingRepId: salesRepId });

function post(path: string, body: string, headers: Record<string, string> = {}, base = http.url): Promise<Response> {
  return fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
}
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** A raw request, so that Host and the body can be anything; resolves with the status and headers. */
function raw(options: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  base?: string;
}): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const { port } = new URL(options.base ?? http.url);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path: options.path,
      method: options.method ?? 'GET',
      headers: options.headers,
    });
    req.on('response', (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    // The server may close a refused upload while we still send; only its answer matters.
    req.on('error', (error) => setTimeout(() => reject(error), 1_000));
    req.end(options.body);
  });
}

describe('tokens before anything else', () => {
  it('answers 401 to a method call without a token, also from loopback, and writes nothing', async () => {
    const before = dealCount();
    for (const path of ['/api/app.info', '/api/deals.create']) {
      const res = await post(path, newDeal('No token'));
      expect(res.status, path).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
      // the security headers go out on refusals too
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    expect(dealCount()).toBe(before);
  });

  it('answers 401 (not 404 or 405) to an unknown /api path without a token', async () => {
    expect((await post('/api/no.such.method', '{}')).status).toBe(401);
    expect((await post('/api/nested/path', '{}')).status).toBe(401);
    expect((await fetch(`${http.url}/api/funnel.get`)).status).toBe(401);
    // with a token the same paths get what they deserve
    expect((await post('/api/no.such.method', '{}', bearer(http.tokens.viewer))).status).toBe(404);
    expect((await fetch(`${http.url}/api/funnel.get`, { headers: bearer(http.tokens.viewer) })).status).toBe(405);
  });

  it('answers 401 (not 413) to an oversized body without a token, declared or chunked', async () => {
    const before = dealCount();
    const declared = await raw({
      path: '/api/deals.create',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(200 * 1024 * 1024) },
    });
    expect(declared.status).toBe(401);
    const chunked = await raw({
      path: '/api/deals.create',
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: `{"padding":"${'x'.repeat(2 * 1024 * 1024)}"}`,
    });
    expect(chunked.status).toBe(401);
    expect(dealCount()).toBe(before);
  });

  it('does not take the token from the query of a method call (only the event stream may)', async () => {
    expect((await post(`/api/app.info?token=${http.tokens.admin}`, '{}')).status).toBe(401);
  });

  it('serves the page itself without a token (it holds no data)', async () => {
    const res = await fetch(`${http.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

describe('viewer and admin', () => {
  it('lets the viewer token read but answers 403 to it on a write, writing nothing', async () => {
    expect((await post('/api/funnel.get', '{}', bearer(http.tokens.viewer))).status).toBe(200);
    const before = dealCount();
    const res = await post('/api/deals.create', newDeal('Viewer write'), {
      ...bearer(http.tokens.viewer),
      Origin: origin,
    });
    expect(res.status).toBe(403);
    expect(dealCount()).toBe(before);
  });

  it('lets the viewer record the stand-up the wall ran (its one write), from its own origin only', async () => {
    const run = JSON.stringify({ meetingId: null, startedAt: NOW - 60_000, endedAt: NOW, speakers: [] });
    const runs = () => (core.ctx.db.prepare('SELECT count(*) AS n FROM meeting_runs').get() as { n: number }).n;
    const before = runs();
    const ok = await post('/api/meetings.recordRun', run, { ...bearer(http.tokens.viewer), Origin: origin });
    expect(ok.status).toBe(200);
    expect(runs()).toBe(before + 1);
    const cross = await post('/api/meetings.recordRun', run, {
      ...bearer(http.tokens.viewer),
      Origin: 'http://evil.example',
    });
    expect(cross.status).toBe(403);
    expect(runs()).toBe(before + 1);
  });

  it('lets the admin token write from its own origin (200)', async () => {
    const before = dealCount();
    const res = await post('/api/deals.create', newDeal('Admin write'), {
      ...bearer(http.tokens.admin),
      Origin: origin,
    });
    expect(res.status).toBe(200);
    expect(dealCount()).toBeGreaterThan(before);
    expect((await post('/api/funnel.get', '{}', bearer(http.tokens.admin))).status).toBe(200);
  });

  it('answers 403 to a write with the admin token from another origin, writing nothing', async () => {
    const before = dealCount();
    const crossSite: Record<string, string>[] = [
      { Origin: 'http://evil.example' },
      { Origin: `http://127.0.0.1:1` },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
    ];
    for (const headers of crossSite) {
      const res = await post('/api/deals.create', newDeal('Cross-site'), { ...bearer(http.tokens.admin), ...headers });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(dealCount()).toBe(before);
    // a read from another origin is harmless (the answer is not readable there without CORS)
    expect(
      (await post('/api/app.info', '{}', { ...bearer(http.tokens.viewer), Origin: 'http://evil.example' })).status,
    ).toBe(200);
  });

  it('answers 401 to a wrong token', async () => {
    expect((await post('/api/app.info', '{}', bearer(newToken()))).status).toBe(401);
    expect((await post('/api/app.info', '{}', { Authorization: http.tokens.admin })).status).toBe(401);
  });
});

describe('the Host allowlist (DNS rebinding)', () => {
  it('answers 403 to a foreign Host, for the API with a valid token and for the page', async () => {
    const { port } = new URL(http.url);
    const api = await raw({
      path: '/api/app.info',
      method: 'POST',
      headers: { Host: `evil.example:${port}`, 'Content-Type': 'application/json', ...bearer(http.tokens.admin) },
      body: '{}',
    });
    expect(api.status).toBe(403);
    expect((await raw({ path: '/', headers: { Host: `evil.example:${port}` } })).status).toBe(403);
    expect(
      (await raw({ path: `/api/events?token=${http.tokens.viewer}`, headers: { Host: `evil.example:${port}` } }))
        .status,
    ).toBe(403);
    // the names of this machine are fine
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      const ok = await raw({
        path: '/api/app.info',
        method: 'POST',
        headers: { Host: host, 'Content-Type': 'application/json', ...bearer(http.tokens.viewer) },
        body: '{}',
      });
      expect(ok.status, host).toBe(200);
    }
  });
});

describe('the event stream', () => {
  it('needs the viewer (or admin) token, as a header or in the query', async () => {
    const without = await openEventStream(`${http.url}/api/events`);
    expect(without.status).toBe(401);
    without.close();
    const wrong = await openEventStream(`${http.url}/api/events?token=${newToken()}`);
    expect(wrong.status).toBe(401);
    wrong.close();
    for (const opened of [
      await openEventStream(`${http.url}/api/events?token=${http.tokens.viewer}`),
      await openEventStream(`${http.url}/api/events`, bearer(http.tokens.viewer)),
    ]) {
      expect(opened.status).toBe(200);
      await opened.waitFor((message) => message.event === 'server.started');
      opened.close();
    }
  });
});

describe('pairing', () => {
  it('gives a viewer the viewer link and QR code, and only an admin the admin link', async () => {
    expect((await fetch(`${http.url}/api/pairing`)).status).toBe(401);
    const asViewer = (await (
      await fetch(`${http.url}/api/pairing`, { headers: bearer(http.tokens.viewer) })
    ).json()) as {
      result: { viewer: { url: string; svg: string }; admin: unknown };
    };
    expect(asViewer.result.viewer.url).toBe(`${http.url}/?token=${http.tokens.viewer}`);
    expect(asViewer.result.viewer.svg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(asViewer.result.admin).toBeNull();
    const asAdmin = (await (await fetch(`${http.url}/api/pairing`, { headers: bearer(http.tokens.admin) })).json()) as {
      result: { admin: { url: string; svg: string } };
    };
    expect(asAdmin.result.admin.url).toBe(`${http.url}/admin?token=${http.tokens.admin}`);
  });

  it('keeps the tokens across restarts (they are stored in the settings), and they differ from each other', async () => {
    expect(http.tokens.viewer).not.toBe(http.tokens.admin);
    const again = await createHttpServer(core, { staticDir, port: 0 });
    try {
      expect(again.tokens).toEqual(http.tokens);
    } finally {
      await again.close();
    }
  });
});

describe('tokens and restore', () => {
  it('keeps this machine’s tokens when a backup is restored (paired screens stay paired)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alignboard-auth-restore-'));
    const other = createCore({
      dbFile: join(dir, 'alignboard.db'),
      clock: fixedClock(NOW),
      version: '1',
      demo: 'never',
    });
    try {
      const old = loadOrCreateAccessTokens(other.ctx.secrets, NOW);
      const backup = await createBackup(other.ctx, 'manual');
      const current = rotateAccessTokens(other.ctx.secrets, NOW);
      expect(current.viewer).not.toBe(old.viewer);
      await restoreBackup(other.ctx, backup.fileName);
      expect(loadOrCreateAccessTokens(other.ctx.secrets, NOW)).toEqual(current);
    } finally {
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the rate limit on wrong tokens', () => {
  it('answers 429 with Retry-After after 10 wrong tokens a minute, and still lets the right tokens in', async () => {
    // A server of its own, so that this address stays welcome on the shared one.
    const limited = await createHttpServer(core, { staticDir, port: 0 });
    try {
      const call = (token: string) => post('/api/app.info', '{}', bearer(token), limited.url);
      for (let i = 0; i < 10; i++) expect((await call(newToken())).status).toBe(401);
      const refused = await call(newToken());
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // A valid admin after the burst, from the very same address: never locked out by someone else's guesses.
      expect((await call(limited.tokens.admin)).status).toBe(200);
      const stream = await openEventStream(`${limited.url}/api/events?token=${limited.tokens.viewer}`);
      expect(stream.status).toBe(200);
      stream.close();
      expect((await call(newToken())).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});

describe('timeouts', () => {
  it('cuts off a client that never finishes its headers', async () => {
    const slow = await createHttpServer(core, { staticDir, port: 0, timeouts: { headersMs: 300 } });
    try {
      expect(slow.server.headersTimeout).toBe(300);
      const { port } = new URL(slow.url);
      const started = Date.now();
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
        setTimeout(() => reject(new Error('the server kept the half-sent request open')), 5_000);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await slow.close();
    }
  });

  it('sets a request timeout by default', () => {
    expect(http.server.headersTimeout).toBe(10_000);
    expect(http.server.requestTimeout).toBe(300_000);
  });
});
