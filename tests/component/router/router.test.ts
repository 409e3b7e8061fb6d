import { describe, expect, it } from 'vitest';
import { hrefFor, parseRoute, reportHref } from '../../../src/router';

const at = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });

describe('parseRoute', () => {
  it('serves the kiosk at / and the admin at /admin', () => {
    expect(parseRoute(at('/'))).toMatchObject({ view: 'kiosk', slide: null });
    expect(parseRoute(at('/admin'))).toMatchObject({ view: 'admin', slide: null });
    expect(parseRoute(at('/admin/'))).toMatchObject({ view: 'admin', slide: null });
  });

  it('finds the admin in a file page by its hash, and anywhere by ?view=admin', () => {
    expect(parseRoute(at('/opt/alignboard/out/renderer/index.html', '', '#/admin')).view).toBe('admin');
    expect(parseRoute(at('/opt/alignboard/out/renderer/index.html')).view).toBe('kiosk');
    expect(parseRoute(at('/', '?view=admin')).view).toBe('admin');
  });

  it('pins the kiosk to a slide with ?slide=', () => {
    expect(parseRoute(at('/', '?slide=activity'))).toMatchObject({ view: 'kiosk', slide: 'activity' });
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

describe('the report route', () => {
  const where = (pathname: string, search = '', hash = '') => ({ pathname, search, hash });

  it('is /report over HTTP, #/report or ?view=report in the app, with the week and print flag', () => {
    expect(parseRoute(where('/report', '?week=2026-W48'))).toEqual({
      view: 'report',
      slide: null,
      week: '2026-W48',
      print: false,
    });
    expect(parseRoute(where('/index.html', '?view=report&week=2026-W01&print=1'))).toMatchObject({
      view: 'report',
      week: '2026-W01',
      print: true,
    });
    expect(parseRoute(where('/index.html', '', '#/report'))).toMatchObject({ view: 'report', week: null });
  });

  it('links a week as a path over HTTP and as a query in the app', () => {
    expect(reportHref('2026-W48', { protocol: 'http:' })).toBe('/report?week=2026-W48');
    expect(reportHref(null, { protocol: 'https:' })).toBe('/report');
    expect(reportHref('2026-W48', { protocol: 'app:' })).toBe('?view=report&week=2026-W48');
    expect(hrefFor('report', { protocol: 'app:' })).toBe('#/report');
  });
});
