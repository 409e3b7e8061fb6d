/**
 * The one place that decides who may use the LAN server, checked before any routing or body parsing:
 * - the Host header must name this machine (DNS rebinding: a page whose own name was re-pointed at us
 *   sends its own name);
 * - every `/api` request carries a token, as `Authorization: Bearer <token>` or, for the event stream only
 *   (EventSource cannot send headers), as `?token=`; the viewer token reads, the admin token also writes;
 * - wrong tokens are counted per client address and, past a limit, refused with 429 for a while;
 * - a write must come from our own origin (`Origin`, or `Sec-Fetch-Site` when a browser sent no Origin),
 *   so that a form on another site cannot post here even if it knew a token.
 * Loopback gets no exception: the kiosk's own window talks over IPC, not HTTP, and every other local
 * program (another user's browser tab included) is no more trusted than the LAN.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname as osHostname, networkInterfaces } from 'node:os';
import type { MethodKind, MethodName } from '@shared/contract';
import { roleOfToken, type AccessRole, type AccessTokens } from './access-tokens';

/** A refusal: the status, the words to say, and any extra headers (Retry-After, WWW-Authenticate). */
export interface Refusal {
  ok: false;
  status: 401 | 403 | 429;
  message: string;
  headers?: Record<string, string>;
}

/** Whether an address belongs to this machine (IPv4, IPv6, and IPv4 mapped into IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Whether the server listens on every interface. */
export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** The host name of a Host header without its port: 'example:80' → 'example', '[::1]:80' → '::1'. */
export function hostName(header: string): string {
  const trimmed = header.trim().toLowerCase();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']'));
  const colon = trimmed.lastIndexOf(':');
  // A bare IPv6 address has several colons and no port.
  if (colon === -1 || trimmed.indexOf(':') !== colon) return trimmed;
  return trimmed.slice(0, colon);
}

/** This machine's addresses on every interface (IPv6 without a zone id). */
function machineAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .map((info) => (info?.address ?? '').split('%', 1)[0]!.toLowerCase())
    .filter((address) => address !== '');
}

/**
 * The names a browser may use for a server bound to `boundHost`: loopback names always, the bound address,
 * and when bound to every interface this machine's addresses and its own host name (plain and `.local`).
 * Read on every call, because a laptop's LAN address changes with the network.
 */
export function allowedHostNames(boundHost: string): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '::1', boundHost.toLowerCase()]);
  if (isWildcardHost(boundHost)) {
    for (const address of machineAddresses()) names.add(address);
    const own = osHostname().toLowerCase();
    if (own) {
      names.add(own);
      names.add(`${own}.local`);
    }
  }
  return names;
}

/** Whether a Host header names this server; a request without one (HTTP/1.0 tools) is no web page. */
export function isAllowedHost(header: string | undefined, boundHost: string): boolean {
  if (header === undefined) return true;
  const name = hostName(header);
  return allowedHostNames(boundHost).has(name) || (isIP(name) === 4 && name.startsWith('127.'));
}

/**
 * The writes a wall makes by itself, which the viewer token may therefore call: the stand-up it runs
 * (S … Esc) is recorded from the wall. They still need our own origin. Nothing else a viewer may change.
 */
export const VIEWER_WRITES: ReadonlySet<MethodName> = new Set<MethodName>(['meetings.recordRun']);

/** How many wrong tokens one address may send in a window before it is refused with 429. */
export interface RateLimit {
  maxFailures: number;
  windowMs: number;
}

/** 10 wrong tokens a minute: more than any person mistyping, far too few to guess 256 bits. */
export const DEFAULT_RATE_LIMIT: RateLimit = { maxFailures: 10, windowMs: 60_000 };

/** Past this many addresses with recent failures, expired ones are swept out at once. */
const MAX_TRACKED_ADDRESSES = 10_000;

/** Options for {@link createGate}. */
export interface GateOptions {
  tokens: AccessTokens;
  /** the address the server is bound to */
  host: string;
  rateLimit?: RateLimit;
  now?: () => number;
}

