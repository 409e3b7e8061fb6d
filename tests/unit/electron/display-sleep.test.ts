import { describe, expect, it } from 'vitest';
import { DisplaySleepGuard, type PowerSaveBlockerLike } from '../../../electron/main/display-sleep';

/** Electron's powerSaveBlocker: every start() is another blocker, each stopped on its own. */
function fakeBlocker() {
  let nextId = 1;
  const started = new Map<number, string>();
  const blocker: PowerSaveBlockerLike & { started: Map<number, string>; starts: number } = {
    started,
    starts: 0,
    start(type) {
      blocker.starts += 1;
      const id = nextId++;
      started.set(id, type);
      return id;
    },
    stop: (id) => void started.delete(id),
    isStarted: (id) => started.has(id),
  };
  return blocker;
}

describe('DisplaySleepGuard', () => {
  it('prevents display sleep while showing, with exactly one blocker however often it is asked', () => {
    const blocker = fakeBlocker();
    const guard = new DisplaySleepGuard(blocker);
    for (let n = 0; n < 5; n += 1) guard.setShowing(true);
    guard.setNight(false);
    guard.setNight(false);
    expect(blocker.starts).toBe(1);
    expect([...blocker.started.values()]).toEqual(['prevent-display-sleep']);
    expect(guard.isBlocking()).toBe(true);
  });

  it('lets the display sleep during the night and blocks again in the morning', () => {
    const blocker = fakeBlocker();
    const guard = new DisplaySleepGuard(blocker);
    guard.setShowing(true);
    guard.setNight(true);
    guard.setNight(true);
    expect(blocker.started.size).toBe(0);
    expect(guard.isBlocking()).toBe(false);
    guard.setNight(false);
    expect(blocker.started.size).toBe(1);
  });

  it('does not block before the window shows, and releases on dispose', () => {
    const blocker = fakeBlocker();
    const guard = new DisplaySleepGuard(blocker);
    guard.setNight(false);
    expect(blocker.started.size).toBe(0);
    guard.setShowing(true);
    guard.dispose();
    expect(blocker.started.size).toBe(0);
  });

  it('starts a new blocker if the old one was stopped behind its back', () => {
    const blocker = fakeBlocker();
    const guard = new DisplaySleepGuard(blocker);
    guard.setShowing(true);
    blocker.started.clear();
    guard.setShowing(true);
    expect(blocker.started.size).toBe(1);
  });
});
