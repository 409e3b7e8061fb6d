/**
 * "Share to other screens": the Electron app can start the same LAN server as `npm run serve`,
 * so TVs and laptops show the wall in a browser. Off the LAN unless someone chooses it here.
 */
import { z } from 'zod';
import { none, read, wholeNumber, write } from './define';

/** A pairing link and its QR code (SVG markup). */
export interface SharingLink {
  url: string;
  svg: string;
}

/** The sharing setting plus what the server is doing now. */
export interface SharingStatus {
  /** false under `npm run serve`, whose command line decides address and port */
  configurable: boolean;
  enabled: boolean;
  /** 'loopback' = this machine only (127.0.0.1); 'lan' = every network interface */
  host: 'loopback' | 'lan';
  port: number;
  /** whether the server is listening now */
  running: boolean;
  /** why it is not running although enabled (port in use, …), in plain words */
  problem: string | null;
  /** the viewer link (and, for admins, the admin link) of every address other screens can use */
  viewer: SharingLink[];
  admin: SharingLink[] | null;
  /** when the tokens were last replaced (ms) */
  tokensRotatedAt: number | null;
}

/** The stored setting (`lan.share`), also the `share` part of an unattended install's config file. */
export const shareSettingsInput = z
  .object({
    enabled: z.boolean({ error: 'must be true or false' }),
    host: z.enum(['loopback', 'lan'], { error: 'must be loopback or lan' }).default('loopback'),
    port: wholeNumber().min(1024, 'must be 1024 or more').max(65_535, 'must be at most 65535').default(4173),
  })
  .strict();

/** The `lan.share` setting with its defaults filled in. */
export type ShareSettings = z.output<typeof shareSettingsInput>;

export const sharingMethods = {
  'sharing.status': read<SharingStatus>('viewer')(none),
  'sharing.save': write<SharingStatus>('admin')(shareSettingsInput),
  /** new viewer and admin tokens: every paired screen must pair again */
  'sharing.rotateTokens': write<SharingStatus>('admin')(none),
} as const;
