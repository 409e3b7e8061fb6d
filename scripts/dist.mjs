#!/usr/bin/env node
// `npm run dist` (after the native module and app build): runs electron-builder for this OS. electron-builder
// downloads Electron's zip from GitHub; where that is blocked, point ALIGNBOARD_ELECTRON_DIST at a local copy
// and it is passed on as electron-builder's `electronDist`. It may be
//   - the zip itself (electron-v<version>-<platform>-<arch>.zip),
//   - a folder holding that zip, or
//   - a folder with an unpacked Electron.
// A relative path counts from where npm was started. Further arguments go to electron-builder as they are:
//   ALIGNBOARD_ELECTRON_DIST=~/Downloads/electron-v40.10.2-linux-x64.zip npm run dist -- --linux deb
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ELECTRON_DIST_ENV = 'ALIGNBOARD_ELECTRON_DIST';

/** A problem with the user's input, reported as a message rather than a stack trace. */
export class DistError extends Error {}

/**
 * The electron-builder arguments for this run: `--config.electronDist=<absolute path>` when
 * ALIGNBOARD_ELECTRON_DIST is set, then the caller's own arguments unchanged.
 * @param {object} input
 * @param {string[]} input.args        arguments given to `npm run dist -- ...`
 * @param {Record<string, string | undefined>} input.env
 * @param {string} input.cwd           where relative paths count from
 * @param {(path: string) => 'file' | 'directory' | undefined} input.kindOf  what is at a path, if anything
 * @returns {string[]}
 */
export function electronBuilderArgs({ args, env, cwd, kindOf }) {
  const given = env[ELECTRON_DIST_ENV]?.trim();
  if (!given) return [...args];
  if (args.some((arg) => /^(?:--config|-c)\.electronDist(?:=|$)/.test(arg))) {
    throw new DistError(`${ELECTRON_DIST_ENV} and a --config.electronDist argument were both given; use one.`);
  }
  const path = resolve(cwd, given);
  const kind = kindOf(path);
  if (kind === undefined) {
    throw new DistError(
      `${ELECTRON_DIST_ENV} is ${given}, but ${path} does not exist. Give the Electron zip ` +
        '(electron-v<version>-<platform>-<arch>.zip), a folder holding it, or a folder with an unpacked Electron.',
    );
  }
  if (kind === 'file' && !path.toLowerCase().endsWith('.zip')) {
    throw new DistError(`${ELECTRON_DIST_ENV} is ${given}: a file there must be Electron's .zip.`);
  }
  return [`--config.electronDist=${path}`, ...args];
}

function kindOf(path) {
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return 'directory';
    return stat.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  let builderArgs;
  try {
    // npm runs scripts from the project root; INIT_CWD is where the user typed the command.
    builderArgs = electronBuilderArgs({
      args: process.argv.slice(2),
      env: process.env,
      cwd: process.env.INIT_CWD ?? process.cwd(),
      kindOf,
    });
  } catch (error) {
    if (!(error instanceof DistError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
  const cli = createRequire(join(root, 'package.json')).resolve('electron-builder/cli.js');
  const result = spawnSync(process.execPath, [cli, ...builderArgs], { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  process.exit(result.status ?? 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
