/**
 * The HTTP client reports an upload's progress when asked (a file import), through XMLHttpRequest since
 * fetch cannot; the reply is read as for any call.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@shared/api-error';
import { createHttpClient } from '../../../src/api/client';

/** A stand-in XMLHttpRequest: records what is sent, then uploads in two steps and answers. */
class FakeXhr {
  static last: FakeXhr | undefined;
  static reply = { status: 200, body: '{"result":{"imported":3}}' };
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body = '';
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = {
    onprogress: null,
  };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;

  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(body: string): void {
    this.body = body;
    this.upload.onprogress?.({ lengthComputable: true, loaded: body.length / 2, total: body.length });
    this.upload.onprogress?.({ lengthComputable: true, loaded: body.length, total: body.length });
    this.status = FakeXhr.reply.status;
    this.responseText = FakeXhr.reply.body;
    setTimeout(() => this.onload?.(), 0);
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('createHttpClient upload progress', () => {
  it('posts the JSON with XMLHttpRequest and reports the bytes sent', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const fetch = vi.fn();
    const client = createHttpClient({ fetch });
    const progress: [number, number][] = [];
    const input = {
      fileName: 'a.csv',
      content: 'x',
      format: 'custom' as const,
      mapping: { target: 'deals' as const, columns: {} },
    };
    const result = await client.call('import.run', input, {
      onUploadProgress: (sent, total) => progress.push([sent, total]),
    });
    expect(result).toEqual({ imported: 3 });
    expect(fetch).not.toHaveBeenCalled();
    const xhr = FakeXhr.last!;
    expect([xhr.method, xhr.url, xhr.headers['content-type']]).toEqual(['POST', '/api/import.run', 'application/json']);
    expect(JSON.parse(xhr.body)).toEqual(input);
    expect(progress).toEqual([
      [xhr.body.length / 2, xhr.body.length],
      [xhr.body.length, xhr.body.length],
    ]);
  });

  it('turns an error reply into an ApiError as fetch replies are', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    FakeXhr.reply = { status: 400, body: '{"error":{"code":"invalid_input","message":"Line 2: bad"}}' };
    const client = createHttpClient({ fetch: vi.fn() });
    const call = client.call('export.all', {}, { onUploadProgress: () => undefined });
    await expect(call).rejects.toEqual(new ApiError('invalid_input', 'Line 2: bad'));
  });
});
