/**
 * Keeps the screen awake while the wall shows something, and lets it sleep during the night schedule.
 * Electron's powerSaveBlocker stacks: every start() is another blocker that needs its own stop(), so the
 * guard holds at most one id however often it is told the same thing.
 */

/** The part of Electron's powerSaveBlocker the guard uses. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep' | 'prevent-app-suspension'): number;
  stop(id: number): void;
  isStarted(id: number): boolean;
}

/** Holds one 'prevent-display-sleep' blocker while showing and not at night. Idempotent. */
export class DisplaySleepGuard {
  private blockerId: number | undefined;
  private showing = false;
  private night = false;

  constructor(private readonly blocker: PowerSaveBlockerLike) {}

  /** The window is on screen (true) or gone (false). */
  setShowing(showing: boolean): void {
    this.showing = showing;
    this.apply();
  }

  /** The renderer's night schedule began (true) or ended (false). */
  setNight(night: boolean): void {
    this.night = night;
    this.apply();
  }

  /** Whether the display is kept awake now. */
  isBlocking(): boolean {
    return this.blockerId !== undefined && this.blocker.isStarted(this.blockerId);
  }

  /** Releases the blocker (quit). */
  dispose(): void {
    this.showing = false;
    this.apply();
  }

  private apply(): void {
    const wanted = this.showing && !this.night;
    if (wanted && !this.isBlocking()) {
      this.blockerId = this.blocker.start('prevent-display-sleep');
    } else if (!wanted && this.blockerId !== undefined) {
      if (this.blocker.isStarted(this.blockerId)) this.blocker.stop(this.blockerId);
      this.blockerId = undefined;
    }
  }
}
