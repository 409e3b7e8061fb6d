import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WindowKeeper } from '../../../electron/main/window-keeper';

class FakeWindow extends EventEmitter {
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  close() {
    this.destroyed = true;
    this.emit('closed');
  }
}

describe('WindowKeeper', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('makes a new window when the window closes, instead of letting the app end', () => {
    const created: FakeWindow[] = [];
    const keeper = new WindowKeeper(() => {
      const win = new FakeWindow();
      created.push(win);
      return win;
    }, 500);
    keeper.start();
    created[0]!.close();
    expect(keeper.current()).toBeUndefined();
    vi.advanceTimersByTime(500);
    expect(created).toHaveLength(2);
    expect(keeper.current()).toBe(created[1]);
    created[1]!.close();
    vi.advanceTimersByTime(500);
    expect(created).toHaveLength(3);
  });

  it('keeps one window: start() while it lives returns it', () => {
    const create = vi.fn(() => new FakeWindow());
    const keeper = new WindowKeeper(create);
    const first = keeper.start();
    expect(keeper.start()).toBe(first);
    expect(create).toHaveBeenCalledOnce();
  });

  it('lets the window go on a real quit', () => {
    const create = vi.fn(() => new FakeWindow());
    const keeper = new WindowKeeper(create, 500);
    const win = keeper.start() as FakeWindow;
    keeper.stop();
    win.close();
    vi.advanceTimersByTime(5000);
    expect(create).toHaveBeenCalledOnce();
  });
});
