/**
 * The command line of `npm run serve`, parsed without side effects so that it can be tested:
 * `--port <n>`, `--host <h>`, `--data <dir>`, `--no-demo`, `--setup`, `--config <file>`, `--help`.
 */
import { posix, resolve, win32 } from 'node:path';
import { parseArgs } from 'node:util';

/** What `serve` was asked to do. */
export interface ServeOptions {
  port: number;
  host: string;
  /** absolute path of the data dir; the database is `alignboard.db` inside it */
  dataDir: string;
  /**
   * What an empty database (never set up) becomes: 'if-empty' fills it with demo data (the default),
   * 'never' (--no-demo) leaves it empty, 'setup' (--setup) leaves it empty and shows the first-run setup
   */
  demo: 'if-empty' | 'never' | 'setup';
  /** --config: the config file of an unattended install, as given (relative to the current dir) */
  config: string | undefined;
  help: boolean;
}

/** A command line that cannot be followed; the message is meant for the person who typed it. */
export class ServeOptionError extends Error {
  override readonly name = 'ServeOptionError';
}

/** The help text `serve --help` prints. */
export const SERVE_USAGE = `Usage: npm run serve -- [options]

  --port <n>    port to listen on (default 4173; 0 picks a free one)
  --host <h>    address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for the LAN).
                Every screen needs one of the two links serve prints: the viewer link (the wall)
                or the admin link (can change data); on the wall, Q shows the viewer link's QR code.
  --data <dir>  folder for the database file alignboard.db (default: the per-user data folder)
  --no-demo     do not fill an empty database with demo data
  --setup       an empty database shows the first-run setup (data, admin PIN, team names, KPI
                target, slides) instead of demo data
  --config <file>
                config file for an unattended install: its "setup" is applied to an empty database
                on the first start, its "share" is stored once (default: alignboard.config.json in
                the data folder, or the file named by ALIGNBOARD_CONFIG); an invalid file stops serve
  --help        show this text`;

/** Where the environment and platform come from; tests pass their own. */
export interface ServeEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
  cwd: string;
}

/**
 * The per-user data folder, following each platform's convention: `$XDG_DATA_HOME/alignboard`
 * (default `~/.local/share/alignboard`) on Linux and other Unixes, `~/Library/Application Support/Alignboard`
 * on macOS, `%LOCALAPPDATA%\Alignboard` on Windows (local, not roaming: the database holds this machine's id).
 */
export function defaultDataDir(environment: Omit<ServeEnvironment, 'cwd'>): string {
  const { platform, env, homedir } = environment;
  if (platform === 'win32')
    return win32.join(env.LOCALAPPDATA || win32.join(homedir, 'AppData', 'Local'), 'Alignboard');
  if (platform === 'darwin') return posix.join(homedir, 'Library', 'Application Support', 'Alignboard');
  // The XDG spec says to ignore a relative XDG_DATA_HOME.
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && xdg.startsWith('/') ? xdg : posix.join(homedir, '.local', 'share');
  return posix.join(base, 'alignboard');
}

/** Parses the arguments after `serve.js`; throws {@link ServeOptionError} with a readable message. */
export function parseServeArgs(args: string[], environment: ServeEnvironment): ServeOptions {
  let values: {
    port?: string;
    host?: string;
    data?: string;
    'no-demo'?: boolean;
    setup?: boolean;
    config?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        data: { type: 'string' },
        'no-demo': { type: 'boolean' },
        setup: { type: 'boolean' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new ServeOptionError((error as Error).message);
  }

  const port = values.port === undefined ? 4173 : Number(values.port);
  if (!/^\d+$/.test(values.port ?? '4173') || !Number.isInteger(port) || port > 65_535) {
    throw new ServeOptionError(`--port must be a whole number from 0 to 65535, not "${values.port}"`);
  }
  const host = values.host ?? '127.0.0.1';
  if (host.trim() === '') throw new ServeOptionError('--host must not be empty');
  if (values.data !== undefined && values.data.trim() === '') throw new ServeOptionError('--data must not be empty');
  if (values.config !== undefined && values.config.trim() === '') {
    throw new ServeOptionError('--config must not be empty');
  }

  return {
    port,
    host,
    dataDir: values.data === undefined ? defaultDataDir(environment) : resolve(environment.cwd, values.data),
    // --setup also means no demo data, so it wins over --no-demo.
    demo: values.setup === true ? 'setup' : values['no-demo'] === true ? 'never' : 'if-empty',
    config: values.config === undefined ? undefined : resolve(environment.cwd, values.config),
    help: values.help === true,
  };
}
