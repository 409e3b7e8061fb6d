/**
 * The one place that decides who may use the LAN server, checked before any routing or body parsing:
 * - the Host header must name this machine (DNS rebinding: a page whose own name was re-pointed at us
 *   sends its own name);
 * - every `/api` request carries a token, as `Authorization: Bearer <token>` or, for the event stream only
 *   (EventSource cannot send headers), as `?token=`; the viewer token reads, the admin token also writes;
 * - requests a foreign page can make without CORS (an <img> or <script> pointing here, anything a browser
 *   marks `Sec-Fetch-Site: cross-site`) are refused before any token is looked at, and not counted;
 * - wrong tokens are counted per client address (an IPv6 client per /64 network) and, past a limit,
 *   refused with 429 for a while; a valid token always passes, so nobody can lock the right people out;
 * - what a role may call is declared on each method in the contract (`access` in methods/define.ts);
 * - a write must come from our own origin (`Origin`, or `Sec-Fetch-Site` when a browser sent no Origin),
 *   so that a form on another site cannot post here even if it knew a token.
 * Loopback gets no exception: the kiosk's own window talks over IPC, not HTTP, and every other local
 * program (another user's browser tab included) is no more trusted than the LAN.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { hostname as osHostname, networkInterfaces } from 'node:os';
import { mayCall, type MethodAccess } from '@shared/contract';
import { roleOfToken, type AccessRole, type AccessTokens } from '../secrets/access-tokens';

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

/** How many wrong tokens one address may send in a window before it is refused with 429. */
export interface RateLimit {
  maxFailures: number;
  windowMs: number;
}

/** 10 wrong tokens a minute: more than any person mistyping, far too few to guess 256 bits. */
export const DEFAULT_RATE_LIMIT: RateLimit = { maxFailures: 10, windowMs: 60_000 };

/** The most client addresses whose failures are remembered; beyond it the least recent is forgotten. */
export const MAX_TRACKED_ADDRESSES = 10_000;

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
  /** Whether `role` may call a method with this declared access from this request's origin; else 403. */
  permit(req: IncomingMessage, role: AccessRole, access: MethodAccess): { ok: true } | Refusal;
  /** how many client addresses have failures remembered (bounded by {@link MAX_TRACKED_ADDRESSES}) */
  readonly trackedAddresses: number;
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

/**
 * Whether a browser says a foreign page or a non-fetch load (image, script, style, frame) made this request.
 * Our own pages call the API with fetch and EventSource from our own origin: `same-origin` and `empty`.
 * A request without these headers is not from a browser that sends them, and goes on to the token check.
 */
export function isForeignLoad(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return true;
  const dest = req.headers['sec-fetch-dest'];
  return dest !== undefined && dest !== 'empty';
}

/** The key failures are counted under: the address, or for IPv6 its /64 network (one client's share). */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  if (isIP(address) !== 6 || address.startsWith('::ffff:')) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight groups of an IPv6 address, or undefined when it has an embedded IPv4 part. */
function expandIpv6(address: string): string[] | undefined {
  const plain = address.split('%', 1)[0]!.toLowerCase();
  if (plain.includes('.')) return undefined;
  const [head, tail] = plain.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const fill = tail === undefined ? [] : new Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((group) => group.replace(/^0+(?=.)/, ''));
}

interface FailureWindow {
  startedAt: number;
  count: number;
}

/** Creates the gate for one server. */
export function createGate(options: GateOptions): Gate {
  const { tokens, host } = options;
  const limit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const now = options.now ?? Date.now;
  /**
   * Wrong tokens per client key in one fixed window, in order of the last failure: a lookup, an update
   * and dropping the oldest entry are each O(1), and the map never holds more than the cap.
   */
  const failures = new Map<string, FailureWindow>();

  function currentWindow(key: string): FailureWindow | undefined {
    const window = failures.get(key);
    if (window !== undefined && now() - window.startedAt >= limit.windowMs) {
      failures.delete(key);
      return undefined;
    }
    return window;
  }

  function countFailure(key: string): FailureWindow {
    const window = currentWindow(key) ?? { startedAt: now(), count: 0 };
    window.count += 1;
    failures.delete(key);
    failures.set(key, window);
    if (failures.size > MAX_TRACKED_ADDRESSES) failures.delete(failures.keys().next().value!);
    return window;
  }

  return {
    checkHost(req) {
      if (isAllowedHost(req.headers.host, host)) return { ok: true };
      return { ok: false, status: 403, message: 'Open Alignboard by its address or as localhost.' };
    },

    authenticate(req, { allowQueryToken }): { ok: true; role: AccessRole } | Refusal {
      // Before the token: such a request never counts as a failure, so a page cannot lock a screen out.
      if (isForeignLoad(req)) {
        return { ok: false, status: 403, message: 'The API answers only Alignboard’s own pages.' };
      }
      const presented = presentedToken(req, allowQueryToken);
      if (presented === undefined || presented === '') {
        return {
          ok: false,
          status: 401,
          message: 'Open Alignboard with the link (or QR code) that includes its access token.',
          headers: { 'WWW-Authenticate': 'Bearer realm="alignboard"' },
        };
      }
      // A valid token always passes, however many wrong ones came from the same address.
      const role = roleOfToken(tokens, presented);
      if (role) return { ok: true, role };
      const key = clientKey(req.socket.remoteAddress);
      const window = currentWindow(key);
      if (window !== undefined && window.count >= limit.maxFailures) {
        // Not counted further: the window ends as planned, however fast the wrong tokens keep coming.
        const retryAfter = Math.max(1, Math.ceil((window.startedAt + limit.windowMs - now()) / 1000));
        return {
          ok: false,
          status: 429,
          message: `Too many wrong access tokens; try again in ${retryAfter} s.`,
          headers: { 'Retry-After': String(retryAfter) },
        };
      }
      countFailure(key);
      return {
        ok: false,
        status: 401,
        message: 'This access token is not valid (any more); pair this screen again.',
        headers: { 'WWW-Authenticate': 'Bearer realm="alignboard", error="invalid_token"' },
      };
    },

    permit(req, role, access) {
      if (!mayCall(access, role)) {
        return {
          ok: false,
          status: 403,
          message:
            role === 'viewer'
              ? 'This screen is paired as a viewer; this needs the admin link.'
              : 'This needs Alignboard’s admin.',
        };
      }
      if (access.writes && !isSameOrigin(req)) {
        return { ok: false, status: 403, message: 'Changes are only accepted from Alignboard’s own pages.' };
      }
      return { ok: true };
    },

    get trackedAddresses() {
      return failures.size;
    },
  };
}
