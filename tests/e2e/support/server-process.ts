import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * The built app (`out/`). ALIGNBOARD_E2E_OUT may name a copy of it (inside the project, so that
 * node_modules resolves), for a run that must not see a rebuild that happens meanwhile.
 */
const OUT_DIR = resolve(process.env.ALIGNBOARD_E2E_OUT ?? resolve(__dirname, '../../../out'));
const SERVE_ENTRY = join(OUT_DIR, 'main/serve.js');

/** A running `serve` process on an ephemeral port, over its own temporary data dir. */
export interface ServedApp {
  /** the server's origin, e.g. `http://127.0.0.1:41234` (no token: pages need {@link ServedApp.viewerUrl}) */
  url: string;
  /** the tokens serve printed in its links */
  viewerToken: string;
  adminToken: string;
  /** `path` (e.g. `/?slide=kpi`) on this server with the viewer token, as a wall opens it */
  viewerUrl(path?: string): string;
  /** `path` (e.g. `/admin?section=deals`) on this server with the admin token */
  adminUrl(path?: string): string;
  dataDir: string;
  dbFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the built server exactly as `npm run serve` does (the e2e suite runs after `npm run build`).
 * `prepare` may seed the data dir before the server opens it. `setup` starts it with `--setup`: an empty
 * database then waits for the first-run setup instead of being filled with demo data.
 */
export async function startServedApp(
  options: { args?: string[]; dataDir?: string; setup?: boolean } = {},
): Promise<ServedApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'alignboard-e2e-'));
  const args = [...(options.setup ? ['--setup'] : []), ...(options.args ?? [])];
  const child = spawn(process.execPath, [SERVE_ENTRY, '--port', '0', '--data', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  const { url, viewerToken, adminToken } = await waitForUrl(child);
  SERVED_TOKENS.set(url, { viewer: viewerToken, admin: adminToken });
  return {
    url,
    viewerToken,
    adminToken,
    viewerUrl: (path = '/') => withToken(`${url}${path}`, viewerToken),
    adminUrl: (path = '/admin') => withToken(`${url}${path}`, adminToken),
    dataDir,
    dbFile: join(dataDir, 'alignboard.db'),
    stop: async () => {
      SERVED_TOKENS.delete(url);
      await stopChild(child);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The tokens of every server started here, by origin, so that helpers given only the origin find them. */
const SERVED_TOKENS = new Map<string, { viewer: string; admin: string }>();

/** The viewer and admin tokens of a server started by {@link startServedApp}. */
export function servedTokens(url: string): { viewer: string; admin: string } {
  const tokens = SERVED_TOKENS.get(new URL(url).origin);
  if (!tokens) throw new Error(`no server was started at ${url}`);
  return tokens;
}

/** `url` with `token=` added to its query (kept before any #hash). */
export function withToken(url: string, token: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('token', token);
  return parsed.toString();
}

/** Reads the two links serve prints: the viewer's (`/?token=`) and the admin's (`/admin?token=`). */
function waitForUrl(child: ChildProcess): Promise<{ url: string; viewerToken: string; adminToken: string }> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const viewer = /showing at (http:\/\/127\.0\.0\.1:\d+)\/\?token=([\w-]+)\s/.exec(output);
      const admin = /Admin[^\n]*: (http:\/\/127\.0\.0\.1:\d+)\/admin\?token=([\w-]+)\s/.exec(output);
      if (viewer && admin) {
        clearTimeout(timer);
        resolvePromise({ url: viewer[1]!, viewerToken: viewer[2]!, adminToken: admin[2]! });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before it was ready:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolvePromise();
    });
    child.kill('SIGTERM');
  });
}
