/**
 * Runs each connection at its poll interval: one sync at a time per connection, the next one scheduled
 * when the last ends. A failing connection waits longer each time (doubling, up to ten intervals, with
 * jitter), so an outage never becomes a storm of retries; a refused credential stops it until new ones are
 * saved. Every change of state is pushed as 'connection.changed'.
 */
import type { CrmVendor } from '@shared/connections';
import type { CoreContext } from '../context';
import {
  getConnectionRow,
  listConnectionRows,
  updateConnectionRow,
  getSyncObject,
  saveSyncObject,
} from '../db/repositories/crm-repository';
import { CrmError, DEFAULT_CALL_LIMITS, type CallLimits } from './call-limits';
import { createConnector } from './connector-factory';
import { hasCredentials, readCredentials } from './credentials';
import type { ConnectionScheduler } from './connection-scheduler';
import type { CrmConnector } from './crm-types';
import { markSuccess, runSync, type SyncOutcome } from './sync-engine';

/** Options of the runtime; tests shorten the waits. */
export interface ConnectionRuntimeOptions {
  /** limits of every CRM call */
  callLimits?: Partial<Omit<CallLimits, 'signal'>>;
  /** the most a failing connection's wait grows to, in poll intervals */
  maxBackoffIntervals?: number;
  /** whether createCore starts the schedule (default true); without it syncs run only through runNow */
  autoStart?: boolean;
}

interface Slot {
  /** the connector of the last sync, kept while its settings and credentials stay the same */
  connector?: { key: string; connector: CrmConnector; limits: CallLimits };
  timer?: ReturnType<typeof setTimeout>;
  nextRunAt: number | null;
  running: Promise<void> | null;
  controller: AbortController | null;
  failures: number;
}

