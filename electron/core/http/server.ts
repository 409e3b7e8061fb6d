/**
 * The HTTP face of the core for browsers: `/api/<method>` and `/api/events` over the same dispatch and bus
 * the Electron windows use, and the built renderer for everything else. node:http only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Core } from '../create-core';
import { loadOrCreateAccessTokens, type AccessTokens } from '../secrets/access-tokens';
import { bodyDeadlineMs, handleApiCall } from './api-route';
import { createGate, isWildcardHost, type RateLimit, type Refusal } from './authorize';
import { pairingSvg, pairingUrlsAt, type PairingUrls } from '../services/support/pairing';
import { applySecurityHeaders, sendError, sendJson, sendText } from './responses';
import { createFirstPaintPage } from './first-paint';
import { createSseHub, type SseOptions } from './sse';
import { createStaticFiles } from './static-files';

/** Options for {@link createHttpServer}. */
export interface HttpServerOptions {
  /** the built renderer (`out/renderer`) */
  staticDir: string;
  /** the address to listen on; loopback by default, so that the LAN sees nothing unless asked to */
  host?: string;
  /** 0 picks a free port; the real one is in the returned `url` */
  port?: number;
  sse?: SseOptions;
  /** the viewer and admin tokens; by default those in the machine's secret store (created on first start) */
  tokens?: AccessTokens;
  /** wrong tokens one client address may send per window (default 10 a minute) */
  rateLimit?: RateLimit;
  /**
   * how long a client may take to send the headers, and the whole request (default 10 s and 5 min), and
   * how long a body with a given cap may take (default {@link bodyDeadlineMs}: 10 s, longer for an import)
   */
  timeouts?: { headersMs?: number; requestMs?: number; bodyMs?: (maxInputBytes: number) => number };
}

/** A listening server. */
export interface HttpServerHandle {
  server: Server;
  /** e.g. `http://127.0.0.1:4173` (no trailing slash) */
  url: string;
  /** the tokens every /api request must carry (the current ones, after {@link HttpServerHandle.useTokens}) */
  readonly tokens: AccessTokens;
  /** the links to pair a screen with: on this machine's LAN address when listening on every interface */
  readonly pairing: PairingUrls;
  /**
   * Accepts only these tokens from now on (they were rotated) and ends the open event streams, which were
   * opened with the old ones; a screen that holds a new token reconnects at once.
   */
  useTokens(tokens: AccessTokens): void;
  /** Ends the event streams and open connections, then stops listening; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the server and resolves once it listens; rejects with the listen error (e.g. EADDRINUSE) if it
 * cannot.
 */
export async function createHttpServer(core: Core, options: HttpServerOptions): Promise<HttpServerHandle> {
  const host = options.host ?? '127.0.0.1';
  // One object that the gate, the pairing route and the handle all read, so a rotation applies everywhere.
  const tokens: AccessTokens = {
    ...(options.tokens ?? loadOrCreateAccessTokens(core.ctx.secrets, core.ctx.clock.now())),
  };
  const gate = createGate({ tokens, host, rateLimit: options.rateLimit });
  const hub = createSseHub(core, options.sse);
  const serveStatic = createStaticFiles(options.staticDir, { indexPage: createFirstPaintPage(core, tokens) });

  const refuse = (res: ServerResponse, refusal: Refusal): void => {
    // The contract has one code for "not allowed"; the status tells 401, 403 and 429 apart.
    sendError(res, refusal.status, { code: 'forbidden', message: refusal.message }, refusal.headers);
  };

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applySecurityHeaders(res);
    const rawUrl = req.url ?? '';
    // Only origin-form targets ('/path?query'); proxy-style absolute URLs are not for us.
    if (!rawUrl.startsWith('/')) {
      sendText(res, 400, 'Bad request\n');
      return;
    }
    const hostCheck = gate.checkHost(req);
    if (!hostCheck.ok) {
      sendText(res, 403, `${hostCheck.message}\n`);
      return;
    }
    const rawPath = rawUrl.split('?', 1)[0]!;
    if (rawPath !== '/api' && !rawPath.startsWith('/api/')) {
      // The page holds no data unless its request carries a valid token (the wall's first paint, in
      // first-paint.ts); without one it loads as built and then asks for a token.
      await serveStatic(req, res, rawPath);
      return;
    }
    // Authentication before routing: without a token, an unknown path looks like any other.
    const isEvents = rawPath === '/api/events';
    const access = gate.authenticate(req, { allowQueryToken: isEvents });
    if (!access.ok) {
      // The body is never read; closing keeps a client from pushing megabytes into a refused request.
      refuse(res, { ...access, headers: { ...access.headers, Connection: 'close' } });
      if (!req.complete) req.resume();
      return;
    }
    if (isEvents) hub.handle(req, res, access.role);
    else if (rawPath === '/api/pairing') await answerPairing(req, res, access.role);
    else
      await handleApiCall(core, req, res, rawPath.slice('/api/'.length), {
        gate,
        role: access.role,
        server,
        bodyDeadlineMs: options.timeouts?.bodyMs ?? bodyDeadlineMs,
      });
  };

