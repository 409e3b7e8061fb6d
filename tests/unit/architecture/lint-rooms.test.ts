/**
 * The lint rule that keeps the rooms' doors (lint/rooms.js) fires where it must and stays quiet where the
 * door is open: each case lints a small snippet under a made-up file name with the project's own config.
 */
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

/** The `rooms/doors` messages for `code` as if it were the file `file`. */
async function doorMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, file) });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'rooms/doors').map((m) => m.message);
}

describe('the rooms/doors lint rule', () => {
  // The first lint loads the config, its plugins and the parsers: slow on a busy machine, and not the point.
  beforeAll(() => doorMessages('src/shared/door-probe.ts', ''), 120_000);

  it.each([
    ['electron/core imports electron', 'electron/core/services/door-probe.ts', "import { app } from 'electron';"],
    [
      'electron/core imports renderer code',
      'electron/core/services/reads/door-probe.ts',
      "import { useKpiStore } from '../../../../src/stores/kpi';",
    ],
    [
      'the renderer imports electron/',
      'src/stores/door-probe.ts',
      "import { handlers } from '../../electron/core/api/handlers';",
    ],
    [
      'a service imports the HTTP server',
      'electron/core/services/writes/door-probe.ts',
      "import { createHttpServer } from '../../http/server';",
    ],
    ['the renderer imports electron', 'src/lib/door-probe.ts', "import { ipcRenderer } from 'electron';"],
    ['src/shared imports the renderer', 'src/shared/door-probe.ts', "import { wording } from '../lib/wording';"],
    [
      'src/shared imports the core',
      'src/shared/methods/door-probe.ts',
      "export { handlers } from '../../../electron/core/api/handlers';",
    ],
    [
      'a .vue file imports electron/',
      'src/views/DoorProbe.vue',
      '<script setup lang="ts">\nimport \'../../electron/core/context\';\n</script>\n',
    ],
  ])('fails when %s', async (_case, file, code) => {
    expect(await doorMessages(file, code)).toHaveLength(1);
  });

  it.each([
    [
      'electron/core imports src/shared',
      'electron/core/services/door-probe.ts',
      "import { apiMethods } from '@shared/contract';",
    ],
    ['the renderer imports src/shared', 'src/stores/door-probe.ts', "import { apiMethods } from '@shared/contract';"],
    [
      'src/shared imports within itself',
      'src/shared/methods/door-probe.ts',
      "import { id } from './define';\nimport { z } from 'zod';",
    ],
    [
      'http/ imports a service',
      'electron/core/http/door-probe.ts',
      "import { runCommand } from '../services/support/activity-recorder';",
    ],
    ['the shell imports electron', 'electron/main/door-probe.ts', "import { app } from 'electron';"],
  ])('lets %s through', async (_case, file, code) => {
    expect(await doorMessages(file, code)).toEqual([]);
  });
});
