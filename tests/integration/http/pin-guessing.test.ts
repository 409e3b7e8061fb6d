/**
 * The viewer link is on the wall as a QR code, so anyone in the room holds it: it must not be able to try
 * admin PINs, neither to guess one nor to lock the admin out with five wrong ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServerHandle } from '../../../electron/core/http/server';
import { setPin } from '../../../electron/core/services/writes/admin-pin-service';
import { startTempCore, type TempCore } from './temp-core';

const RIGHT_PIN = '482913';
let temp: TempCore;
let http: HttpServerHandle;

beforeAll(async () => {
  temp = startTempCore('alignboard-pin-');
  setPin(temp.core.ctx, { pin: RIGHT_PIN });
  http = await createHttpServer(temp.core, { staticDir: temp.staticDir, port: 0 });
});

afterAll(async () => {
  await http?.close();
  temp?.remove();
});

function verify(token: string, pin: string): Promise<Response> {
  return fetch(`${http.url}/api/admin.verifyPin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, origin: http.url },
    body: JSON.stringify({ pin }),
  });
}

describe('a viewer trying admin PINs', () => {
  it('is refused every try, the right PIN included, and cannot lock the admin out', async () => {
    for (const pin of ['0000', '1111', '2222', '3333', '4444', '5555', '6666', RIGHT_PIN]) {
      const res = await verify(http.tokens.viewer, pin);
      expect(res.status).toBe(403);
      // The answer is the same for the right PIN as for a wrong one: it tells the viewer nothing.
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    }
    const admin = await verify(http.tokens.admin, RIGHT_PIN);
    expect(admin.status).toBe(200);
    expect(await admin.json()).toEqual({ result: { ok: true } });
  });

  it('leaves the admin its own throttle: five wrong PINs lock out, and the lockout answers before any check', async () => {
    for (let i = 1; i <= 4; i++) {
      expect(await (await verify(http.tokens.admin, '9999')).json()).toEqual({
        result: { ok: false, attemptsLeft: 5 - i },
      });
    }
    expect(await (await verify(http.tokens.admin, '9999')).json()).toEqual({
      result: { ok: false, retryAfterSeconds: 30 },
    });
    expect(await (await verify(http.tokens.admin, RIGHT_PIN)).json()).toEqual({
      result: { ok: false, retryAfterSeconds: 30 },
    });
  });
});
