/**
 * "Share to other screens" in the app: runs the same LAN server as `npm run serve` while the `lan.share`
 * setting asks for it, on 127.0.0.1 (this computer only) or 0.0.0.0 (everyone on this network), and
 * restarts it when the setting changes. Plain Node, so it is tested without Electron; the Electron main
 * only attaches it and stops it at quit. Under `npm run serve` {@link fixedShare} stands in for it.
 */
import type { AddressInfo } from 'node:net';
import type { ShareSettings } from '@shared/methods/sharing-methods';
import type { Core } from '../create-core';
import { readShareSettings } from '../services/writes/sharing-service';
import type { AccessTokens } from '../secrets/access-tokens';
import { createHttpServer, type HttpServerHandle, type HttpServerOptions } from './server';
import type { HttpCall, ShareState, SharingController } from '../services/support/sharing-controller';
import { bindAddress, isLocalOnly, shareAddresses, type InterfaceList } from './share-controller';

/** Options for {@link attachLanShare}. */
export interface LanShareOptions {
  /** the built renderer the server hands to browsers */
  staticDir: string;
  /** the machine's network interfaces (tests pass their own) */
  networkInterfaces?: InterfaceList;
  /**
   * The address each choice listens on: 127.0.0.1 and 0.0.0.0. Tests keep 'lan' on loopback, so that no
   * test opens a port to the network; the links still list the interfaces' addresses.
   */
  listenOn?: Partial<Record<ShareSettings['host'], string>>;
  /** further server options (event stream, timeouts, rate limit) */
  server?: Omit<HttpServerOptions, 'staticDir' | 'host' | 'port' | 'tokens'>;
  /** where a failed start is reported besides the status (default console.warn) */
  log?: (message: string) => void;
}

/** The app's share controller: {@link SharingController} plus its start and stop. */
export interface LanShare extends SharingController {
  /** resolves when the last apply has finished (tests, shutdown) */
  settled(): Promise<void>;
  /** Stops the server for good (quit); later applies do nothing. */
  stop(): Promise<void>;
}

