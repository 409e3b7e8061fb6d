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
  url: string;
  dataDir: string;
  dbFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the built server exactly as `npm run serve` does (the e2e suite runs after `npm run build`).
 * `prepare` may seed the data dir before the server opens it.
 */
export async function startServedApp(options: { args?: string[]; dataDir?: string } = {}): Promise<ServedApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'alignboard-e2e-'));
  const child = spawn(process.execPath, [SERVE_ENTRY, '--port', '0', '--data', dataDir, ...(options.args ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env },
  });
  const url = await waitForUrl(child);
  return {
    url,
    dataDir,
    dbFile: join(dataDir, 'alignboard.db'),
    stop: async () => {
      await stopChild(child);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise(match[1]!);
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
