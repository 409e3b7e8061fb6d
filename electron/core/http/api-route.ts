/**
 * `POST /api/<method>`: the HTTP face of the dispatch. JSON in, JSON out; the status code carries the
 * contract's error code so that proxies and logs see failures for what they are.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { isMethodName, methodAccess } from '@shared/contract';
import type { Core } from '../create-core';
import type { AccessRole } from '../secrets/access-tokens';
import { clientKey, type Gate } from './authorize';
import { sendError, sendJson, STATUS_BY_CODE } from './responses';

/**
 * The slowest a request body may arrive: the whole body of a method must be in within the time its declared
 * input cap takes at this rate, and never less than {@link MIN_BODY_MS}. A deal (capped at 1 MB) thus has
 * 10 s, a 128 MB import about 4 minutes; a client that trickles a small body is cut off quickly.
 */
export const MIN_BODY_BYTES_PER_SECOND = 512 * 1024;
/** The least time any body gets, for a slow phone on a busy Wi-Fi. */
export const MIN_BODY_MS = 10_000;

/** How long the body of a call with this input cap may take to arrive. */
export function bodyDeadlineMs(maxInputBytes: number): number {
  return Math.max(MIN_BODY_MS, Math.ceil((maxInputBytes / MIN_BODY_BYTES_PER_SECOND) * 1000));
}

/**
 * Answers one API call. `method` is the raw, still URL-encoded segment after `/api/`; the caller has
 * already authenticated the request as `role`, before any routing. `server` is the one answering, so that
 * a change that would close it can wait until the answer is out.
 */
export async function handleApiCall(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  encodedMethod: string,
  access: { gate: Gate; role: AccessRole; server: Server; bodyDeadlineMs?: (maxInputBytes: number) => number },
): Promise<void> {
  if (req.method !== 'POST') {
    // A GET that changed data could be triggered by any <img> on any page; so every method is POST only.
    sendError(res, 405, { code: 'invalid_input', message: 'API methods are called with POST.' }, { Allow: 'POST' });
    return;
  }
  const method = safeDecode(encodedMethod);
  if (method === undefined || !isMethodName(method)) {
    sendError(res, 404, { code: 'unknown_method', message: `There is no method called "${method ?? encodedMethod}".` });
    return;
  }
  const declared = methodAccess(method);
  const permission = access.gate.permit(req, access.role, declared);
  if (!permission.ok) {
    sendError(res, permission.status, { code: 'forbidden', message: permission.message }, permission.headers);
    return;
  }
  // Requiring JSON also keeps plain HTML forms on other sites from posting here: a cross-site request
  // with this content type needs a CORS preflight, which this server never grants.
  if (mediaType(req.headers['content-type']) !== 'application/json') {
    sendError(res, 415, { code: 'invalid_input', message: 'Send the input as JSON (Content-Type: application/json).' });
    return;
  }
  const limit = declared.maxInputBytes;
  const body = await readBody(req, limit, (access.bodyDeadlineMs ?? bodyDeadlineMs)(limit));
  // Nobody is left to answer.
  if (body === 'aborted') return;
  if (body === 'too-slow') {
    sendError(
      res,
      408,
      { code: 'invalid_input', message: 'The request body arrived too slowly; send it again.' },
      { Connection: 'close' },
    );
    // The rest of a trickled body is not waited for.
    res.once('finish', () => req.destroy());
    return;
  }
  if (body === 'too-large') {
    sendError(
      res,
      413,
      { code: 'invalid_input', message: `The request body is larger than ${limit} bytes.` },
      { Connection: 'close' },
    );
    return;
  }
  let input: unknown;
  if (body.length > 0) {
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      sendError(res, 400, { code: 'invalid_input', message: 'The request body is not valid JSON.' });
      return;
    }
  }
  // 'close' also comes when the client went away first, so a change waiting for the answer never waits for ever.
  const answered = new Promise<void>((resolve) => {
    res.once('finish', resolve);
    res.once('close', resolve);
  });
  const outcome = await core.dispatch(method, input, {
    role: access.role,
    key: clientKey(req.socket.remoteAddress),
    http: { server: access.server, answered },
  });
  if (outcome.ok) sendJson(res, 200, { result: outcome.result });
  else sendError(res, STATUS_BY_CODE[outcome.error.code], outcome.error);
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** 'application/json; charset=utf-8' → 'application/json'. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

type BodyOutcome = Buffer | 'too-large' | 'too-slow' | 'aborted';

/**
 * Reads the whole body, or stops at `limit` bytes and reports 'too-large', or after `deadlineMs` and
 * reports 'too-slow'; 'aborted' when the client went away first. A declared Content-Length over the limit
 * is refused before a byte is read.
 */
function readBody(req: IncomingMessage, limit: number, deadlineMs: number): Promise<BodyOutcome> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    // Drain rather than destroy, so that the client finishes sending and can read our 413.
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const deadline = setTimeout(() => settle('too-slow'), deadlineMs);
    const settle = (outcome: BodyOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      chunks.length = 0;
      resolve(outcome);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) settle('too-large');
      else chunks.push(chunk);
    });
    req.on('end', () => settle(Buffer.concat(chunks)));
    req.on('error', () => settle('aborted'));
    req.on('close', () => settle('aborted'));
  });
}
