import { pathToFileURL } from 'node:url';

/**
 * The URL prefix every page of our renderer starts with, for a renderer loaded from a directory of
 * files. It ends with a slash, so a sibling directory such as `renderer-evil/` does not match.
 */
export function rendererUrlPrefix(rendererDir: string): string {
  const href = pathToFileURL(rendererDir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * Whether a URL is one of our own pages. The URL is parsed first, so `..` segments and other spellings
 * cannot walk out of the renderer directory; query and fragment (the router's hash) are ignored.
 */
export function isOwnUrl(url: string, urlPrefix: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // protocol + host + path: for file: URLs the host is empty, for a custom protocol it names the app.
  return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.startsWith(urlPrefix);
}
