import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isOwnUrl, rendererUrlPrefix } from '../../../electron/main/renderer-url';

describe('rendererUrlPrefix', () => {
  it('is the directory as a file URL ending with a slash', () => {
    const prefix = rendererUrlPrefix('/app/out/renderer');
    expect(prefix).toBe(`${pathToFileURL('/app/out/renderer').href}/`);
    expect(prefix.endsWith('/')).toBe(true);
  });
});

describe('isOwnUrl', () => {
  const prefix = rendererUrlPrefix('/app/out/renderer');
  const page = pathToFileURL('/app/out/renderer/index.html').href;

  it('accepts our page, with or without a route in the hash or a query', () => {
    expect(isOwnUrl(page, prefix)).toBe(true);
    expect(isOwnUrl(`${page}#/admin`, prefix)).toBe(true);
    expect(isOwnUrl(`${page}?slide=funnel`, prefix)).toBe(true);
  });

  it('refuses other sites, other files and sibling directories', () => {
    expect(isOwnUrl('https://example.com/', prefix)).toBe(false);
    expect(isOwnUrl(pathToFileURL('/etc/passwd').href, prefix)).toBe(false);
    expect(isOwnUrl(pathToFileURL('/app/out/renderer-evil/index.html').href, prefix)).toBe(false);
  });

  it('refuses a path that walks out of the renderer directory', () => {
    expect(isOwnUrl(`${prefix}../main/index.js`, prefix)).toBe(false);
    expect(isOwnUrl(`${prefix}%2e%2e/main/index.js`, prefix)).toBe(false);
  });

  it('refuses what is not a URL at all', () => {
    expect(isOwnUrl('', prefix)).toBe(false);
    expect(isOwnUrl('index.html', prefix)).toBe(false);
  });

  it('works for a custom protocol prefix as well', () => {
    expect(isOwnUrl('app://alignboard/index.html#/admin', 'app://alignboard/')).toBe(true);
    expect(isOwnUrl('app://other/index.html', 'app://alignboard/')).toBe(false);
  });
});