/** Words for a server that could not start, naming what to change. */
export function startProblem(error: unknown, settings: ShareSettings): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return `Port ${settings.port} is in use by another program; choose another port.`;
  if (code === 'EACCES') return `This computer does not allow port ${settings.port}; choose another port.`;
  if (code === 'EADDRNOTAVAIL') return 'This computer has no such network address to share on.';
  return `The server could not start: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Creates the controller, attaches it to the core (`ctx.sharing`) and applies the stored setting. Applies
 * run one after another, so that a quick second save never races the first one's restart.
 *
 * A browser admin page is served by the very server a save may close. Then the close waits for the
 * answer: a new port opens at once beside the old one (so the answer's links work, and a port in use
 * leaves the old one sharing), and switching off or to other screens on the same port happens once the
 * answer is out, while the status already describes what comes.
 */
export function attachLanShare(core: Core, options: LanShareOptions): LanShare {
  const log = options.log ?? ((message) => console.warn(message));
  let handle: HttpServerHandle | null = null;
  let running: ShareSettings | null = null;
  let wanted: ShareSettings = { enabled: false, host: 'loopback', port: 4173 };
  /** a setting that applies once the answer to the request that chose it is out */
  let pending: ShareSettings | null = null;
  let problem: string | null = null;
  let stopped = false;
  let queue: Promise<void> = Promise.resolve();

  async function closeServer(): Promise<void> {
    const closing = handle;
    handle = null;
    running = null;
    await closing?.close();
  }

  function startServer(settings: ShareSettings): Promise<HttpServerHandle> {
    return createHttpServer(core, {
      ...options.server,
      staticDir: options.staticDir,
      host: options.listenOn?.[settings.host] ?? bindAddress(settings.host),
      port: settings.port,
    });
  }

  /** Applies `settings`; returns what must wait for the answer to `from`, if anything. */
  async function applyNow(settings: ShareSettings, from?: HttpCall): Promise<(() => Promise<void>) | undefined> {
    wanted = settings;
    if (stopped) return undefined;
    const same = running !== null && running.host === settings.host && running.port === settings.port;
    const closes = handle !== null && (!settings.enabled || !same);
    if (closes && from && from.server === handle!.server) return handOver(settings);
    if (closes) await closeServer();
    problem = null;
    if (!settings.enabled || handle) return undefined;
    try {
      handle = await startServer(settings);
      running = settings;
    } catch (error) {
      problem = startProblem(error, settings);
      log(`sharing to other screens did not start: ${problem}`);
    }
    return undefined;
  }

  /** A change that closes the server answering the request that asked for it. */
  async function handOver(settings: ShareSettings): Promise<(() => Promise<void>) | undefined> {
    const serving = handle!;
    const from = running!;
    problem = null;
    if (settings.enabled && settings.port !== from.port) {
      try {
        handle = await startServer(settings);
        running = settings;
        return () => serving.close();
      } catch (error) {
        // Closing the old port too would leave the page that asked with nowhere to go.
        problem = `${startProblem(error, settings)} Still shared on port ${from.port}.`;
        log(`sharing to other screens did not move: ${problem}`);
        return undefined;
      }
    }
    // Off, or the same port for other screens: the port is free only once this server has closed.
    pending = settings;
    return async () => {
      pending = null;
      await applyNow(settings);
    };
  }

  const controller: LanShare = {
    configurable: true,
    state(): ShareState {
      if (pending) {
        const coming = pending.enabled && handle !== null;
        return {
          host: pending.host,
          port: pending.port,
          running: coming,
          problem: null,
          addresses: coming ? shareAddresses(bindAddress(pending.host), options.networkInterfaces) : [],
          tokens: coming ? { ...handle!.tokens } : null,
        };
      }
      const live = handle !== null && running !== null;
      return {
        host: wanted.host,
        port: live ? running!.port : wanted.port,
        running: live,
        problem,
        addresses: live ? shareAddresses(bindAddress(running!.host), options.networkInterfaces) : [],
        tokens: live ? { ...handle!.tokens } : null,
      };
    },
    apply(settings, from) {
      const failed = (error: unknown) => {
        problem = startProblem(error, settings);
      };
      const applied = queue.then(() => applyNow(settings, from)).catch(failed);
      // The rest waits for the answer, which goes out only after this call resolves: so it is queued, not awaited.
      queue = applied
        .then(async (rest) => {
          if (!rest) return;
          await from?.answered;
          await rest();
        })
        .catch(failed);
      return applied.then(() => undefined);
    },
    useTokens(tokens: AccessTokens) {
      handle?.useTokens(tokens);
    },
    settled: () => queue,
    stop() {
      stopped = true;
      pending = null;
      // Close now, not after the queue: at quit the database closes right after this call.
      const now = closeServer();
      queue = queue.then(closeServer);
      return Promise.all([now, queue]).then(() => undefined);
    },
  };
  core.ctx.sharing = controller;
  // A damaged database may not even let the setting be read: then nothing is shared until it is restored.
  let stored: ShareSettings | null = null;
  try {
    stored = readShareSettings(core.ctx.db);
  } catch (error) {
    problem = `The sharing setting cannot be read: ${(error as Error).message}`;
  }
  if (stored) void controller.apply(stored);
  return controller;
}

/**
 * The controller of `npm run serve`: its command line fixed address and port, so the setting does not
 * apply (`configurable: false`); only the tokens can change.
 */
export function fixedShare(handle: HttpServerHandle, boundHost: string, interfaces?: InterfaceList): SharingController {
  const { port } = handle.server.address() as AddressInfo;
  return {
    configurable: false,
    state: () => ({
      host: isLocalOnly(boundHost) ? 'loopback' : 'lan',
      port,
      running: handle.server.listening,
      problem: null,
      addresses: shareAddresses(boundHost, interfaces),
      tokens: { ...handle.tokens },
    }),
    apply: () => Promise.resolve(),
    useTokens: (tokens) => handle.useTokens(tokens),
  };
}
