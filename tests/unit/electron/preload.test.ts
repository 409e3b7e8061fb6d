import { beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type AlignboardBridge, type ServerEvent } from '@shared/contract';

const fake = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: vi.fn(async (..._args: unknown[]) => ({ ok: true, result: 'pong' })),
  });
  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)),
  };
  return { ipcRenderer, contextBridge, exposed };
});

vi.mock('electron', () => ({ ipcRenderer: fake.ipcRenderer, contextBridge: fake.contextBridge }));

const event: ServerEvent = { name: 'server.started', data: { bootId: 'boot-1', version: '0.1.0' } };

describe('preload', () => {
  let bridge: AlignboardBridge;

  beforeAll(async () => {
    await import('../../../electron/preload/index');
    bridge = fake.exposed.get('alignboard') as AlignboardBridge;
  });

  it('exposes exactly invoke and subscribe as window.alignboard, nothing else', () => {
    expect(fake.contextBridge.exposeInMainWorld).toHaveBeenCalledOnce();
    expect([...fake.exposed.keys()]).toEqual(['alignboard']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(fake.ipcRenderer);
    }
  });

  it('sends calls on the contract invoke channel and returns the answer', async () => {
    await expect(bridge.invoke('funnel.get', {})).resolves.toEqual({ ok: true, result: 'pong' });
    expect(fake.ipcRenderer.invoke).toHaveBeenCalledExactlyOnceWith(IPC_INVOKE_CHANNEL, 'funnel.get', {});
  });

  it('delivers events from the contract event channel without the IPC event object', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.subscribe(listener);
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, { sender: 'must not leak' }, event);
    expect(listener).toHaveBeenCalledExactlyOnceWith(event);
    unsubscribe();
  });

  it('unsubscribe removes only its own listener', () => {
    const before = fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL);
    const first = vi.fn();
    const second = vi.fn();
    const unsubscribeFirst = bridge.subscribe(first);
    const unsubscribeSecond = bridge.subscribe(second);
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(before + 2);

    unsubscribeFirst();
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(before + 1);
    fake.ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, event);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledExactlyOnceWith(event);

    unsubscribeSecond();
    expect(fake.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(before);
  });
});
