import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { authorize, isAllowedHost, isLoopbackAddress } from '../../../../electron/core/http/authorize';

/** Only the socket's remote address matters to authorize for now. */
function requestFrom(remoteAddress: string | undefined, host = '127.0.0.1:4173'): IncomingMessage {
  return { socket: { remoteAddress }, headers: { host } } as unknown as IncomingMessage;
}

describe('authorize', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])(
    'allows reads and writes from loopback %s',
    (address) => {
      expect(authorize(requestFrom(address), 'read')).toEqual({ ok: true });
      expect(authorize(requestFrom(address), 'write')).toEqual({ ok: true });
    },
  );

  it.each(['192.168.1.20', '::ffff:10.0.0.5', 'fe80::1', undefined])(
    'allows reads but refuses writes from %s',
    (address) => {
      expect(authorize(requestFrom(address), 'read')).toEqual({ ok: true });
      expect(authorize(requestFrom(address), 'write')).toMatchObject({ ok: false, status: 403 });
    },
  );

  it('does not take 127.x written inside another address for loopback', () => {
    expect(isLoopbackAddress('::ffff:10.127.0.1')).toBe(false);
    expect(isLoopbackAddress('1270.0.0.1')).toBe(false);
  });

  it('refuses any request addressed by a host name other than localhost, even from loopback', () => {
    expect(authorize(requestFrom('127.0.0.1', 'evil.example:4173'), 'read')).toMatchObject({ ok: false, status: 403 });
    expect(authorize(requestFrom('127.0.0.1', 'localhost:4173'), 'write')).toEqual({ ok: true });
  });
});

describe('isAllowedHost', () => {
  it.each([
    '127.0.0.1:4173',
    '192.168.1.20',
    '[::1]:4173',
    '[fe80::1]',
    'localhost',
    'LOCALHOST:80',
    'board.localhost:4173',
    undefined,
  ])('allows %s', (host) => expect(isAllowedHost(host)).toBe(true));

  it.each(['evil.example', 'evil.example:4173', '127.0.0.1.evil.example', 'localhost.evil.example', ''])(
    'refuses %s',
    (host) => expect(isAllowedHost(host)).toBe(false),
  );
});
