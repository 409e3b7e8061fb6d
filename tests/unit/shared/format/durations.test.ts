import { describe, expect, it } from 'vitest';
import { describeActivity } from '@shared/describe-activity';
import {
  dueIn,
  formatDuration,
  formatLength,
  formatRelative,
  formatStageTime,
  formatTimer,
  overdueBy,
} from '@shared/format';

const MIN = 60_000;
const NOW = Date.UTC(2026, 10, 24, 9, 30);

describe('durations', () => {
  it('counts down rounding up and counts overdue rounding down', () => {
    expect(formatDuration((3 * 60 + 12) * MIN, 'up')).toBe('3 h 12 min');
    expect(formatDuration((3 * 60 + 11) * MIN + 1, 'up')).toBe('3 h 12 min');
    expect(formatDuration((3 * 60 + 12) * MIN - 1, 'down')).toBe('3 h 11 min');
    expect(formatDuration(3 * 60 * MIN, 'up')).toBe('3 h');
    expect(formatDuration(45 * MIN, 'up')).toBe('45 min');
    expect(formatDuration((3 * 60 + 5) * MIN, 'up')).toBe('3 h 05 min');
    expect(formatDuration((27 * 60 + 30) * MIN, 'down')).toBe('1 d 3 h');
    expect(formatDuration(48 * 60 * MIN, 'down')).toBe('2 d');
    expect(formatDuration(65 * MIN + 29_000, 'nearest')).toBe('1 h 05 min');
    // A countdown never says "0 min" while time is left, and never goes below zero.
    expect(formatDuration(50_000, 'up')).toBe('1 min');
    expect(formatDuration(-5_000, 'up')).toBe('0 min');
    expect(dueIn(1_000 + 30_000, 1_000)).toBe('due in 1 min');
    expect(dueIn(1_000, 1_000)).toBe('due now');
    expect(overdueBy(0, (2 * 60 + 5) * MIN + 59_000)).toBe('overdue by 2 h 05 min');
  });

  it('words a measured length in seconds under a minute, else like every other duration', () => {
    expect(formatLength(45_000)).toBe('45 s');
    expect(formatLength(59_400)).toBe('59 s');
    expect(formatLength(59_600)).toBe('1 min');
    expect(formatLength(12 * MIN)).toBe('12 min');
    expect(formatLength(65 * MIN)).toBe('1 h 05 min');
    expect(formatLength(12 * MIN + 5_000, { seconds: true })).toBe('12 min 05 s');
    expect(formatTimer(187)).toBe('3:07');
    expect(formatTimer(-3)).toBe('0:00');
  });

  it('says a meeting held for over an hour the same way in the feed as on the wall', () => {
    const took = 65 * MIN;
    const words = describeActivity({ type: 'standup.held', payload: { durationMs: took } }, 'EUR');
    expect(words.headline).toContain(formatDuration(took, 'nearest'));
    expect(words.headline).toContain('1 h 05 min');
  });

  it('words the median time in a stage in hours or days as fits', () => {
    expect(formatStageTime(null)).toBe('');
    expect(formatStageTime(0.4)).toBe('<1 h');
    expect(formatStageTime(5.4)).toBe('~5 h');
    expect(formatStageTime(47)).toBe('~47 h');
    expect(formatStageTime(60)).toBe('~2.5 d');
    expect(formatStageTime(72)).toBe('~3 d');
    expect(formatStageTime(24 * 14.4)).toBe('~14 d');
  });

  it('says how long ago in the fewest words', () => {
    expect(formatRelative(NOW - 20_000, NOW)).toBe('just now');
    expect(formatRelative(NOW + 5_000, NOW)).toBe('just now');
    expect(formatRelative(NOW - 3 * MIN, NOW)).toBe('3 min ago');
    expect(formatRelative(NOW - 125 * MIN, NOW)).toBe('2 h ago');
    expect(formatRelative(NOW - 30 * 60 * MIN, NOW)).toBe('yesterday');
    expect(formatRelative(NOW - 4 * 24 * 60 * MIN, NOW)).toBe('4 days ago');
  });
});
