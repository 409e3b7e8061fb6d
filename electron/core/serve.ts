/**
 * `npm run serve`: the same core as the Electron app, without Electron, serving the display to browsers.
 * Built by electron-vite to out/main/serve.js, next to out/renderer.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from '../../package.json';
import { ApiError } from '@shared/api-error';
import { ConfigFileError, loadConfigFile, locateConfigFile, type AlignboardConfig } from './config-file';
import { createCore, type Core } from './create-core';
import { fileSecretStore, secretFileFor, SecretStoreError } from './secrets/file-secret-store';
import { isLoopbackAddress } from './http/authorize';
import { fixedShare } from './http/lan-share';
import { createHttpServer, type HttpServerHandle } from './http/server';
import { createChromiumPrinter } from './services/report/chromium-printer';
import { startReportSchedule } from './services/report/report-delivery';
import { parseServeArgs, SERVE_USAGE, ServeOptionError, type ServeOptions } from './serve-options';
import { isDemoData } from './services/support/settings-service';
import { getSetupStatus } from './services/writes/setup-service';

/** out/main/serve.js → out/renderer */
const STATIC_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));

async function main(): Promise<void> {
  let options: ServeOptions;
  try {
    options = parseServeArgs(process.argv.slice(2), {
      platform: process.platform,
      env: process.env,
      homedir: homedir(),
      cwd: process.cwd(),
    });
  } catch (error) {
    if (!(error instanceof ServeOptionError)) throw error;
    fail(`${error.message}\n\n${SERVE_USAGE}`);
  }
  if (options.help) {
    console.log(SERVE_USAGE);
    return;
  }
  if (!existsSync(join(STATIC_DIR, 'index.html'))) {
    fail(`the display is not built (no index.html in ${STATIC_DIR}); run \`npm run build\` first`);
  }

  // An invalid config file stops here, before the database is touched: never half a config.
  const configLocation = locateConfigFile({ flag: options.config, env: process.env, dataDir: options.dataDir });
  let config: AlignboardConfig | null;
  try {
    config = loadConfigFile(configLocation);
  } catch (error) {
    if (!(error instanceof ConfigFileError)) throw error;
    fail(error.message);
  }

  const dbFile = join(options.dataDir, 'alignboard.db');
  let core: Core;
  try {
    mkdirSync(options.dataDir, { recursive: true });
    // The secrets beside the database, owner-only; no keychain here (the app encrypts its own file).
    core = createCore({ dbFile, version, demo: options.demo, config, secrets: fileSecretStore(secretFileFor(dbFile)) });
  } catch (error) {
    if (error instanceof ApiError) fail(`${configLocation.path}: cannot apply it: ${error.message}`);
    if (error instanceof SecretStoreError) fail(error.message);
    fail(`cannot open the database ${dbFile}: ${(error as Error).message}`);
  }

  let http: HttpServerHandle;
  try {
    http = await createHttpServer(core, { staticDir: STATIC_DIR, host: options.host, port: options.port });
  } catch (error) {
    core.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${options.port} is in use; pick another with --port <n>`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND')
      fail(`cannot listen on ${options.host}: not an address of this machine`);
    if (code === 'EACCES') fail(`not allowed to listen on port ${options.port}; pick one above 1023`);
    fail(`cannot start the server: ${(error as Error).message}`);
  }

  // The admin page's "Other screens" shows this server; its address and port stay as the options set them.
  core.ctx.sharing = fixedShare(http, options.host);
  // The weekly report's PDF is printed by the system Chromium from this server's own report page.
  const printer = createChromiumPrinter({ origin: () => ({ url: http.url, token: http.tokens.viewer }) });
  core.ctx.reportPrinter = printer;
  const reportSchedule = startReportSchedule(core.ctx);

  // The links carry the tokens: a new user clicks them (or scans the wall's QR code) and is paired.
  console.log(`Alignboard is showing at ${http.url}/?token=${http.tokens.viewer}`);
  console.log(`Admin (can change data): ${http.url}/admin?token=${http.tokens.admin}`);
  console.log(`Data file: ${dbFile}${isDemoData(core.ctx.db) ? ' (demo data)' : ''}`);
  if (config) {
    const applied = [
      core.configApplied.setup && 'setup completed',
      core.configApplied.share && 'sharing stored for the app; serve follows --host and --port',
    ];
    console.log(`Config file: ${configLocation.path} (${applied.filter(Boolean).join(', ') || 'nothing new'})`);
  }
  if (getSetupStatus(core.ctx).needed) console.log('First run: open the admin link to set up this wall.');
  if (!isLoopbackAddress(options.host) && options.host !== 'localhost') {
    console.log(`Listening on ${options.host}: other screens open ${http.pairing.viewerUrl}`);
    console.log('Keep the admin link to yourself: whoever has it can change the data.');
  }
  console.log('Press Ctrl+C to stop.');

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl+C means "now".
      process.exit(130);
    }
    stopping = true;
    console.log(`\n${signal}: stopping Alignboard…`);
    reportSchedule.stop();
    Promise.all([http.close(), printer.close()])
      .catch((error: unknown) => console.error('closing the server failed:', error))
      .finally(() => {
        core.close();
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function fail(message: string): never {
  console.error(`alignboard serve: ${message}`);
  process.exit(1);
}

main().catch((error: unknown) => {
  console.error('alignboard serve failed:', error);
  process.exit(1);
});
