/**
 * `GET /api/events`: Server-Sent Events to every open display. Each connection first gets
 * 'server.started' (a display that sees a new bootId reloads), then, if it reconnects with
 * Last-Event-ID, the activity it missed, then every event on the bus as it happens.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerEvent } from '@shared/contract';
import type { Core } from '../create-core';
import { listActivityEvents } from '../db/repositories/activity-repository';
import { sendError } from './responses';

/** Options for {@link createSseHub}. */
export interface SseOptions {
  /** how often a comment line keeps proxies and idle timers from closing the stream (default 15 s) */
  heartbeatMs?: number;
  /** most missed events sent on reconnect (the newest ones); a display that missed more reloads its lists anyway */
  replayLimit?: number;
  /** a client that stops reading is cut off once this much is queued for it (it reconnects and replays) */
  maxBufferedBytes?: number;
  /** most streams open at once with one token (default 100: every screen of a room shares the viewer's) */
  maxStreamsPerToken?: number;
  /** most streams open at once in total (default 200); each holds a socket and a bus listener */
  maxStreams?: number;
}

/** The open event streams of one server. */
export interface SseHub {
  /**
   * Answers `GET /api/events` and keeps the stream open; the server has checked the token already, and
   * `token` names which one (its role), for the per-token cap. Past a cap the answer is 503 with
   * Retry-After, and the client tries again later.
   */
  handle(req: IncomingMessage, res: ServerResponse, token: string): void;
  /** Ends every open stream (on shutdown). */
  closeAll(): void;
  /** how many streams are open */
  readonly size: number;
}

/** Formats one event in the SSE wire format; activity events carry their seq as the event id. */
export function formatSseEvent(event: ServerEvent): string {
  const id = event.name === 'activity.recorded' ? `id: ${event.data.seq}\n` : '';
  // JSON.stringify escapes line breaks, so the payload always fits on one data line.
  return `event: ${event.name}\n${id}data: ${JSON.stringify(event.data)}\n\n`;
}

/** Creates the hub that serves event streams from the core's bus. */
export function createSseHub(core: Core, options: SseOptions = {}): SseHub {
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const replayLimit = options.replayLimit ?? 500;
  const maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
  const maxPerToken = options.maxStreamsPerToken ?? 100;
  const maxTotal = options.maxStreams ?? 200;
  const closers = new Set<() => void>();
  const openPerToken = new Map<string, number>();

  function handle(req: IncomingMessage, res: ServerResponse, token: string): void {
    if (req.method !== 'GET') {
      sendError(res, 405, { code: 'invalid_input', message: 'Open the event stream with GET.' }, { Allow: 'GET' });
      return;
    }
    const ofToken = openPerToken.get(token) ?? 0;
    if (closers.size >= maxTotal || ofToken >= maxPerToken) {
      sendError(
        res,
        503,
        { code: 'conflict', message: 'Too many screens follow this wall right now; trying again shortly.' },
        { 'Retry-After': '30', Connection: 'close' },
      );
      return;
    }
    openPerToken.set(token, ofToken + 1);

    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // nginx and similar proxies would otherwise hold events back in a buffer
      'X-Accel-Buffering': 'no',
    });
    req.socket.setNoDelay(true);

    let lastSeq = 0;
    let open = true;
    const send = (event: ServerEvent): void => {
      if (!open) return;
      if (event.name === 'activity.recorded') {
        // An event can arrive both from the replay and from the bus; send each once, in order.
        if (event.data.seq <= lastSeq) return;
        lastSeq = event.data.seq;
      }
      res.write(formatSseEvent(event));
      if (res.writableLength > maxBufferedBytes) close();
    };

    res.write('retry: 2000\n\n');
    send({ name: 'server.started', data: { bootId: core.appInfo.bootId, version: core.appInfo.version } });

    // Subscribing and replaying in the same synchronous turn leaves no gap in which an event could be lost.
    const unsubscribe = core.ctx.bus.subscribe(send);
    const after = parseLastEventId(req.headers['last-event-id']);
    if (after !== undefined) {
      // The newest `replayLimit` events, newest first; those the client has not seen go out oldest first.
      const missed = listActivityEvents(core.ctx.db, { limit: replayLimit }).filter((event) => event.seq > after);
      for (const data of missed.reverse()) send({ name: 'activity.recorded', data });
    }

    const heartbeat = setInterval(() => {
      if (open) res.write(': heartbeat\n\n');
    }, heartbeatMs);
    heartbeat.unref();

    function close(): void {
      if (!open) return;
      open = false;
      clearInterval(heartbeat);
      unsubscribe();
      closers.delete(close);
      const left = (openPerToken.get(token) ?? 1) - 1;
      if (left > 0) openPerToken.set(token, left);
      else openPerToken.delete(token);
      res.end();
    }
    closers.add(close);
    res.on('close', close);
  }

  return {
    handle,
    closeAll() {
      for (const close of [...closers]) close();
    },
    get size() {
      return closers.size;
    },
  };
}

/** The seq a reconnecting EventSource last saw, or undefined when absent or not a seq. */
function parseLastEventId(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,15}$/.test(value.trim())) return undefined;
  return Number(value.trim());
}
