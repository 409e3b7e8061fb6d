import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACTIVITY_FEED_LENGTH,
  FIRST_PAINT_ELEMENT_ID,
  newestEventSeq,
  type FirstPaintReply,
} from '@shared/first-paint';
import { createCore, type Core } from '../../../electron/core/create-core';
import { createHttpServer, type HttpServerHandle } from '../../../electron/core/http/server';
import { fixedClock } from '../../../electron/core/services/support/clock';

const INDEX_HTML =
  '<!doctype html><html><head><title>Alignboard</title></head><body><div id="app"></div></body></html>';
/** A deal title that would end the data block if it went into the page unescaped. */
const HOSTILE_TITLE = 'Rollout </script><script>alert(1)</script> <!-- phase 2';

describe('the wall page with its first paint data', () => {
  let root: string;
  let core: Core;
  let http: HttpServerHandle;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'alignboard-first-paint-'));
    const staticDir = join(root, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), INDEX_HTML);
    core = createCore({
      dbFile: join(root, 'alignboard.db'),
      clock: fixedClock(Date.UTC(2026, 10, 17, 9, 0)),
      version: '1.0.0-test',
      demo: 'if-empty',
      timezone: 'Europe/Berlin',
      backups: false,
    });
    const created = await core.dispatch(
      'deals.create',
      { title: HOSTILE_TITLE, amountMinor: 120_000, currency: 'EUR', stageId: 'discovery' },
      { role: 'admin' },
    );
    expect(created.ok).toBe(true);
    http = await createHttpServer(core, { staticDir, port: 0 });
  });

  afterAll(async () => {
    await http?.close();
    core?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const load = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${http.url}${path}`, { headers });
    const html = await res.text();
    const match = new RegExp(`<script type="application/json" id="${FIRST_PAINT_ELEMENT_ID}">(.*?)</script>`, 's').exec(
      html,
    );
    return {
      res,
      html,
      replies: match ? (JSON.parse(match[1]!) as FirstPaintReply[]) : null,
    };
  };
  const direct = async (method: string, input: unknown) => {
    const outcome = await core.dispatch(method, input, { role: 'viewer' });
    if (!outcome.ok) throw new Error(`${method} failed: ${outcome.error.message}`);
    return JSON.parse(JSON.stringify(outcome.result)) as unknown;
  };

  it('brings the frame’s reads and the first slide’s, as the API answers them, and is never kept', async () => {
    const { res, replies } = await load(`/?token=${http.tokens.viewer}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(replies?.map((reply) => reply.method)).toEqual([
      'setup.status',
      'app.info',
      'settings.display',
      'connections.status',
      'kpi.get',
      'meetings.today',
      'activity.list',
    ]);
    const newest = replies!.at(-1)!;
    expect(newest.input).toEqual({ limit: 1 });
    const bySql = core.ctx.db.prepare(`SELECT max(seq) AS seq FROM activity_events`).get() as { seq: number };
    expect(newestEventSeq(newest.result)).toBe(bySql.seq);
    for (const reply of replies!) expect(reply.result).toEqual(await direct(reply.method, reply.input));
    const playlist = (
      replies!.find((reply) => reply.method === 'settings.display')!.result as {
        playlist: Array<{ slideId: string; enabled: boolean }>;
      }
    ).playlist;
    // The default playlist starts with the KPI slide, whose read the frame makes anyway.
    expect(playlist.find((entry) => entry.enabled)?.slideId).toBe('kpi');
  });

  it('brings a pinned slide’s read, and no text in the data can end the data block', async () => {
    const { html, replies } = await load(`/?slide=activity&token=${http.tokens.viewer}`);
    const activity = replies?.find(
      (reply) => reply.method === 'activity.list' && JSON.stringify(reply.input) !== JSON.stringify({ limit: 1 }),
    );
    expect(activity?.input).toEqual({ limit: ACTIVITY_FEED_LENGTH });
    expect(activity?.result).toEqual(await direct('activity.list', { limit: ACTIVITY_FEED_LENGTH }));
    const bySql = core.ctx.db.prepare(`SELECT count(*) AS n FROM deals WHERE title = ?`).get(HOSTILE_TITLE) as {
      n: number;
    };
    expect(bySql.n).toBe(1);
    expect(JSON.stringify(activity?.result)).toContain('Rollout </script>');
    // one data block, whose text holds no '<' at all
    expect(html.split('<script').length).toBe(2);
    expect(html.slice(html.indexOf(FIRST_PAINT_ELEMENT_ID)).split('</script>')[0]).not.toContain('<');
  });

  it('holds no data without a valid token, for the admin and report pages, or for another site’s link', async () => {
    const pages = [
      await load('/'),
      await load('/?token=not-a-token'),
      await load(`/admin?token=${http.tokens.admin}`),
      await load(`/?view=report&token=${http.tokens.viewer}`),
      await load(`/?token=${http.tokens.viewer}`, { 'Sec-Fetch-Site': 'cross-site', 'Sec-Fetch-Dest': 'document' }),
      await load(`/?token=${http.tokens.viewer}`, { 'Sec-Fetch-Site': 'same-origin', 'Sec-Fetch-Dest': 'iframe' }),
    ];
    for (const page of pages) {
      expect(page.res.status).toBe(200);
      expect(page.replies).toBeNull();
      expect(page.html).toBe(INDEX_HTML);
      expect(page.res.headers.get('cache-control')).toBe('no-cache');
    }
    // a typed-in link is a page of its own
    const typed = await load(`/?token=${http.tokens.viewer}`, {
      'Sec-Fetch-Site': 'none',
      'Sec-Fetch-Dest': 'document',
    });
    expect(typed.replies).not.toBeNull();
  });
});
