/**
 * The app's own command-line switches, read from `process.argv` without side effects so that they can be
 * tested with plain arrays. Electron's argv also holds the executable, the app path (`.`) and Chromium's
 * switches, so anything not ours is left alone rather than refused.
 *
 * - `--demo`: an empty database gets the demo quarter (`npm start`) instead of the first-run setup;
 * - `--config=<file>` (or `--config <file>`): an unattended install's config file.
 */

/** What the app was asked to do at launch. */
export interface LaunchOptions {
  /** what an empty database becomes: the first-run setup (default) or the demo quarter (`--demo`) */
  demo: 'setup' | 'if-empty';
  /** the config file given on the command line, if any */
  config: string | undefined;
}

/** A switch of ours used wrongly; the message is meant for the person who typed it. */
export class LaunchOptionError extends Error {
  override readonly name = 'LaunchOptionError';
}

/** Reads our switches from an argv (`process.argv` in the app). */
export function parseLaunchArgs(argv: readonly string[]): LaunchOptions {
  let config: string | undefined;
  argv.forEach((arg, index) => {
    if (arg.startsWith('--config=')) config = arg.slice('--config='.length);
    else if (arg === '--config') {
      const next = argv[index + 1];
      config = next === undefined || next.startsWith('--') ? '' : next;
    }
  });
  if (config !== undefined && config.trim() === '') {
    throw new LaunchOptionError('--config needs a file: --config=/path/to/alignboard.config.json');
  }
  return {
    demo: argv.includes('--demo') ? 'if-empty' : 'setup',
    config,
  };
}
