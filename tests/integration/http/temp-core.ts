import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../../electron/core/create-core';
import { fixedClock } from '../../../electron/core/services/support/clock';

/** A core on an empty database in a temporary folder, with a one-page renderer folder for a server. */
export interface TempCore {
  core: Core;
  /** the renderer folder to hand to createHttpServer */
  staticDir: string;
  /** closes the core and removes the folder */
  remove(): void;
}

/** Starts a {@link TempCore} at a fixed time (17 November 2026), without demo data or daily backups. */
export function startTempCore(prefix: string): TempCore {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const staticDir = join(root, 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Alignboard</title>');
  const core = createCore({
    dbFile: join(root, 'alignboard.db'),
    clock: fixedClock(Date.UTC(2026, 10, 17, 9, 0)),
    version: '1.0.0',
    demo: 'never',
    backups: false,
  });
  return {
    core,
    staticDir,
    remove() {
      core.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