/** The checks of one server; see the file comment. */
export interface Gate {
  /** Whether the Host header names us; else the refusal (403). */
  checkHost(req: IncomingMessage): { ok: true } | Refusal;
  /** The role of the request's token; else 401 (none or wrong) or 429 (too many wrong ones). */
  authenticate(req: IncomingMessage, options: { allowQueryToken: boolean }): { ok: true; role: AccessRole } | Refusal;
  /**
   * Whether `role` may call a method of `kind` from this request's origin; else 403. `wallWrite` marks
   * one of the few writes the wall itself makes (see {@link VIEWER_WRITES}), which the viewer may call.
   */
  permit(req: IncomingMessage, role: AccessRole, kind: MethodKind, wallWrite?: boolean): { ok: true } | Refusal;
}

/** The token a request presents, from the Authorization header or (where allowed) the `token` query. */
function presentedToken(req: IncomingMessage, allowQueryToken: boolean): string | undefined {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // A header in any other scheme (or a bare token) counts as a wrong token, not as none; a space is in
    // no base64url token, so this never matches.
    return match ? match[1]! : ' ';
  }
  if (!allowQueryToken) return undefined;
  const query = (req.url ?? '').split('?')[1];
  return query === undefined ? undefined : (new URLSearchParams(query).get('token') ?? undefined);
}

/** Whether a write comes from a page of our own origin (or from no browser at all). */
function isSameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined) {
    // Our pages are served over plain http at the Host the browser used; anything else is another site.
    return req.headers.host !== undefined && origin.toLowerCase() === `http://${req.headers.host.toLowerCase()}`;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  // Browsers send Origin on every POST; a request with neither header is a script holding the admin token.
  return true;
}

/** Creates the gate for one server. */
export function createGate(options: GateOptions): Gate {
  const { tokens, host } = options;
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const now = options.now ?? Date.now;
  /** failure times per client address, oldest first, only those inside the window */
  const failures = new Map<string, number[]>();

  /** Drops every address whose failures are all older than the window (many IPv6 addresses could else pile up). */
  function forgetExpired(): void {
    for (const address of [...failures.keys()]) recentFailures(address);
  }

  function recentFailures(address: string): number[] {
    const since = now() - limit.windowMs;
    const kept = (failures.get(address) ?? []).filter((at) => at > since);
    if (kept.length === 0) failures.delete(address);
    else failures.set(address, kept);
    return kept;
  }

  return {
    checkHost(req) {
      if (isAllowedHost(req.headers.host, host)) return { ok: true };
      return { ok: false, status: 403, message: 'Open Alignboard by its address or as localhost.' };
    },

    authenticate(req, { allowQueryToken }): { ok: true; role: AccessRole } | Refusal {
      const presented = presentedToken(req, allowQueryToken);
      if (presented === undefined || presented === '') {
        return {
          ok: false,
          status: 401,
          message: 'Open Alignboard with the link (or QR code) that includes its access token.',
          headers: { 'WWW-Authenticate': 'Bearer realm="alignboard"' },
        };
      }
      const address = req.socket.remoteAddress ?? 'unknown';
      const recent = recentFailures(address);
      if (recent.length >= limit.maxFailures) {
        // While blocked no token is even checked, so that the answer says nothing about a guess.
        const retryAfter = Math.max(1, Math.ceil((recent[0]! + limit.windowMs - now()) / 1000));
        return {
          ok: false,
          status: 429,
          message: `Too many wrong access tokens; try again in ${retryAfter} s.`,
          headers: { 'Retry-After': String(retryAfter) },
        };
      }
      const role = roleOfToken(tokens, presented);
      if (role) return { ok: true, role };
      recent.push(now());
      failures.set(address, recent);
      if (failures.size > MAX_TRACKED_ADDRESSES) forgetExpired();
      return {
        ok: false,
        status: 401,
        message: 'This access token is not valid (any more); pair this screen again.',
        headers: { 'WWW-Authenticate': 'Bearer realm="alignboard", error="invalid_token"' },
      };
    },

    permit(req, role, kind, wallWrite = false) {
      if (kind === 'read') return { ok: true };
      if (role !== 'admin' && !wallWrite) {
        return { ok: false, status: 403, message: 'This screen is paired as a viewer; changes need the admin link.' };
      }
      if (!isSameOrigin(req)) {
        return { ok: false, status: 403, message: 'Changes are only accepted from Alignboard’s own pages.' };
      }
      return { ok: true };
    },
  };
}
