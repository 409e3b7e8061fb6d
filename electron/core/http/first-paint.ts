/**
 * The wall's page with its first slide's data in it. A wall opened with its pairing link (`/?token=…`)
 * gets, in the same response as the page, the answers to the reads it would otherwise make before its
 * first paint (src/shared/first-paint.ts): the page paints its first slide without waiting for a request.
 * Without a valid token, or for the admin and report pages, the page goes out as built, holding no data.
 */
import type { IncomingMessage } from 'node:http';
import type { DisplaySettings } from '@shared/domain';
import { FIRST_PAINT_ELEMENT_ID, firstPaintReads, firstSlideOf, type FirstPaintReply } from '@shared/first-paint';
import type { Core } from '../create-core';
import { roleOfToken, type AccessTokens } from '../secrets/access-tokens';
import { clientKey } from './authorize';

/** Adds the first paint's data to the built page, or answers null when this request gets none. */
export type FirstPaintPage = (req: IncomingMessage, html: string) => Promise<string | null>;

/**
 * Creates the page transform. `tokens` is read at each request, so that rotated tokens apply at once.
 * The reads go through the dispatch as the viewer, whatever token came: the page holds only what any
 * paired screen may read.
 */
export function createFirstPaintPage(core: Core, tokens: AccessTokens): FirstPaintPage {
  return async (req, html) => {
    if (req.method !== 'GET' || !isOwnNavigation(req)) return null;
    const url = new URL(req.url ?? '/', 'http://page.invalid');
    if (!isWallPage(url)) return null;
    const token = url.searchParams.get('token');
    // A wrong token is not counted here as on /api: the page without data is all it gets, and the
    // requests that follow meet the gate.
    if (!token || roleOfToken(tokens, token) === undefined) return null;

    const caller = { role: 'viewer' as const, key: clientKey(req.socket.remoteAddress) };
    const settings = await core.dispatch('settings.display', {}, caller);
    const playlist = settings.ok ? (settings.result as DisplaySettings).playlist : [];
    const replies: FirstPaintReply[] = [];
    for (const read of firstPaintReads(firstSlideOf(playlist, url.searchParams.get('slide') || null))) {
      const outcome =
        read.method === 'settings.display' ? settings : await core.dispatch(read.method, read.input, caller);
      // A read that fails here is simply made again by the page, which then shows its error as usual.
      if (outcome.ok) replies.push({ method: read.method, input: read.input, result: outcome.result });
    }
    return withReplies(html, replies);
  };
}

/**
 * Whether a browser loads the page as a page, typed in, opened by the kiosk or followed from one of our
 * own pages. A link on another site (or any script, image or frame load, which the frame headers refuse
 * anyway) gets the page without data.
 */
function isOwnNavigation(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  const dest = req.headers['sec-fetch-dest'];
  return (
    (site === undefined || site === 'none' || site === 'same-origin') && (dest === undefined || dest === 'document')
  );
}

/** The kiosk: `/` or `/index.html`, not the admin or the report (same test as src/router.ts). */
function isWallPage(url: URL): boolean {
  const path = url.pathname.replace(/\/+$/, '');
  const view = url.searchParams.get('view');
  return (path === '' || path === '/index.html') && view !== 'admin' && view !== 'report';
}

/**
 * The page with the replies in a JSON script element before `</body>`. A data block is not run (the CSP
 * allows no inline script anyway); `<` is escaped so that no text in the data (a deal title) can close
 * the element.
 */
export function withReplies(html: string, replies: readonly FirstPaintReply[]): string {
  const json = JSON.stringify(replies).replace(/</g, '\\u003c');
  const element = `<script type="application/json" id="${FIRST_PAINT_ELEMENT_ID}">${json}</script>`;
  const at = html.lastIndexOf('</body>');
  return at === -1 ? `${html}${element}` : `${html.slice(0, at)}${element}${html.slice(at)}`;
}
