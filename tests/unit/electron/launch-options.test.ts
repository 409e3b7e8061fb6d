import { describe, expect, it } from 'vitest';
import { LaunchOptionError, parseLaunchArgs } from '../../../electron/main/launch-options';

// What process.argv looks like: the executable, the app path under `electron .`, Chromium's own switches.
const base = ['/usr/lib/electron/electron', '.'];

describe('parseLaunchArgs', () => {
  it('waits for the first-run setup by default and reads no config file', () => {
    expect(parseLaunchArgs(base)).toEqual({ demo: 'setup', config: undefined });
    expect(parseLaunchArgs(['/opt/Alignboard/alignboard'])).toEqual({ demo: 'setup', config: undefined });
  });

  it('fills an empty database with demo data with --demo (npm start)', () => {
    expect(parseLaunchArgs([...base, '--demo'])).toEqual({ demo: 'if-empty', config: undefined });
  });

  it('reads --config=<file> and --config <file>, leaving other switches alone', () => {
    expect(parseLaunchArgs([...base, '--windowed', '--config=/etc/alignboard.json', '--no-sandbox'])).toEqual({
      demo: 'setup',
      config: '/etc/alignboard.json',
    });
    expect(parseLaunchArgs([...base, '--config', 'C:\\setup\\alignboard.config.json', '--demo'])).toEqual({
      demo: 'if-empty',
      config: 'C:\\setup\\alignboard.config.json',
    });
  });

  it('refuses --config without a file', () => {
    for (const argv of [
      [...base, '--config='],
      [...base, '--config'],
      [...base, '--config', '--demo'],
    ]) {
      expect(() => parseLaunchArgs(argv)).toThrow(LaunchOptionError);
      expect(() => parseLaunchArgs(argv)).toThrow('--config needs a file');
    }
  });
});
