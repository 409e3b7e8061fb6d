import { pathToFileURL } from 'node:url';
import type { WebContents } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '@shared/contract';
import { EventBus } from '../../../electron/core/services/support/event-bus';
import { ADMIN_IDLE_MS, AdminSession, AdminSessions } from '../../../electron/main/admin-session';
import { needsUnlock, setupIpc, type Dispatch } from '../../../electron/main/ipc';
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
const RIGHT_PIN = '2468';

describe('AdminSession', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    return () => vi.useRealTimers();
  });

  it('starts locked, unlocks, and locks again after the idle time', () => {
    const session = new AdminSession();
    expect(session.isUnlocked()).toBe(false);
    session.unlock();
    vi.advanceTimersByTime(ADMIN_IDLE_MS - 1);
    expect(session.isUnlocked()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(session.isUnlocked()).toBe(false);
  });

  it('counts idle time from the last change', () => {
    const session = new AdminSession(1000);
    session.unlock();
    vi.advanceTimersByTime(800);
    session.touch();
    vi.advanceTimersByTime(800);
    expect(session.isUnlocked()).toBe(true);
    vi.advanceTimersByTime(200);
    expect(session.isUnlocked()).toBe(false);
  });

  it('does not unlock by being touched while locked', () => {
    const session = new AdminSession();
    session.touch();
    expect(session.isUnlocked()).toBe(false);
  });

  it('keeps one session per window and forgets windows that are gone', () => {
    const sessions = new AdminSessions();
    sessions.of(1).unlock();
    expect(sessions.of(2).isUnlocked()).toBe(false);
    sessions.retain(new Set([2]));
    expect(sessions.of(1).isUnlocked()).toBe(false);
  });
});

describe('needsUnlock', () => {
  it('gates writes, but not reads, the stand-up run, setting the PIN or unknown names', () => {
    expect(needsUnlock('deals.create')).toBe(true);
    expect(needsUnlock('backups.restore')).toBe(true);
    expect(needsUnlock('funnel.get')).toBe(false);
    expect(needsUnlock('admin.verifyPin')).toBe(false);
    expect(needsUnlock('meetings.recordRun')).toBe(false);
    expect(needsUnlock('admin.setPin')).toBe(false);
    expect(needsUnlock('setup.complete')).toBe(false);
    expect(needsUnlock('no.such')).toBe(false);
  });
});

describe('setupIpc with the admin PIN', () => {
  let dispatch: ReturnType<typeof vi.fn<Dispatch>>;
  let teardown: () => void;
  const windows = [{ id: 1 }, { id: 2 }].map((contents) => ({ ...contents, isDestroyed: () => false, send: vi.fn() }));
  const from = (id: number) => ({ sender: { id }, senderFrame: { url: ourPage } });

  beforeEach(() => {
    vi.useFakeTimers();
    fake.handlers.clear();
    // A stand-in for the core: verifyPin answers as the PIN service would; everything else succeeds.
    dispatch = vi.fn<Dispatch>(async (method, input) => {
      if (method === 'admin.verifyPin') {
        return { ok: true, result: { ok: (input as { pin: string }).pin === RIGHT_PIN } };
      }
      return { ok: true, result: { method } };
    });
    teardown = setupIpc(dispatch, new EventBus(), () => windows as unknown as WebContents[], prefix);
  });
  afterEach(() => {
    teardown();
    vi.useRealTimers();
  });

  function invoke(senderId: number, method: string, input: unknown = {}) {
    const handler = fake.handlers.get(IPC_INVOKE_CHANNEL);
    if (!handler) throw new Error('no invoke handler registered');
    return handler(from(senderId), method, input);
  }

  it('refuses a write before the PIN was given, without dispatching it', async () => {
    const result = await invoke(1, 'deals.create', { title: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('lets reads and the stand-up run through while locked', async () => {
    await expect(invoke(1, 'funnel.get')).resolves.toMatchObject({ ok: true });
    await expect(invoke(1, 'meetings.recordRun')).resolves.toMatchObject({ ok: true });
    expect(dispatch.mock.calls.map(([method]) => method)).toEqual(['funnel.get', 'meetings.recordRun']);
  });

  it('stays locked after a wrong PIN', async () => {
    await invoke(1, 'admin.verifyPin', { pin: '0000' });
    await expect(invoke(1, 'deals.create')).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('allows writes after the right PIN, in that window only', async () => {
    await expect(invoke(1, 'admin.verifyPin', { pin: RIGHT_PIN })).resolves.toEqual({ ok: true, result: { ok: true } });
    await expect(invoke(1, 'deals.create')).resolves.toEqual({ ok: true, result: { method: 'deals.create' } });
    await expect(invoke(2, 'deals.create')).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('unlocks the window that sets the PIN (first use)', async () => {
    await expect(invoke(1, 'admin.setPin', { pin: RIGHT_PIN })).resolves.toMatchObject({ ok: true });
    await expect(invoke(1, 'backups.create')).resolves.toMatchObject({ ok: true });
  });

  it('lets a locked window complete the first-run setup, which unlocks that window only', async () => {
    await expect(invoke(1, 'setup.complete', { adminPin: RIGHT_PIN })).resolves.toMatchObject({ ok: true });
    await expect(invoke(1, 'backups.create')).resolves.toMatchObject({ ok: true });
    await expect(invoke(2, 'backups.create')).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('stays locked when the first-run setup is refused', async () => {
    dispatch.mockImplementationOnce(async () => ({ ok: false, error: { code: 'conflict', message: 'set up' } }));
    await expect(invoke(1, 'setup.complete', { adminPin: RIGHT_PIN })).resolves.toMatchObject({ ok: false });
    await expect(invoke(1, 'backups.create')).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('locks again after 15 minutes without a change, and a change restarts the countdown', async () => {
    await invoke(1, 'admin.verifyPin', { pin: RIGHT_PIN });
    vi.advanceTimersByTime(ADMIN_IDLE_MS - 60_000);
    await expect(invoke(1, 'deals.create')).resolves.toMatchObject({ ok: true });
    vi.advanceTimersByTime(ADMIN_IDLE_MS - 1);
    await expect(invoke(1, 'deals.create')).resolves.toMatchObject({ ok: true });
    vi.advanceTimersByTime(ADMIN_IDLE_MS);
    await expect(invoke(1, 'deals.create')).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
