// Which sharing changes cut off a browser's admin page, and where the page goes after the answer.
import { describe, expect, it } from 'vitest';
import type { SharingStatus } from '@shared/methods/sharing-methods';
import { cutsOffPage, pageAfterSave } from '../../../src/lib/share-handover';

function answer(hosts: string[], overrides: Partial<SharingStatus> = {}): SharingStatus {
  return {
    configurable: true,
    enabled: true,
    host: 'lan',
    port: 5000,
    running: true,
    problem: null,
    viewer: hosts.map((host) => ({ url: `http://${host}/?token=v`, svg: '' })),
    admin: hosts.map((host) => ({ url: `http://${host}/admin?token=a`, svg: '' })),
    tokensRotatedAt: null,
    ...overrides,
  };
}

describe('cutsOffPage', () => {
  it('names off, another port, and this computer only from another computer', () => {
    const fromLan = 'http://192.168.1.20:4173/admin';
    expect(cutsOffPage(fromLan, { enabled: false, host: 'lan', port: 4173 })).toBe('off');
    expect(cutsOffPage(fromLan, { enabled: true, host: 'lan', port: 5000 })).toBe('port');
    expect(cutsOffPage(fromLan, { enabled: true, host: 'loopback', port: 4173 })).toBe('loopback');
    expect(cutsOffPage(fromLan, { enabled: true, host: 'lan', port: 4173 })).toBeNull();
  });

  it('lets this computer keep a loopback page, by any of its loopback names', () => {
    for (const href of ['http://127.0.0.1:4173/admin', 'http://localhost:4173/admin', 'http://[::1]:4173/admin']) {
      expect(cutsOffPage(href, { enabled: true, host: 'loopback', port: 4173 })).toBeNull();
    }
    expect(cutsOffPage('http://127.0.0.1/admin', { enabled: true, host: 'loopback', port: 80 })).toBeNull();
  });
});

describe('pageAfterSave', () => {
  it('stays when an admin link is its own address (localhost counts as 127.0.0.1)', () => {
    expect(pageAfterSave('http://localhost:5000/admin', answer(['127.0.0.1:5000']))).toEqual({ kind: 'stay' });
  });

  it('moves to the link on its own host name first, from this computer to 127.0.0.1 first', () => {
    const lan = answer(['10.0.0.2:5000', '192.168.1.20:5000']);
    expect(pageAfterSave('http://192.168.1.20:4173/admin', lan)).toEqual({
      kind: 'move',
      url: 'http://192.168.1.20:5000/admin?token=a',
    });
    expect(pageAfterSave('http://127.0.0.1:4173/admin', answer(['10.0.0.2:5000', '127.0.0.1:5000']))).toEqual({
      kind: 'move',
      url: 'http://127.0.0.1:5000/admin?token=a',
    });
  });

  it('keeps the open section and takes the token from the link', () => {
    expect(pageAfterSave('http://127.0.0.1:4173/admin?section=display#top', answer(['127.0.0.1:5000']))).toEqual({
      kind: 'move',
      url: 'http://127.0.0.1:5000/admin?section=display&token=a#top',
    });
  });

  it('never sends another computer to 127.0.0.1, and ends with the server’s problem when nothing runs', () => {
    const local = answer(['127.0.0.1:4173'], { host: 'loopback', port: 4173 });
    expect(pageAfterSave('http://192.168.1.20:4173/admin', local)).toMatchObject({ kind: 'end' });
    const failed = answer([], {
      running: false,
      problem: 'Port 5000 is in use by another program; choose another port.',
    });
    expect(pageAfterSave('http://192.168.1.20:4173/admin', failed)).toEqual({
      kind: 'end',
      message:
        "Port 5000 is in use by another program; choose another port. This page can no longer reach Alignboard; use the app on the wall's computer.",
    });
  });
});
