/**
 * The one place that decides whether a request may call a method. Authentication arrives in a later
 * issue; it will replace the body of {@link authorize} (a viewer token for reads, an admin token for
 * writes) without any route changing.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { MethodKind } from '@shared/contract';

/** The outcome of {@link authorize}: allowed, or the status and words to refuse with. */
export type Authorization = { ok: true } | { ok: false; status: 401 | 403; message: string };

/** Whether an address belongs to this machine (IPv4, IPv6, and IPv4 mapped into IPv6). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** The host name of a Host header without its port: 'example:80' → 'example', '[::1]:80' → '::1'. */
function hostName(header: string): string {
  if (header.startsWith('[')) return header.slice(1, header.indexOf(']'));
  const colon = header.lastIndexOf(':');
  return (colon === -1 ? header : header.slice(0, colon)).toLowerCase();
}

/**
 * Whether the Host header is one a browser uses for this server: an IP address or localhost. A web page
 * that re-points its own name at 127.0.0.1 (DNS rebinding) sends its own name, and is refused here.
 */
export function isAllowedHost(header: string | undefined): boolean {
  // Browsers always send Host; a client without one is no web page.
  if (header === undefined) return true;
  const name = hostName(header.trim());
  return isIP(name) !== 0 || name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Decides whether a request may use a method of the given kind. Until tokens exist: everything from
 * this machine; reads from anywhere (a wall display only reads); writes only from this machine, so that
 * serving on a LAN address never lets a passer-by change the data. Any request addressed by a foreign
 * host name is refused (DNS rebinding).
 */
export function authorize(req: IncomingMessage, kind: MethodKind): Authorization {
  if (!isAllowedHost(req.headers.host)) {
    return { ok: false, status: 403, message: 'Open Alignboard by its IP address or as localhost.' };
  }
  if (isLoopbackAddress(req.socket.remoteAddress)) return { ok: true };
  if (kind === 'read') return { ok: true };
  return { ok: false, status: 403, message: 'Changes can only be made on the machine that runs Alignboard.' };
}
