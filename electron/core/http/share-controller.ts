/**
 * What the `sharing.*` methods need from whoever owns the LAN server: the app's share controller
 * (lan-share.ts), which follows the `lan.share` setting, or `npm run serve`'s server, which its command
 * line fixes. The core reaches it through `ctx.sharing`.
 */
import { networkInterfaces as osNetworkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { ShareSettings } from '@shared/methods/sharing-methods';
import type { HttpCall } from '../api/handler-types';
import type { AccessTokens } from './access-tokens';
import { isLoopbackAddress, isWildcardHost } from './authorize';

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

/** The network interfaces, as `os.networkInterfaces()` gives them (tests pass their own). */
export type InterfaceList = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

/** The address a server bound to `setting` listens on. */
export function bindAddress(host: ShareSettings['host']): string {
  return host === 'lan' ? '0.0.0.0' : '127.0.0.1';
}

/** Whether a bound address is reachable from this machine only. */
export function isLocalOnly(boundHost: string): boolean {
  return isLoopbackAddress(boundHost) || boundHost.toLowerCase() === 'localhost';
}

/**
 * The hosts another screen opens a server bound to `boundHost` by: on every interface, each IPv4 address
 * of this machine on a network (loopback when it is on none); on loopback, 127.0.0.1; else the bound
 * address itself (IPv6 in brackets).
 */
export function shareAddresses(boundHost: string, interfaces: InterfaceList = osNetworkInterfaces): string[] {
  if (isWildcardHost(boundHost)) {
    const lan = Object.values(interfaces())
      .flat()
      .filter((info): info is NetworkInterfaceInfo => info?.family === 'IPv4' && !info.internal)
      .map((info) => info.address);
    return lan.length > 0 ? [...new Set(lan)] : ['127.0.0.1'];
  }
  if (isLocalOnly(boundHost)) return ['127.0.0.1'];
  return [boundHost.includes(':') ? `[${boundHost}]` : boundHost];
}