/** The scheduler and the syncs it runs, one per core. */
export class ConnectionRuntime implements ConnectionScheduler {
  private readonly slots = new Map<CrmVendor, Slot>();
  private stopped = false;
  private started = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: ConnectionRuntimeOptions = {},
  ) {}

  /** Schedules every saved connection (its first poll right away). */
  start(): void {
    this.started = true;
    for (const row of listConnectionRows(this.ctx.db)) this.schedule(row.vendor, 0);
  }

  /** Stops the schedule and cancels running syncs (each resumes from its cursor next time). */
  stop(): void {
    this.stopped = true;
    for (const slot of this.slots.values()) {
      clearTimeout(slot.timer);
      slot.controller?.abort();
      slot.nextRunAt = null;
    }
  }

  /** Whether a sync of the connection runs now. */
  isRunning(vendor: CrmVendor): boolean {
    return this.slot(vendor).running !== null;
  }

  /** When the connection polls next, or null. */
  nextRunAt(vendor: CrmVendor): number | null {
    return this.slot(vendor).nextRunAt;
  }

  /** Consecutive failed syncs. */
  failures(vendor: CrmVendor): number {
    return this.slot(vendor).failures;
  }

  /** Cancels the connection's schedule and its running sync (pause, disconnect). */
  cancel(vendor: CrmVendor): void {
    const slot = this.slot(vendor);
    clearTimeout(slot.timer);
    slot.controller?.abort();
    slot.nextRunAt = null;
  }

  /**
   * Plans the next poll in `delayMs` when the connection may run (saved, credentials, mapping confirmed, not
   * paused or stopped); otherwise clears its plan.
   */
  schedule(vendor: CrmVendor, delayMs: number): void {
    const slot = this.slot(vendor);
    clearTimeout(slot.timer);
    slot.nextRunAt = null;
    if (!this.started || this.stopped || !this.mayRun(vendor)) return;
    slot.nextRunAt = this.ctx.clock.now() + delayMs;
    slot.timer = setTimeout(() => void this.runNow(vendor), delayMs);
    slot.timer.unref?.();
  }

  /** Runs a sync now (or joins the one running) and plans the next; resolves when it has ended. */
  runNow(vendor: CrmVendor): Promise<void> {
    const slot = this.slot(vendor);
    if (slot.running !== null) return slot.running;
    if (this.stopped || !this.mayRun(vendor)) return Promise.resolve();
    clearTimeout(slot.timer);
    slot.nextRunAt = null;
    slot.controller = new AbortController();
    slot.running = this.run(vendor, slot.controller.signal).finally(() => {
      slot.running = null;
      slot.controller = null;
      this.emit(vendor);
    });
    this.emit(vendor);
    return slot.running;
  }

  /** Resolves once no sync of the connection runs. */
  async idle(vendor: CrmVendor): Promise<void> {
    await this.slot(vendor).running;
  }

  /** Pushes the connection's public status to every display. */
  emit(vendor: CrmVendor): void {
    const listeners = this.statusListeners;
    for (const listener of listeners) listener(vendor);
  }

  /** Called with a vendor whenever its state changed (the service turns it into the public status). */
  readonly statusListeners = new Set<(vendor: CrmVendor) => void>();

  /** The call limits of a sync that `signal` can cancel. */
  limits(signal?: AbortSignal): CallLimits {
    return { ...DEFAULT_CALL_LIMITS, ...this.options.callLimits, signal };
  }

  private mayRun(vendor: CrmVendor): boolean {
    const row = getConnectionRow(this.ctx.db, vendor);
    return (
      row !== undefined &&
      !row.paused &&
      row.stoppedReason === null &&
      row.mappingConfirmedAt !== null &&
      hasCredentials(this.ctx.secrets, vendor)
    );
  }

  private async run(vendor: CrmVendor, signal: AbortSignal): Promise<void> {
    const slot = this.slot(vendor);
    const ctx = this.ctx;
    let failure: CrmError | null = null;
    let outcome: SyncOutcome | null = null;
    const progress = { object: null as null | Parameters<typeof getSyncObject>[2] };
    let connector;
    try {
      const row = getConnectionRow(ctx.db, vendor);
      if (row === undefined) return;
      connector = this.connectorFor(slot, vendor, row.baseUrl, signal);
      outcome = await runSync(ctx, vendor, connector, signal, progress);
    } catch (error) {
      failure = error instanceof CrmError ? error : new CrmError('invalid', (error as Error).message ?? String(error));
    }
    if (!ctx.db.open || getConnectionRow(ctx.db, vendor) === undefined) return;
    const now = ctx.clock.now();
    const allowance = connector?.allowance() ?? null;
    if (failure?.kind === 'aborted') return;
    if (failure === null) {
      slot.failures = 0;
      ctx.db.transaction(() => {
        for (const object of outcome?.succeeded ?? []) markSuccess(ctx, vendor, object);
        updateConnectionRow(
          ctx.db,
          vendor,
          {
            lastSuccessAt: now,
            lastError: null,
            lastErrorAt: null,
            failingSince: null,
            allowance: allowance === null ? undefined : JSON.stringify(allowance),
          },
          now,
        );
      })();
    } else {
      slot.failures += 1;
      const row = getConnectionRow(ctx.db, vendor)!;
      updateConnectionRow(
        ctx.db,
        vendor,
        {
          lastError: failure.message,
          lastErrorAt: now,
          failingSince: row.failingSince ?? now,
          stoppedReason: failure.kind === 'auth' ? failure.message : undefined,
          allowance: allowance === null ? undefined : JSON.stringify(allowance),
        },
        now,
      );
      if (progress.object !== null) {
        const state = getSyncObject(ctx.db, vendor, progress.object);
        saveSyncObject(ctx.db, vendor, { ...state, lastError: failure.message, lastErrorAt: now });
      }
      console.warn(`${vendor} sync failed: ${failure.message}`);
    }
    this.schedule(vendor, this.delayAfter(vendor, slot.failures));
  }

  /**
   * The connector of a sync: built once and kept while the URL and credentials stay the same, since a
   * vendor client is costly to build at every poll; each sync gives it its own cancel signal.
   */
  private connectorFor(slot: Slot, vendor: CrmVendor, baseUrl: string, signal: AbortSignal): CrmConnector {
    const key = JSON.stringify([baseUrl, readCredentials(this.ctx.secrets, vendor)]);
    if (slot.connector?.key !== key) {
      const limits = this.limits(signal);
      slot.connector = { key, limits, connector: createConnector(this.ctx, vendor, baseUrl, limits) };
    }
    slot.connector.limits.signal = signal;
    return slot.connector.connector;
  }

  private delayAfter(vendor: CrmVendor, failures: number): number {
    const interval = (getConnectionRow(this.ctx.db, vendor)?.pollIntervalSec ?? 60) * 1000;
    if (failures === 0) return interval;
    const factor = Math.min(2 ** (failures - 1), this.options.maxBackoffIntervals ?? 10);
    return interval * factor * (1 + 0.25 * Math.random());
  }

  private slot(vendor: CrmVendor): Slot {
    let slot = this.slots.get(vendor);
    if (slot === undefined) {
      slot = { nextRunAt: null, running: null, controller: null, failures: 0 };
      this.slots.set(vendor, slot);
    }
    return slot;
  }
}
