import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { apiMethods } from '@shared/contract';
import { newToken, roleOfToken } from '../../../../electron/core/secrets/access-tokens';
import {
  clientKey,
  createGate,
  MAX_TRACKED_ADDRESSES,
  hostName,
  isAllowedHost,
  isLoopbackAddress,
  type GateOptions,
} from '../../../../electron/core/http/authorize';

const TOKENS = { viewer: newToken(), admin: newToken() };

/** A request as the gate sees it: the socket's address, the URL and the headers. */
function request(
  headers: Record<string, string> = {},
  options: { url?: string; remoteAddress?: string } = {},
): IncomingMessage {
  return {
    url: options.url ?? '/api/app.info',
    socket: { remoteAddress: options.remoteAddress ?? '192.168.1.30' },
    headers: {
      host: '127.0.0.1:4173',
      ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    },
  } as unknown as IncomingMessage;
}

function gate(options: Partial<GateOptions> = {}) {
  return createGate({ tokens: TOKENS, host: '127.0.0.1', ...options });
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(token);
  });

  it('grant the role they belong to and nothing for anything else', () => {
    expect(roleOfToken(TOKENS, TOKENS.viewer)).toBe('viewer');
    expect(roleOfToken(TOKENS, TOKENS.admin)).toBe('admin');
    expect(roleOfToken(TOKENS, TOKENS.admin.slice(0, -1))).toBeUndefined();
    expect(roleOfToken(TOKENS, '')).toBeUndefined();
  });
});

