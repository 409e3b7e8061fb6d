import { describe, expect, it } from 'vitest';
import {
  combineWins,
  createCelebrationBatcher,
  sourceOf,
  type Celebration,
  type CelebrationGate,
  type Scheduler,
  type Win,
} from '../../../src/lib/celebration-batcher';

/** A clock that only moves when the test says so, with the timers due by then. */
function manualScheduler(start: number) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; callback: () => void }>();
  const scheduler: Scheduler = {
    now: () => now,
    setTimeout(callback, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, callback });
      return id;
    },
    clearTimeout(handle) {
      timers.delete(handle as number);
    },
  };
  return {
    scheduler,
    get timers() {
      return timers.size;
    },
    advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].callback();
      }
      now = until;
    },
  };
}

const T0 = Date.UTC(2026, 10, 24, 9, 0);
const SECOND = 1000;

function win(n: number, overrides: Partial<Win> = {}): Win {
  return {
    eventId: `e-${n}`,
    at: T0 + n * SECOND,
    dealTitle: `Deal ${n}`,
    amountMinor: 100_000 * n,
    currency: 'EUR',
    repName: `Rep ${n}`,
    campaignName: `Campaign ${n}`,
    marketerName: `Marketer ${n}`,
    ...overrides,
  };
}

function setup(windowMs = 60 * SECOND, gateAt: (now: number) => CelebrationGate = () => 'open') {
  const clock = manualScheduler(T0);
  const celebrations: { at: number; celebration: Celebration }[] = [];
  let gate = gateAt;
  const batcher = createCelebrationBatcher({
    windowMs,
    scheduler: clock.scheduler,
    gate: (now) => gate(now),
    onCelebrate: (celebration) => celebrations.push({ at: clock.scheduler.now(), celebration }),
  });
  return {
    clock,
    batcher,
    celebrations,
    setGate(next: (now: number) => CelebrationGate) {
      gate = next;
    },
  };
}

