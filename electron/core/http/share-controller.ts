/**
 * What the owners of the LAN server share: the address a server binds to for a setting, and the addresses
 * other screens reach it by. The owners implement the core's SharingController
 * (services/support/sharing-controller.ts).
 */
import { networkInterfaces as osNetworkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import type { ShareSettings } from '@shared/methods/sharing-methods';
import { isLoopbackAddress, isWildcardHost } from './authorize';

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