describe('the gate', () => {
  it('authenticates the viewer and admin tokens from the Authorization header, also from loopback', () => {
    const g = gate();
    expect(g.authenticate(request(bearer(TOKENS.viewer)), { allowQueryToken: false })).toEqual({
      ok: true,
      role: 'viewer',
    });
    expect(
      g.authenticate(request(bearer(TOKENS.admin), { remoteAddress: '127.0.0.1' }), { allowQueryToken: false }),
    ).toEqual({ ok: true, role: 'admin' });
    expect(g.authenticate(request({}, { remoteAddress: '127.0.0.1' }), { allowQueryToken: false })).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it('takes a ?token= only where allowed (the event stream)', () => {
    const g = gate();
    const req = request({}, { url: `/api/events?token=${TOKENS.viewer}` });
    expect(g.authenticate(req, { allowQueryToken: true })).toEqual({ ok: true, role: 'viewer' });
    expect(g.authenticate(req, { allowQueryToken: false })).toMatchObject({ ok: false, status: 401 });
  });

  it('lets the viewer read but not write, and the admin write only from its own origin', () => {
    const g = gate();
    const sameOrigin = request({ Origin: 'http://127.0.0.1:4173' });
    expect(g.permit(sameOrigin, 'viewer', apiMethods['funnel.get'].access)).toEqual({ ok: true });
    expect(g.permit(sameOrigin, 'viewer', apiMethods['deals.create'].access)).toMatchObject({ ok: false, status: 403 });
    expect(g.permit(sameOrigin, 'admin', apiMethods['deals.create'].access)).toEqual({ ok: true });
    expect(
      g.permit(request({ Origin: 'http://evil.example' }), 'admin', apiMethods['deals.create'].access),
    ).toMatchObject({ status: 403 });
    expect(
      g.permit(request({ Origin: 'http://127.0.0.1:9999' }), 'admin', apiMethods['deals.create'].access),
    ).toMatchObject({ status: 403 });
    expect(g.permit(request({ Origin: 'null' }), 'admin', apiMethods['deals.create'].access)).toMatchObject({
      status: 403,
    });
    expect(
      g.permit(request({ 'Sec-Fetch-Site': 'cross-site' }), 'admin', apiMethods['deals.create'].access),
    ).toMatchObject({ status: 403 });
    expect(
      g.permit(request({ 'Sec-Fetch-Site': 'same-site' }), 'admin', apiMethods['deals.create'].access),
    ).toMatchObject({ status: 403 });
    expect(g.permit(request({ 'Sec-Fetch-Site': 'same-origin' }), 'admin', apiMethods['deals.create'].access)).toEqual({
      ok: true,
    });
  });

  it('refuses wrong tokens with 429 and Retry-After after a burst from one address, and forgets after the window', () => {
    let now = 1_000_000;
    const g = gate({ rateLimit: { maxFailures: 3, windowMs: 60_000 }, now: () => now });
    const wrong = request(bearer(newToken()));
    for (let i = 0; i < 3; i++)
      expect(g.authenticate(wrong, { allowQueryToken: false })).toMatchObject({ status: 401 });
    expect(g.authenticate(wrong, { allowQueryToken: false })).toMatchObject({
      ok: false,
      status: 429,
      headers: { 'Retry-After': '60' },
    });
    now += 60_001;
    expect(g.authenticate(wrong, { allowQueryToken: false })).toMatchObject({ status: 401 });
  });

  it('always lets a valid token through, even right after a burst of wrong ones from the same address', () => {
    const g = gate({ rateLimit: { maxFailures: 3, windowMs: 60_000 } });
    for (let i = 0; i < 50; i++) g.authenticate(request(bearer(newToken())), { allowQueryToken: false });
    expect(g.authenticate(request(bearer(newToken())), { allowQueryToken: false })).toMatchObject({ status: 429 });
    expect(g.authenticate(request(bearer(TOKENS.admin)), { allowQueryToken: false })).toEqual({
      ok: true,
      role: 'admin',
    });
    expect(g.authenticate(request(bearer(TOKENS.viewer)), { allowQueryToken: false })).toEqual({
      ok: true,
      role: 'viewer',
    });
  });

  it('refuses loads a foreign page can make without CORS, without counting them', () => {
    const g = gate({ rateLimit: { maxFailures: 1, windowMs: 60_000 } });
    const foreign = [
      { 'Sec-Fetch-Site': 'cross-site', ...bearer(newToken()) },
      { 'Sec-Fetch-Site': 'same-site', ...bearer(newToken()) },
      { 'Sec-Fetch-Dest': 'image', ...bearer(newToken()) },
      { 'Sec-Fetch-Dest': 'script', 'Sec-Fetch-Site': 'same-origin', ...bearer(newToken()) },
    ];
    for (const headers of foreign) {
      expect(g.authenticate(request(headers), { allowQueryToken: true })).toMatchObject({ ok: false, status: 403 });
    }
    // Even a right token in an <img> is refused: such a load is never our page.
    const img = request({ 'Sec-Fetch-Dest': 'image' }, { url: `/api/events?token=${TOKENS.viewer}` });
    expect(g.authenticate(img, { allowQueryToken: true })).toMatchObject({ status: 403 });
    expect(g.trackedAddresses).toBe(0);
    // Our own page's fetch passes.
    const own = request({ 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Dest': 'empty', ...bearer(TOKENS.viewer) });
    expect(g.authenticate(own, { allowQueryToken: false })).toEqual({ ok: true, role: 'viewer' });
  });

  it('keeps its memory of failures bounded however many addresses send wrong tokens', () => {
    const g = gate();
    for (let i = 0; i < MAX_TRACKED_ADDRESSES + 500; i++) {
      const address = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      g.authenticate(request(bearer('wrong'), { remoteAddress: address }), { allowQueryToken: false });
    }
    expect(g.trackedAddresses).toBe(MAX_TRACKED_ADDRESSES);
  });

  it('counts an IPv6 client by its /64 network, so new addresses in it do not reset the count', () => {
    const g = gate({ rateLimit: { maxFailures: 3, windowMs: 60_000 } });
    for (let i = 1; i <= 3; i++) {
      g.authenticate(request(bearer('wrong'), { remoteAddress: `2001:db8:1:2::${i.toString(16)}` }), {
        allowQueryToken: false,
      });
    }
    const next = request(bearer('wrong'), { remoteAddress: '2001:db8:1:2:aaaa::9' });
    expect(g.authenticate(next, { allowQueryToken: false })).toMatchObject({ status: 429 });
    expect(clientKey('2001:0db8:0001:0002:0000:0000:0000:0001')).toBe('2001:db8:1:2::/64');
    expect(clientKey('::ffff:192.168.1.5')).toBe('::ffff:192.168.1.5');
  });

  it('does not count a missing token as a wrong one', () => {
    const g = gate({ rateLimit: { maxFailures: 1, windowMs: 60_000 } });
    for (let i = 0; i < 5; i++)
      expect(g.authenticate(request(), { allowQueryToken: false })).toMatchObject({ status: 401 });
    expect(g.authenticate(request(bearer(TOKENS.viewer)), { allowQueryToken: false })).toMatchObject({ ok: true });
  });
});

describe('isLoopbackAddress', () => {
  it('does not take 127.x written inside another address for loopback', () => {
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('::ffff:10.127.0.1')).toBe(false);
    expect(isLoopbackAddress('1270.0.0.1')).toBe(false);
  });
});

describe('isAllowedHost', () => {
  it.each(['127.0.0.1:4173', '[::1]:4173', 'localhost', 'LOCALHOST:80', '127.0.0.2', undefined])(
    'allows %s for a loopback server',
    (host) => expect(isAllowedHost(host, '127.0.0.1')).toBe(true),
  );

  it.each([
    'evil.example',
    'evil.example:4173',
    '127.0.0.1.evil.example',
    'localhost.evil.example',
    '192.168.1.20',
    '',
  ])('refuses %s for a loopback server', (host) => expect(isAllowedHost(host, '127.0.0.1')).toBe(false));

  it('allows the bound address', () => {
    expect(isAllowedHost('192.168.1.20:4173', '192.168.1.20')).toBe(true);
    expect(isAllowedHost('192.168.1.21:4173', '192.168.1.20')).toBe(false);
  });

  it('reads the host name out of a Host header', () => {
    expect(hostName('[::1]:80')).toBe('::1');
    expect(hostName('Example:80')).toBe('example');
    expect(hostName('fe80::1')).toBe('fe80::1');
  });
});
