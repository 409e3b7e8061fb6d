#!/usr/bin/env node
// Runs the test suite with every process's clock moved to hours that have broken tests before: the demo
// stand-up, a weekend night, the first minutes of a month, a meeting with its own slide set, the early
// morning of a Monday and the night the clocks go forward. libfaketime (Debian: `apt-get install faketime`)
// shifts the wall clock and the monotonic clock by the same offset, so that Chromium stays fast and every
// process (vitest, the served app, Chromium) agrees on the time. Not part of CI: it takes about
// 4 minutes per moment. `npm run test:hours` builds first; extra arguments go to vitest (e.g. a test file).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const LIBRARY = '/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1';

/** Instants in UTC, each named by what it means in the room's zone (Europe/Berlin). */
const MOMENTS = [
  ['Friday 09:31, during the demo stand-up', '2026-12-04T08:31:00Z'],
  ['Saturday 23:55, night and weekend, over midnight', '2026-12-05T22:55:00Z'],
  ['Tuesday 1 December 00:08, the first minutes of a month', '2026-11-30T23:08:00Z'],
  ['Tuesday 14:08, the lead review and its funnel-only slide set', '2026-12-01T13:08:00Z'],
  ['Monday 06:57, before the working day', '2026-12-07T05:57:00Z'],
  ['Sunday 28 March 2027 01:57, the clocks go forward', '2027-03-28T00:57:00Z'],
];

if (!existsSync(LIBRARY)) {
  console.error(`libfaketime is missing (${LIBRARY}): install the Debian package "faketime".`);
  process.exit(1);
}
const failed = [];
for (const [name, instant] of MOMENTS) {
  const offsetSeconds = Math.round((Date.parse(instant) - Date.now()) / 1000);
  console.log(`\n=== ${name} (${instant}, clock moved by ${offsetSeconds} s)`);
  const result = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        LD_PRELOAD: LIBRARY,
        FAKETIME: offsetSeconds >= 0 ? `+${offsetSeconds}` : `${offsetSeconds}`,
      },
    },
  );
  if (result.status !== 0) failed.push(name);
}
console.log(failed.length === 0 ? '\nPassed at every moment.' : `\nFailed at: ${failed.join('; ')}`);
process.exit(failed.length === 0 ? 0 : 1);
