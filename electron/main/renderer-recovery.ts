/**
 * What to do when the page dies or hangs. A wall left alone for weeks must come back by itself: reload
 * after a crash, waiting longer after each one; if the page keeps dying, a fresh process (relaunch) is the
 * next step; a page that stops answering gets a grace period and is then killed into the same path.
 */

/** The side effects recovery needs; injected so that the policy is tested with a fake clock. */
export interface RecoveryActions {
  /** reloads the page (webContents.reload) */
  reload(): void;
  /** kills the hung renderer (webContents.forcefullyCrashRenderer) */
  forceCrash(): void;
  /** starts a new app process and ends this one (app.relaunch + app.exit) */
  relaunch(): void;
  log(message: string, fields?: Record<string, unknown>): void;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export interface RecoveryPolicy {
  /** first reload delay; doubled after each further crash in the window */
  baseDelayMs: number;
  maxDelayMs: number;
  /** this many crashes within {@link windowMs} relaunch the app instead of reloading */
  maxFailures: number;
  windowMs: number;
  /** how long an unresponsive page may take to answer again before it is killed */
  hangGraceMs: number;
}

export const DEFAULT_RECOVERY_POLICY: RecoveryPolicy = {
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxFailures: 5,
  windowMs: 10 * 60_000,
  hangGraceMs: 30_000,
};

/** The delay before the n-th reload (n ≥ 1) in a row. */
export function backoffDelay(failures: number, policy: Pick<RecoveryPolicy, 'baseDelayMs' | 'maxDelayMs'>): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failures - 1));
}

/** The recovery state of one window's page. */
export class RendererRecovery {
  private failures: number[] = [];
  private reloadTimer: unknown;
  private hangTimer: unknown;
  private relaunched = false;
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(
    private readonly actions: RecoveryActions,
    private readonly policy: RecoveryPolicy = DEFAULT_RECOVERY_POLICY,
  ) {
    this.now = actions.now ?? Date.now;
    this.setTimer = actions.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = actions.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /**
   * The renderer is gone (`render-process-gone`). A clean exit (window closing) needs nothing; a crash
   * while a reload is already scheduled is the same failure, not a new one.
   */
  crashed(reason: string): 'ignored' | 'reload' | 'relaunch' {
    if (reason === 'clean-exit' || this.relaunched) return 'ignored';
    this.cancelHang();
    if (this.reloadTimer !== undefined) return 'ignored';
    const now = this.now();
    this.failures = this.failures.filter((at) => now - at < this.policy.windowMs);
    this.failures.push(now);
    if (this.failures.length >= this.policy.maxFailures) {
      this.relaunched = true;
      this.actions.log('renderer keeps failing: relaunching the app', { reason, failures: this.failures.length });
      this.actions.relaunch();
      return 'relaunch';
    }
    const delay = backoffDelay(this.failures.length, this.policy);
    this.actions.log('renderer gone: reloading', { reason, failures: this.failures.length, delayMs: delay });
    this.reloadTimer = this.setTimer(() => {
      this.reloadTimer = undefined;
      this.actions.reload();
    }, delay);
    return 'reload';
  }

  /** The page stopped answering (`unresponsive`): kill it if it does not answer within the grace period. */
  unresponsive(): void {
    if (this.hangTimer !== undefined || this.relaunched) return;
    this.actions.log('renderer unresponsive', { graceMs: this.policy.hangGraceMs });
    this.hangTimer = this.setTimer(() => {
      this.hangTimer = undefined;
      this.actions.log('renderer still unresponsive: killing it');
      this.actions.forceCrash();
      // The kill also emits render-process-gone; whichever comes first counts, the other is ignored.
      this.crashed('unresponsive');
    }, this.policy.hangGraceMs);
  }

  /** The page answers again (`responsive`). */
  responsive(): void {
    this.cancelHang();
  }

  /** Stops every pending timer (the window closed). */
  dispose(): void {
    this.cancelHang();
    if (this.reloadTimer !== undefined) this.clearTimer(this.reloadTimer);
    this.reloadTimer = undefined;
  }

  private cancelHang(): void {
    if (this.hangTimer !== undefined) this.clearTimer(this.hangTimer);
    this.hangTimer = undefined;
  }
}
