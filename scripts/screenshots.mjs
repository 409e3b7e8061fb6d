#!/usr/bin/env node
// Retakes the README's pictures: the e2e suites that look at every screen, saving into docs/screenshots/
// instead of out/screenshots/. The environment variable is set here so that the npm script works the same
// on every system.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const suites = ['tests/e2e/legibility.test.ts', 'tests/e2e/first-run.test.ts', 'tests/e2e/crm-sync.test.ts'];
const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'e2e', ...suites],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ALIGNBOARD_SCREENSHOT_DIR: join(root, 'docs/screenshots') },
  },
);
process.exit(result.status ?? 1);
