import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityEvent, Deal, FunnelResult } from '@shared/domain';
import { createCore, type Core } from '../../../electron/core/create-core';
import { createHttpServer, type HttpServerHandle } from '../../../electron/core/http/server';
import { fixedClock } from '../../../electron/core/services/support/clock';
import { openEventStream, type EventStream } from './sse-client';

// Tuesday 2026-11-17, 10:00 in Berlin.
const NOW = Date.UTC(2026, 10, 17, 9, 0);
const INDEX_HTML = '<!doctype html><title>Alignboard test</title><div id="app"></div>';
const ASSET_JS = 'console.log("hashed asset");';
const SECRET = '{"name":"not-for-browsers"}';

/** A raw request with the path sent exactly as given (fetch would normalise `..` away before sending). */
function rawGet(base: string, path: string): Promise<{ status: number; body: string; location?: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, location: res.headers.location }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the HTTP server', () => {
  let root: string;
  let core: Core;
  let http: HttpServerHandle;
  let salesRepId: string;
  const streams: EventStream[] = [];

  const admin = () => ({ Authorization: `Bearer ${http.tokens.admin}` });
  const post = (method: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${http.url}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...admin(), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const count = (table: string) => (core.ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const newDeal = (title: string) => ({
    title,
    amountMinor: 450_000,
    currency: 'EUR',
    stageId: 'demo',
    closingRepId: salesRepId,
  });
  const stream = async (headers: Record<string, string> = {}) => {
    const opened = await openEventStream(`${http.url}/api/events`, {
      Authorization: `Bearer ${http.tokens.viewer}`,
      ...headers,
    });
    streams.push(opened);
    return opened;
  };

  beforeAll(async () => {
    // root/package.json sits next to the static dir, so a traversal that worked would find a real file.
    root = mkdtempSync(join(tmpdir(), 'alignboard-http-'));
    const staticDir = join(root, 'renderer');
    mkdirSync(join(staticDir, 'assets'), { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
    writeFileSync(join(staticDir, 'assets', 'index-3f9a1c.js'), ASSET_JS);
    writeFileSync(join(root, 'package.json'), SECRET);

    core = createCore({
      dbFile: join(root, 'alignboard.db'),
      clock: fixedClock(NOW),
      version: '1.2.3-test',
      demo: 'if-empty',
      timezone: 'Europe/Berlin',
    });
    salesRepId = (core.ctx.db.prepare(`SELECT id FROM people WHERE team = 'sales' LIMIT 1`).get() as { id: string }).id;
    http = await createHttpServer(core, { staticDir, port: 0, sse: { heartbeatMs: 100 } });
  });

  afterAll(async () => {
    for (const opened of streams) opened.close();
    await http?.close();
    core?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('listens on the port it was given (0 → a free one) and reports it', () => {
    expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(Number(new URL(http.url).port)).toBeGreaterThan(0);
  });

  it('answers POST /api/funnel.get with the funnel over the demo data', async () => {
    const res = await post('funnel.get', {});
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { result } = (await res.json()) as { result: FunnelResult };
    const direct = await core.dispatch('funnel.get', {});
    expect(direct.ok).toBe(true);
    expect(result).toEqual(JSON.parse(JSON.stringify((direct as { result: unknown }).result)));
    const openBySql = count(`deals WHERE status = 'open' AND deleted_at IS NULL`);
    expect(openBySql).toBeGreaterThan(0);
    expect(result.pipeline.reduce((sum, row) => sum + row.openCount, 0)).toBe(openBySql);
  });

  it('sends the security headers on API, static and error responses', async () => {
    for (const res of [await post('funnel.get', {}), await fetch(`${http.url}/`), await fetch(`${http.url}/nope.js`)]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const csp = res.headers.get('content-security-policy') ?? '';
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "frame-ancestors 'none'",
      ]) {
        expect(csp).toContain(directive);
      }
    }
  });

  it('greets a new event stream with server.started and the bootId', async () => {
    const events = await stream();
    expect(events.status).toBe(200);
    expect(events.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const started = await events.waitFor((message) => message.event === 'server.started');
    expect(JSON.parse(started.data!)).toEqual({ bootId: core.appInfo.bootId, version: '1.2.3-test' });
    expect(events.messages.findIndex((message) => message.event !== undefined)).toBe(events.messages.indexOf(started));
  });

  it('answers deals.create and pushes its activity.recorded event to an open stream', async () => {
    const events = await stream();
    await events.waitFor((message) => message.event === 'server.started');

    const res = await post('deals.create', newDeal('Globex expansion'));
    expect(res.status).toBe(200);
    const { result: deal } = (await res.json()) as { result: Deal };
    expect(deal).toMatchObject({ title: 'Globex expansion', amountMinor: 450_000, stageId: 'demo', status: 'open' });

    const pushed = await events.waitFor(
      (message) =>
        message.event === 'activity.recorded' && (JSON.parse(message.data!) as ActivityEvent).entityId === deal.id,
    );
    const event = JSON.parse(pushed.data!) as ActivityEvent;
    expect(event.entity).toBe('deal');
    expect(event.machineId).toBe(core.ctx.machineId);
    expect(pushed.id).toBe(String(event.seq));
  });

  it('sends heartbeat comments and stops listening to the bus when the stream closes', async () => {
    const listenersBefore = core.ctx.bus.size;
    const events = await stream();
    await events.waitFor((message) => message.comment === 'heartbeat', 2_000);
    expect(core.ctx.bus.size).toBe(listenersBefore + 1);
    events.close();
    await expect.poll(() => core.ctx.bus.size).toBe(listenersBefore);
  });

  it('replays activity after Last-Event-ID, oldest first, and nothing the client has seen', async () => {
    const last = (core.ctx.db.prepare('SELECT max(seq) AS seq FROM activity_events').get() as { seq: number }).seq;
    const first = ((await (await post('deals.create', newDeal('Initech pilot'))).json()) as { result: Deal }).result;
    const second = ((await (await post('deals.create', newDeal('Umbrella rollout'))).json()) as { result: Deal })
      .result;

    const events = await stream({ 'Last-Event-ID': String(last) });
    await events.waitFor((message) => message.event === 'activity.recorded' && message.data!.includes(second.id));
    const replayed = events.messages
      .filter((message) => message.event === 'activity.recorded')
      .map((message) => JSON.parse(message.data!) as ActivityEvent);
    expect(replayed.map((event) => event.entityId)).toEqual([first.id, second.id]);
    expect(replayed.every((event) => event.seq > last)).toBe(true);
    expect(replayed[0]!.seq).toBeLessThan(replayed[1]!.seq);
    // server.started still comes first
    expect(events.messages.find((message) => message.event !== undefined)?.event).toBe('server.started');
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const deals = count('deals');
    const activity = count('activity_events');
    const res = await post('deals.create', { ...newDeal('Bad deal'), amountMinor: -100 });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'invalid_input', field: 'amountMinor', message: 'amountMinor must not be negative' },
    });
    expect(count('deals')).toBe(deals);
    expect(count('activity_events')).toBe(activity);
  });

  it('answers a body that is not JSON with 400', async () => {
    const res = await post('deals.create', '{"title": ');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_input');
  });

  it('accepts an empty body as {} for methods without input', async () => {
    const res = await fetch(`${http.url}/api/app.info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...admin() },
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { bootId: string } }).result.bootId).toBe(core.appInfo.bootId);
  });

  it('maps error codes to status codes: unknown method 404, not_found 404', async () => {
    const unknown = await post('deals.shred', {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_method');
    const missing = await post('deals.moveStage', { dealId: 'no-such-deal', stageId: 'won' });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('refuses GET on a method with 405 and Allow: POST', async () => {
    const res = await fetch(`${http.url}/api/funnel.get`, { headers: admin() });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    const events = await fetch(`${http.url}/api/events`, { method: 'POST', headers: admin() });
    expect(events.status).toBe(405);
    expect(events.headers.get('allow')).toBe('GET');
  });

  it('refuses a body that is not JSON by content type with 415', async () => {
    const deals = count('deals');
    const res = await post('deals.create', JSON.stringify(newDeal('Form post')), { 'Content-Type': 'text/plain' });
    expect(res.status).toBe(415);
    const form = await fetch(`${http.url}/api/deals.create`, {
      method: 'POST',
      headers: admin(),
      body: new URLSearchParams({ title: 'Form post' }),
    });
    expect(form.status).toBe(415);
    expect(count('deals')).toBe(deals);
  });

  it('refuses a body over 1 MB with 413', async () => {
    const deals = count('deals');
    const res = await post('deals.create', { ...newDeal('Huge'), padding: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(count('deals')).toBe(deals);
    // the server is still fine afterwards
    expect((await post('app.info', {})).status).toBe(200);
  });

  it('refuses a body over 1 MB sent in chunks without a length, and keeps serving', async () => {
    const deals = count('deals');
    const { hostname, port } = new URL(http.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({
        host: hostname,
        port,
        path: '/api/deals.create',
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', ...admin() },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      // The server may close the connection while we are still sending; only its answer matters.
      req.on('error', (error) => setTimeout(() => reject(error), 1_000));
      const chunk = `"${'x'.repeat(64 * 1024)}",`;
      req.write('{"padding":[');
      for (let sent = 0; sent < 1.2 * 1024 * 1024; sent += chunk.length) req.write(chunk);
      req.end('""]}');
    });
    expect(status).toBe(413);
    expect(count('deals')).toBe(deals);
    expect((await post('app.info', {})).status).toBe(200);
  });

  it('refuses API calls and event streams addressed by a foreign host name (DNS rebinding)', async () => {
    const { port } = new URL(http.url);
    const call = (host: string, path: string, method: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port,
          path,
          method,
          headers: { Host: host, 'Content-Type': 'application/json', ...admin() },
        });
        req.on('response', (res) => {
          resolve(res.statusCode ?? 0);
          req.destroy();
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    expect(await call(`evil.example:${port}`, '/api/app.info', 'POST')).toBe(403);
    expect(await call(`evil.example:${port}`, '/api/events', 'GET')).toBe(403);
    expect(await call(`localhost:${port}`, '/api/app.info', 'POST')).toBe(200);
    expect(await call(`[::1]:${port}`, '/api/app.info', 'POST')).toBe(200);
  });

  it('serves index.html for / and for display routes, uncached', async () => {
    for (const path of ['/', '/admin', '/admin/deals']) {
      const res = await fetch(`${http.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX_HTML);
    }
  });

  it('redirects a display route with a trailing slash to the route without, and never off-site', async () => {
    const admin = await fetch(`${http.url}/admin/?x=1`, { redirect: 'manual' });
    expect(admin.status).toBe(308);
    expect(admin.headers.get('location')).toBe('/admin?x=1');
    const offSite = await rawGet(http.url, '//evil/');
    expect(offSite.status).toBe(308);
    expect(offSite.location).toBe('/evil');
  });

  it('serves hashed assets with their type and a long cache, and 404 for missing files', async () => {
    const res = await fetch(`${http.url}/assets/index-3f9a1c.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(ASSET_JS);
    expect((await fetch(`${http.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${http.url}/favicon.ico`)).status).toBe(404);
  });

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/assets/../../package.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/%00/../package.json',
    '/%E0%A4%A',
  ])('refuses the traversing or malformed path %s', async (path) => {
    const res = await rawGet(http.url, path);
    expect(res.status).toBe(400);
    expect(res.body).not.toContain('not-for-browsers');
  });

  it('ends open event streams and stops listening on close()', async () => {
    const listenersBefore = core.ctx.bus.size;
    const second = await createHttpServer(core, { staticDir: join(root, 'renderer'), port: 0 });
    const events = await openEventStream(`${second.url}/api/events?token=${second.tokens.viewer}`);
    await events.waitFor((message) => message.event === 'server.started');
    expect(core.ctx.bus.size).toBe(listenersBefore + 1);
    await second.close();
    await events.ended;
    expect(core.ctx.bus.size).toBe(listenersBefore);
    await expect(fetch(`${second.url}/`)).rejects.toThrow();
  });
});
