/**
 * Small helpers every route uses to answer: the security headers, JSON bodies, and the mapping from
 * contract error codes to HTTP status codes.
 */
import type { ServerResponse } from 'node:http';
import type { ApiErrorBody, ApiErrorCode } from '@shared/contract';

/**
 * The Content-Security-Policy of every response. Scripts only from our own origin; inline styles are
 * allowed because Vue's style bindings and Chart.js set them; no framing, so no clickjacking of the
 * admin page.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Sets the security headers; called first for every request so that no answer goes out without them. */
export function applySecurityHeaders(res: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}

/** The HTTP status for each contract error code. */
export const STATUS_BY_CODE: Readonly<Record<ApiErrorCode, number>> = {
  invalid_input: 400,
  forbidden: 403,
  unknown_method: 404,
  not_found: 404,
  conflict: 409,
  internal: 500,
};

/** Answers with a JSON body; API answers are never cached because they change with every write. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Answers with `{ error }` in the contract's shape. */
export function sendError(
  res: ServerResponse,
  status: number,
  error: ApiErrorBody,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error }, headers);
}

/** Answers a plain-text error (for static files, where a JSON body would help nobody). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}
