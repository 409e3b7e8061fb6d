import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-expect-error -- a plain .mjs script without type declarations
import { DistError, electronBuilderArgs } from '../../../scripts/dist.mjs';

type Kind = 'file' | 'directory' | undefined;
const build = (env: Record<string, string | undefined>, args: string[] = [], existing: Record<string, Kind> = {}) =>
  electronBuilderArgs({ args, env, cwd: '/home/me/alignboard', kindOf: (path: string) => existing[path] }) as string[];

describe('npm run dist arguments', () => {
  it('passes the caller’s arguments through unchanged when no local Electron is given', () => {
    expect(build({}, ['--linux', 'deb', '--x64'])).toEqual(['--linux', 'deb', '--x64']);
    expect(build({ ALIGNBOARD_ELECTRON_DIST: '  ' }, ['--dir'])).toEqual(['--dir']);
  });

  it('hands a local Electron folder or zip to electron-builder as an absolute electronDist', () => {
    expect(build({ ALIGNBOARD_ELECTRON_DIST: '/opt/electron' }, ['--dir'], { '/opt/electron': 'directory' })).toEqual([
      '--config.electronDist=/opt/electron',
      '--dir',
    ]);
    const zip = '/home/me/alignboard/cache/electron-v40.10.2-linux-x64.zip';
    expect(build({ ALIGNBOARD_ELECTRON_DIST: 'cache/electron-v40.10.2-linux-x64.zip' }, [], { [zip]: 'file' })).toEqual(
      [`--config.electronDist=${zip}`],
    );
  });

  it('stops with a message naming the variable and the path when the path does not exist', () => {
    expect(() => build({ ALIGNBOARD_ELECTRON_DIST: 'missing' })).toThrow(DistError);
    expect(() => build({ ALIGNBOARD_ELECTRON_DIST: 'missing' })).toThrow(
      /ALIGNBOARD_ELECTRON_DIST.*\/home\/me\/alignboard\/missing does not exist/,
    );
  });

  it('refuses a file that is not a zip, and a second electronDist on the command line', () => {
    expect(() => build({ ALIGNBOARD_ELECTRON_DIST: '/tmp/electron' }, [], { '/tmp/electron': 'file' })).toThrow(
      /\.zip/,
    );
    expect(() =>
      build({ ALIGNBOARD_ELECTRON_DIST: '/opt/electron' }, ['-c.electronDist=/x'], { '/opt/electron': 'directory' }),
    ).toThrow(/both/);
  });

  it('is what npm run dist runs, after the native module and the app build', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.dist).toBe(
      'node scripts/native-module.mjs electron && electron-vite build && node scripts/dist.mjs',
    );
    expect(pkg.scripts.icons).toBe('node scripts/make-icons.mjs');
  });
});
