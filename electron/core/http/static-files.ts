/**
 * The built renderer as static files. Every path that is not a file and has no extension gets
 * index.html, so that the display's own routes (`/admin`) survive a reload.
 */
import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendText } from './responses';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
};

/** Vite names files under /assets by their content hash, so a browser may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html above all) is checked on every load, so a new build shows at once. */
const REVALIDATE = 'no-cache';
/** A page with data in it is never kept: the next load must bring the data of its own moment. */
const NO_STORE = 'no-store';

/** Serves one request from the static dir. */
export type StaticHandler = (req: IncomingMessage, res: ServerResponse, rawPath: string) => Promise<void>;

/** Options of {@link createStaticFiles}. */
export interface StaticFilesOptions {
  /**
   * Rewrites index.html for one request (the wall's first paint data, electron/core/http/first-paint.ts);
   * null sends the file as built.
   */
  indexPage?: (req: IncomingMessage, html: string) => Promise<string | null>;
}

/**
 * Creates the handler for files under `staticDir`. `rawPath` is the request path still URL-encoded and
 * without the query; it is decoded here once and refused if any segment is `..`, and the resolved
 * file must lie inside the dir (after symlinks too).
 */
export function createStaticFiles(staticDir: string, options: StaticFilesOptions = {}): StaticHandler {
  const root = resolve(staticDir);
  let realRoot: Promise<string> | undefined;

  return async (req, res, rawPath) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    const path = decodePath(rawPath);
    if (path === undefined) {
      sendText(res, 400, 'Bad request\n');
      return;
    }
    const file = resolve(root, `.${path}`);
    if (file !== root && !file.startsWith(root + sep)) {
      sendText(res, 400, 'Bad request\n');
      return;
    }

    realRoot ??= realpath(root).catch(() => root);
    const found = await findFile(file, await realRoot);
    if (found && path === '/index.html' && (await sendIndexPage(req, res, found, options))) return;
    if (found) {
      await sendFile(req, res, found, path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
      return;
    }
    if (extname(path) !== '' || path.startsWith('/assets/')) {
      sendText(res, 404, 'Not found\n');
      return;
    }
    if (path.endsWith('/')) {
      // The built page loads './assets/…', which under '/admin/' would resolve to '/admin/assets/…'.
      // Leading slashes are collapsed too, so that '//evil.example/' cannot become an off-site redirect.
      const query = req.url?.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
      res.writeHead(308, { Location: `/${encodeURI(path.replace(/^\/+|\/+$/g, ''))}${query}` });
      res.end();
      return;
    }
    const index = await findFile(resolve(root, 'index.html'), await realRoot);
    if (!index) {
      sendText(res, 404, 'The display is not built yet: run `npm run build`.\n');
      return;
    }
    if (await sendIndexPage(req, res, index, options)) return;
    await sendFile(req, res, index, REVALIDATE);
  };
}

/** Decodes a request path; undefined for malformed encodings, NUL bytes, backslashes and `..` segments. */
function decodePath(rawPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (!path.startsWith('/') || path.includes('\0') || path.includes('\\')) return undefined;
  if (path.split('/').some((segment) => segment === '..')) return undefined;
  return path === '/' ? '/index.html' : path;
}

/** The file's real path if it is a regular file inside the root, else undefined. */
async function findFile(file: string, realRoot: string): Promise<string | undefined> {
  try {
    const real = await realpath(file);
    if (!real.startsWith(realRoot + sep)) return undefined;
    const info = await stat(real);
    return info.isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

/** Sends the page as {@link StaticFilesOptions.indexPage} rewrote it; false when it left the page alone. */
async function sendIndexPage(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  options: StaticFilesOptions,
): Promise<boolean> {
  if (!options.indexPage || req.method !== 'GET') return false;
  const page = await options.indexPage(req, await readFile(file, 'utf8'));
  if (page === null) return false;
  const body = Buffer.from(page, 'utf8');
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES['.html']!,
    'Content-Length': body.length,
    'Cache-Control': NO_STORE,
  });
  res.end(body);
  return true;
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cacheControl: string): Promise<void> {
  const info = await stat(file);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': cacheControl,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file), res);
  } catch {
    // The browser went away mid-file; nothing to answer any more.
    res.destroy();
  }
}