describe('celebration batcher', () => {
  it('celebrates the first win after a quiet spell at once, and only the wins within the window after it together', () => {
    const { clock, batcher, celebrations } = setup(60 * SECOND);
    expect(batcher.add(win(1))).toBe('batched');
    // at once: no waiting for a window to close
    expect(celebrations.map((c) => [c.at, c.celebration.count])).toEqual([[T0, 1]]);
    for (let n = 2; n <= 5; n += 1) {
      clock.advance(10 * SECOND);
      expect(batcher.add(win(n))).toBe('batched');
    }
    // 40 s after the first win: the window is still open, the four followers wait.
    expect(celebrations).toHaveLength(1);
    expect(batcher.pending).toBe(4);
    clock.advance(20 * SECOND - 1);
    expect(celebrations).toHaveLength(1);
    clock.advance(1);
    expect(celebrations).toHaveLength(2);
    expect(celebrations[1]!.at).toBe(T0 + 60 * SECOND);
    const celebration = celebrations[1]!.celebration;
    expect(celebration.count).toBe(4);
    expect(celebration.wins.map((w) => w.eventId)).toEqual(['e-2', 'e-3', 'e-4', 'e-5']);
    expect(celebration.reps).toEqual(['Rep 2', 'Rep 3', 'Rep 4', 'Rep 5']);
    expect(celebration.sources).toEqual([2, 3, 4, 5].map((n) => `Campaign ${n} (Marketer ${n})`));
    expect(batcher.pending).toBe(0);
    // A window that closes empty ends the burst: the next win is celebrated at once again.
    clock.advance(60 * SECOND);
    expect(clock.timers).toBe(0);
    batcher.add(win(6));
    expect(celebrations.at(-1)).toMatchObject({ at: T0 + 120 * SECOND, celebration: { count: 1 } });
  });

  it('keeps a steady stream grouped window after window, and ends when a window stays empty', () => {
    const { clock, batcher, celebrations } = setup(60 * SECOND);
    // one win every 25 s: at 0, 25, 50, … 175 s
    for (let n = 0; n < 8; n += 1) {
      batcher.add(win(n));
      clock.advance(25 * SECOND);
    }
    clock.advance(120 * SECOND);
    expect(celebrations.map((c) => c.celebration.count)).toEqual([1, 2, 2, 3]);
    expect(celebrations.map((c) => c.at - T0)).toEqual([0, 60, 120, 180].map((s) => s * SECOND));
    expect(clock.timers).toBe(0);
  });

  it('celebrates wins further apart than the window separately', () => {
    const { clock, batcher, celebrations } = setup(30 * SECOND);
    batcher.add(win(1));
    clock.advance(31 * SECOND);
    batcher.add(win(2));
    clock.advance(31 * SECOND);
    expect(celebrations.map((c) => c.celebration.count)).toEqual([1, 1]);
    expect(celebrations[1]!.celebration.reps).toEqual(['Rep 2']);
  });

  it('celebrates at once with a zero window', () => {
    const { batcher, celebrations } = setup(0);
    batcher.add(win(1));
    expect(celebrations).toHaveLength(1);
  });

  it('counts a repeated event once', () => {
    const { clock, batcher, celebrations } = setup();
    expect(batcher.add(win(1))).toBe('batched');
    expect(batcher.add(win(1))).toBe('duplicate');
    clock.advance(60 * SECOND);
    expect(celebrations[0]!.celebration.count).toBe(1);
  });

  it('drops wins during quiet hours, judged on the injected clock, and celebrates again after them', () => {
    const quietUntil = T0 + 10 * 60 * SECOND;
    const { clock, batcher, celebrations } = setup(60 * SECOND, (now) => (now < quietUntil ? 'drop' : 'open'));
    expect(batcher.add(win(1))).toBe('dropped');
    clock.advance(10 * 60 * SECOND);
    expect(celebrations).toHaveLength(0);
    expect(batcher.add(win(2))).toBe('batched');
    clock.advance(60 * SECOND);
    expect(celebrations.map((c) => c.celebration.wins.map((w) => w.eventId))).toEqual([['e-2']]);
  });

  it('drops a window that closes inside quiet hours', () => {
    const quietFrom = T0 + 30 * SECOND;
    const { clock, batcher, celebrations } = setup(60 * SECOND, (now) => (now >= quietFrom ? 'drop' : 'open'));
    batcher.add(win(1));
    clock.advance(10 * SECOND);
    batcher.add(win(2));
    clock.advance(50 * SECOND);
    expect(celebrations.map((c) => c.celebration.wins.map((w) => w.eventId))).toEqual([['e-1']]);
    expect(batcher.pending).toBe(0);
  });

  it('holds wins during presenter mode and celebrates them together, once, when it ends', () => {
    const { clock, batcher, celebrations, setGate } = setup(60 * SECOND);
    setGate(() => 'hold');
    batcher.add(win(1));
    clock.advance(2 * 60 * SECOND);
    batcher.add(win(2));
    clock.advance(2 * 60 * SECOND);
    expect(celebrations).toHaveLength(0);
    expect(batcher.pending).toBe(2);
    batcher.release();
    expect(celebrations).toHaveLength(0);

    setGate(() => 'open');
    batcher.release();
    expect(celebrations).toHaveLength(1);
    expect(celebrations[0]!.celebration.count).toBe(2);
    batcher.release();
    expect(celebrations).toHaveLength(1);
  });

  it('lets held wins join a window still open when presenter mode ends', () => {
    const { clock, batcher, celebrations, setGate } = setup(60 * SECOND);
    setGate(() => 'hold');
    batcher.add(win(1));
    clock.advance(61 * SECOND);
    batcher.add(win(2));
    setGate(() => 'open');
    batcher.release();
    expect(celebrations).toHaveLength(0);
    clock.advance(60 * SECOND);
    expect(celebrations.map((c) => [c.at - T0, c.celebration.count])).toEqual([[121 * SECOND, 2]]);
  });

  it('forgets held wins when the gate drops them (the stand-up ran into quiet hours)', () => {
    const { clock, batcher, celebrations, setGate } = setup(60 * SECOND);
    setGate(() => 'hold');
    batcher.add(win(1));
    clock.advance(60 * SECOND);
    setGate(() => 'drop');
    batcher.release();
    setGate(() => 'open');
    batcher.release();
    expect(celebrations).toHaveLength(0);
    expect(batcher.pending).toBe(0);
  });

  it('stops its timer when disposed', () => {
    const { clock, batcher, celebrations } = setup();
    batcher.add(win(1));
    batcher.add(win(2));
    expect(clock.timers).toBe(1);
    batcher.dispose();
    expect(clock.timers).toBe(0);
    clock.advance(120 * SECOND);
    // the first was celebrated at once; the waiting follower is forgotten
    expect(celebrations.map((c) => c.celebration.count)).toEqual([1]);
  });
});

describe('combineWins and sourceOf', () => {
  it('credits campaign and marketer, either alone, or nobody', () => {
    expect(sourceOf({ campaignName: 'Webinar Q4', marketerName: 'Tom Berg' })).toBe('Webinar Q4 (Tom Berg)');
    expect(sourceOf({ campaignName: 'Webinar Q4', marketerName: null })).toBe('Webinar Q4');
    expect(sourceOf({ campaignName: null, marketerName: 'Tom Berg' })).toBe('Tom Berg');
    expect(sourceOf({ campaignName: null, marketerName: null })).toBeNull();
  });

  it('names each rep and source once', () => {
    const celebration = combineWins([
      win(1, { repName: 'Ana', campaignName: 'Webinar', marketerName: 'Tom' }),
      win(2, { repName: 'Ben', campaignName: 'Webinar', marketerName: 'Tom' }),
      win(3, { repName: 'Ana', campaignName: null, marketerName: null }),
    ]);
    expect(celebration.count).toBe(3);
    expect(celebration.reps).toEqual(['Ana', 'Ben']);
    expect(celebration.sources).toEqual(['Webinar (Tom)']);
  });
});
