/**
 * The import over the real HTTP server: file-carrying methods accept bodies over the 1 MB every other
 * method is held to, yet have a cap of their own (413), and a running import reports its progress to every
 * event stream as 'import.progressed'.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportProgress } from '@shared/import-types';
import { createHttpServer, type HttpServerHandle } from '../../../electron/core/http/server';
import { apiMethods } from '@shared/contract';
import { DEFAULT_MAX_INPUT_BYTES as MAX_BODY_BYTES } from '@shared/methods/define';
import { openEventStream } from '../http/sse-client';
import { importText, openHarness, type ImportHarness } from './import-support';

let h: ImportHarness;
let http: HttpServerHandle;

beforeAll(async () => {
  h = openHarness();
  const staticDir = join(h.dir, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Alignboard</title>');
  http = await createHttpServer(h.core, { staticDir, port: 0, sse: { heartbeatMs: 1_000 } });
});
afterAll(async () => {
  await http.close();
  h.close();
});

function post(method: string, body: string): Promise<Response> {
  return fetch(`${http.url}/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${http.tokens.admin}` },
    body,
  });
}

/** A HubSpot deals file of `rows` generated rows. */
function deals(rows: number): string {
  const lines = ['Record ID,Deal Name,Deal Stage,Close Date,Deal owner,Amount,Create Date,Pipeline,Currency'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `${500_000 + i},Deal ${i},Qualified To Buy,,Ana Lima,${100 + (i % 900)},2026-03-02 09:00,Sales Pipeline,EUR`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('import over HTTP', () => {
  it('takes a file of several MB and streams progress events while it is read', async () => {
    const text = deals(40_000);
    expect(text.length).toBeGreaterThan(2 * MAX_BODY_BYTES);
    const stream = await openEventStream(`${http.url}/api/events?token=${http.tokens.viewer}`);
    try {
      const { input } = await importText(h, text);
      const importId = randomUUID();
      const res = await post('import.run', JSON.stringify({ ...input, importId }));
      expect(res.status).toBe(200);
      const { result } = (await res.json()) as { result: { imported: number; importId: string } };
      expect(result).toMatchObject({ imported: 40_000, importId });

      await stream.waitFor((message) => message.event === 'import.progressed' && message.data!.includes('"done"'));
      const progress = stream.messages
        .filter((message) => message.event === 'import.progressed')
        .map((message) => JSON.parse(message.data!) as ImportProgress);
      expect(progress.every((event) => event.importId === importId)).toBe(true);
      const parsing = progress.filter((event) => event.phase === 'parsing');
      // A progress event at least every few thousand rows, counting up to the whole file.
      expect(parsing.length).toBeGreaterThanOrEqual(5);
      expect(parsing.map((event) => event.rows)).toEqual([...parsing.map((event) => event.rows)].sort((a, b) => a - b));
      expect(progress.at(-1)).toEqual({
        importId,
        phase: 'done',
        rows: 40_000,
        totalBytes: Buffer.byteLength(text),
        doneBytes: Buffer.byteLength(text),
      });
      expect(progress.map((event) => event.phase).slice(-2)).toEqual(['writing', 'done']);
    } finally {
      stream.close();
    }
  });

  it('keeps the 1 MB cap for every other method', async () => {
    const res = await post('deals.create', JSON.stringify({ title: 'x'.repeat(MAX_BODY_BYTES + 10) }));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      `The request body is larger than ${MAX_BODY_BYTES} bytes.`,
    );
  });

  it('refuses an import body over its own cap before reading it', async () => {
    const limit = apiMethods['import.run'].access.maxInputBytes;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${http.url}/api/import.run`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(limit + 1),
          authorization: `Bearer ${http.tokens.admin}`,
        },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.write('{"fileName":"x.csv","content":"');
    });
    expect(status).toBe(413);
  });
});
