import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  appProtocolResponse,
  contentTypeOf,
  resolveAppPath,
} from '../../../electron/main/app-protocol';

const root = '/app/out/renderer';

describe('resolveAppPath', () => {
  it('maps our URLs to files in the renderer directory; / is the index page', () => {
    expect(resolveAppPath('app://alignboard/index.html#/admin', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://alignboard/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://alignboard/assets/index-abc.js?v=1', root)).toBe(join(root, 'assets/index-abc.js'));
  });

  // The URL parser already folds plain and %2e dot segments at the root: those stay inside it.
  it.each([
    'app://alignboard/../main/index.js',
    'app://alignboard/assets/../../main/index.js',
    'app://alignboard/%2e%2e/main/index.js',
    'app://alignboard/%2E%2E/%2E%2E/etc/passwd',
  ])('keeps %s inside the renderer directory', (url) => {
    const file = resolveAppPath(url, root);
    expect(file === null || file.startsWith(`${root}/`)).toBe(true);
  });

  // Escaped separators and dots become real only after decoding: these must be refused outright.
  it.each([
    'app://alignboard/assets/%2e%2e%2f%2e%2e%2fmain/index.js',
    'app://alignboard/..%2f..%2fetc/passwd',
    'app://alignboard/%2e%2e%2F%2e%2e%2Fetc%2Fpasswd',
    'app://alignboard/%2e%2e%5c%2e%2e%5cwindows%5cwin.ini',
    'app://alignboard/assets/..\\..\\main\\index.js',
    'app://alignboard/index.html%00.js',
    'app://alignboard/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
  });

  it('does not decode twice: %252e%252e is a literal file name inside the root', () => {
    expect(resolveAppPath('app://alignboard/%252e%252e/main/index.js', root)).toBe(join(root, '%2e%2e/main/index.js'));
  });

  it('refuses other hosts and schemes', () => {
    expect(resolveAppPath('app://other/index.html', root)).toBeNull();
    expect(resolveAppPath('file:///app/out/renderer/index.html', root)).toBeNull();
    expect(resolveAppPath('https://alignboard/index.html', root)).toBeNull();
    expect(resolveAppPath('not a url', root)).toBeNull();
  });

  it('knows the content type of what the renderer build holds', () => {
    expect(contentTypeOf('a/index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('a/x.js')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('a/x.css')).toMatch(/^text\/css/);
    expect(contentTypeOf('a/x.bin')).toBe('application/octet-stream');
  });

  it('registers a standard, secure scheme that does not bypass the CSP', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
    expect(APP_SCHEME_PRIVILEGES).not.toHaveProperty('bypassCSP');
  });
});

describe('appProtocolResponse', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'alignboard-protocol-'));
    mkdirSync(join(dir, 'renderer/assets'), { recursive: true });
    writeFileSync(join(dir, 'renderer/index.html'), '<!doctype html><title>ours</title>');
    writeFileSync(join(dir, 'renderer/assets/app.js'), 'export {};');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => appProtocolResponse({ url, method }, { rootDir: join(dir, 'renderer') });

  it('serves our files with their type, the CSP header and nosniff', async () => {
    const page = await get('app://alignboard/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('ours');
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://alignboard/assets/app.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers a path out of the root with 404, never the file', async () => {
    for (const url of [
      'app://alignboard/../secret.txt',
      'app://alignboard/%2e%2e/secret.txt',
      'app://alignboard/..%2fsecret.txt',
    ]) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('outside');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers a missing file with 404 and a write method with 405', async () => {
    expect((await get('app://alignboard/nope.js')).status).toBe(404);
    expect((await get('app://alignboard/index.html', 'POST')).status).toBe(405);
  });
});

describe('the Content-Security-Policy', () => {
  const directives = (policy: string) =>
    new Map(
      policy
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0])
        .map(([name, ...values]) => [name!, values.join(' ')]),
    );
  const html = readFileSync(join(import.meta.dirname, '../../../src/index.html'), 'utf8');
  const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';

  it('allows no eval and no inline script, in the header and in the meta tag', () => {
    for (const policy of [CONTENT_SECURITY_POLICY, meta]) {
      expect(policy).not.toMatch(/unsafe-eval|unsafe-hashes|wasm-unsafe-eval/);
      expect(directives(policy).get('script-src')).toBe("'self'");
      expect(directives(policy).get('default-src')).toBe("'self'");
    }
  });

  it('says in the header at least what the meta tag says, and forbids framing and plugins', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    for (const [name, value] of directives(meta)) expect(header.get(name)).toBe(value);
    expect(header.get('frame-ancestors')).toBe("'none'");
    expect(header.get('object-src')).toBe("'none'");
  });

  it('has a page with no inline script', () => {
    for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(attributes).toMatch(/\ssrc=/);
      expect(body?.trim()).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });
});