  /** `GET /api/pairing`: the links (and QR codes) to pair another screen; the admin's only for admins. */
  const answerPairing = async (req: IncomingMessage, res: ServerResponse, role: 'viewer' | 'admin') => {
    if (req.method !== 'GET') {
      sendError(res, 405, { code: 'invalid_input', message: 'Ask for the pairing links with GET.' }, { Allow: 'GET' });
      return;
    }
    const urls = pairingUrls(host, (server.address() as AddressInfo).port, tokens);
    sendJson(res, 200, {
      result: {
        viewer: { url: urls.viewerUrl, svg: await pairingSvg(urls.viewerUrl) },
        admin: role === 'admin' ? { url: urls.adminUrl, svg: await pairingSvg(urls.adminUrl) } : null,
      },
    });
  };

  // A client that trickles its headers or body is cut off (408) instead of holding a socket for ever.
  const headersTimeout = options.timeouts?.headersMs ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: options.timeouts?.requestMs ?? 300_000,
      // Node checks both timeouts on this interval (30 s by default), so it sets their precision.
      connectionsCheckingInterval: Math.max(50, Math.min(headersTimeout / 2, 5_000)),
    },
    (req, res) => {
      route(req, res).catch((error: unknown) => {
        console.error(`${req.method} ${req.url} failed:`, error);
        if (!res.headersSent) sendError(res, 500, { code: 'internal', message: 'Something went wrong on the server.' });
        else res.destroy();
      });
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4173, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => console.error('HTTP server error:', error));

  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    server,
    url: `http://${displayHost(host)}:${port}`,
    tokens,
    get pairing() {
      return pairingUrls(host, port, tokens);
    },
    useTokens(next) {
      tokens.viewer = next.viewer;
      tokens.admin = next.admin;
      hub.closeAll();
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        hub.closeAll();
        server.close(() => resolve());
        // Keep-alive sockets would otherwise hold close() open for seconds.
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** A host for a URL a person can open: wildcard addresses become loopback, IPv6 gets brackets. */
function displayHost(host: string): string {
  if (isWildcardHost(host)) return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

/** The pairing links, on the address another screen reaches (read each time: a LAN address can change). */
function pairingUrls(host: string, port: number, tokens: AccessTokens): PairingUrls {
  return pairingUrlsAt(`http://${pairingHost(host)}:${port}`, tokens);
}

/** A host another screen can reach: on every interface, this machine's first LAN IPv4 address. */
function pairingHost(host: string): string {
  if (!isWildcardHost(host)) return displayHost(host);
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((info) => info?.family === 'IPv4' && !info.internal);
  return lan?.address ?? '127.0.0.1';
}
