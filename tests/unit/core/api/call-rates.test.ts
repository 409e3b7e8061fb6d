import { describe, expect, it } from 'vitest';
import { CallRates } from '../../../../electron/core/api/call-rates';

const RATE = { calls: 3, perMs: 60_000 };

describe('CallRates', () => {
  it('lets a caller make its declared calls per window, then says how long to wait, then lets it again', () => {
    let now = 1_000_000;
    const rates = new CallRates({ now: () => now });
    for (let i = 0; i < 3; i++) expect(rates.take('admin.verifyPin', 'window:1', RATE)).toBe(0);
    expect(rates.take('admin.verifyPin', 'window:1', RATE)).toBe(60);
    now += 30_000;
    expect(rates.take('admin.verifyPin', 'window:1', RATE)).toBe(30);
    // Another caller, and another method of the same caller, count on their own.
    expect(rates.take('admin.verifyPin', 'window:2', RATE)).toBe(0);
    expect(rates.take('meetings.recordRun', 'window:1', RATE)).toBe(0);
    now += 30_000;
    expect(rates.take('admin.verifyPin', 'window:1', RATE)).toBe(0);
  });

  it('remembers at most its cap of callers, forgetting the least recent first', () => {
    const rates = new CallRates({ now: () => 0, maxKeys: 100 });
    for (let i = 0; i < 1_000; i++) rates.take('meetings.recordRun', `10.0.${i >> 8}.${i & 255}`, RATE);
    expect(rates.size).toBe(100);
  });
});
