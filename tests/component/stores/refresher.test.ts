import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRefresher, REFRESH_MAX_WAIT_MS } from '../../../src/stores/refresher';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createRefresher', () => {
  it('loads once after a burst settles', async () => {
    const load = vi.fn(async () => undefined);
    const refresher = createRefresher(load, 200);
    for (let i = 0; i < 5; i += 1) {
      refresher.schedule();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(load).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('still loads during an endless stream of events, at the latest after the maximum wait', async () => {
    const load = vi.fn(async () => undefined);
    const refresher = createRefresher(load, 200);
    for (let elapsed = 0; elapsed < REFRESH_MAX_WAIT_MS; elapsed += 100) {
      refresher.schedule();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('never runs two loads at once, and loads again when asked during a load', async () => {
    let release: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const load = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          running += 1;
          most = Math.max(most, running);
          release = () => {
            running -= 1;
            resolve();
          };
        }),
    );
    const refresher = createRefresher(load);
    const first = refresher.now();
    const second = refresher.now();
    expect(load).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(load).toHaveBeenCalledTimes(2);
    release();
    await Promise.all([first, second]);
    expect(most).toBe(1);
  });
});
