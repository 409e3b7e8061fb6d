/**
 * What the `sharing.*` methods need from whoever owns the LAN server: the app's share controller
 * (http/lan-share.ts), which follows the `lan.share` setting, or `npm run serve`'s server, which its command
 * line fixes. The core defines this door and reaches it through `ctx.sharing`; http/ implements it, so the
 * core never imports the server.
 */
import type { Server } from 'node:http';
import type { ShareSettings } from '@shared/methods/sharing-methods';
import type { AccessTokens } from '../../secrets/access-tokens';

/**
 * The HTTP side of a call, for the one kind of handler whose change can close the server answering it
 * (`sharing.save` moving the port or switching sharing off): it lets that change wait for the answer.
 */
export interface HttpCall {
  /** the server this call came in on */
  server: Server;
  /** resolves once the answer has been handed to the network, or the client went away */
  answered: Promise<void>;
}

/** What the server is doing now. */
export interface ShareState {
  /** this machine only, or the network */
  host: 'loopback' | 'lan';
  /** the port the links use: the running server's, else the setting's */
  port: number;
  running: boolean;
  /** why it is not running although it should, in plain words */
  problem: string | null;
  /** the hosts other screens reach it by (`192.168.1.20`, `127.0.0.1`), for links; empty when not running */
  addresses: string[];
  /** the tokens the running server accepts; null when not running */
  tokens: AccessTokens | null;
}

/** The owner of the LAN server, as the `sharing.*` handlers see it. */
export interface SharingController {
  /** false when the command line decides address and port (`npm run serve`) */
  readonly configurable: boolean;
  state(): ShareState;
  /**
   * Starts, restarts or stops the server to match the setting; never rejects (a failure is the problem).
   * When the request `from` came in on the server this change closes (a browser admin page), that server
   * closes only once its answer is out, and {@link SharingController.state} already describes the server
   * to come, so the answer lists the links the page can move to. Over IPC (`from` absent) it applies at once.
   */
  apply(settings: ShareSettings, from?: HttpCall): Promise<void>;
  /** The running server accepts only these tokens from now on. */
  useTokens(tokens: AccessTokens): void;
}
