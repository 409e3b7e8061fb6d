import { describe, expect, it, vi } from 'vitest';
import { EXTERNAL_URL_ALLOWLIST, isAllowedExternalUrl, openExternalSafely } from '../../../electron/main/external-url';

const allowed = 'https://example.org/alignboard/help';
const list = [allowed, 'http://intranet.example/wall'];

describe('isAllowedExternalUrl', () => {
  it('allows exactly the http(s) addresses on the list, however the scheme and host are cased', () => {
    expect(isAllowedExternalUrl(allowed, list)).toBe(true);
    expect(isAllowedExternalUrl('HTTPS://Example.ORG/alignboard/help', list)).toBe(true);
    expect(isAllowedExternalUrl('http://intranet.example/wall', list)).toBe(true);
  });

  it.each([
    'https://example.org/alignboard/help/../../evil',
    'https://example.org/alignboard/help?x=1',
    'https://example.org.evil.test/alignboard/help',
    'https://user:pass@example.org/alignboard/help',
    'file:///etc/passwd',
    'ms-msdt:/id PCWDiagnostic',
    'smb://example.org/share',
    'javascript:alert(1)',
    'app://alignboard/index.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url, list)).toBe(false);
  });

  it('refuses a non-http scheme even if it were put on the list', () => {
    const careless = ['ftp://example.org/file', 'file:///etc/passwd', 'ms-settings:network'];
    for (const url of careless) expect(isAllowedExternalUrl(url, careless)).toBe(false);
  });

  it('refuses what is not a string', () => {
    expect(isAllowedExternalUrl({ toString: () => allowed }, list)).toBe(false);
    expect(isAllowedExternalUrl(undefined, list)).toBe(false);
  });

  it('ships an allowlist of https addresses only', () => {
    for (const url of EXTERNAL_URL_ALLOWLIST) expect(new URL(url).protocol).toBe('https:');
  });
});

describe('openExternalSafely', () => {
  it('opens an allowed address and nothing else', async () => {
    const open = vi.fn(async (_url: string) => {});
    await expect(openExternalSafely(allowed, open, list)).resolves.toBe(true);
    await expect(openExternalSafely('ms-msdt:/id x', open, list)).resolves.toBe(false);
    expect(open).toHaveBeenCalledExactlyOnceWith(allowed);
  });
});
