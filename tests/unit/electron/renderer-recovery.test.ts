import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, RendererRecovery, type RecoveryPolicy } from '../../../electron/main/renderer-recovery';

const policy: RecoveryPolicy = {
  baseDelayMs: 1000,
  maxDelayMs: 8000,
  maxFailures: 4,
  windowMs: 60_000,
  hangGraceMs: 5000,
};

/** A recovery on a hand-driven clock: timers run only when the test moves time on. */
function setup() {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextTimer = 1;
  const actions = {
    reload: vi.fn(),
    forceCrash: vi.fn(),
    relaunch: vi.fn(),
    log: vi.fn(),
    now: () => now,
    setTimer: (run: () => void, ms: number) => {
      const id = nextTimer++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at <= now && timers.has(id)) {
        timers.delete(id);
        timer.run();
      }
    }
  };
  return { recovery: new RendererRecovery(actions, policy), actions, advance };
}

describe('backoffDelay', () => {
  it('doubles from the base up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });
});

describe('RendererRecovery', () => {
  it('reloads after a crash once the delay has passed, waiting longer after each crash', () => {
    const { recovery, actions, advance } = setup();
    expect(recovery.crashed('crashed')).toBe('reload');
    advance(999);
    expect(actions.reload).not.toHaveBeenCalled();
    advance(1);
    expect(actions.reload).toHaveBeenCalledTimes(1);

    expect(recovery.crashed('oom')).toBe('reload');
    advance(1999);
    expect(actions.reload).toHaveBeenCalledTimes(1);
    advance(1);
    expect(actions.reload).toHaveBeenCalledTimes(2);
  });

  it('relaunches the app after maxFailures crashes within the window, and only once', () => {
    const { recovery, actions, advance } = setup();
    for (let n = 1; n < policy.maxFailures; n += 1) {
      expect(recovery.crashed('crashed')).toBe('reload');
      advance(policy.maxDelayMs);
    }
    expect(recovery.crashed('crashed')).toBe('relaunch');
    expect(actions.relaunch).toHaveBeenCalledOnce();
    expect(recovery.crashed('crashed')).toBe('ignored');
    expect(actions.relaunch).toHaveBeenCalledOnce();
  });

  it('forgets crashes older than the window: a crash a day never relaunches', () => {
    const { recovery, actions, advance } = setup();
    for (let n = 0; n < policy.maxFailures * 3; n += 1) {
      expect(recovery.crashed('crashed')).toBe('reload');
      advance(policy.windowMs);
    }
    expect(actions.relaunch).not.toHaveBeenCalled();
    expect(actions.reload).toHaveBeenCalledTimes(policy.maxFailures * 3);
  });

  it('ignores a clean exit and a second report of the same failure', () => {
    const { recovery, actions, advance } = setup();
    expect(recovery.crashed('clean-exit')).toBe('ignored');
    expect(recovery.crashed('crashed')).toBe('reload');
    expect(recovery.crashed('killed')).toBe('ignored');
    advance(policy.maxDelayMs);
    expect(actions.reload).toHaveBeenCalledOnce();
  });

  it('kills a page that stays unresponsive for the grace period, then reloads it', () => {
    const { recovery, actions, advance } = setup();
    recovery.unresponsive();
    recovery.unresponsive();
    advance(policy.hangGraceMs - 1);
    expect(actions.forceCrash).not.toHaveBeenCalled();
    advance(1);
    expect(actions.forceCrash).toHaveBeenCalledOnce();
    // The kill's own render-process-gone is the same failure.
    expect(recovery.crashed('killed')).toBe('ignored');
    advance(policy.baseDelayMs);
    expect(actions.reload).toHaveBeenCalledOnce();
  });

  it('leaves a page alone that answers within the grace period', () => {
    const { recovery, actions, advance } = setup();
    recovery.unresponsive();
    advance(policy.hangGraceMs - 1);
    recovery.responsive();
    advance(policy.hangGraceMs * 10);
    expect(actions.forceCrash).not.toHaveBeenCalled();
    expect(actions.reload).not.toHaveBeenCalled();
  });

  it('stops its timers when disposed', () => {
    const { recovery, actions, advance } = setup();
    recovery.crashed('crashed');
    recovery.unresponsive();
    recovery.dispose();
    advance(policy.windowMs);
    expect(actions.reload).not.toHaveBeenCalled();
    expect(actions.forceCrash).not.toHaveBeenCalled();
  });
});
