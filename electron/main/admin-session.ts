/**
 * Who may change data over IPC. In the Electron app the admin view asks for the PIN; until it was given in
 * a window, that window's write calls are refused. The state lives here, in the main process, because a
 * renderer's own word that it is unlocked proves nothing.
 */

/** How long an unlocked window stays unlocked without making a change. */
export const ADMIN_IDLE_MS = 15 * 60_000;

/** The unlocked state of one window: unlocked by the PIN, locked again after {@link ADMIN_IDLE_MS} idle. */
export class AdminSession {
  private unlocked = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly idleMs: number = ADMIN_IDLE_MS) {}

  /** Unlocks (the PIN was right) and starts the idle countdown. */
  unlock(): void {
    this.unlocked = true;
    this.touch();
  }

  /** Locks now. */
  lock(): void {
    this.unlocked = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  isUnlocked(): boolean {
    return this.unlocked;
  }

  /** Restarts the idle countdown: a change was just made. Does nothing while locked. */
  touch(): void {
    if (!this.unlocked) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.lock(), this.idleMs);
    // A pending lock must not keep the app alive at quit.
    this.timer.unref?.();
  }
}

/** One {@link AdminSession} per window (webContents id): unlocking the admin window unlocks only it. */
export class AdminSessions {
  private readonly sessions = new Map<number, AdminSession>();

  constructor(private readonly idleMs: number = ADMIN_IDLE_MS) {}

  /** The session of a window, created locked on first use. */
  of(webContentsId: number): AdminSession {
    let session = this.sessions.get(webContentsId);
    if (session === undefined) {
      session = new AdminSession(this.idleMs);
      this.sessions.set(webContentsId, session);
    }
    return session;
  }

  /** Forgets windows that are gone, so that a new window with a reused id starts locked. */
  retain(webContentsIds: ReadonlySet<number>): void {
    for (const [id, session] of this.sessions) {
      if (webContentsIds.has(id)) continue;
      session.lock();
      this.sessions.delete(id);
    }
  }

  /** Locks and forgets every window (teardown). */
  clear(): void {
    this.retain(new Set());
  }
}
