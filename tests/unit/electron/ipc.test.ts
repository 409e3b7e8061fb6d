import { pathToFileURL } from 'node:url';
import type { WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '@shared/contract';
import { EventBus } from '../../../electron/core/services/support/event-bus';
import { isOversized, isTrustedSender, MAX_INPUT_CHARS, setupIpc, type Dispatch } from '../../../electron/main/ipc';
import { rendererUrlPrefix } from '../../../electron/main/renderer-url';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

const fake = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => {
      if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.handlers.set(channel, handler);
    },
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  },
}));

const prefix = rendererUrlPrefix('/app/out/renderer');
const ourPage = `${pathToFileURL('/app/out/renderer/index.html').href}#/admin`;

function fakeContents(id: number) {
  return { id, destroyed: false, isDestroyed: vi.fn(), send: vi.fn() };
}

describe('isTrustedSender', () => {
  const own = new Set([1, 2]);

  it('trusts our own window showing our page', () => {
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: { url: ourPage } }, own, prefix)).toBe(true);
  });

  it('ignores a webContents we did not create, even on our page', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: { url: ourPage } }, own, prefix)).toBe(false);
  });

  it('ignores our window when its frame shows a foreign page', () => {
    const frame = { url: 'https://attacker.example/index.html' };
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: frame }, own, prefix)).toBe(false);
  });

  it('ignores a frame that is gone', () => {
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: null }, own, prefix)).toBe(false);
  });
});

describe('setupIpc', () => {
  const okResult = { ok: true as const, result: { stages: 3 } };
  let dispatch: ReturnType<typeof vi.fn<Dispatch>>;
  let bus: EventBus;
  let windows: ReturnType<typeof fakeContents>[];
  let teardown: () => void;

  beforeEach(() => {
    fake.handlers.clear();
    dispatch = vi.fn<Dispatch>(async () => okResult);
    bus = new EventBus();
    windows = [fakeContents(1), fakeContents(2)];
    for (const contents of windows) contents.isDestroyed.mockImplementation(() => contents.destroyed);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    teardown = setupIpc(dispatch, bus, () => windows as unknown as WebContents[], prefix);
    return () => teardown();
  });

  function invoke(event: unknown, method: unknown, input: unknown) {
    const handler = fake.handlers.get(IPC_INVOKE_CHANNEL);
    if (!handler) throw new Error('no invoke handler registered');
    return handler(event, method, input);
  }

  it('dispatches a call from our own window and returns the result', async () => {
    const result = await invoke({ sender: { id: 2 }, senderFrame: { url: ourPage } }, 'funnel.get', {});
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('funnel.get', {}, { role: 'kiosk', key: 'window:2' });
    expect(result).toEqual(okResult);
  });

  it('answers an unknown sender with forbidden and does not dispatch', async () => {
    const result = await invoke({ sender: { id: 99 }, senderFrame: { url: ourPage } }, 'deals.create', {});
    expect(dispatch).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('answers our window on a foreign page with forbidden and does not dispatch', async () => {
    const event = { sender: { id: 1 }, senderFrame: { url: 'https://attacker.example/' } };
    const result = await invoke(event, 'deals.create', {});
    expect(dispatch).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('stops trusting a window once it is no longer ours', async () => {
    windows = [windows[0]!];
    const result = await invoke({ sender: { id: 2 }, senderFrame: { url: ourPage } }, 'funnel.get', {});
    expect(dispatch).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a method name that is not a string', async () => {
    const result = await invoke({ sender: { id: 1 }, senderFrame: { url: ourPage } }, { toString: 1 }, {});
    expect(dispatch).not.toHaveBeenCalled();
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses an empty or absurdly long method name', async () => {
    const ours = { sender: { id: 1 }, senderFrame: { url: ourPage } };
    for (const method of ['', 'x'.repeat(10_000)]) {
      await expect(invoke(ours, method, {})).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a huge payload, and one that cannot be measured, without dispatching', async () => {
    const ours = { sender: { id: 1 }, senderFrame: { url: ourPage } };
    const huge = { title: 'x'.repeat(MAX_INPUT_CHARS + 1) };
    await expect(invoke(ours, 'deals.create', huge)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(invoke(ours, 'funnel.get', cyclic)).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    await expect(invoke(ours, 'funnel.get', { n: 1n })).resolves.toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('forwards every bus event to each live window of ours', () => {
    windows[1]!.destroyed = true;
    const data = { bootId: 'boot-1', version: '0.1.0' };
    bus.emit('server.started', data);
    expect(windows[0]!.send).toHaveBeenCalledExactlyOnceWith(IPC_EVENT_CHANNEL, { name: 'server.started', data });
    expect(windows[1]!.send).not.toHaveBeenCalled();
  });

  it('removes the handler and the bus subscription on teardown', () => {
    expect(bus.size).toBe(1);
    teardown();
    expect(fake.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    expect(bus.size).toBe(0);
    teardown = () => {};
  });
});

describe('isOversized', () => {
  it('caps ordinary calls at 1 MB and lets a CSV import carry its file', () => {
    const big = 'x'.repeat(MAX_INPUT_CHARS + 1);
    expect(isOversized('deals.create', { title: 'small' })).toBe(false);
    expect(isOversized('deals.create', { title: big })).toBe(true);
    expect(isOversized('import.run', { content: big })).toBe(false);
    expect(isOversized('no.such', { content: big })).toBe(true);
  });
});

describe('setupIpc with shell methods', () => {
  const ours = { sender: { id: 1 }, senderFrame: { url: ourPage } };
  const contents = [{ id: 1, isDestroyed: () => false, send: vi.fn() }] as unknown as WebContents[];

  function setupWithShell() {
    fake.handlers.clear();
    const dispatch = vi.fn<Dispatch>(async () => ({ ok: true, result: null }));
    const shell = vi.fn(() => ({ ok: true as const, result: 'shell' }));
    const teardown = setupIpc(dispatch, new EventBus(), () => contents, prefix, undefined, {
      'display.nightChanged': shell,
    });
    const handler = fake.handlers.get(IPC_INVOKE_CHANNEL)!;
    return { dispatch, shell, teardown, handler };
  }

  it('answers a shell method itself, with the caller, and never sends it to the core', async () => {
    const { dispatch, shell, teardown, handler } = setupWithShell();
    await expect(handler(ours, 'display.nightChanged', { night: true })).resolves.toEqual({
      ok: true,
      result: 'shell',
    });
    expect(shell).toHaveBeenCalledExactlyOnceWith({ night: true }, expect.objectContaining({ webContentsId: 1 }));
    expect(dispatch).not.toHaveBeenCalled();
    teardown();
  });

  it('refuses a shell method from a foreign sender, and does not take inherited names for shell methods', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { dispatch, shell, teardown, handler } = setupWithShell();
    const foreign = { sender: { id: 1 }, senderFrame: { url: 'https://attacker.example/' } };
    await expect(handler(foreign, 'display.nightChanged', { night: true })).resolves.toMatchObject({ ok: false });
    expect(shell).not.toHaveBeenCalled();
    await handler(ours, 'toString', {});
    expect(dispatch).toHaveBeenCalledExactlyOnceWith('toString', {}, { role: 'kiosk', key: 'window:1' });
    teardown();
  });
});
