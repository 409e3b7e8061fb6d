#!/usr/bin/env node
// Makes sure better-sqlite3's compiled binary loads in the runtime that is about to run: `node` (serve,
// tests) or `electron` (npm start, dist). The two need different builds (different ABIs), so switching
// runtimes would cost a rebuild each way; instead every binary that has loaded once is kept in a cache
// keyed by runtime and ABI, and switching back only swaps the file in. A rebuild happens only when no
// cached binary fits.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const moduleDir = join(root, 'node_modules', 'better-sqlite3');
const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const cacheRoot = join(root, 'node_modules', '.cache', 'alignboard-native');

// Reports the runtime's ABI and whether the module loads in it. exitCode rather than a throw, so the
// report is written out in full before the process ends.
const PROBE = `
const report = { abi: process.versions.modules };
try {
  new (require('better-sqlite3'))(':memory:').close();
} catch (error) {
  report.error = String(error && error.message);
  process.exitCode = 1;
}
console.log(JSON.stringify(report));
`;

const runtime = process.argv[2];
if (runtime !== 'node' && runtime !== 'electron') {
  console.error('usage: node scripts/native-module.mjs <node|electron>');
  process.exit(2);
}

const target = runtime === 'node' ? nodeTarget() : electronTarget();
if (!target) {
  console.error(
    [
      'npm start needs the Electron binary, and it is not installed here',
      '(this happens after `ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci`, or when GitHub cannot be reached).',
      'Install it with `npm ci` on a machine with internet access, or show the display in a browser',
      'instead: `npm run serve`.',
    ].join('\n'),
  );
  process.exit(1);
}

const first = probeOrExit(target);
if (first.ok) {
  remember(target, first.abi);
  process.exit(0);
}

if (restore(target, first.abi)) {
  if (probeOrExit(target).ok) {
    console.log(`better-sqlite3: switched to the cached ${runtime} build (ABI ${first.abi}).`);
    process.exit(0);
  }
}

// The binary in place probably works in the other runtime: keep it, so switching back is a file copy.
const other = runtime === 'node' ? electronTarget() : nodeTarget();
const otherReport = other && probe(other);
if (otherReport?.ok) remember(other, otherReport.abi);

console.log(`better-sqlite3 is not built for ${runtime}; rebuilding it (this takes a minute)...`);
console.log(`(${first.error})`);
const built = runtime === 'node' ? rebuildForNode() : rebuildForElectron();
const after = built ? probeOrExit(target) : { ok: false, abi: first.abi, error: '' };
if (!after.ok) {
  console.error(`\nbetter-sqlite3 could not be built for ${runtime}.`);
  if (after.error) console.error(after.error);
  if (runtime === 'electron') {
    console.error('The build downloads a prebuilt binary from GitHub or Electron headers from electronjs.org;');
    console.error('without network access, show the display in a browser instead: `npm run serve`.');
  }
  process.exit(1);
}
remember(target, after.abi);
console.log(`better-sqlite3 is now built for ${runtime} (ABI ${after.abi}).`);

function nodeTarget() {
  return { name: 'node', command: process.execPath, env: process.env };
}

/** The Electron binary run as plain Node, or undefined where it was not downloaded. */
function electronTarget() {
  let command;
  try {
    command = require('electron');
  } catch {
    return undefined;
  }
  if (typeof command !== 'string' || !existsSync(command)) return undefined;
  return { name: 'electron', command, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } };
}

/** Runs the probe; undefined when the runtime itself did not start. */
function probe(target) {
  const result = spawnSync(target.command, ['-e', PROBE], { cwd: root, env: target.env, encoding: 'utf8' });
  const line = (result.stdout ?? '').trim().split('\n').pop() ?? '';
  let report;
  try {
    report = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!report?.abi) return undefined;
  return { ok: result.status === 0 && !report.error, abi: String(report.abi), error: report.error ?? '' };
}

function probeOrExit(target) {
  const report = probe(target);
  if (report) return report;
  // No rebuild can help a runtime that does not start.
  console.error(`could not run ${target.name} (${target.command}) to check better-sqlite3.`);
  process.exit(1);
}

function cachedBinary(target, abi) {
  const { version } = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8'));
  const key = `better-sqlite3-${version}-${target.name}-abi${abi}-${process.platform}-${process.arch}`;
  return join(cacheRoot, key, 'better_sqlite3.node');
}

// Copies to a temporary name and renames: a running process keeps its loaded file intact, and no one
// ever sees a half-written binary.
function place(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  const temporary = `${to}.${process.pid}.tmp`;
  copyFileSync(from, temporary);
  renameSync(temporary, to);
}

function remember(target, abi) {
  const cached = cachedBinary(target, abi);
  if (!existsSync(cached) && existsSync(binary)) place(binary, cached);
}

function restore(target, abi) {
  const cached = cachedBinary(target, abi);
  if (!existsSync(cached)) return false;
  try {
    place(cached, binary);
    return true;
  } catch (error) {
    console.warn(`could not swap in the cached build: ${error.message}`);
    return false;
  }
}

function run(command, args, env) {
  // Windows runs .cmd files only through a shell.
  const shell = command.endsWith('.cmd');
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit', shell });
  if (result.error) console.error(result.error.message);
  return result.status === 0;
}

function rebuildForNode() {
  // Run npm through the same Node when npm started us; otherwise find it on the PATH.
  const npmCli = process.env.npm_execpath;
  if (npmCli && npmCli.endsWith('.js')) {
    return run(process.execPath, [npmCli, 'rebuild', 'better-sqlite3'], process.env);
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  return run(npm, ['rebuild', 'better-sqlite3'], process.env);
}

function rebuildForElectron() {
  // npm passes its config to scripts as npm_config_* variables, and node-gyp obeys them. This machine's
  // nodedir=/usr would make node-gyp compile against Node's headers while labelling the build Electron's.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !/^npm_config_nodedir$/i.test(key) && !/^npm_package_config_node_gyp_nodedir$/i.test(key),
    ),
  );
  const cli = join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  const args = ['--force', '--only', 'better-sqlite3', '--which-module', 'better-sqlite3', '--module-dir', root];
  return run(process.execPath, [cli, ...args], env);
}
