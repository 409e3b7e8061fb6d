/**
 * The UI is served over `app://alignboard/…` rather than `file://`: a file page may read any other file
 * URL and has an opaque origin, while our own scheme confines the page to the renderer directory and gives
 * it a real origin (`app://alignboard`) that navigation and IPC checks can compare against.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'alignboard';
/** Every page of ours starts with this; the trailing slash keeps `app://alignboard.evil/` out. */
export const APP_URL_PREFIX = `${APP_SCHEME}://${APP_HOST}/`;
/** The page the window loads. The admin is `#/admin` on it (src/router.ts). */
export const APP_INDEX_URL = `${APP_URL_PREFIX}index.html`;

/**
 * The headers of every response of ours. The policy is the meta tag of src/index.html plus what only a
 * header can say (frame-ancestors): scripts only from our origin (no inline script, no eval); inline
 * styles are allowed because Vue binds `style` attributes.
 */
const SECURITY_HEADERS: Record<string, string> = { 'X-Content-Type-Options': 'nosniff' };
// Assigned as a literal so that electronegativity's CSP check finds and evaluates it.
SECURITY_HEADERS['Content-Security-Policy'] =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The Content-Security-Policy header of our pages. */
export const CONTENT_SECURITY_POLICY: string = SECURITY_HEADERS['Content-Security-Policy'];

/** The privileges of our scheme; registered before `ready` (Electron allows it only then). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  // No `bypassCSP`, no `corsEnabled` for others, no `stream`: the scheme serves static files only.
} as const;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

/** The content type of a served file, by its extension; unknown types are plain bytes. */
export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file an `app://alignboard/…` URL names inside `rootDir`, or null when it names nothing we serve:
 * another scheme or host, a path that leaves the root (also spelled `%2e%2e`, `%2f` or `\`), a NUL byte,
 * or a malformed escape. `/` is the index page. Query and fragment are ignored.
 */
export function resolveAppPath(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // After decoding, a separator or dot segment that was escaped becomes real: refuse rather than guess.
  if (path.includes('\0') || path.includes('\\')) return null;
  const segments = path.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) return null;
  if (segments.length === 0) segments.push('index.html');
  const root = resolve(rootDir);
  const file = resolve(root, ...segments);
  return file.startsWith(root + sep) ? file : null;
}

/** What the protocol handler needs besides the URL: where the files are, and how to read one. */
export interface AppProtocolSource {
  rootDir: string;
  read?: (file: string) => Promise<Uint8Array<ArrayBuffer>>;
}

/**
 * Answers one request on our scheme: the file with its type and the CSP header, 404 for a refused or
 * missing path, 405 for anything but GET/HEAD. Pure apart from reading the file, so it is unit-tested.
 */
export async function appProtocolResponse(
  request: Pick<Request, 'url' | 'method'>,
  source: AppProtocolSource,
): Promise<Response> {
  const headers = new Headers(SECURITY_HEADERS);
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers });
  const file = resolveAppPath(request.url, source.rootDir);
  if (file === null) return new Response(null, { status: 404, headers });
  try {
    const body = await (source.read ?? readFile)(file);
    headers.set('Content-Type', contentTypeOf(file));
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
  } catch {
    return new Response(null, { status: 404, headers });
  }
}
