/**
 * The CRM sync scheduler as the rest of the core sees it through `ctx.connections`: a door the context can
 * name without importing the syncs behind it (connection-runtime.ts implements it).
 */
import type { CrmVendor } from '@shared/connections';
import type { CallLimits } from './call-limits';

/** The scheduler and the syncs it runs, one per core. */
export interface ConnectionScheduler {
  /** Schedules every saved connection (its first poll right away). */
  start(): void;
  /** Stops the schedule and cancels running syncs (each resumes from its cursor next time). */
  stop(): void;
  /** Whether a sync of the connection runs now. */
  isRunning(vendor: CrmVendor): boolean;
  /** When the connection polls next, or null. */
  nextRunAt(vendor: CrmVendor): number | null;
  /** Consecutive failed syncs. */
  failures(vendor: CrmVendor): number;
  /** Cancels the connection's schedule and its running sync (pause, disconnect). */
  cancel(vendor: CrmVendor): void;
  /** Plans the connection's next sync in `delayMs`, or clears its plan when it may not run. */
  schedule(vendor: CrmVendor, delayMs: number): void;
  /** Runs a sync now (or joins the one running) and plans the next; resolves when it has ended. */
  runNow(vendor: CrmVendor): Promise<void>;
  /** Resolves once no sync of the connection runs. */
  idle(vendor: CrmVendor): Promise<void>;
  /** Pushes the connection's public status to every display. */
  emit(vendor: CrmVendor): void;
  /** Called with a vendor whenever its state changed (the service turns it into the public status). */
  readonly statusListeners: Set<(vendor: CrmVendor) => void>;
  /** The call limits of a sync that `signal` can cancel. */
  limits(signal?: AbortSignal): CallLimits;
}
