/**
 * The HTTP face of the core for browsers: `/api/<method>` and `/api/events` over the same dispatch and bus
 * the Electron windows use, and the built renderer for everything else. node:http only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../create-core';
import { handleApiCall } from './api-route';
import { applySecurityHeaders, sendError, sendText } from './responses';
import { createSseHub, type SseOptions } from './sse';
import { createStaticFiles } from './static-files';

/** Options for {@link createHttpServer}. */
export interface HttpServerOptions {
  /** the built renderer (`out/renderer`) */
  staticDir: string;
  /** the address to listen on; loopback by default, since there is no authentication yet */
  host?: string;
  /** 0 picks a free port; the real one is in the returned `url` */
  port?: number;
  sse?: SseOptions;
}

/** A listening server. */
export interface HttpServerHandle {
  server: Server;
  /** e.g. `http://127.0.0.1:4173` (no trailing slash) */
  url: string;
  /** Ends the event streams and open connections, then stops listening; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts the server and resolves once it listens; rejects with the listen error (e.g. EADDRINUSE) if it
 * cannot.
 */
export async function createHttpServer(core: Core, options: HttpServerOptions): Promise<HttpServerHandle> {
  const host = options.host ?? '127.0.0.1';
  const hub = createSseHub(core, options.sse);
  const serveStatic = createStaticFiles(options.staticDir);

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    applySecurityHeaders(res);
    const rawUrl = req.url ?? '';
    // Only origin-form targets ('/path?query'); proxy-style absolute URLs are not for us.
    if (!rawUrl.startsWith('/')) {
      sendText(res, 400, 'Bad request\n');
      return;
    }
    const rawPath = rawUrl.split('?', 1)[0]!;
    if (rawPath === '/api/events') {
      hub.handle(req, res);
    } else if (rawPath === '/api' || rawPath.startsWith('/api/')) {
      await handleApiCall(core, req, res, rawPath.slice('/api/'.length));
    } else {
      await serveStatic(req, res, rawPath);
    }
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(`${req.method} ${req.url} failed:`, error);
      if (!res.headersSent) sendError(res, 500, { code: 'internal', message: 'Something went wrong on the server.' });
      else res.destroy();
    });
  });

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
  if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
