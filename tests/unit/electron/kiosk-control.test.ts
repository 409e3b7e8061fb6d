import { describe, expect, it, vi } from 'vitest';
import { AdminSession } from '../../../electron/main/admin-session';
import { createKioskControl, SHELL_NIGHT_CHANGED, SHELL_SET_KIOSK } from '../../../electron/main/kiosk-control';

function setup() {
  const deps = { setNight: vi.fn(), setKiosk: vi.fn() };
  const methods = createKioskControl(deps);
  const session = new AdminSession();
  const call = async (name: string, input: unknown) => methods[name]!(input, { webContentsId: 7, session });
  return { deps, session, call };
}

describe('display.nightChanged', () => {
  it('passes the night flag on', async () => {
    const { deps, call } = setup();
    await expect(call(SHELL_NIGHT_CHANGED, { night: true })).resolves.toEqual({ ok: true, result: null });
    expect(deps.setNight).toHaveBeenCalledExactlyOnceWith(true);
  });

  it.each([
    [undefined],
    [null],
    ['true'],
    [[true]],
    [{}],
    [{ night: 'yes' }],
    [{ night: 1 }],
    [{ night: true, extra: 1 }],
    [JSON.parse('{"__proto__": {"night": true}}')],
    [Object.create({ night: true })],
  ])('refuses %o', async (input) => {
    const { deps, call } = setup();
    await expect(call(SHELL_NIGHT_CHANGED, input)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(deps.setNight).not.toHaveBeenCalled();
  });
});

describe('kiosk.setEnabled', () => {
  it('will not leave kiosk mode without the PIN (Esc alone does nothing, and neither does this)', async () => {
    const { deps, call } = setup();
    await expect(call(SHELL_SET_KIOSK, { kiosk: false })).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(deps.setKiosk).not.toHaveBeenCalled();
  });

  it('leaves kiosk mode once the PIN was given in this window, and goes back freely', async () => {
    const { deps, call, session } = setup();
    session.unlock();
    await expect(call(SHELL_SET_KIOSK, { kiosk: false })).resolves.toMatchObject({ ok: true });
    expect(deps.setKiosk).toHaveBeenLastCalledWith(7, false);
    session.lock();
    await expect(call(SHELL_SET_KIOSK, { kiosk: true })).resolves.toMatchObject({ ok: true });
    expect(deps.setKiosk).toHaveBeenLastCalledWith(7, true);
    session.lock();
  });

  it('refuses a malformed input', async () => {
    const { deps, call, session } = setup();
    session.unlock();
    await expect(call(SHELL_SET_KIOSK, { kiosk: 0 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(deps.setKiosk).not.toHaveBeenCalled();
    session.lock();
  });
});
