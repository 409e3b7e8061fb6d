/**
 * Batches won deals into celebrations. The first win after a quiet spell is celebrated AT ONCE — nobody in
 * the room should wait a minute to see it — and opens a window of `windowMs`; only the wins that follow
 * within that window are grouped, and the window's close celebrates them as ONE (a burst of five wins at
 * the end of a quarter is the first one, then the other four together, not five overlays in a row). A
 * window that closes with wins in it opens the next one, so a burst that goes on stays grouped; a window
 * that closes empty ends the burst, and the next win is again celebrated at once.
 *
 * A gate, asked when a win arrives and when a window closes, says whether celebrating is allowed now:
 * - `open`: celebrate;
 * - `drop`: quiet hours, the night screen or celebrations switched off: the wins are forgotten (they still
 *   show in the activity feed; a celebration hours later would puzzle the room);
 * - `hold`: presenter or stand-up mode: nothing may interrupt it, so the wins are kept and celebrated
 *   together, as one, when {@link CelebrationBatcher.release} finds the gate open again.
 *
 * The clock and the timer are injected, so tests drive the batching without waiting.
 */

/** One won deal, as much as a celebration names of it. */
export interface Win {
  /** the activity event's id: the same event arriving twice counts once */
  eventId: string;
  at: number;
  dealTitle: string | null;
  amountMinor: number | null;
  currency: string | null;
  /** the rep who closed the deal */
  repName: string | null;
  /** the campaign and the marketer who sourced it (fair credit), where it has them */
  campaignName: string | null;
  marketerName: string | null;
}

/** One celebration on the wall: one win, or a burst of them combined. */
export interface Celebration {
  /** the wins in the order they arrived */
  wins: Win[];
  count: number;
  /** the closing reps, each once, in order of first appearance */
  reps: string[];
  /** who sourced the wins, each once: "Webinar Q4 (Tom Berg)", "Webinar Q4" or "Tom Berg" */
  sources: string[];
}

export type CelebrationGate = 'open' | 'hold' | 'drop';

/** The clock and the timer, injected (tests pass fakes; the app passes Date.now and setTimeout). */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface CelebrationBatcherOptions {
  /** wins within this long after a celebrated one are grouped into one celebration; 0 celebrates each at once */
  windowMs: number;
  scheduler: Scheduler;
  /** whether celebrating is allowed at this time (the scheduler's clock), e.g. outside quiet hours */
  gate(now: number): CelebrationGate;
  onCelebrate(celebration: Celebration): void;
}

export interface CelebrationBatcher {
  /** A deal was won. Returns what became of it: batched (or held), or dropped by the gate, or a duplicate. */
  add(win: Win): 'batched' | 'dropped' | 'duplicate';
  /** The gate may have changed: held wins are celebrated (as one) if it is open, forgotten if it drops. */
  release(): void;
  /** Wins waiting in the open window or held for later. */
  readonly pending: number;
  /** Stops the window's timer and forgets every waiting win. */
  dispose(): void;
}

/** The sourcing credit of a win as one short phrase, or null when nobody is credited. */
export function sourceOf(win: Pick<Win, 'campaignName' | 'marketerName'>): string | null {
  if (win.campaignName && win.marketerName) return `${win.campaignName} (${win.marketerName})`;
  return win.campaignName ?? win.marketerName ?? null;
}

/** Combines wins into one celebration. */
export function combineWins(wins: readonly Win[]): Celebration {
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((value): value is string => !!value))];
  return {
    wins: [...wins],
    count: wins.length,
    reps: distinct(wins.map((win) => win.repName)),
    sources: distinct(wins.map(sourceOf)),
  };
}

/** Creates a batcher; see the module comment for how wins, windows and the gate interact. */
export function createCelebrationBatcher(options: CelebrationBatcherOptions): CelebrationBatcher {
  const { scheduler, gate, onCelebrate } = options;
  /** wins of the window that is open now */
  let windowWins: Win[] = [];
  /** wins whose window closed while the gate held them */
  let held: Win[] = [];
  let timer: unknown;
  let timerSet = false;
  /** ids seen recently, so that a repeated event does not celebrate twice */
  const seen = new Set<string>();
  const SEEN_KEEP = 200;

  function remember(id: string): void {
    seen.add(id);
    if (seen.size > SEEN_KEEP) seen.delete(seen.values().next().value!);
  }

  function celebrate(wins: Win[]): void {
    if (wins.length > 0) onCelebrate(combineWins(wins));
  }

  /** Celebrates `wins` now if the gate is open, keeps them if it holds, forgets them if it drops. */
  function deliver(wins: Win[]): void {
    const state = gate(scheduler.now());
    if (state === 'drop') {
      held = [];
      return;
    }
    held = [...held, ...wins];
    if (state === 'open') {
      const all = held;
      held = [];
      celebrate(all);
    }
  }

  function openWindow(): void {
    if (options.windowMs <= 0) return;
    timerSet = true;
    timer = scheduler.setTimeout(closeWindow, options.windowMs);
  }

  function closeWindow(): void {
    timerSet = false;
    timer = undefined;
    const wins = windowWins;
    windowWins = [];
    // Wins that came during the window are celebrated together, and the burst may go on: a new window.
    // Wins held meanwhile (presenter mode that has ended) come along.
    if (wins.length > 0 || held.length > 0) deliver(wins);
    if (wins.length > 0) openWindow();
  }

  return {
    add(win) {
      if (seen.has(win.eventId)) return 'duplicate';
      remember(win.eventId);
      if (gate(scheduler.now()) === 'drop') return 'dropped';
      if (timerSet) {
        windowWins.push(win);
        return 'batched';
      }
      // The first win after a quiet spell: at once, and the window for those that follow opens.
      deliver([win]);
      openWindow();
      return 'batched';
    },
    release() {
      // A window still open celebrates everything held when it closes.
      if (timerSet || held.length === 0) return;
      const state = gate(scheduler.now());
      if (state === 'drop') held = [];
      else if (state === 'open') {
        const all = held;
        held = [];
        celebrate(all);
      }
    },
    get pending() {
      return windowWins.length + held.length;
    },
    dispose() {
      if (timerSet) scheduler.clearTimeout(timer);
      timerSet = false;
      windowWins = [];
      held = [];
    },
  };
}
