import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logAppMetrics, logChildProcessGone, startMetricsLogging } from '../../../electron/main/health-log';
import { RotatingLog } from '../../../electron/main/rotating-log';

let dir: string;
beforeEach(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'alignboard-log-')), 'logs');
});
afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

const fixedNow = () => new Date('2026-03-02T09:00:00.000Z');

describe('RotatingLog', () => {
  it('creates its directory and appends one timestamped line per record', () => {
    const log = new RotatingLog({ dir, now: fixedNow });
    log.write('first', { a: 1 });
    log.write('second\nline');
    expect(readFileSync(log.file, 'utf8')).toBe(
      '2026-03-02T09:00:00.000Z first {"a":1}\n2026-03-02T09:00:00.000Z second line\n',
    );
  });

  it('never lets a file pass maxBytes and keeps only `keep` old files', () => {
    const log = new RotatingLog({ dir, maxBytes: 200, keep: 3, now: fixedNow });
    for (let n = 0; n < 100; n += 1) log.write(`record ${String(n).padStart(3, '0')} ${'x'.repeat(40)}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['alignboard.log', 'alignboard.log.1', 'alignboard.log.2', 'alignboard.log.3']);
    for (const file of files) expect(statSync(join(dir, file)).size).toBeLessThanOrEqual(200);
    // Newest in the current file, older ones shifted up in order.
    expect(readFileSync(log.file, 'utf8')).toContain('record 099');
    const oldest = readFileSync(`${log.file}.3`, 'utf8');
    const newestOld = readFileSync(`${log.file}.1`, 'utf8');
    expect(oldest < newestOld).toBe(true);
    expect(log.files()).toHaveLength(4);
  });

  it('cuts a single record larger than the cap instead of growing past it', () => {
    const log = new RotatingLog({ dir, maxBytes: 100, keep: 1, now: fixedNow });
    log.write('y'.repeat(1000));
    expect(statSync(log.file).size).toBeLessThanOrEqual(100);
  });

  it('does not throw when the directory cannot be written', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // A directory that cannot exist: its parent is a file.
    const parent = join(dir, '..', 'a-file');
    writeFileSync(parent, '');
    const log = new RotatingLog({ dir: join(parent, 'logs') });
    expect(() => log.write('lost')).not.toThrow();
  });
});

describe('health log', () => {
  it('logs a child process that died and a snapshot of the app metrics', () => {
    const log = new RotatingLog({ dir, now: fixedNow });
    logChildProcessGone(log, { type: 'GPU', reason: 'crashed', exitCode: 139 });
    logAppMetrics(log, [
      {
        pid: 42,
        type: 'Browser',
        cpu: { percentCPUUsage: 1.5 },
        memory: { workingSetSize: 120_000, peakWorkingSetSize: 150_000 },
      },
    ]);
    const lines = readFileSync(log.file, 'utf8').trim().split('\n');
    expect(lines[0]).toContain('child process gone {"type":"GPU","reason":"crashed","exitCode":139}');
    expect(lines[1]).toContain('"pid":42');
    expect(lines[1]).toContain('"workingSetKB":120000');
  });

  it('takes the metrics at start and then every interval, until stopped', () => {
    vi.useFakeTimers();
    try {
      const write = vi.fn();
      const getAppMetrics = vi.fn(() => [{ pid: 1, type: 'Tab' }]);
      const stop = startMetricsLogging({ write }, getAppMetrics, 3_600_000);
      expect(getAppMetrics).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(3_600_000 * 2);
      expect(getAppMetrics).toHaveBeenCalledTimes(3);
      stop();
      vi.advanceTimersByTime(3_600_000 * 2);
      expect(getAppMetrics).toHaveBeenCalledTimes(3);
      expect(write).toHaveBeenCalledWith('app metrics', expect.objectContaining({ processes: expect.any(Array) }));
    } finally {
      vi.useRealTimers();
    }
  });
});
