/**
 * What the shell writes to its log for a later look at a wall that misbehaved: child processes (GPU,
 * utility) that died, and once an hour every process's memory and CPU, where a slow leak shows up.
 */
import type { RotatingLog } from './rotating-log';

export const METRICS_INTERVAL_MS = 60 * 60_000;

/** The parts of Electron's ProcessMetric that are logged. */
export interface ProcessMetricLike {
  pid: number;
  type: string;
  name?: string;
  cpu?: { percentCPUUsage: number };
  memory?: { workingSetSize: number; peakWorkingSetSize: number };
}

/** Logs a `child-process-gone` event of the app. */
export function logChildProcessGone(
  log: Pick<RotatingLog, 'write'>,
  details: { type: string; reason: string; exitCode: number; name?: string; serviceName?: string },
): void {
  log.write('child process gone', {
    type: details.type,
    reason: details.reason,
    exitCode: details.exitCode,
    name: details.name ?? details.serviceName,
  });
}

/** Logs one snapshot of app.getAppMetrics(): per process, type, pid, CPU % and memory in KB. */
export function logAppMetrics(log: Pick<RotatingLog, 'write'>, metrics: readonly ProcessMetricLike[]): void {
  log.write('app metrics', {
    processes: metrics.map((metric) => ({
      type: metric.type,
      pid: metric.pid,
      name: metric.name,
      cpu: metric.cpu?.percentCPUUsage,
      workingSetKB: metric.memory?.workingSetSize,
      peakWorkingSetKB: metric.memory?.peakWorkingSetSize,
    })),
  });
}

/** Logs the metrics now and then every {@link METRICS_INTERVAL_MS}; returns the function that stops it. */
export function startMetricsLogging(
  log: Pick<RotatingLog, 'write'>,
  getAppMetrics: () => readonly ProcessMetricLike[],
  intervalMs: number = METRICS_INTERVAL_MS,
): () => void {
  const take = () => logAppMetrics(log, getAppMetrics());
  take();
  const timer = setInterval(take, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
