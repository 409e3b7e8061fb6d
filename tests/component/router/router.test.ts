import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute } from '../../../src/router';

const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });

describe('parseRoute', () => {
  it('serves the kiosk at / and the admin at /admin', () => {
    expect(parseRoute(at('/'))).toEqual({ view: 'kiosk', slide: null });
    expect(parseRoute(at('/admin'))).toEqual({ view: 'admin', slide: null });
    expect(parseRoute(at('/admin/'))).toEqual({ view: 'admin', slide: null });
  });

  it('finds the admin in a file page by its hash, and anywhere by ?view=admin', () => {
    expect(parseRoute(at('/opt/alignboard/out/renderer/index.html', '', '#/admin')).view).toBe('admin');
    expect(parseRoute(at('/opt/alignboard/out/renderer/index.html')).view).toBe('kiosk');
    expect(parseRoute(at('/', '?view=admin')).view).toBe('admin');
  });

  it('pins the kiosk to a slide with ?slide=', () => {
    expect(parseRoute(at('/', '?slide=activity'))).toEqual({ view: 'kiosk', slide: 'activity' });
  });
});

describe('hrefFor', () => {
  it('links by path over HTTP and by hash in a file page', () => {
    expect(hrefFor('admin', { protocol: 'http:' })).toBe('/admin');
    expect(hrefFor('kiosk', { protocol: 'https:' })).toBe('/');
    expect(hrefFor('admin', { protocol: 'file:' })).toBe('#/admin');
  });

  it('links by hash under the app:// protocol, whose server knows only index.html', () => {
    expect(hrefFor('admin', { protocol: 'app:' })).toBe('#/admin');
    expect(hrefFor('kiosk', { protocol: 'app:' })).toBe('#/');
  });
});
