/**
 * The wall must always have its window. If the window closes (a crash of the browser process, a stray
 * Alt+F4 on a desktop that ignores our key block, a window manager) a new one is made instead of quitting;
 * only a real quit (app 'before-quit') lets it go.
 */

/** The parts of a BrowserWindow the keeper uses. */
export interface KeptWindow {
  once(event: 'closed', listener: () => void): unknown;
  isDestroyed(): boolean;
}

export class WindowKeeper<W extends KeptWindow> {
  private win: W | undefined;
  private quitting = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** @param recreateDelayMs a short pause, so that a window that dies at once does not spin the CPU */
  constructor(
    private readonly create: () => W,
    private readonly recreateDelayMs = 1_000,
  ) {}

  /** Creates the window (if there is none) and keeps it. */
  start(): W {
    if (this.win !== undefined && !this.win.isDestroyed()) return this.win;
    const win = this.create();
    this.win = win;
    win.once('closed', () => {
      if (this.win === win) this.win = undefined;
      if (this.quitting || this.timer !== undefined) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.quitting) this.start();
      }, this.recreateDelayMs);
    });
    return win;
  }

  /** The live window, if any. */
  current(): W | undefined {
    return this.win !== undefined && !this.win.isDestroyed() ? this.win : undefined;
  }

  /** The app is quitting: a window that closes now stays closed. */
  stop(): void {
    this.quitting = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
