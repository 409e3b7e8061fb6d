/**
 * Limits of the LAN server that keep one client from holding its resources: event streams are capped per
 * token and in total (5,000 attempts leave at most the cap open, and a screen still gets in once one
 * closes), and a body that trickles in is cut off after its method's deadline, while an import keeps its
 * long one.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '@shared/contract';
import { bodyDeadlineMs, MIN_BODY_MS } from '../../../electron/core/http/api-route';
import { createHttpServer, type HttpServerHandle } from '../../../electron/core/http/server';
import { openEventStream, type EventStream } from './sse-client';
import { startTempCore, type TempCore } from './temp-core';

let temp: TempCore;

beforeAll(() => {
  temp = startTempCore('alignboard-limits-');
});

afterAll(() => temp?.remove());

describe('event streams', () => {
  let http: HttpServerHandle;
  beforeAll(async () => {
    http = await createHttpServer(temp.core, {
      staticDir: temp.staticDir,
      port: 0,
      sse: { maxStreamsPerToken: 40, maxStreams: 60, heartbeatMs: 60_000 },
    });
  });
  afterAll(() => http.close());

  it('stay within their caps when 5,000 are opened with one token, and let a screen in once one closes', async () => {
    const open: EventStream[] = [];
    const statuses = new Map<number, number>();
    const url = `${http.url}/api/events?token=${http.tokens.viewer}`;
    // In batches, so that the refused ones have closed before the next ones come.
    for (let batch = 0; batch < 50; batch++) {
      const streams = await Promise.all(Array.from({ length: 100 }, () => openEventStream(url)));
      for (const stream of streams) {
        statuses.set(stream.status, (statuses.get(stream.status) ?? 0) + 1);
        if (stream.status === 200) open.push(stream);
        else stream.close();
      }
    }
    expect(statuses.get(200)).toBe(40);
    expect(statuses.get(503)).toBe(4960);

    // The admin's token has room of its own, up to the total cap.
    const admin = await Promise.all(
      Array.from({ length: 30 }, () => openEventStream(`${http.url}/api/events?token=${http.tokens.admin}`)),
    );
    expect(admin.filter((stream) => stream.status === 200)).toHaveLength(20);
    for (const stream of admin) stream.close();

    open.pop()!.close();
    await expect
      .poll(async () => {
        const again = await openEventStream(url);
        again.close();
        return again.status;
      })
      .toBe(200);
    for (const stream of open) stream.close();
  });
});

describe('slow request bodies', () => {
  it('give every method a short deadline and the file imports a long one, from the declared input cap', () => {
    expect(bodyDeadlineMs(apiMethods['deals.create'].access.maxInputBytes)).toBe(MIN_BODY_MS);
    expect(bodyDeadlineMs(apiMethods['admin.verifyPin'].access.maxInputBytes)).toBe(MIN_BODY_MS);
    expect(bodyDeadlineMs(apiMethods['import.run'].access.maxInputBytes)).toBeGreaterThan(20 * MIN_BODY_MS);
  });

  it('are cut off with 408 once a method’s deadline passes', async () => {
    const http = await createHttpServer(temp.core, {
      staticDir: temp.staticDir,
      port: 0,
      timeouts: { bodyMs: (maxInputBytes) => (maxInputBytes > 10_000_000 ? 600_000 : 300) },
    });
    try {
      const { port } = new URL(http.url);
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          // Headers promise 1,000 bytes; only a few ever come.
          socket.write(
            `POST /api/deals.create HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${http.tokens.admin}\r\n` +
              `Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"ti`,
          );
        });
        let received = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (received += chunk));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408 /);
      expect(reply).toContain('The request body arrived too slowly');
    } finally {
      await http.close();
    }
  });
});
