import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseServeArgs, SERVE_USAGE, ServeOptionError } from '../../../electron/core/serve-options';

const linux = { platform: 'linux' as const, env: {}, homedir: '/home/ana', cwd: '/work/board' };

describe('parseServeArgs', () => {
  it('defaults to 127.0.0.1:4173, the per-user data dir, and demo data', () => {
    expect(parseServeArgs([], linux)).toEqual({
      port: 4173,
      host: '127.0.0.1',
      dataDir: '/home/ana/.local/share/alignboard',
      demo: 'if-empty',
      config: undefined,
      help: false,
    });
  });

  it('reads --port, --host, --data (relative to the current dir) and --no-demo', () => {
    expect(parseServeArgs(['--port', '0', '--host', '0.0.0.0', '--data', 'tmp/data', '--no-demo'], linux)).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/work/board/tmp/data',
      demo: 'never',
      config: undefined,
      help: false,
    });
    expect(parseServeArgs(['--port=8080', '--data=/srv/alignboard'], linux)).toMatchObject({
      port: 8080,
      dataDir: '/srv/alignboard',
    });
  });

  it('reads --setup (an empty database waits for the first-run setup) and --config (relative to the current dir)', () => {
    expect(parseServeArgs(['--setup'], linux)).toMatchObject({ demo: 'setup', config: undefined });
    // --setup means no demo data as well, so together with --no-demo it still asks for setup.
    expect(parseServeArgs(['--no-demo', '--setup'], linux)).toMatchObject({ demo: 'setup' });
    expect(parseServeArgs(['--config', 'alignboard.config.json'], linux)).toMatchObject({
      demo: 'if-empty',
      config: '/work/board/alignboard.config.json',
    });
    expect(parseServeArgs(['--config=/etc/alignboard.json', '--setup'], linux)).toMatchObject({
      demo: 'setup',
      config: '/etc/alignboard.json',
    });
  });

  it('documents every option in the help text', () => {
    for (const option of ['--port', '--host', '--data', '--no-demo', '--setup', '--config <file>', '--help']) {
      expect(SERVE_USAGE).toContain(option);
    }
    expect(SERVE_USAGE).toContain('ALIGNBOARD_CONFIG');
  });

  it.each([
    [['--config', ''], '--config must not be empty'],
    [['--config'], /--config/],
    [['--setup=yes'], /setup/],
    [['--port', 'abc'], '--port must be a whole number from 0 to 65535, not "abc"'],
    [['--port', '70000'], '--port must be a whole number from 0 to 65535, not "70000"'],
    [['--port', '-1'], /--port/],
    [['--port', '80.5'], '--port must be a whole number from 0 to 65535, not "80.5"'],
    [['--host', ''], '--host must not be empty'],
    [['--data', ' '], '--data must not be empty'],
    [['--colour', 'red'], /colour/],
    [['extra'], /extra/],
  ])('refuses %j with a readable message', (args, message) => {
    expect(() => parseServeArgs(args, linux)).toThrow(ServeOptionError);
    expect(() => parseServeArgs(args, linux)).toThrow(message);
  });
});

describe('defaultDataDir', () => {
  it('follows XDG on Linux, ignoring a relative XDG_DATA_HOME', () => {
    expect(defaultDataDir({ ...linux, env: { XDG_DATA_HOME: '/data/ana' } })).toBe('/data/ana/alignboard');
    expect(defaultDataDir({ ...linux, env: { XDG_DATA_HOME: 'relative' } })).toBe('/home/ana/.local/share/alignboard');
  });

  it('uses Application Support on macOS and LOCALAPPDATA on Windows', () => {
    expect(defaultDataDir({ platform: 'darwin', env: {}, homedir: '/Users/ana' })).toBe(
      '/Users/ana/Library/Application Support/Alignboard',
    );
    expect(
      defaultDataDir({
        platform: 'win32',
        env: { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local' },
        homedir: 'C:\\Users\\ana',
      }),
    ).toBe('C:\\Users\\ana\\AppData\\Local\\Alignboard');
    expect(defaultDataDir({ platform: 'win32', env: {}, homedir: 'C:\\Users\\ana' })).toBe(
      'C:\\Users\\ana\\AppData\\Local\\Alignboard',
    );
  });
});
