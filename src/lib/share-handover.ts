/**
 * An admin page in a browser is served by the very server "Other screens" changes. These rules say
 * whether a change cuts the page off (so the panel asks first) and, from the answer, where the page goes:
 * it stays, it moves to the admin link of the new server, or it ends with words saying where to go on.
 * In the app's own window none of this applies: it talks to the app over IPC, not over that server.
 */
import type { InjectionKey } from 'vue';
import type { ShareSettings, SharingStatus } from '@shared/methods/sharing-methods';

/** The page's address and how to leave it (the browser's `location`; tests give their own). */
export interface PageLocation {
  readonly href: string;
  assign(url: string): void;
}

/** Provides the {@link PageLocation}; absent, the panel uses `window.location`. */
export const PAGE_LOCATION: InjectionKey<PageLocation> = Symbol('pageLocation');

/** Why the page's own address stops serving it once a setting applies. */
export type CutOff = 'off' | 'port' | 'loopback';

/** What the page does after a save. */
export type PageFate = { kind: 'stay' } | { kind: 'move'; url: string } | { kind: 'end'; message: string };

const NO_WAY_BACK = "This page can no longer reach Alignboard; use the app on the wall's computer.";

/** Whether a host name is this computer itself (127.0.0.1, localhost, ::1). */
function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\./.test(name);
}

/** The port of an http(s) address, with the scheme's default filled in. */
function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * Whether the page at `pageUrl` stops being served once `next` applies: sharing switched off, another
 * port, or this computer only while the page is open on another one. Null when it goes on working.
 */
export function cutsOffPage(pageUrl: string, next: ShareSettings): CutOff | null {
  const page = new URL(pageUrl);
  if (!next.enabled) return 'off';
  if (next.port !== portOf(page)) return 'port';
  if (next.host === 'loopback' && !isLoopbackName(page.hostname)) return 'loopback';
  return null;
}

/** The page's own path, query and hash (the open section) on the link's server, with the link's token. */
function sameViewAt(page: URL, link: URL): string {
  const target = new URL(`${page.pathname}${page.search}${page.hash}`, link.origin);
  const token = link.searchParams.get('token');
  if (token) target.searchParams.set('token', token);
  return target.href;
}

/**
 * Where the page goes after a save, from the answer's admin links: it stays when one of them is its own
 * address, moves to one it can reach (the same host name first; from this computer, 127.0.0.1 first) and
 * keeps showing the same section there, and otherwise ends with words that say so.
 */
export function pageAfterSave(pageUrl: string, answer: SharingStatus): PageFate {
  const page = new URL(pageUrl);
  const fromHere = isLoopbackName(page.hostname);
  const links = answer.running ? (answer.admin ?? []).map((link) => new URL(link.url)) : [];
  const samePlace = (url: URL) =>
    portOf(url) === portOf(page) && (url.hostname === page.hostname || (fromHere && isLoopbackName(url.hostname)));
  if (links.some(samePlace)) return { kind: 'stay' };
  const reachable = links.filter((url) => fromHere || !isLoopbackName(url.hostname));
  const best =
    reachable.find((url) => url.hostname === page.hostname) ??
    reachable.find((url) => fromHere && isLoopbackName(url.hostname)) ??
    reachable[0];
  if (best) return { kind: 'move', url: sameViewAt(page, best) };
  if (!answer.enabled) return { kind: 'end', message: `Sharing is off. ${NO_WAY_BACK}` };
  if (answer.host === 'loopback') {
    return { kind: 'end', message: `Only the wall's computer can open Alignboard now. ${NO_WAY_BACK}` };
  }
  return { kind: 'end', message: `${answer.problem ?? 'The server for other screens did not start.'} ${NO_WAY_BACK}` };
}
