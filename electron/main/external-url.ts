/**
 * The only addresses the app may hand to the operating system's browser (`shell.openExternal`). A page
 * that could open any URL could start any registered protocol handler (`ms-msdt:`, `smb:`, …) on the
 * wall's machine, so the list is ours, exact, and http(s) only.
 */
export const EXTERNAL_URL_ALLOWLIST: readonly string[] = [
  'https://github.com/alignboard/alignboard',
  'https://github.com/alignboard/alignboard/issues',
];

/**
 * Whether `url` may be opened externally: it parses, is http or https, carries no credentials, and is
 * exactly one of `allowlist` (compared after parsing, so `HTTPS://GitHub.com/...` matches but a longer
 * path or another host does not).
 */
export function isAllowedExternalUrl(url: unknown, allowlist: readonly string[] = EXTERNAL_URL_ALLOWLIST): boolean {
  if (typeof url !== 'string' || url.length > 2048) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return allowlist.some((allowed) => new URL(allowed).href === parsed.href);
}

/** Opens `url` in the system browser if it is allowed; returns whether it did. */
export async function openExternalSafely(
  url: unknown,
  openExternal: (url: string) => Promise<void>,
  allowlist: readonly string[] = EXTERNAL_URL_ALLOWLIST,
): Promise<boolean> {
  if (!isAllowedExternalUrl(url, allowlist)) return false;
  await openExternal(url as string);
  return true;
}
